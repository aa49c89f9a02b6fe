import LinearAlgebra

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

    /// A warning when values of a data column lie beyond three prior standard deviations of
    /// the Normal(0, meanScale) prior (|x| > 3·meanScale): the prior then pulls the
    /// parameters that must reach those values (`subject`: the component means, or a
    /// cluster-weighted model's covariate means) towards zero, and far enough out NUTS finds no step size.
    /// Names the column reaching furthest; nil when every column is within reach.
    public func meanPriorWarning(data x: Matrix, names: [String], subject: String = "the means") -> String? {
        guard x.rows > 0, x.columns > 0 else { return nil }
        var largest = [Double](repeating: 0, count: x.columns)
        for i in 0..<x.rows { for j in 0..<x.columns { largest[j] = max(largest[j], abs(x[i, j])) } }
        guard let worst = largest.indices.max(by: { largest[$0] < largest[$1] }), largest[worst] > 3 * meanScale else { return nil }
        let name = worst < names.count ? "\"\(names[worst])\"" : "\(worst + 1)"
        return "column \(name) has values up to \(largest[worst]), beyond 3 standard deviations of the Normal(0, \(meanScale)) "
            + "prior on \(subject): the prior is informative there and pulls \(subject) towards 0 (with few rows, much); "
            + "standardise the columns, or set --mean-scale (and --scale-scale) in the data's units"
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
