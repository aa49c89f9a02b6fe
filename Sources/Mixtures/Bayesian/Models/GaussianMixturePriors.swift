/// The priors of the Bayesian Gaussian mixture (the README's model):
/// w ~ Dirichlet(α, …, α), each mean coordinate μₖd ~ Normal(0, meanScale) (meanScale a
/// standard deviation, as in NumPyro's `Normal(0, 10)`), each scale σₖd ~ HalfCauchy(scaleScale).
public struct GaussianMixturePriors: Sendable, Equatable {
    /// Dirichlet concentration of every weight.
    public var dirichletConcentration: Double
    /// Standard deviation of the normal prior on each mean coordinate.
    public var meanScale: Double
    /// Scale of the half-Cauchy prior on each component standard deviation.
    public var scaleScale: Double

    public init(dirichletConcentration: Double = 1, meanScale: Double = 10, scaleScale: Double = 5) {
        self.dirichletConcentration = dirichletConcentration
        self.meanScale = meanScale
        self.scaleScale = scaleScale
    }

    /// Throws `SamplerError.invalidSetting` unless every value is positive and finite.
    public func validate() throws {
        for (name, v) in [("dirichletConcentration", dirichletConcentration), ("meanScale", meanScale), ("scaleScale", scaleScale)]
        where !(v > 0 && v.isFinite) {
            throw SamplerError.invalidSetting("prior \(name) must be positive and finite, got \(v)")
        }
    }
}

/// How the sampler keeps component labels from switching between modes.
public enum LabelConstraint: String, Sendable, CaseIterable {
    /// The first coordinate of the means is ordered, μ₁₁ < μ₂₁ < … (the default: one mode
    /// of the K! relabellings is sampled, so per-component summaries mean something).
    case orderedFirstCoordinate = "ordered"
    /// No constraint: chains may visit any of the K! relabelled modes.
    case none
}
