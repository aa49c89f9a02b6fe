import LinearAlgebra

/// What the variational updates read from the data under q(z) (scikit-learn's `nk`, `xk`,
/// `sk`): Nₖ = Σₙ rₙₖ, x̄ₖ = Σₙ rₙₖ xₙ / Nₖ and the maximum-likelihood covariance Sₖ of
/// each component in its structure (diagonal, c·I, or full), `regularization` added to its
/// diagonal. Tied models keep each component's own Sₖ; the update pools them.
struct ComponentMoments: Sendable {
    var counts: [Double]
    var means: Matrix
    var covariances: [Matrix]

    /// From the statistics of one pass over the data (scatter taken around `stats.centres`).
    init(_ stats: SufficientStatistics, regularization: Double) {
        let k = stats.components, d = stats.dimensions
        counts = stats.counts
        means = Matrix(rows: k, columns: d)
        covariances = []
        covariances.reserveCapacity(k)
        let full = stats.covarianceType == .full || stats.covarianceType == .tied
        for c in 0..<k {
            let nk = stats.counts[c] + 10 * Double.ulpOfOne   // as scikit-learn, so that 0/0 cannot occur
            var delta = [Double](repeating: 0, count: d)
            for j in 0..<d {
                means.storage[c * d + j] = stats.sums[c * d + j] / nk
                delta[j] = means.storage[c * d + j] - stats.centres[c * d + j]
            }
            var s = Matrix(rows: d, columns: d)
            if full {
                for i in 0..<d {
                    for j in i..<d {
                        let v = (stats.scatter[c * d * d + i * d + j] - stats.counts[c] * delta[i] * delta[j]) / nk
                        s.storage[i * d + j] = v
                        s.storage[j * d + i] = v
                    }
                }
            } else {
                for j in 0..<d { s.storage[j * d + j] = max(0, (stats.scatter[c * d + j] - stats.counts[c] * delta[j] * delta[j]) / nk) }
                if stats.covarianceType == .spherical {
                    let v = s.diagonalElements.reduce(0, +) / Double(d)
                    for j in 0..<d { s.storage[j * d + j] = v }
                }
            }
            for j in 0..<d { s.storage[j * d + j] += regularization }
            covariances.append(s)
        }
    }

    init(counts: [Double], means: Matrix, covariances: [Matrix]) {
        self.counts = counts
        self.means = means
        self.covariances = covariances
    }

    /// The moments of `x` under responsibilities `r` (one pass over the data).
    static func of(_ x: Matrix, responsibilities r: Matrix, covarianceType: CovarianceType,
                   regularization: Double) -> ComponentMoments {
        ComponentMoments(SufficientStatistics.accumulated(x, responsibilities: r, covarianceType: covarianceType),
                         regularization: regularization)
    }
}
