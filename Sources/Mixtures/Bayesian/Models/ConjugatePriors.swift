/// Conjugate priors of the Gaussian mixture that Gibbs sampling needs:
/// w ~ Dirichlet(α); per component, diagonal: σ²ₖd ~ InvGamma(a₀, b₀) and
/// μₖd | σ²ₖd ~ N(m₀, σ²ₖd/κ₀); full: Σₖ ~ InvWishart(ν₀, Ψ₀ = b₀·I) and μₖ | Σₖ ~ N(m₀·1, Σₖ/κ₀).
///
/// The defaults are weak (κ₀ = 0.01 gives the means a prior sd of 10σ around m₀ = 0):
/// the conjugate counterpart of the README's Normal(0, 10) / HalfCauchy(5) priors.
public struct ConjugatePriors: Sendable, Equatable {
    public var dirichletConcentration: Double
    /// Prior mean of every mean coordinate.
    public var meanCenter: Double
    /// Prior precision multiplier κ₀ of the means (relative to the component covariance).
    public var meanPrecision: Double
    /// Inverse-gamma shape a₀ (diagonal); ν₀ = 2a₀ + D − 1 for the inverse Wishart (full).
    public var varianceShape: Double
    /// Inverse-gamma scale b₀ (diagonal); Ψ₀ = 2b₀·I for the inverse Wishart (full).
    public var varianceScale: Double

    public init(dirichletConcentration: Double = 1, meanCenter: Double = 0, meanPrecision: Double = 0.01,
                varianceShape: Double = 1, varianceScale: Double = 1) {
        self.dirichletConcentration = dirichletConcentration
        self.meanCenter = meanCenter
        self.meanPrecision = meanPrecision
        self.varianceShape = varianceShape
        self.varianceScale = varianceScale
    }

    /// Throws `SamplerError.invalidSetting` unless every positive quantity is positive and finite.
    public func validate() throws {
        for (name, v) in [("dirichletConcentration", dirichletConcentration), ("meanPrecision", meanPrecision),
                          ("varianceShape", varianceShape), ("varianceScale", varianceScale)] where !(v > 0 && v.isFinite) {
            throw SamplerError.invalidSetting("conjugate prior \(name) must be positive and finite, got \(v)")
        }
        guard meanCenter.isFinite else { throw SamplerError.invalidSetting("conjugate prior meanCenter must be finite") }
    }
}
