import LinearAlgebra

/// When a Gaussian component has collapsed, and what replaces it.
///
/// A component has collapsed when it holds (numerically) no weight, its mean is not
/// finite, or its covariance is not positive definite. It is then re-initialised: its
/// mean at a data row the caller draws, a diagonal covariance from the data's variances,
/// and a weight of 1/K of the total before the weights are renormalised; EM reports it
/// as `EMWarning.componentReinitialized` and does not compare the bound across it.
///
/// A fit can also end *degenerate* without collapsing: a component is narrower in some
/// direction than the data can resolve (`isUnsupported`: held up by the ridge alone, or
/// thinner than the rounding of the data), a spurious maximum that restarts must not pick
/// as the winner (`EMSettings.rejectsDegenerate`).
public struct CollapsePolicy: Sendable, Equatable {
    /// A component whose count Nₖ is at most this fraction of Σₖ Nₖ is empty.
    public var emptyFraction: Double

    public init(emptyFraction: Double = 1e-12) {
        self.emptyFraction = emptyFraction
    }

    /// Whether component `c` holds no weight or has a non-finite mean.
    public func isEmpty(_ moments: WeightedMoments, component c: Int) -> Bool {
        let threshold = max(emptyFraction * moments.total, 1e-300)
        guard moments.counts[c] > threshold else { return true }
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
}
