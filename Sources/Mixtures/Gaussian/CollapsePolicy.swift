import LinearAlgebra

/// When a component has collapsed, and what replaces it: the one place that decides, for
/// every mixture family.
///
/// A Gaussian component has collapsed when it holds (numerically) no weight, its mean is
/// not finite, or its covariance is not positive definite. A regression component (see
/// `regression(designColumns:)`) has collapsed when it holds fewer effective rows than
/// its design has columns + 1, or its weighted design is rank deficient; its noise
/// variance never goes below a floor (`flooredVariance`), the degenerate optimum of
/// unbounded likelihood a component would otherwise reach on a few points.
///
/// A collapsed component is re-initialised: its mean at a data row drawn by
/// `replacementRow`, a diagonal covariance from the data's variances
/// (`replacementCovariance`), a regression fitted to uniform random soft weights
/// (`replacementWeights`), and a weight of 1/K of the total (`replacementWeight`) before the
/// weights are renormalised; EM reports it as `EMWarning.componentReinitialized` and does
/// not compare the bound across it.
///
/// A fit can also end *degenerate* without collapsing: a component is narrower in some
/// direction than the data can resolve (`isUnsupported`: held up by the ridge alone, or
/// thinner than the rounding of the data), a spurious maximum that restarts must not pick
/// as the winner (`EMSettings.rejectsDegenerate`).
public struct CollapsePolicy: Sendable, Equatable {
    /// A component whose count Nₖ is at most this fraction of Σₖ Nₖ is empty.
    public var emptyFraction: Double
    /// A component with fewer effective rows than this is empty too (0 for a Gaussian mixture).
    public var minimumCount: Double

    public init(emptyFraction: Double = 1e-12, minimumCount: Double = 0) {
        self.emptyFraction = emptyFraction
        self.minimumCount = minimumCount
    }

    /// The policy of a regression with `designColumns` coefficients per target: a weighted
    /// least-squares fit of P coefficients and a noise variance needs at least P + 1
    /// effective rows.
    public static func regression(designColumns p: Int) -> CollapsePolicy {
        CollapsePolicy(minimumCount: Double(p) + 1)
    }

    /// Whether a component with count `count` (of `total` over all components) holds too little weight.
    public func isEmpty(count: Double, total: Double) -> Bool {
        count <= max(emptyFraction * total, 1e-300) || count < minimumCount
    }

    /// The components that collapsed, ascending: those that are empty by count, and those
    /// whose estimate `unusable` rejects (checked only for components that are not empty).
    public func collapsed(counts: [Double], unusable: (Int) -> Bool) -> [Int] {
        let total = counts.reduce(0, +)
        return counts.indices.filter { isEmpty(count: counts[$0], total: total) || unusable($0) }
    }

    /// A variance kept at or above its floor.
    public func flooredVariance(_ variance: Double, floor: Double) -> Double { max(variance, floor) }

    /// Whether a (floored) variance sits on its floor, to rounding.
    public func isAtFloor(_ variance: Double, floor: Double) -> Bool { variance <= floor * (1 + 1e-12) }

    /// The data row a re-initialised component's mean moves to.
    public func replacementRow(rows: Int, generator: inout RandomGenerator) -> Int {
        generator.index(below: rows)
    }

    /// Uniform random soft weights over the rows, to which a re-initialised regression is fitted.
    public func replacementWeights(rows: Int, generator: inout RandomGenerator) -> [Double] {
        (0..<rows).map { _ in generator.uniform() }
    }

    /// The weight, before renormalising, of a re-initialised component: 1/K of the total.
    public func replacementWeight(total: Double, components: Int) -> Double {
        max(total, 1) / Double(components)
    }

    /// Whether component `c` holds no weight or has a non-finite mean.
    public func isEmpty(_ moments: WeightedMoments, component c: Int) -> Bool {
        guard !isEmpty(count: moments.counts[c], total: moments.total) else { return true }
        let d = moments.dimensions
        for j in 0..<d where !moments.means.storage[c * d + j].isFinite { return true }
        return false
    }

    /// Whether a covariance estimate is unusable (not finite or not positive definite).
    public func isDegenerate(_ covariance: Matrix) -> Bool {
        !covariance.isFinite || (try? covariance.cholesky()) == nil
    }

    /// The components of these estimates that collapsed, ascending. With a tied
    /// structure only emptiness counts (the shared matrix is checked on its own).
    public func collapsed(_ moments: WeightedMoments, covariances: [Matrix], structure: CovarianceType) -> [Int] {
        (0..<moments.components).filter { c in
            isEmpty(moments, component: c) || (structure != .tied && isDegenerate(covariances[c]))
        }
    }

    /// Whether a fitted covariance is narrower in some direction than the data can resolve:
    /// its smallest eigenvalue is below `floor` (`degeneracyFloor`).
    ///
    /// Why this is the rule: the scatter of m points about their mean spans at most m − 1
    /// directions, so a Gaussian on fewer than D + 1 distinct points, or on points in a
    /// lower-dimensional affine subspace (which rounded measurements make common: iris's
    /// flowers with the same petal width), has a singular scatter, and its covariance is
    /// the ridge ε alone in that direction. Each of its points then earns −½ log ε from that
    /// direction, without bound as ε → 0: the maximum is an artefact, not a fit. And values
    /// recorded to a step h carry a rounding error of variance h²/12 along that axis, so a
    /// component narrower than min h²/12 in some direction describes the grid of recorded
    /// values, not the population. Counting points (Nₖ < D + 1) would miss both: such a
    /// component can hold dozens of repeated or aligned rows.
    public func isUnsupported(_ covariance: Matrix, floor: Double) -> Bool {
        guard let smallest = (try? covariance.symmetricEigen())?.values.min() else { return true }
        return !(smallest >= floor)
    }

    /// The narrowest variance a component may have: twice the ridge ε (the component's own
    /// scatter then spreads at least ε) or the rounding variance h²/12 of the finest-recorded
    /// column (`DataResolution`), whichever is larger.
    public static func degeneracyFloor(regularization: Double, roundingVariance: Double) -> Double {
        max(2 * regularization, roundingVariance)
    }

    /// The components whose covariance is narrower than `floor` (`isUnsupported`),
    /// ascending; with a tied structure the shared matrix decides for all of them.
    public func unsupportedComponents(_ covariances: [Matrix], structure: CovarianceType, floor: Double) -> [Int] {
        if structure == .tied, let shared = covariances.first {
            return isUnsupported(shared, floor: floor) ? Array(covariances.indices) : []
        }
        return covariances.indices.filter { isUnsupported(covariances[$0], floor: floor) }
    }

    /// The covariance given to a re-initialised component: the data's variances on the
    /// diagonal (their mean for a spherical structure), never below `regularization` or 1e-12.
    public func replacementCovariance(variances: [Double], structure: CovarianceType, regularization: Double) -> Matrix {
        let d = variances.count
        let safe = variances.map { max($0, regularization, 1e-12) }
        return structure == .spherical
            ? Matrix.diagonal([Double](repeating: safe.reduce(0, +) / Double(d), count: d))
            : Matrix.diagonal(safe)
    }

    /// A tied structure shares one matrix, so when that one is degenerate it is replaced for
    /// every component (with `replacementCovariance` of `variances()`, evaluated only then);
    /// emptiness alone collapses a single tied component. Other structures are left as they are.
    public func replacingDegenerateTied(_ covariances: inout [Matrix], structure: CovarianceType,
                                        variances: () -> [Double], regularization: Double) {
        guard structure == .tied, let shared = covariances.first, isDegenerate(shared) else { return }
        let fallback = replacementCovariance(variances: variances(), structure: .tied, regularization: regularization)
        covariances = [Matrix](repeating: fallback, count: covariances.count)
    }
}
