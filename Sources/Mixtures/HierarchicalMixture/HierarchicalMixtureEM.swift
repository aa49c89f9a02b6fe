import Foundation
import LinearAlgebra

/// Closed-form EM for the hierarchical mixture (the analytic variant), run by `EMDriver`.
///
/// E-step: `HierarchicalPosterior`. M-step, from its expected moments:
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
    typealias Expectations = HierarchicalPosterior

    let start: HierarchicalMixtureStart
    let components: Int
    let latent: Int
    let moments: ColumnMoments
    let noise: NoiseModel
    let floor: Double
    let regularization: Double

    func initialParameters(for data: Matrix, generator: inout RandomGenerator) throws -> HierarchicalMixtureParameters {
        try start.parameters(data, moments: moments, floor: floor, components: components, latent: latent,
                             noise: noise, generator: &generator)
    }

    func expectation(_ data: Matrix, _ parameters: HierarchicalMixtureParameters) throws
        -> (expectations: HierarchicalPosterior, lowerBound: Double) {
        let posterior = try HierarchicalPosterior(data, parameters)
        return (posterior, posterior.totalLogLikelihood / Double(data.rows))
    }

    func maximization(_ data: Matrix, _ posterior: HierarchicalPosterior, previous: HierarchicalMixtureParameters,
                      generator: inout RandomGenerator) throws -> EMUpdate<HierarchicalMixtureParameters> {
        try EMUpdate(parameters: Self.mStep(data, posterior, moments: moments, noise: noise, floor: floor,
                                            regularization: regularization))
    }

    /// The M-step followed by whitening (also used by the generalised-EM start of the gradient variants).
    static func mStep(_ x: Matrix, _ posterior: HierarchicalPosterior, moments: ColumnMoments, noise: NoiseModel,
                      floor: Double, regularization: Double) throws -> HierarchicalMixtureParameters {
        let n = Double(x.rows), p = x.columns
        let expected = posterior.expectedLatentMoments
        let d = expected.first.columns, k = expected.counts.count
        let latentMoments = WeightedMoments(counts: expected.counts, firstMoments: expected.first,
                                            secondMoments: expected.second)
        let covariances = GaussianEstimators.covariances(latentMoments, structure: .full, regularization: regularization)
        let weights = expected.counts.map { max($0 / n, Double.leastNormalMagnitude) }
        let weightTotal = weights.reduce(0, +)

        // The aggregate latent moments E[y], Cov(y) and the cross-covariance Cov(x, y).
        var meanY = [Double](repeating: 0, count: d)
        for c in 0..<k { for j in 0..<d { meanY[j] += expected.first.storage[c * d + j] / n } }
        var covY = Matrix(rows: d, columns: d)
        for c in 0..<k { covY = covY + expected.second[c] }
        covY = (1 / n) * covY
        for i in 0..<d { for j in 0..<d { covY.storage[i * d + j] -= meanY[i] * meanY[j] } }
        var crossXY = x.multiplied(by: expected.embedding, transposeSelf: true, alpha: 1 / n)   // ⟨x ȳᵀ⟩
        for i in 0..<p { for j in 0..<d { crossXY.storage[i * d + j] -= moments.mean[i] * meanY[j] } }

        let w = try covY.cholesky().solve(crossXY.transposed).transposed          // Cov(x,y) Cov(y)⁻¹
        let wm = w.multiplied(by: meanY)
        let residuals = (0..<p).map { i in
            moments.covariance[i, i] - (0..<d).reduce(0.0) { $0 + w.storage[i * d + $1] * crossXY.storage[i * d + $1] }
        }
        let plain = HierarchicalMixtureParameters(
            loadings: w, offset: (0..<p).map { moments.mean[$0] - wm[$0] },
            psi: noise.noise(fromResiduals: residuals, floor: floor),
            weights: weights.map { $0 / weightTotal }, latentMeans: latentMoments.means, latentCovariances: covariances)
        return try plain.whitened()
    }
}
