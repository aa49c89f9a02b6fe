import LinearAlgebra

/// A Gaussian mixture model to be fitted by EM: the configuration (scikit-learn's
/// `GaussianMixture` estimator). `fit` returns a `FittedGaussianMixture`.
///
/// ```swift
/// let x = try DataTable.read(csv: "faithful.csv").numeric()
/// let model = try GaussianMixture(components: 2, restarts: 20).fit(x, seed: 1)
/// print(model)            // weights, means, covariances, log-likelihood, BIC
/// ```
public struct GaussianMixture: Sendable, EMRegularizable {
    /// Number of components K.
    public var components: Int
    /// Constraint on the covariance matrices.
    public var covarianceType: CovarianceType = .full
    /// Restarts, iterations, tolerance (on the mean log-likelihood per row; the highest
    /// final log-likelihood wins), regularisation and the model-agnostic start.
    public var settings: EMSettings
    /// Parameters every restart starts from instead of `settings.initialization`
    /// (what `initialization = .given(p)` sets).
    public var startingParameters: GaussianMixtureParameters?

    /// How each restart's starting parameters are chosen.
    public var initialization: GMMInitialization {
        get { startingParameters.map(GMMInitialization.given) ?? GMMInitialization(settings.initialization) }
        set {
            if let start = newValue.start {
                settings.initialization = start
                startingParameters = nil
            } else if case .given(let p) = newValue {
                startingParameters = p
            }
        }
    }

    /// A mixture with scikit-learn's defaults (`EMSettings()`), any of them overridden by
    /// the arguments given; `GaussianMixture(components:covarianceType:settings:)` takes
    /// every setting at once (e.g. with `screening` of many starts).
    public init(components: Int, covarianceType: CovarianceType = .full, initialization: GMMInitialization = .kmeans,
                restarts: Int = 1, maxIterations: Int = 100, tolerance: Double = 1e-3, regularization: Double = 1e-6) {
        self.init(components: components, covarianceType: covarianceType,
                  settings: EMSettings(restarts: restarts, maxIterations: maxIterations, tolerance: tolerance,
                                       regularization: regularization))
        self.initialization = initialization
    }

    public init(components: Int, covarianceType: CovarianceType = .full, settings: EMSettings) {
        self.components = components
        self.covarianceType = covarianceType
        self.settings = settings
    }

    /// Fits the mixture to the rows of `x` by EM (see `EMDriver` for the loop).
    /// - Throws: `GaussianMixtureError` for empty or non-finite data, K > N, bad settings,
    ///   or given parameters that do not fit the data.
    public func fit(_ x: Matrix, seed: UInt64) throws -> FittedGaussianMixture {
        try validate(x)
        // Our own blocks run in parallel; OpenBLAS stays single-threaded inside the fit.
        return try BLASThreads.withThreads(1) {
            let model = GaussianMixtureEMModel(configuration: self, summary: DataSummary(x))
            let result = try EMDriver(settings: settings).run(model, on: x, seed: seed)
            return try FittedGaussianMixture(parameters: result.parameters, covarianceType: covarianceType,
                                             logLikelihood: result.lowerBound * Double(x.rows),
                                             lowerBoundTrace: result.trace, iterations: result.iterations,
                                             converged: result.converged, sampleCount: x.rows,
                                             restartLogLikelihoods: result.restartLowerBounds.map { $0 * Double(x.rows) },
                                             warnings: result.warnings,
                                             trainingResponsibilities: result.expectations)
        }
    }

    /// The starting parameters the first restart of `fit(x, seed:)` uses (for tutorials
    /// that step through EM by hand with `GaussianMixtureEM.eStep`/`mStep`).
    public func initialParameters(_ x: Matrix, seed: UInt64) throws -> GaussianMixtureParameters {
        try validate(x)
        let model = GaussianMixtureEMModel(configuration: self, summary: DataSummary(x))
        var master = RandomGenerator(seed: seed)
        var generator = master.split()
        return try model.initialParameters(for: x, generator: &generator)
    }

    private func validate(_ x: Matrix) throws {
        try DataValidation.check(x, components: components)
        do { try settings.validate() } catch let error as EMSettingsError {
            throw GaussianMixtureError.invalidConfiguration(error.description)
        }
        if let p = startingParameters {
            guard p.components == components else {
                throw GaussianMixtureError.invalidParameters("given parameters have \(p.components) components, the model \(components)")
            }
            try p.validate(dimensions: x.columns)
        }
    }
}
