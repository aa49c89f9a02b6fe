import Foundation
import LinearAlgebra

/// Where a fit of the hierarchical mixture starts. `.embedding(initialization)` (`.kmeans`,
/// `.random`): probabilistic PCA in closed form for W and Ψ, then the shared starting
/// responsibilities (`EMInitialization`, drawn afresh per restart) of the latent embedding
/// E[y | x]; the latent Gaussians come from the shared layer's estimators over the expected
/// moments (embedding plus posterior covariance), so the implied prior is proper from the
/// first iteration. `.twoStage`: the
/// two-stage model itself — factor analysis (or PPCA for isotropic noise), then a full
/// Gaussian mixture fitted to the embedding (the best of five k-means starts) — so EM can
/// only climb above its likelihood. Every start's noise respects the model's noise floors.
public enum HierarchicalMixtureStart: Sendable, Equatable {
    /// Starting responsibilities of the PPCA embedding drawn by `EMInitialization`.
    case embedding(EMInitialization)
    /// The two-stage fit: a factor model, then a Gaussian mixture on its embedding.
    case twoStage
    /// Given parameters (e.g. from another fit).
    case given(HierarchicalMixtureParameters)

    /// Restarts of the two-stage start's Gaussian mixture on the embedding.
    static let twoStageRestarts = 5

    /// k-means on the PPCA embedding (the default).
    public static var kmeans: HierarchicalMixtureStart { .embedding(.kmeans) }
    /// Random responsibilities of the PPCA embedding (a deliberately poor start, for tests and comparisons).
    public static var random: HierarchicalMixtureStart { .embedding(.random) }

    func parameters(_ x: Matrix, moments: ColumnMoments, floors: [Double], components k: Int, latent d: Int,
                    noise: NoiseModel, generator: inout RandomGenerator) throws -> HierarchicalMixtureParameters {
        if case .given(let p) = self { return p }
        if case .twoStage = self { return try Self.twoStage(x, moments: moments, floors: floors, components: k, latent: d,
                                                            noise: noise, generator: &generator) }
        var factor = try ProbabilisticPCA.closedForm(moments, latent: d, floor: floors.min()!)
        factor.psi = noise.noise(fromResiduals: factor.psi, floors: floors)
        let fitted = try FittedFactorModel(parameters: factor, noise: .isotropic)
        let (embedding, posteriorCovariance) = fitted.latentPosterior(x)
        let n = x.rows
        guard case .embedding(let initialization) = self else { preconditionFailure("handled above") }
        let r = try initialization.startingResponsibilities(embedding, components: k, generator: &generator)
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

    private static func twoStage(_ x: Matrix, moments: ColumnMoments, floors: [Double], components k: Int, latent d: Int,
                                 noise: NoiseModel, generator: inout RandomGenerator) throws -> HierarchicalMixtureParameters {
        var factor = try ProbabilisticPCA.closedForm(moments, latent: d, floor: floors.min()!)
        if noise == .diagonal {
            let model = FactorModelEM(latent: d, noise: .diagonal, floor: floors.min()!, start: .principalComponents)
            factor = try EMDriver(restarts: 1, maxIterations: 1000, tolerance: 1e-6).run(model, on: moments, seed: 0).parameters
        }
        factor.psi = noise.noise(fromResiduals: factor.psi, floors: floors)
        let embedding = try FittedFactorModel(parameters: factor, noise: noise).latentPosterior(x).means
        // Several k-means starts with scikit-learn's settings, as its two-stage reference
        // (n_init = 5): the joint EM can only climb from the best of them.
        var settings = EMSettings.scikitLearn
        settings.restarts = Self.twoStageRestarts
        let mixture = try GaussianMixture(components: k, settings: settings).fit(embedding, seed: generator.next()).parameters
        return HierarchicalMixtureParameters(loadings: factor.loadings, offset: factor.mean, psi: factor.psi,
                                             weights: mixture.weights, latentMeans: mixture.means,
                                             latentCovariances: mixture.covariances)
    }
}
