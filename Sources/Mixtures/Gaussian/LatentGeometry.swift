import Foundation
import LinearAlgebra

extension LowRankPlusDiagonal {
    /// K latent Gaussians N(μ_k, Σ_k) pushed through x = W y + offset + ε, factored once so
    /// that a block of rows costs one projection GEMM (rows × p × d) and, per row and
    /// component, O(d²) (one GEMM rows × d × K d for all posterior means) or O(d) when every
    /// posterior precision is diagonal (the restricted hierarchical mixture).
    ///
    /// With aₙ = WᵀΨ⁻¹(xₙ − offset), qₙ = (xₙ − offset)ᵀΨ⁻¹(xₙ − offset), c_k = Σ_k⁻¹μ_k and
    /// P_k = Σ_k⁻¹ + WᵀΨ⁻¹W = S_k⁻¹: m_nk = S_k(aₙ + c_k) and
    /// log N(xₙ; Wμ_k + offset, WΣ_kWᵀ + Ψ) = −½[p log 2π + log|Ψ| + log|Σ_k| + log|P_k| + μ_kᵀc_k + qₙ − (aₙ + c_k)ᵀm_nk].
    public struct LatentGeometry: Sendable {
        /// Observed dimension p.
        public let dimensions: Int
        /// Latent dimension d.
        public let rank: Int
        /// Components K.
        public let components: Int
        /// Whether every posterior covariance S_k is diagonal (then only its diagonal is used).
        public let diagonalPosterior: Bool
        /// Ψ^{-1/2} (p).
        let inverseRootPsi: [Double]
        /// The offset subtracted from every row (p).
        let offset: [Double]
        /// Ψ^{-1/2} W (p × d): the projection of the centred, scaled rows.
        let scaledLoadings: Matrix
        /// [S_1 ⋯ S_K] (d × K d), or the K diagonals side by side (K d) when `diagonalPosterior`.
        let stackedCovariances: [Double]
        /// c_k = Σ_k⁻¹μ_k side by side (K d).
        let shifts: [Double]
        /// S_k c_k side by side (K d).
        let meanShifts: [Double]
        /// p log 2π + log|Ψ| + log|Σ_k| + log|P_k| + μ_kᵀc_k (K).
        let constants: [Double]
        /// S_k (K of d × d).
        public let posteriorCovariances: [Matrix]
        /// P_k = Σ_k⁻¹ + WᵀΨ⁻¹W (K of d × d).
        public let posteriorPrecisions: [Matrix]
    }

    /// The latent Gaussians N(`means[k]`, `covariances[k]`) on this W and Ψ, with `offset`
    /// the mean of x given y = 0.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when a covariance is not positive definite.
    public func latentGeometry(offset: [Double], means: [[Double]], covariances: [Matrix]) throws -> LatentGeometry {
        let d = rank, k = means.count
        precondition(offset.count == dimensions, "latentGeometry: offset has \(offset.count) entries, the covariance \(dimensions)")
        precondition(covariances.count == k && means.allSatisfy { $0.count == d }
                     && covariances.allSatisfy { $0.rows == d && $0.columns == d },
                     "latentGeometry: every latent Gaussian must be \(d)-dimensional")
        var priorPrecisions: [Matrix] = [], logDeterminants: [Double] = []
        for c in 0..<k {
            let prior = try covariances[c].cholesky()
            priorPrecisions.append(prior.inverse)
            logDeterminants.append(prior.logDeterminant)
        }
        return try geometry(offset: offset, means: means, priorPrecisions: priorPrecisions,
                            priorLogDeterminants: logDeterminants, diagonalPosterior: false)
    }

    /// The latent Gaussians of the restricted model, given by their diagonal posterior
    /// precisions D_k = Σ_k⁻¹ + WᵀΨ⁻¹W (K of d): the prior precision is D_k − WᵀΨ⁻¹W, and the
    /// per-row work is O(d) per component.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when some D_k − WᵀΨ⁻¹W is not
    ///   positive definite (the implied prior would be improper).
    public func latentGeometry(offset: [Double], means: [[Double]], diagonalPosteriorPrecisions: [[Double]]) throws
        -> LatentGeometry {
        let d = rank, k = means.count
        precondition(diagonalPosteriorPrecisions.count == k && diagonalPosteriorPrecisions.allSatisfy { $0.count == d }
                     && means.allSatisfy { $0.count == d }, "latentGeometry: every latent Gaussian must be \(d)-dimensional")
        var priorPrecisions: [Matrix] = [], logDeterminants: [Double] = []
        for c in 0..<k {
            let precision = Matrix.diagonal(diagonalPosteriorPrecisions[c]) - precisionGram
            let factor = try precision.cholesky()
            priorPrecisions.append(precision)
            logDeterminants.append(-factor.logDeterminant)            // log|Σ_k| = −log|Σ_k⁻¹|
        }
        return try geometry(offset: offset, means: means, priorPrecisions: priorPrecisions,
                            priorLogDeterminants: logDeterminants, diagonalPosterior: true)
    }

    private func geometry(offset: [Double], means: [[Double]], priorPrecisions: [Matrix], priorLogDeterminants: [Double],
                          diagonalPosterior: Bool) throws -> LatentGeometry {
        let d = rank, k = means.count, p = dimensions
        let logDetPsi = psi.reduce(0) { $0 + log($1) }
        var stacked = [Double](repeating: 0, count: diagonalPosterior ? k * d : d * k * d)
        var shifts = [Double](), meanShifts = [Double](), constants = [Double]()
        var covariances: [Matrix] = [], precisions: [Matrix] = []
        for c in 0..<k {
            let shift = priorPrecisions[c].multiplied(by: means[c])      // Σ_k⁻¹μ_k
            var precision = priorPrecisions[c] + precisionGram
            let s: Matrix
            let logDetPrecision: Double
            if diagonalPosterior {
                // D_k exactly (the sum above can differ from it off the diagonal by rounding).
                let diagonal = precision.diagonalElements
                precision = .diagonal(diagonal)
                s = .diagonal(diagonal.map { 1 / $0 })
                logDetPrecision = diagonal.reduce(0) { $0 + log($1) }
                for j in 0..<d { stacked[c * d + j] = 1 / diagonal[j] }
            } else {
                let factor = try precision.cholesky()
                s = factor.inverse
                logDetPrecision = factor.logDeterminant
                for a in 0..<d { for b in 0..<d { stacked[a * k * d + c * d + b] = s.storage[a * d + b] } }
            }
            shifts += shift
            meanShifts += s.multiplied(by: shift)
            constants.append(Double(p) * log(2 * Double.pi) + logDetPsi + priorLogDeterminants[c] + logDetPrecision
                             + dot(means[c], shift))
            covariances.append(s)
            precisions.append(precision)
        }
        var scaled = loadings
        let invRoot = psi.map { 1 / $0.squareRoot() }
        for i in 0..<p { for j in 0..<d { scaled.storage[i * d + j] *= invRoot[i] } }
        return LatentGeometry(dimensions: p, rank: d, components: k, diagonalPosterior: diagonalPosterior,
                              inverseRootPsi: invRoot, offset: offset, scaledLoadings: scaled,
                              stackedCovariances: stacked, shifts: shifts, meanShifts: meanShifts, constants: constants,
                              posteriorCovariances: covariances, posteriorPrecisions: precisions)
    }
}

extension LowRankPlusDiagonal.LatentGeometry {
    /// Projects `rows` rows of `x` (row-major, p columns): `a` (rows × d) = rows of
    /// WᵀΨ⁻¹(xₙ − offset) and `q` (rows) = (xₙ − offset)ᵀΨ⁻¹(xₙ − offset). `scratch` holds
    /// rows × p doubles.
    func project(_ x: UnsafePointer<Double>, rows: Int, scratch: UnsafeMutablePointer<Double>,
                 a: UnsafeMutablePointer<Double>, q: UnsafeMutablePointer<Double>) {
        let p = dimensions, d = rank
        inverseRootPsi.withUnsafeBufferPointer { r in
            offset.withUnsafeBufferPointer { o in
                for i in 0..<rows {
                    var s = 0.0
                    let row = x + i * p, out = scratch + i * p
                    for j in 0..<p {
                        let v = (row[j] - o[j]) * r[j]
                        out[j] = v
                        s += v * v
                    }
                    q[i] = s
                }
            }
        }
        scaledLoadings.storage.withUnsafeBufferPointer { w in
            BLAS.gemm(.none, .none, m: rows, n: d, k: p, a: scratch, lda: p, b: w.baseAddress!, ldb: d, c: a, ldc: d)
        }
    }

    /// From projected rows (`a`, `q`): the posterior means m_nk (rows × K d, component k in
    /// columns k d ..< (k + 1) d) and log N(xₙ; Wμ_k + offset, WΣ_kWᵀ + Ψ) + `logWeights[k]`
    /// (rows × K) — the logits of the mixture when `logWeights` are log π_k.
    func evaluate(a: UnsafePointer<Double>, q: UnsafePointer<Double>, rows: Int, logWeights: [Double]?,
                  means: UnsafeMutablePointer<Double>, logDensities: UnsafeMutablePointer<Double>) {
        let d = rank, k = components, kd = components * rank
        stackedCovariances.withUnsafeBufferPointer { s in
            if diagonalPosterior {
                for i in 0..<rows {
                    for c in 0..<k { for j in 0..<d { means[i * kd + c * d + j] = a[i * d + j] * s[c * d + j] } }
                }
            } else {
                BLAS.gemm(.none, .none, m: rows, n: kd, k: d, a: a, lda: d, b: s.baseAddress!, ldb: kd,
                          c: means, ldc: kd)
            }
        }
        let added = zip(constants, logWeights ?? [Double](repeating: 0, count: k)).map { -0.5 * $0 + $1 }
        shifts.withUnsafeBufferPointer { sh in
            meanShifts.withUnsafeBufferPointer { ms in
                added.withUnsafeBufferPointer { cs in
                    for i in 0..<rows {
                        let row = means + i * kd, ai = a + i * d
                        for c in 0..<k {
                            var quad = 0.0                                  // (a + c_k)ᵀ S_k (a + c_k)
                            for j in 0..<d {
                                let m = row[c * d + j] + ms[c * d + j]
                                row[c * d + j] = m
                                quad += (ai[j] + sh[c * d + j]) * m
                            }
                            logDensities[i * k + c] = cs[c] - 0.5 * (q[i] - quad)
                        }
                    }
                }
            }
        }
    }
}
