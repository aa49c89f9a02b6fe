import LinearAlgebra

/// The coordinate-ascent update of the global factors from the moments under q(z)
/// (Bishop 10.58 and 10.60–10.63, in scikit-learn's form: `_estimate_weights`,
/// `_estimate_means`, `_estimate_precisions`).
///
///     weights (Dirichlet)   αₖ = α₀ + Nₖ
///     weights (sticks)      aₖ = 1 + Nₖ,  bₖ = γ + Σⱼ₍ⱼ₎ₖ₎ Nⱼ
///     means                 βₖ = β₀ + Nₖ,  mₖ = (β₀m₀ + Nₖx̄ₖ)/βₖ
///     precisions            νₖ = ν₀ + Nₖ,
///                           νₖCₖ = Ψ + NₖSₖ + β₀Nₖ/βₖ (x̄ₖ − m₀)(x̄ₖ − m₀)ᵀ
///
/// Diagonal and spherical precisions keep only the diagonal (spherical: its mean). A tied
/// precision has one factor for the data of all components: ν = ν₀ + N and
/// νC = Ψ + Σₖ [NₖSₖ + β₀Nₖ/βₖ (x̄ₖ − m₀)(x̄ₖ − m₀)ᵀ] (scikit-learn instead divides the
/// data's share by K, as if each component saw N/K rows).
enum VariationalUpdate {
    /// The factors from the weighted moments of the data under q(z); Sₖ is each component's
    /// maximum-likelihood covariance in its structure (`GaussianEstimators`, scikit-learn's
    /// `sk`) with `regularization` on its diagonal (a tied structure keeps each component's own).
    static func posterior(_ moments: WeightedMoments, regularization: Double, prior: ResolvedPrior,
                          weightPrior: WeightPrior, covarianceType: CovarianceType) -> VariationalPosterior {
        let covariancesML = covarianceType == .tied
            ? (0..<moments.components).map { GaussianEstimators.full(moments, component: $0, regularization: regularization) }
            : GaussianEstimators.covariances(moments, structure: covarianceType, regularization: regularization)
        let nk = moments.counts.map { $0 + 10 * Double.ulpOfOne }
        let k = nk.count, d = moments.means.columns
        let beta0 = prior.meanPrecision, nu0 = prior.degreesOfFreedom
        var alpha: [Double], sticks: [Double]?
        switch weightPrior {
        case .dirichlet:
            alpha = nk.map { prior.weightConcentration + $0 }
            sticks = nil
        case .dirichletProcess:
            alpha = nk.map { 1 + $0 }
            var tail = [Double](repeating: 0, count: k)
            var running = 0.0
            for c in stride(from: k - 1, through: 0, by: -1) { tail[c] = running; running += nk[c] }
            sticks = tail.map { prior.weightConcentration + $0 }
        }
        let beta = nk.map { beta0 + $0 }
        var means = Matrix(rows: k, columns: d)
        var scales: [Matrix] = []
        for c in 0..<k {
            var diff = [Double](repeating: 0, count: d)
            for j in 0..<d {
                let xbar = moments.means[c, j]
                means.storage[c * d + j] = (beta0 * prior.mean[j] + nk[c] * xbar) / beta[c]
                diff[j] = xbar - prior.mean[j]
            }
            let shrink = beta0 * nk[c] / beta[c]
            var scale = Matrix(rows: d, columns: d)
            let s = covariancesML[c]
            switch covarianceType {
            case .full, .tied:
                for i in 0..<d {
                    for j in 0..<d { scale.storage[i * d + j] = nk[c] * s.storage[i * d + j] + shrink * diff[i] * diff[j] }
                }
            case .diagonal:
                for j in 0..<d { scale.storage[j * d + j] = nk[c] * s.storage[j * d + j] + shrink * diff[j] * diff[j] }
            case .spherical:
                let meanSquare = diff.reduce(0) { $0 + $1 * $1 } / Double(d)
                for j in 0..<d { scale.storage[j * d + j] = nk[c] * s.storage[j * d + j] + shrink * meanSquare }
            }
            scales.append(scale)
        }
        var nu: [Double]
        var covariances: [Matrix]
        if covarianceType == .tied {
            let pooled = scales.reduce(prior.covariance, +)
            let shared = nk.reduce(nu0, +)
            nu = [Double](repeating: shared, count: k)
            covariances = [Matrix](repeating: (1 / shared) * pooled, count: k)
        } else {
            nu = nk.map { nu0 + $0 }
            covariances = (0..<k).map { (1 / nu[$0]) * (prior.covariance + scales[$0]) }
        }
        return VariationalPosterior(weightConcentration: alpha, stickConcentration: sticks, meanPrecision: beta,
                                    means: means, degreesOfFreedom: nu, covariances: covariances)
    }
}
