import LinearAlgebra

/// The parameters of a hierarchical mixture of Gaussians:
/// z ~ Categorical(π), y | z = k ~ N(μ_k, Σ_k) in R^d, x | y ~ N(W y + b, Ψ) in R^p.
/// The marginal of x is Σ_k π_k N(W μ_k + b, W Σ_k Wᵀ + Ψ).
public struct HierarchicalMixtureParameters: Sendable, Equatable {
    /// W (p × d), shared by every component.
    public var loadings: Matrix
    /// b (p).
    public var offset: [Double]
    /// The diagonal of Ψ (p).
    public var psi: [Double]
    /// π (K), summing to one.
    public var weights: [Double]
    /// μ_k in the rows (K × d).
    public var latentMeans: Matrix
    /// Σ_k (K of d × d).
    public var latentCovariances: [Matrix]

    public init(loadings: Matrix, offset: [Double], psi: [Double], weights: [Double], latentMeans: Matrix,
                latentCovariances: [Matrix]) {
        self.loadings = loadings
        self.offset = offset
        self.psi = psi
        self.weights = weights
        self.latentMeans = latentMeans
        self.latentCovariances = latentCovariances
    }

    /// Observed dimension p.
    public var dimensions: Int { loadings.rows }
    /// Latent dimension d.
    public var latent: Int { loadings.columns }
    /// Components K.
    public var components: Int { weights.count }

    /// - Throws: `HierarchicalMixtureError.invalidParameters` naming what is inconsistent.
    public func validate() throws {
        let p = dimensions, d = latent, k = components
        func fail(_ why: String) -> HierarchicalMixtureError { .invalidParameters(why) }
        guard d >= 1, k >= 1 else { throw fail("need d ≥ 1 and K ≥ 1, got d = \(d), K = \(k)") }
        guard offset.count == p, psi.count == p else { throw fail("offset and psi must have \(p) entries") }
        guard latentMeans.rows == k, latentMeans.columns == d else { throw fail("latent means must be \(k)×\(d)") }
        guard latentCovariances.count == k, latentCovariances.allSatisfy({ $0.rows == d && $0.columns == d }) else {
            throw fail("need \(k) latent covariances of \(d)×\(d)")
        }
        guard weights.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(weights.reduce(0, +) - 1) < 1e-8 else {
            throw fail("weights must be non-negative and sum to 1")
        }
        guard loadings.isFinite, latentMeans.isFinite, offset.allSatisfy(\.isFinite),
              latentCovariances.allSatisfy(\.isFinite) else { throw fail("parameters contain NaN or infinity") }
    }

    /// The covariance of component k in the data space, W Σ_k Wᵀ + Ψ, as a dense p × p matrix
    /// (for tests and direct evaluation; the model itself never forms it).
    public func observedCovariance(_ k: Int) -> Matrix {
        var c = loadings * latentCovariances[k] * loadings.transposed
        for i in 0..<dimensions { c[i, i] += psi[i] }
        return c
    }

    /// The mean of component k in the data space, W μ_k + b.
    public func observedMean(_ k: Int) -> [Double] {
        let m = loadings.multiplied(by: latentMeans.row(k))
        return (0..<dimensions).map { m[$0] + offset[$0] }
    }

    /// The same model of x in whitened latent coordinates: the latent mixture gets mean 0
    /// and covariance I, and W, b absorb the change, so p(x) is unchanged.
    ///
    /// With m = Σ_k π_k μ_k, C = Σ_k π_k (Σ_k + μ_k μ_kᵀ) − m mᵀ = L Lᵀ, the change y = L y' + m
    /// gives μ_k' = L⁻¹(μ_k − m), Σ_k' = L⁻¹ Σ_k L⁻ᵀ, W' = W L, b' = b + W m.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when C is singular.
    public func whitened() throws -> HierarchicalMixtureParameters {
        var white = self
        try white.whiten()
        return white
    }

    /// `whitened()` in place: the means, covariances and offset are rewritten in their own
    /// storage (only W' = W L is a new matrix), which is what the M-step's fixed cost is
    /// made of at small d.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when C is singular (then nothing has changed).
    public mutating func whiten() throws {
        let d = latent, k = components
        var m = [Double](repeating: 0, count: d)
        for c in 0..<k { for j in 0..<d { m[j] += weights[c] * latentMeans.storage[c * d + j] } }
        var second = Matrix(rows: d, columns: d)
        for c in 0..<k {
            let mu = latentMeans.storage, base = c * d   // μ_k = mu[base ..< base + d]
            for i in 0..<d {
                for j in 0..<d {
                    second.storage[i * d + j] += weights[c] * (latentCovariances[c].storage[i * d + j]
                                                               + mu[base + i] * mu[base + j])
                }
            }
        }
        for i in 0..<d { for j in 0..<d { second.storage[i * d + j] -= m[i] * m[j] } }
        let l = try second.cholesky().lower
        for c in 0..<k { for j in 0..<d { latentMeans.storage[c * d + j] -= m[j] } }
        // Row k of X with X·Lᵀ = M − 1mᵀ is (L⁻¹(μ_k − m))ᵀ.
        l.solveTriangularFromRight(inPlace: &latentMeans, lower: true, transpose: true)
        for c in 0..<k {                                                 // L⁻¹ Σ L⁻ᵀ
            l.solveTriangular(inPlace: &latentCovariances[c], lower: true)
            l.solveTriangularFromRight(inPlace: &latentCovariances[c], lower: true, transpose: true)
            latentCovariances[c].symmetrizeByAveraging()
        }
        let wm = loadings.multiplied(by: m)
        for i in 0..<dimensions { offset[i] += wm[i] }
        loadings = loadings * l
    }
}
