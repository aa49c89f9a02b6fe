import Foundation
import LinearAlgebra

/// Where a fit of the hierarchical mixture starts: probabilistic PCA in closed form for
/// W and Ψ, then k-means (a fresh seed per restart) on the latent embedding E[y | x] for
/// the components. The latent Gaussians come from the shared layer's estimators over the
/// expected moments (embedding plus posterior covariance), so the implied prior is proper
/// from the first iteration.
public enum HierarchicalMixtureStart: Sendable, Equatable {
    /// k-means on the PPCA embedding (default).
    case kmeans
    /// Random hard assignments of the rows (a deliberately poor start, for tests and comparisons).
    case random
    /// Given parameters (e.g. from another fit).
    case given(HierarchicalMixtureParameters)

    func parameters(_ x: Matrix, moments: ColumnMoments, floor: Double, components k: Int, latent d: Int,
                    generator: inout RandomGenerator) throws -> HierarchicalMixtureParameters {
        if case .given(let p) = self { return p }
        let factor = try ProbabilisticPCA.closedForm(moments, latent: d, floor: floor)
        let fitted = try FittedFactorModel(parameters: factor, noise: .isotropic)
        let (embedding, posteriorCovariance) = fitted.latentPosterior(x)
        let n = x.rows
        var labels: [Int]
        switch self {
        case .kmeans:
            labels = try KMeans(components: k).fit(embedding, seed: generator.next()).labels
        case .random, .given:
            labels = (0..<n).map { _ in generator.index(below: k) }
            for c in 0..<k { labels[c] = c }   // no empty component
        }
        var r = Matrix(rows: n, columns: k)
        for i in 0..<n { r[i, labels[i]] = 1 }
        let hard = WeightedMoments(rows: embedding, responsibilities: r)
        // Add the posterior covariance to every row's second moment: E[yyᵀ|x] = S + m mᵀ.
        var second: [Matrix] = []
        for c in 0..<k {
            var s = hard.scatters[c]
            let mu = hard.means.row(c)
            for a in 0..<d { for b in 0..<d { s[a, b] += hard.counts[c] * (mu[a] * mu[b] + posteriorCovariance[a, b]) } }
            second.append(s)
        }
        var first = hard.means
        for c in 0..<k { for j in 0..<d { first[c, j] *= hard.counts[c] } }
        let latentMoments = WeightedMoments(counts: hard.counts, firstMoments: first, secondMoments: second)
        let covariances = GaussianEstimators.covariances(latentMoments, structure: .full, regularization: 1e-6)
        return HierarchicalMixtureParameters(loadings: factor.loadings, offset: factor.mean,
                                             psi: factor.psi, weights: hard.counts.map { $0 / Double(n) },
                                             latentMeans: latentMoments.means, latentCovariances: covariances)
    }
}
