import Foundation
import LinearAlgebra

/// The posterior over (y, z) given each row of x under a hierarchical mixture: the E-step.
///
/// The data are projected once through W and Ψ (N × p × d); every component then costs
/// O(N d²): log N(xₙ; W μ_k + b, W Σ_k Wᵀ + Ψ) by Woodbury and the determinant lemma, and
/// the posterior y | xₙ, z = k ~ N(m_nk, S_k), S_k = (Σ_k⁻¹ + WᵀΨ⁻¹W)⁻¹.
public struct HierarchicalPosterior: Sendable {
    /// log p(xₙ) (N).
    public let logLikelihoods: [Double]
    /// p(z = k | xₙ) (N × K), rows summing to one.
    public let responsibilities: Matrix
    /// Per component: the posterior means m_nk (N × d), covariance S_k and the log densities.
    public let components: [LowRankPlusDiagonal.LatentComponent]

    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when a latent covariance is not
    ///   positive definite, `LowRankPlusDiagonalError` for a bad Ψ.
    public init(_ x: Matrix, _ parameters: HierarchicalMixtureParameters) throws {
        let structure = try LowRankPlusDiagonal(loadings: parameters.loadings, psi: parameters.psi)
        let projection = structure.project(x, offset: parameters.offset)
        let k = parameters.components, n = x.rows
        let components = try structure.latentComponents(
            projection, means: (0..<k).map { parameters.latentMeans.row($0) }, covariances: parameters.latentCovariances)
        var logits = Matrix(rows: n, columns: k)
        for c in 0..<k {
            let logWeight = log(parameters.weights[c])
            logits.storage.withUnsafeMutableBufferPointer { l in
                components[c].logDensities.withUnsafeBufferPointer { ld in
                    for i in 0..<n { l[i * k + c] = ld[i] + logWeight }
                }
            }
        }
        logLikelihoods = LogSumExp.normalizeRows(&logits)
        responsibilities = logits
        self.components = components
    }

    /// Σₙ log p(xₙ).
    public var totalLogLikelihood: Double { logLikelihoods.reduce(0, +) }

    /// The posterior mean of y given xₙ, Σ_k p(k | xₙ) m_nk (N × d): the latent embedding.
    public var latentMeans: Matrix { expectedLatentMoments.embedding }

    /// The expected sufficient statistics of the latent mixture: N_k = Σₙ r_nk,
    /// Σₙ r_nk m_nk (K × d) and Σₙ r_nk (S_k + m_nk m_nkᵀ) (K of d × d), and in the same pass
    /// the embedding Σ_k r_nk m_nk (N × d).
    public var expectedLatentMoments: (counts: [Double], first: Matrix, second: [Matrix], embedding: Matrix) {
        let k = responsibilities.columns, n = responsibilities.rows
        let d = components.first?.posteriorMeans.columns ?? 0
        var counts = [Double](repeating: 0, count: k)
        var first = Matrix(rows: k, columns: d)
        var second: [Matrix] = []
        var embedding = Matrix(rows: n, columns: d)
        for c in 0..<k {
            var weighted = components[c].posteriorMeans
            var count = 0.0
            var sum = [Double](repeating: 0, count: d)
            weighted.storage.withUnsafeMutableBufferPointer { w in
                responsibilities.storage.withUnsafeBufferPointer { rp in
                    sum.withUnsafeMutableBufferPointer { f in
                        embedding.storage.withUnsafeMutableBufferPointer { e in
                            for i in 0..<n {
                                let r = rp[i * k + c]
                                count += r
                                let s = r.squareRoot()
                                for j in 0..<d {
                                    let rm = r * w[i * d + j]
                                    f[j] += rm
                                    e[i * d + j] += rm
                                    w[i * d + j] *= s
                                }
                            }
                        }
                    }
                }
            }
            counts[c] = count
            for j in 0..<d { first.storage[c * d + j] = sum[j] }
            second.append(weighted.gram + counts[c] * components[c].posteriorCovariance)
        }
        return (counts, first, second, embedding)
    }
}
