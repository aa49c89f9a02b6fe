import LinearAlgebra

/// When a Gaussian component has collapsed, and what replaces it.
///
/// A component has collapsed when it holds (numerically) no weight, its mean is not
/// finite, or its covariance is not positive definite. It is then re-initialised: its
/// mean at a data row the caller draws, a diagonal covariance from the data's variances,
/// and a weight of 1/K of the total before the weights are renormalised; EM reports it
/// as `EMWarning.componentReinitialized` and does not compare the bound across it.
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
