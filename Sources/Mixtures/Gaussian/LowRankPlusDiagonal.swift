import Foundation
import LinearAlgebra

/// A p × p covariance with low-rank-plus-diagonal structure, Σ = W Wᵀ + Ψ, with W p × d
/// (d < p) and Ψ diagonal and positive: the covariance of factor analysis, probabilistic
/// PCA and (with a latent Gaussian N(μ, Σ_y) in between) of every component of a
/// hierarchical mixture of Gaussians, W Σ_y Wᵀ + Ψ.
///
/// Nothing here forms or inverts a p × p matrix. Densities go through the d-dimensional
/// structure: the Woodbury identity for the inverse,
/// (Ψ + W Σ_y Wᵀ)⁻¹ = Ψ⁻¹ − Ψ⁻¹W (Σ_y⁻¹ + WᵀΨ⁻¹W)⁻¹ WᵀΨ⁻¹,
/// and the matrix determinant lemma for the log-determinant,
/// log|Ψ + W Σ_y Wᵀ| = log|Ψ| + log|Σ_y| + log|Σ_y⁻¹ + WᵀΨ⁻¹W|.
/// The per-row work is O(p d) for the projection (shared by every latent component) and
/// O(d²) per component (all components' posterior means from one N × d × K d GEMM).
public struct LowRankPlusDiagonal: Sendable, Equatable {
    /// The loadings W (p × d).
    public let loadings: Matrix
    /// The diagonal of Ψ (p, all positive and finite).
    public let psi: [Double]
    /// WᵀΨ⁻¹W (d × d), symmetric positive semi-definite.
    public let precisionGram: Matrix
    /// Ψ^{-1/2} (p): kept from forming `precisionGram`, for every projection of rows.
    let inverseRootPsi: [Double]
    /// Ψ^{-1/2} W (p × d): kept from forming `precisionGram`, for every projection of rows.
    let scaledLoadings: Matrix

    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `psi` does not have one entry per
    ///   row of `loadings` or d = 0; `LowRankPlusDiagonalError.nonPositiveNoise` when an entry of
    ///   `psi` is not a positive finite number, `.nonFiniteLoadings` for NaN or ∞ in W.
    public init(loadings: Matrix, psi: [Double]) throws {
        guard psi.count == loadings.rows, loadings.columns >= 1 else {
            throw LinearAlgebraError.dimensionMismatch(
                "low-rank-plus-diagonal covariance: loadings \(loadings.rows)×\(loadings.columns) and \(psi.count) noise variances")
        }
        guard loadings.isFinite else { throw LowRankPlusDiagonalError.nonFiniteLoadings }
        if let i = psi.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw LowRankPlusDiagonalError.nonPositiveNoise(index: i, value: psi[i])
        }
        self.loadings = loadings
        self.psi = psi
        let invRoot = psi.map { 1 / $0.squareRoot() }
        var scaled = loadings   // Ψ^{-1/2} W
        let d = loadings.columns
        for i in 0..<loadings.rows { for j in 0..<d { scaled.storage[i * d + j] *= invRoot[i] } }
        precisionGram = scaled.gram
        inverseRootPsi = invRoot
        scaledLoadings = scaled
    }

    /// Observed dimension p.
    public var dimensions: Int { loadings.rows }
    /// Rank d of the low-rank part.
    public var rank: Int { loadings.columns }

    /// Σ = W Wᵀ + Ψ as a dense p × p matrix (for tests, small problems and sampling).
    public var covariance: Matrix {
        var c = loadings.outerGram
        for i in 0..<dimensions { c.storage[i * dimensions + i] += psi[i] }
        return c
    }

    /// log|W Wᵀ + Ψ| by the determinant lemma.
    public var logDeterminant: Double {
        var inner = precisionGram
        for j in 0..<rank { inner.storage[j * rank + j] += 1 }
        let logDetInner = (try? inner.logDeterminantSPD()) ?? .infinity
        return psi.reduce(0) { $0 + log($1) } + logDetInner
    }

    /// What the densities need of the data, computed once and shared by every latent
    /// component: `a` = rows of WᵀΨ⁻¹(xₙ − offset) (N × d) and `q` = (xₙ − offset)ᵀΨ⁻¹(xₙ − offset).
    public struct Projection: Sendable {
        /// N × d: WᵀΨ⁻¹(xₙ − offset) in each row.
        public let a: Matrix
        /// N: the Ψ-weighted squared norms (xₙ − offset)ᵀΨ⁻¹(xₙ − offset).
        public let q: [Double]
    }

    /// Projects the rows of `x` (N × p) after subtracting `offset` (p).
    public func project(_ x: Matrix, offset: [Double]) -> Projection {
        precondition(x.columns == dimensions && offset.count == dimensions,
                     "LowRankPlusDiagonal.project: data has \(x.columns) columns, offset \(offset.count), the covariance \(dimensions)")
        let n = x.rows, p = dimensions
        var centred = x          // (x − offset) Ψ^{-1/2}
        var q = [Double](repeating: 0, count: n)
        centred.storage.withUnsafeMutableBufferPointer { c in
            offset.withUnsafeBufferPointer { o in
                inverseRootPsi.withUnsafeBufferPointer { r in
                    q.withUnsafeMutableBufferPointer { qp in
                        for i in 0..<n {
                            var s = 0.0
                            for j in 0..<p {
                                let v = (c[i * p + j] - o[j]) * r[j]
                                c[i * p + j] = v
                                s += v * v
                            }
                            qp[i] = s
                        }
                    }
                }
            }
        }
        return Projection(a: centred * scaledLoadings, q: q)
    }

    /// One latent Gaussian component y ~ N(μ, Σ_y) pushed through x = W y + offset + ε:
    /// the log density of each row under N(Wμ + offset, W Σ_y Wᵀ + Ψ), and the posterior
    /// of y given each row, N(mₙ, S) with S = (Σ_y⁻¹ + WᵀΨ⁻¹W)⁻¹ the same for every row.
    public struct LatentComponent: Sendable {
        /// N: log N(xₙ; Wμ + offset, W Σ_y Wᵀ + Ψ).
        public let logDensities: [Double]
        /// N × d: the posterior means mₙ = S (Σ_y⁻¹μ + WᵀΨ⁻¹(xₙ − offset)).
        public let posteriorMeans: Matrix
        /// d × d: the posterior covariance S.
        public let posteriorCovariance: Matrix
        /// d × d: the posterior precision Σ_y⁻¹ + WᵀΨ⁻¹W.
        public let posteriorPrecision: Matrix
    }

    /// The latent component N(`mean`, `covariance`) evaluated on a projection of the data.
    ///
    /// Completing the square in y gives, with h = aₙ + Σ_y⁻¹μ and P = Σ_y⁻¹ + WᵀΨ⁻¹W,
    /// (xₙ − Wμ − b)ᵀ C⁻¹ (xₙ − Wμ − b) = qₙ + μᵀΣ_y⁻¹μ − hᵀP⁻¹h, and mₙ = P⁻¹h.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when `covariance` is not positive definite.
    public func latentComponent(_ projection: Projection, mean: [Double], covariance: Matrix) throws -> LatentComponent {
        try latentComponents(projection, means: [mean], covariances: [covariance])[0]
    }

    /// Several latent components on one projection of the data (the E-step of a mixture
    /// over the latent space), through `LatentGeometry`: the posterior means of all K
    /// components come from one N × d × (K d) GEMM, A [S_1 ⋯ S_K], plus a row shift
    /// S_k Σ_k⁻¹μ_k each; then hᵀS h = Σ_j (a_j + c_j) m_j with c = Σ_k⁻¹μ_k.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when a covariance is not positive definite.
    public func latentComponents(_ projection: Projection, means: [[Double]], covariances: [Matrix]) throws -> [LatentComponent] {
        let d = rank, n = projection.a.rows, k = means.count
        let geometry = try latentGeometry(offset: [Double](repeating: 0, count: dimensions), means: means,
                                          covariances: covariances)
        var stacked = [Double](repeating: 0, count: n * k * d)
        var logDensities = [Double](repeating: 0, count: n * k)
        projection.a.storage.withUnsafeBufferPointer { a in
            projection.q.withUnsafeBufferPointer { q in
                stacked.withUnsafeMutableBufferPointer { m in
                    logDensities.withUnsafeMutableBufferPointer { l in
                        if n > 0 {
                            geometry.evaluate(a: a.baseAddress!, q: q.baseAddress!, rows: n, logWeights: nil,
                                              means: m.baseAddress!, logDensities: l.baseAddress!)
                        }
                    }
                }
            }
        }
        return (0..<k).map { c in
            var m = Matrix(rows: n, columns: d)
            for i in 0..<n { for j in 0..<d { m.storage[i * d + j] = stacked[i * k * d + c * d + j] } }
            return LatentComponent(logDensities: (0..<n).map { logDensities[$0 * k + c] }, posteriorMeans: m,
                                   posteriorCovariance: geometry.posteriorCovariances[c],
                                   posteriorPrecision: geometry.posteriorPrecisions[c])
        }
    }

    /// log N(xₙ; `mean`, W Wᵀ + Ψ) for every row of `x` (N × p).
    public func logDensities(_ x: Matrix, mean: [Double]) -> [Double] {
        let projection = project(x, offset: mean)
        // The standard latent Gaussian N(0, I) is always positive definite, and so is I + WᵀΨ⁻¹W.
        return try! latentComponent(projection, mean: [Double](repeating: 0, count: rank),
                                    covariance: .identity(rank)).logDensities
    }
}

/// Why a low-rank-plus-diagonal covariance could not be formed.
public enum LowRankPlusDiagonalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A noise variance is zero, negative or not finite.
    case nonPositiveNoise(index: Int, value: Double)
    /// The loadings contain NaN or infinity.
    case nonFiniteLoadings

    public var description: String {
        switch self {
        case .nonPositiveNoise(let i, let v):
            return "noise variance \(i + 1) is \(v); every diagonal noise variance must be a positive finite number"
        case .nonFiniteLoadings:
            return "the loading matrix contains NaN or infinity"
        }
    }
}
