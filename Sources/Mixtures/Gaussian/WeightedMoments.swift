import LinearAlgebra

/// Responsibility-weighted moments of K components: what every Gaussian M-step (and a
/// latent-variable model's, from expected moments) estimates its parameters from.
public struct WeightedMoments: Sendable, Equatable {
    /// Nₖ = Σₙ rₙₖ (K).
    public var counts: [Double]
    /// μₖ = Σₙ rₙₖ E[vₙ] / Nₖ (K × D); Nₖ gets 10·ε added, as in scikit-learn, so an empty
    /// component gives a finite mean of 0 rather than 0/0.
    public var means: Matrix
    /// Sₖ = Σₙ rₙₖ E[(vₙ−μₖ)(vₙ−μₖ)ᵀ] (K of D × D; unnormalised scatter).
    public var scatters: [Matrix]

    public init(counts: [Double], means: Matrix, scatters: [Matrix]) {
        self.counts = counts
        self.means = means
        self.scatters = scatters
    }

    /// From rows `x` (N × D) and responsibilities `r` (N × K): one blocked pass over the
    /// data (DGEMM for the sums, DSYRK for the scatter around the weighted means).
    public init(rows x: Matrix, responsibilities r: Matrix) {
        precondition(x.rows == r.rows, "WeightedMoments: \(x.rows) rows of data, \(r.rows) of responsibilities")
        self.init(SufficientStatistics.accumulated(x, responsibilities: r, covarianceType: .full))
    }

    /// From expected moments: counts Nₖ, Σₙ rₙₖ E[vₙ] (K × D) and Σₙ rₙₖ E[vₙvₙᵀ] (K of D × D).
    /// Sₖ = Σₙ rₙₖ E[vₙvₙᵀ] − m̄ₖμₖᵀ − μₖm̄ₖᵀ + Nₖ μₖμₖᵀ with m̄ₖ the first moment, computed in
    /// place of the second moments (no copy when the caller passes its last reference).
    public init(counts: [Double], firstMoments: Matrix, secondMoments: consuming [Matrix]) {
        let k = counts.count, d = firstMoments.columns
        precondition(firstMoments.rows == k && secondMoments.count == k, "WeightedMoments: K disagrees")
        var means = Matrix(rows: k, columns: d)
        var scatters = consume secondMoments
        for c in 0..<k {
            let nk = counts[c] + 10 * Double.ulpOfOne
            for j in 0..<d { means.storage[c * d + j] = firstMoments.storage[c * d + j] / nk }
            for i in 0..<d {
                for j in 0..<d {
                    let mi = means.storage[c * d + i], mj = means.storage[c * d + j]
                    let fi = firstMoments.storage[c * d + i], fj = firstMoments.storage[c * d + j]
                    scatters[c].storage[i * d + j] += -fi * mj - mi * fj + counts[c] * mi * mj
                }
            }
        }
        self.init(counts: counts, means: means, scatters: scatters)
    }

    /// From accumulated statistics: the means, and the scatter moved from the statistics'
    /// centres cₖ to the means exactly (`− Nₖ (μₖ − cₖ)(μₖ − cₖ)ᵀ`). For statistics of a
    /// diagonal or spherical structure only the diagonals of the scatters are filled.
    init(_ stats: SufficientStatistics) {
        let k = stats.components, d = stats.dimensions
        let full = stats.covarianceType == .full || stats.covarianceType == .tied
        var means = Matrix(rows: k, columns: d)
        var scatters = [Matrix](repeating: Matrix(rows: d, columns: d), count: k)
        var delta = [Double](repeating: 0, count: d)
        for c in 0..<k {
            let nk = stats.counts[c] + 10 * Double.ulpOfOne   // as scikit-learn, to avoid 0/0
            for j in 0..<d {
                let mean = stats.sums[c * d + j] / nk
                means.storage[c * d + j] = mean
                delta[j] = mean - stats.centres[c * d + j]
            }
            var s = Matrix(rows: d, columns: d)
            if full {
                for i in 0..<d {
                    for j in i..<d {
                        let v = stats.scatter[c * d * d + i * d + j] - stats.counts[c] * delta[i] * delta[j]
                        s.storage[i * d + j] = v
                        s.storage[j * d + i] = v
                    }
                }
            } else {
                for j in 0..<d { s.storage[j * d + j] = stats.scatter[c * d + j] - stats.counts[c] * delta[j] * delta[j] }
            }
            scatters[c] = s
        }
        self.init(counts: stats.counts, means: means, scatters: scatters)
    }

    /// Number of components K.
    public var components: Int { counts.count }
    /// Dimension D.
    public var dimensions: Int { means.columns }
    /// Σₖ Nₖ.
    public var total: Double { counts.reduce(0, +) }
}
