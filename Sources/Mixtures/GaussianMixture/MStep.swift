import Foundation
import LinearAlgebra

/// The M-step of a Gaussian mixture, built from the Gaussian layer's pieces:
///
///     Nₖ, μₖ, Sₖ                        WeightedMoments (blocked DGEMM/DSYRK pass)
///     Σₖ per covariance type             GaussianEstimators (full, diag, spherical, tied)
///     collapsed components               CollapsePolicy (re-initialised)
///     πₖ = Nₖ / N
///
/// Scatter is accumulated per block of rows around a centre `cₖ` (the previous mean in
/// a fused iteration, the new mean in a stand-alone M-step) and moved to the new mean
/// exactly by `− Nₖ (μₖ − cₖ)(μₖ − cₖ)ᵀ`.
extension GaussianMixtureEM {
    /// One M-step from responsibilities (N × K).
    ///
    /// A component with (numerically) no responsibility gets the data's mean and
    /// diagonal variance and, before the weights are renormalised, a weight of 1/K of
    /// the total, so the result never holds NaN; `fit` instead re-initialises such a
    /// component at a random data point.
    /// - Throws: `GaussianMixtureError.dimensionMismatch` when the shapes disagree.
    public static func mStep(_ x: Matrix, _ responsibilities: Matrix, _ covarianceType: CovarianceType,
                             regularization: Double = 1e-6) throws -> GaussianMixtureParameters {
        guard responsibilities.rows == x.rows else {
            throw GaussianMixtureError.dimensionMismatch(expected: x.rows, found: responsibilities.rows)
        }
        let stats = SufficientStatistics.accumulated(x, responsibilities: responsibilities, covarianceType: covarianceType)
        let summary = DataSummary(x)
        return parameters(stats, regularization: regularization) { _ in
            (summary.means, summary.variances.map { $0 + regularization })
        }.parameters
    }

    /// Parameters maximising the expected complete-data log-likelihood given accumulated
    /// statistics. Collapsed components (see `CollapsePolicy`) take `replacement(k)`'s mean
    /// and diagonal covariance and a weight of 1/K of the total before renormalising.
    static func parameters(_ stats: SufficientStatistics, regularization: Double,
                           collapse: CollapsePolicy = CollapsePolicy(),
                           replacement: (Int) -> (mean: [Double], variances: [Double]))
        -> (parameters: GaussianMixtureParameters, collapsed: [Int]) {
        let type = stats.covarianceType
        let k = stats.components, d = stats.dimensions
        let moments = WeightedMoments(stats)
        var covariances = GaussianEstimators.covariances(moments, structure: type, regularization: regularization,
                                                         collapse: collapse)
        let collapsed = collapse.collapsed(moments, covariances: covariances, structure: type)
        // A degenerate shared matrix falls back to the diagonal of the data's spread.
        collapse.replacingDegenerateTied(&covariances, structure: type, variances: { replacement(0).variances },
                                         regularization: regularization)
        let total = moments.total
        var weights = moments.counts.map { $0 + 10 * Double.ulpOfOne }
        var means = moments.means
        for c in collapsed {
            let (mean, variances) = replacement(c)
            for j in 0..<d { means.storage[c * d + j] = mean[j] }
            if type != .tied {
                covariances[c] = collapse.replacementCovariance(variances: variances, structure: type,
                                                                regularization: regularization)
            }
            weights[c] = collapse.replacementWeight(total: total, components: k)
        }
        let weightTotal = weights.reduce(0, +)
        weights = weights.map { $0 / weightTotal }
        return (GaussianMixtureParameters(weights: weights, means: means, covariances: covariances), collapsed)
    }

    /// Accumulates one block's sufficient statistics into `stats` (see `SufficientStatistics.accumulate`).
    static func blockAccumulate(x: UnsafePointer<Double>, rows: Int, responsibilities r: UnsafePointer<Double>,
                                scratch z: UnsafeMutablePointer<Double>, into stats: inout SufficientStatistics) {
        stats.accumulate(x: x, rows: rows, responsibilities: r, scratch: z)
    }
}

/// Column means and variances of the data, for re-initialising collapsed components.
struct DataSummary: Sendable {
    var means: [Double]
    var variances: [Double]

    init(_ x: Matrix) {
        let n = x.rows, d = x.columns
        var m = [Double](repeating: 0, count: d)
        var v = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { m[j] += x.storage[i * d + j] } }
        for j in 0..<d { m[j] /= Double(max(1, n)) }
        for i in 0..<n { for j in 0..<d { let t = x.storage[i * d + j] - m[j]; v[j] += t * t } }
        for j in 0..<d { v[j] /= Double(max(1, n)) }
        means = m
        variances = v
    }
}
