import Foundation
import LinearAlgebra

/// The cluster-weighted model (Gershenfeld 1997; Ingrassia, Minotti & Vittadini 2012; R's
/// flexCWM): a Gaussian mixture over the covariates with a linear regression inside every
/// cluster, learned jointly,
///
///     p(x, y) = Σₖ πₖ N(x; μₖ, Σₖ) N(y; x̃ᵀBₖ, σ²ₖ),   x̃ = [x, 1].
///
/// EM on the generic `EMDriver`: the complete-data likelihood factorises, so the M-step is
/// the Gaussian-mixture update of (πₖ, μₖ, Σₖ) through the shared Gaussian layer (any
/// `CovarianceType`) plus the weighted least squares of `MixtureRegression` for (Bₖ, σ²ₖ),
/// with the exact maximum-likelihood σ²ₖ. Prediction gates by gₖ(x) ∝ πₖ N(x; μₖ, Σₖ).
public struct ClusterWeightedRegression: Sendable, EMRegularizable {
    /// Number of components K.
    public var components: Int
    /// The covariate Gaussians' covariance structure.
    public var covarianceType: CovarianceType = .full
    /// Include an intercept column in x̃.
    public var intercept: Bool = true
    /// Per-component or shared noise variance.
    public var noise: NoiseVariance = .perComponent
    /// Starts of the restarts.
    public var initialization: RegressionMixtureInitialization = .mixed
    /// Restarts, iterations, tolerance and the regularisation added to every covariate
    /// covariance diagonal, as for every model. The defaults differ from `EMSettings()`:
    /// restarts are on (10), EM runs up to 1000 iterations, and it stops when the mean
    /// log-likelihood per row changes by less than 1e-8. `settings.initialization` is not
    /// read: `initialization` decides the starts.
    public var settings = RegressionMixtureDefaults.settings
    /// Every σₖₜ is kept ≥ noiseFloor · sd(yₜ).
    public var noiseFloor: Double = 1e-4
    /// Added to the diagonal of X̃ᵀRₖX̃ in every weighted least squares.
    public var ridge: Double = 0

    public init(components: Int, covarianceType: CovarianceType = .full, intercept: Bool = true,
                noise: NoiseVariance = .perComponent, initialization: RegressionMixtureInitialization = .mixed,
                restarts: Int = 10, maxIterations: Int = 1000, tolerance: Double = 1e-8,
                regularization: Double = 1e-6, noiseFloor: Double = 1e-4, ridge: Double = 0) {
        self.components = components
        self.covarianceType = covarianceType
        self.intercept = intercept
        self.noise = noise
        self.initialization = initialization
        self.settings = EMSettings(restarts: restarts, maxIterations: maxIterations, tolerance: tolerance,
                                   regularization: regularization)
        self.noiseFloor = noiseFloor
        self.ridge = ridge
    }

    /// A cluster-weighted regression with shared EM settings; the starts come from
    /// `settings.initialization`.
    public init(components: Int, covarianceType: CovarianceType = .full, settings: EMSettings) {
        self.init(components: components, covarianceType: covarianceType)
        self.settings = settings
        initialization = RegressionMixtureInitialization(settings.initialization)
    }

    /// Fits the joint model of x (N × D, D ≥ 1) and y (N × T).
    /// - Throws: `MixtureRegressionError` naming the column or row at fault.
    public func fit(_ x: Matrix, _ y: Matrix, covariateNames: [String]? = nil, targetNames: [String]? = nil,
                    seed: UInt64) throws -> FittedRegressionMixture {
        guard x.columns >= 1 else {
            throw MixtureRegressionError.noCovariates("a cluster-weighted model needs at least one covariate column")
        }
        return try RegressionMixtureFitter(options: options, settings: settings)
            .fit(x, y, covariateNames: covariateNames, targetNames: targetNames, intercept: intercept, seed: seed)
    }

    /// Fits one target y (N values).
    public func fit(_ x: Matrix, _ y: [Double], covariateNames: [String]? = nil, targetName: String = "y",
                    seed: UInt64) throws -> FittedRegressionMixture {
        try fit(x, Matrix(rows: y.count, columns: 1, storage: y), covariateNames: covariateNames, targetNames: [targetName], seed: seed)
    }

    var options: RegressionMixtureOptions {
        RegressionMixtureOptions(components: components, noise: noise, noiseFloor: noiseFloor, ridge: ridge,
                                 initialization: initialization, covariateStructure: covarianceType,
                                 regularization: regularization)
    }
}
