import Foundation
import LinearAlgebra

/// Closed-form EM for the hierarchical mixture (the analytic variant), run by `EMDriver`.
///
/// E-step: one blocked `HierarchicalPass` (no per-row results kept). M-step, from its
/// expected moments:
/// - the latent mixture through the shared Gaussian layer: `WeightedMoments` from the
///   expected moments (N_k, Σₙ r_nk m_nk, Σₙ r_nk (S_k + m_nk m_nkᵀ)), then
///   `GaussianEstimators.covariances` (full), π_k = N_k / N;
/// - the factor model as a regression of x on E[y | x] with intercept:
///   W = Cov(x, y) Cov(y)⁻¹, b = E[x] − W E[y], Ψ = diag(Cov(x) − W Cov(y, x)), floored;
/// - then `whitened()`: the latent marginal gets mean 0 and covariance I (p(x) unchanged),
///   so that W and Σ_k do not drift along the affine ambiguity. An exact change of gauge of
///   the plain M-step, so the log-likelihood never decreases.
struct HierarchicalMixtureEM: ExpectationMaximizable {
    typealias Data = Matrix
    typealias Parameters = HierarchicalMixtureParameters
    /// The E-step's sums and the posterior covariances S_k.
    typealias Expectations = (statistics: HierarchicalStatistics, posteriorCovariances: [Matrix])

    let start: HierarchicalMixtureStart
    let components: Int
    let latent: Int
    let moments: ColumnMoments
    let noise: NoiseModel
    /// The noise floor of every column (p).
    let floors: [Double]
    let regularization: Double
    /// The fitted rows as `RowGroups` when the E-step is the small-rank sweep (d ≤ 4), made
    /// once for the whole fit; nil otherwise. They must be the rows `expectation` is given.
    let rowGroups: RowGroups?

    func initialParameters(for data: Matrix, generator: inout RandomGenerator) throws -> HierarchicalMixtureParameters {
        try start.parameters(data, moments: moments, floors: floors, components: components, latent: latent,
                             noise: noise, generator: &generator)
    }

    func expectation(_ data: Matrix, _ parameters: HierarchicalMixtureParameters) throws
        -> (expectations: Expectations, lowerBound: Double) {
        let structure = try LowRankPlusDiagonal(loadings: parameters.loadings, psi: parameters.psi)
        let geometry = try structure.latentGeometry(offset: parameters.offset,
                                                    means: (0..<parameters.components).map { parameters.latentMeans.row($0) },
                                                    covariances: parameters.latentCovariances)
        let statistics = HierarchicalPass.run(data, geometry: geometry, logWeights: parameters.weights.map { log($0) },
                                              statistics: true, groups: rowGroups)
        return ((statistics, geometry.posteriorCovariances), statistics.logLikelihood / Double(data.rows))
    }

    func maximization(_ data: Matrix, _ e: Expectations, previous: HierarchicalMixtureParameters,
                      generator: inout RandomGenerator) throws -> EMUpdate<HierarchicalMixtureParameters> {
        try EMUpdate(parameters: Self.mStep(data, e.statistics, posteriorCovariances: e.posteriorCovariances,
                                            moments: moments, noise: noise, floors: floors, regularization: regularization))
    }

    /// The M-step followed by whitening.
    static func mStep(_ x: Matrix, _ statistics: HierarchicalStatistics, posteriorCovariances: [Matrix],
                      moments: ColumnMoments, noise: NoiseModel,
                      floors: [Double], regularization: Double) throws -> HierarchicalMixtureParameters {
        let n = Double(x.rows), p = x.columns
        let d = statistics.latent, k = statistics.components
        let counts = statistics.counts
        let first = Matrix(rows: k, columns: d, storage: statistics.first)
        let second = (0..<k).map { statistics.secondMoment($0, posteriorCovariance: posteriorCovariances[$0]) }

        // The aggregate latent moments E[y], Cov(y) and the cross-covariance Cov(x, y).
        var meanY = [Double](repeating: 0, count: d)
        for c in 0..<k { for j in 0..<d { meanY[j] += first.storage[c * d + j] / n } }
        var covY = Matrix(rows: d, columns: d)
        for c in 0..<k { for i in 0..<(d * d) { covY.storage[i] += second[c].storage[i] } }
        for i in 0..<d { for j in 0..<d { covY.storage[i * d + j] = (1 / n) * covY.storage[i * d + j] - meanY[i] * meanY[j] } }
        var crossXY = Matrix(rows: p, columns: d, storage: statistics.cross)   // ⟨x ȳᵀ⟩
        for i in 0..<p {
            for j in 0..<d { crossXY.storage[i * d + j] = crossXY.storage[i * d + j] / n - moments.mean[i] * meanY[j] }
        }

        // The second moments' last use: the scatters, then the covariances, are formed in their place.
        let latentMoments = WeightedMoments(counts: counts, firstMoments: first, secondMoments: second)
        let latentMeans = latentMoments.means
        let covariances = GaussianEstimators.covariances(consume latentMoments, structure: .full,
                                                         regularization: regularization)
        var weights = counts.map { max($0 / n, Double.leastNormalMagnitude) }
        let weightTotal = weights.reduce(0, +)
        for c in 0..<k { weights[c] /= weightTotal }

        let w = try covY.cholesky().solve(fromRight: crossXY)          // Cov(x,y) Cov(y)⁻¹
        let wm = w.multiplied(by: meanY)
        let residuals = (0..<p).map { i in
            moments.covariance[i, i] - (0..<d).reduce(0.0) { $0 + w.storage[i * d + $1] * crossXY.storage[i * d + $1] }
        }
        var parameters = HierarchicalMixtureParameters(
            loadings: w, offset: (0..<p).map { moments.mean[$0] - wm[$0] },
            psi: noise.noise(fromResiduals: residuals, floors: floors),
            weights: weights, latentMeans: latentMeans, latentCovariances: covariances)
        try parameters.whiten()
        return parameters
    }
}
