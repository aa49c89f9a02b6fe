import Foundation
import LinearAlgebra

/// A mixture of linear regressions, as R's flexmix and mixtools fit it:
/// p(y|x) = Σₖ πₖ N(y; x̃ᵀBₖ, σ²ₖ) with x̃ = [x, 1], fitted by EM on the generic `EMDriver`.
///
/// The noise variance is the exact maximum-likelihood update σ²ₖ = Σₙ rₙₖ eₙₖ² / Nₖ (as
/// mixtools' `regmixEM`). flexmix's `FLXMRglm` instead takes σₖ from `lm.wfit`'s residual
/// scale, Σₙ rₙₖ eₙₖ² / (Nₖ − P), a degrees-of-freedom correction; its optimum is therefore a
/// hair below the maximum of the likelihood (on NPreg, K = 2: −642.545 against −642.532).
///
/// There is no covariate density, so p(z|x) = π: the gated mean Σₖ πₖ x̃ᵀBₖ averages the
/// lines. For prediction that follows the clusters use `ClusterWeightedRegression`.
///
/// ```swift
/// let fitted = try MixtureRegression(components: 2).fit(x, y, seed: 1)
/// print(fitted)     // coefficients ± standard errors, σₖ, πₖ, log-likelihood, BIC, AIC
/// ```
public struct MixtureRegression: Sendable, EMConfigurable {
    /// Number of components K.
    public var components: Int
    /// Include an intercept column in x̃ (the last design column).
    public var intercept: Bool = true
    /// Per-component or shared noise variance.
    public var noise: NoiseVariance = .perComponent
    /// Starts of the restarts.
    public var initialization: RegressionMixtureInitialization = .mixed
    /// Restarts, iterations, tolerance and (cluster-weighted) the covariance
    /// regularisation, as for every model. The defaults differ from `EMSettings()`:
    /// restarts are on (10), EM runs up to 1000 iterations, and it stops when the mean
    /// log-likelihood per row changes by less than 1e-8. `settings.initialization` is not
    /// read: `initialization` decides the starts.
    public var settings = RegressionMixtureDefaults.settings
    /// Every σₖₜ is kept ≥ noiseFloor · sd(yₜ), so no component can collapse onto a few
    /// points with σ → 0 (the degenerate optimum of unbounded likelihood).
    public var noiseFloor: Double = 1e-4
    /// Added to the diagonal of X̃ᵀRₖX̃ in every weighted least squares (0: none; a positive
    /// ridge also accepts collinear covariates).
    public var ridge: Double = 0

    public init(components: Int, intercept: Bool = true, noise: NoiseVariance = .perComponent,
                initialization: RegressionMixtureInitialization = .mixed, restarts: Int = 10,
                maxIterations: Int = 1000, tolerance: Double = 1e-8, noiseFloor: Double = 1e-4, ridge: Double = 0) {
        self.components = components
        self.intercept = intercept
        self.noise = noise
        self.initialization = initialization
        self.settings = EMSettings(restarts: restarts, maxIterations: maxIterations, tolerance: tolerance,
                                   regularization: RegressionMixtureDefaults.settings.regularization)
        self.noiseFloor = noiseFloor
        self.ridge = ridge
    }

    /// A mixture of regressions with shared EM settings; the starts come from
    /// `settings.initialization`.
    public init(components: Int, settings: EMSettings) {
        self.init(components: components)
        self.settings = settings
        initialization = RegressionMixtureInitialization(settings.initialization)
    }

    /// Fits y (N × T) on x (N × D).
    /// - Throws: `MixtureRegressionError` naming the column or row at fault (NaN, a
    ///   constant target, collinear covariates, K > N, bad settings).
    public func fit(_ x: Matrix, _ y: Matrix, covariateNames: [String]? = nil, targetNames: [String]? = nil,
                    seed: UInt64) throws -> FittedRegressionMixture {
        try RegressionMixtureFitter(options: options, settings: settings)
            .fit(x, y, covariateNames: covariateNames, targetNames: targetNames, intercept: intercept, seed: seed)
    }

    /// Fits one target y (N values) on x (N × D).
    public func fit(_ x: Matrix, _ y: [Double], covariateNames: [String]? = nil, targetName: String = "y",
                    seed: UInt64) throws -> FittedRegressionMixture {
        try fit(x, Matrix(rows: y.count, columns: 1, storage: y), covariateNames: covariateNames, targetNames: [targetName], seed: seed)
    }

    var options: RegressionMixtureOptions {
        RegressionMixtureOptions(components: components, noise: noise, noiseFloor: noiseFloor, ridge: ridge,
                                 initialization: initialization, covariateStructure: nil, regularization: settings.regularization)
    }
}
