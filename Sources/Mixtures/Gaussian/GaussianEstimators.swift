import LinearAlgebra

/// Maximum-likelihood covariances per structure, as small pure functions of the
/// weighted moments (scikit-learn's `_estimate_gaussian_covariances_{full,tied,diag,spherical}`).
/// Every result is in full D × D form with `regularization` added to its diagonal.
public enum GaussianEstimators {
    /// The covariances of every component (K of them; a tied structure repeats one).
    /// `moments` is consumed: the full covariances are formed in the scatters' own storage,
    /// so a caller that passes its last reference (`consume`) has no matrix copied.
    public static func covariances(_ moments: consuming WeightedMoments, structure: CovarianceType,
                                   regularization: Double, collapse: CollapsePolicy = CollapsePolicy()) -> [Matrix] {
        switch structure {
        case .full:
            let counts = moments.counts
            var covariances = (consume moments).scatters
            for c in covariances.indices { formFull(&covariances[c], count: counts[c], regularization: regularization) }
            return covariances
        case .diagonal: return (0..<moments.components).map { diagonal(moments, component: $0, regularization: regularization) }
        case .spherical: return (0..<moments.components).map { spherical(moments, component: $0, regularization: regularization) }
        case .tied:
            let shared = tied(moments, regularization: regularization, collapse: collapse)
            return [Matrix](repeating: shared, count: moments.components)
        }
    }

    /// Σₖ = Sₖ / Nₖ + λI.
    public static func full(_ m: WeightedMoments, component c: Int, regularization: Double) -> Matrix {
        var cov = m.scatters[c]
        formFull(&cov, count: m.counts[c], regularization: regularization)
        return cov
    }

    /// Turns one component's scatter Sₖ, with count Nₖ, into Σₖ = Sₖ / Nₖ + λI in place
    /// (Nₖ gets 10·ε added, as in `WeightedMoments`, so an empty component stays finite).
    private static func formFull(_ scatter: inout Matrix, count: Double, regularization: Double) {
        let scale = 1 / (count + 10 * Double.ulpOfOne)
        for i in 0..<scatter.storage.count { scatter.storage[i] *= scale }
        addToDiagonal(&scatter, regularization)
    }

    /// Σₖ = diag(Sₖ) / Nₖ + λI (negative rounding residue clipped to 0).
    public static func diagonal(_ m: WeightedMoments, component c: Int, regularization: Double) -> Matrix {
        let d = m.dimensions
        let nk = m.counts[c] + 10 * Double.ulpOfOne
        var cov = Matrix(rows: d, columns: d)
        for j in 0..<d { cov.storage[j * d + j] = max(0, m.scatters[c].storage[j * d + j] / nk) }
        addToDiagonal(&cov, regularization)
        return cov
    }

    /// Σₖ = σ²ₖ I + λI with σ²ₖ the mean of the diagonal estimate.
    public static func spherical(_ m: WeightedMoments, component c: Int, regularization: Double) -> Matrix {
        let d = m.dimensions
        let nk = m.counts[c] + 10 * Double.ulpOfOne
        var variance = 0.0
        for j in 0..<d { variance += max(0, m.scatters[c].storage[j * d + j] / nk) }
        variance /= Double(d)
        var cov = Matrix(rows: d, columns: d)
        for j in 0..<d { cov.storage[j * d + j] = variance }
        addToDiagonal(&cov, regularization)
        return cov
    }

    /// Σ = Σₖ Sₖ / Σₖ Nₖ + λI, the scatter of empty components (see `CollapsePolicy`) left out.
    public static func tied(_ m: WeightedMoments, regularization: Double, collapse: CollapsePolicy = CollapsePolicy()) -> Matrix {
        let d = m.dimensions
        var scatter = Matrix(rows: d, columns: d)
        for c in 0..<m.components where !collapse.isEmpty(m, component: c) { scatter = scatter + m.scatters[c] }
        var cov = (1 / max(m.total, Double.leastNormalMagnitude)) * scatter
        addToDiagonal(&cov, regularization)
        return cov
    }

    private static func addToDiagonal(_ m: inout Matrix, _ value: Double) {
        for j in 0..<m.rows { m.storage[j * m.rows + j] += value }
    }
}
