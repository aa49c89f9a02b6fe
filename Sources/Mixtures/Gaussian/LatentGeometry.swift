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
        return try geometry(offset: offset, means: means, diagonalPosterior: false) { c in
            let prior = try covariances[c].cholesky()
            return (prior.inverse, prior.logDeterminant)
        }
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
        return try geometry(offset: offset, means: means, diagonalPosterior: true) { c in
            let precision = Matrix.diagonal(diagonalPosteriorPrecisions[c]) - precisionGram
            let factor = try precision.cholesky()
            return (precision, -factor.logDeterminant)            // log|Σ_k| = −log|Σ_k⁻¹|
        }
    }

    /// The geometry of K latent Gaussians with means `means`, given component by component
    /// by `prior(k)` = (Σ_k⁻¹, log|Σ_k|). The priors come one at a time from the closure
    /// rather than as arrays: each Σ_k⁻¹ becomes P_k = Σ_k⁻¹ + WᵀΨ⁻¹W in its own storage, so
    /// the per-iteration cost (which for small d is mostly allocations) has one matrix
    /// fewer per component and no array of them.
    private func geometry(offset: [Double], means: [[Double]], diagonalPosterior: Bool,
                          prior: (Int) throws -> (precision: Matrix, logDeterminant: Double)) throws -> LatentGeometry {
        let d = rank, k = means.count, p = dimensions
        let logDetPsi = psi.reduce(0) { $0 + log($1) }
        var stacked = [Double](repeating: 0, count: diagonalPosterior ? k * d : d * k * d)
        var shifts = [Double](repeating: 0, count: k * d), meanShifts = [Double](repeating: 0, count: k * d)
        var constants = [Double](), covariances: [Matrix] = [], precisions: [Matrix] = []
        constants.reserveCapacity(k)
        covariances.reserveCapacity(k)
        precisions.reserveCapacity(k)
        for c in 0..<k {
            var (precision, priorLogDeterminant) = try prior(c)
            // c_k = Σ_k⁻¹μ_k into its place in `shifts`, and μ_kᵀc_k.
            let meanTerm = shifts.withUnsafeMutableBufferPointer { sh in
                means[c].withUnsafeBufferPointer { mu in
                    let shift = sh.baseAddress! + c * d
                    precision.multiply(mu.baseAddress!, into: shift)
                    return dot(mu.baseAddress!, shift, count: d)
                }
            }
            precision += precisionGram
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
            shifts.withUnsafeBufferPointer { sh in                    // S_k c_k
                meanShifts.withUnsafeMutableBufferPointer { s.multiply(sh.baseAddress! + c * d, into: $0.baseAddress! + c * d) }
            }
            constants.append(Double(p) * log(2 * Double.pi) + logDetPsi + priorLogDeterminant + logDetPrecision
                             + meanTerm)
            covariances.append(s)
            precisions.append(precision)
        }
        return LatentGeometry(dimensions: p, rank: d, components: k, diagonalPosterior: diagonalPosterior,
                              inverseRootPsi: inverseRootPsi, offset: offset, scaledLoadings: scaledLoadings,
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
                let o = o.baseAddress!, r = r.baseAddress!
                for i in 0..<rows {
                    // Four partial sums: the squared norm is not one long chain of dependent adds.
                    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                    let row = x + i &* p, out = scratch + i &* p
                    var j = 0
                    while j &+ 4 <= p {
                        let v0 = (row[j] - o[j]) * r[j], v1 = (row[j &+ 1] - o[j &+ 1]) * r[j &+ 1]
                        let v2 = (row[j &+ 2] - o[j &+ 2]) * r[j &+ 2], v3 = (row[j &+ 3] - o[j &+ 3]) * r[j &+ 3]
                        out[j] = v0; out[j &+ 1] = v1; out[j &+ 2] = v2; out[j &+ 3] = v3
                        s0 += v0 * v0; s1 += v1 * v1; s2 += v2 * v2; s3 += v3 * v3
                        j &+= 4
                    }
                    while j < p {
                        let v = (row[j] - o[j]) * r[j]
                        out[j] = v
                        s0 += v * v
                        j &+= 1
                    }
                    q[i] = (s0 + s1) + (s2 + s3)
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
                    let sh = sh.baseAddress!, ms = ms.baseAddress!
                    for i in 0..<rows {
                        let row = means + i &* kd, ai = a + i &* d, out = logDensities + i &* k
                        for c in 0..<k {
                            let m = row + c &* d, shift = sh + c &* d, meanShift = ms + c &* d
                            var q0 = 0.0, q1 = 0.0                          // (a + c_k)ᵀ S_k (a + c_k)
                            var j = 0
                            while j &+ 2 <= d {
                                let m0 = m[j] + meanShift[j], m1 = m[j &+ 1] + meanShift[j &+ 1]
                                m[j] = m0; m[j &+ 1] = m1
                                q0 += (ai[j] + shift[j]) * m0
                                q1 += (ai[j &+ 1] + shift[j &+ 1]) * m1
                                j &+= 2
                            }
                            if j < d {
                                let m0 = m[j] + meanShift[j]
                                m[j] = m0
                                q0 += (ai[j] + shift[j]) * m0
                            }
                            out[c] = cs[c] - 0.5 * (q[i] - (q0 + q1))
                        }
                    }
                }
            }
        }
    }
}
