import Foundation
import LinearAlgebra

/// The posterior over (y, z) given each row of x under a hierarchical mixture: the E-step.
///
/// The data are projected once through W and Ψ (N × p × d); every component then costs
/// O(N d²): log N(xₙ; W μ_k + b, W Σ_k Wᵀ + Ψ) by Woodbury and the determinant lemma, and
/// the posterior y | xₙ, z = k ~ N(m_nk, S_k), S_k = (Σ_k⁻¹ + WᵀΨ⁻¹W)⁻¹. The work is the
/// blocked `HierarchicalPass` that EM runs, here keeping every row's results.
public struct HierarchicalPosterior: Sendable {
    /// log p(xₙ) (N).
    public let logLikelihoods: [Double]
    /// p(z = k | xₙ) (N × K), rows summing to one.
    public let responsibilities: Matrix
    /// The posterior means m_nk of every component side by side (N × K d).
    let stackedMeans: Matrix
    /// The latent embedding Σ_k p(k | xₙ) m_nk (N × d).
    public let latentMeans: Matrix
    /// The posterior covariances S_k (K of d × d).
    public let posteriorCovariances: [Matrix]
    /// The posterior precisions S_k⁻¹ (K of d × d).
    let posteriorPrecisions: [Matrix]
    /// The component log densities log N(xₙ; W μ_k + b, C_k) (N × K).
    let componentLogDensities: Matrix
    let statistics: HierarchicalStatistics

    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when a latent covariance is not
    ///   positive definite, `LowRankPlusDiagonalError` for a bad Ψ.
    public init(_ x: Matrix, _ parameters: HierarchicalMixtureParameters) throws {
        let structure = try LowRankPlusDiagonal(loadings: parameters.loadings, psi: parameters.psi)
        let k = parameters.components
        let geometry = try structure.latentGeometry(offset: parameters.offset,
                                                    means: (0..<k).map { parameters.latentMeans.row($0) },
                                                    covariances: parameters.latentCovariances)
        try self.init(x, geometry: geometry, weights: parameters.weights)
    }

    /// The posterior under a factored geometry (with full posterior covariances) and weights π.
    init(_ x: Matrix, geometry: LowRankPlusDiagonal.LatentGeometry, weights: [Double]) throws {
        precondition(!geometry.diagonalPosterior, "HierarchicalPosterior keeps full second moments")
        let n = x.rows, k = geometry.components, d = geometry.rank
        var r = Matrix(rows: n, columns: k), means = Matrix(rows: n, columns: k * d), embedding = Matrix(rows: n, columns: d)
        var ll = [Double](repeating: 0, count: n), densities = Matrix(rows: n, columns: k)
        let logWeights = weights.map { log($0) }
        let stats = r.storage.withUnsafeMutableBufferPointer { rp in
            ll.withUnsafeMutableBufferPointer { lp in
                means.storage.withUnsafeMutableBufferPointer { mp in
                    embedding.storage.withUnsafeMutableBufferPointer { ep in
                        densities.storage.withUnsafeMutableBufferPointer { dp in
                            HierarchicalPass.run(x, geometry: geometry, logWeights: logWeights, statistics: true,
                                                 outputs: .init(responsibilities: rp.baseAddress, logLikelihoods: lp.baseAddress,
                                                                means: mp.baseAddress, embedding: ep.baseAddress,
                                                                componentLogDensities: dp.baseAddress))
                        }
                    }
                }
            }
        }
        logLikelihoods = ll
        responsibilities = r
        stackedMeans = means
        latentMeans = embedding
        posteriorCovariances = geometry.posteriorCovariances
        posteriorPrecisions = geometry.posteriorPrecisions
        componentLogDensities = densities
        statistics = stats
    }

    /// Per component: the posterior means m_nk (N × d), covariance S_k and the log densities
    /// (unstacked from the pass's buffers on every read: read it once).
    public var components: [LowRankPlusDiagonal.LatentComponent] {
        let n = stackedMeans.rows, k = posteriorCovariances.count, d = stackedMeans.columns / max(1, k)
        return (0..<k).map { c in
            var m = Matrix(rows: n, columns: d)
            for i in 0..<n { for j in 0..<d { m.storage[i * d + j] = stackedMeans.storage[i * k * d + c * d + j] } }
            return LowRankPlusDiagonal.LatentComponent(
                logDensities: componentLogDensities.column(c), posteriorMeans: m,
                posteriorCovariance: posteriorCovariances[c], posteriorPrecision: posteriorPrecisions[c])
        }
    }

    /// Σₙ log p(xₙ).
    public var totalLogLikelihood: Double { logLikelihoods.reduce(0, +) }

    /// The expected sufficient statistics of the latent mixture: N_k = Σₙ r_nk,
    /// Σₙ r_nk m_nk (K × d) and Σₙ r_nk (S_k + m_nk m_nkᵀ) (K of d × d), and the embedding
    /// Σ_k r_nk m_nk (N × d).
    public var expectedLatentMoments: (counts: [Double], first: Matrix, second: [Matrix], embedding: Matrix) {
        let k = statistics.components, d = statistics.latent
        let second = (0..<k).map { statistics.secondMoment($0, posteriorCovariance: posteriorCovariances[$0]) }
        return (statistics.counts, Matrix(rows: k, columns: d, storage: statistics.first), second, latentMeans)
    }
}
