import LinearAlgebra

/// A Gaussian mixture model to be fitted by EM: the configuration (scikit-learn's
/// `GaussianMixture` estimator). `fit` returns a `FittedGaussianMixture`.
///
/// ```swift
/// let x = try DataTable.read(csv: "faithful.csv").numeric()
/// let model = try GaussianMixture(components: 3).fit(x, seed: 1)
/// print(model)            // weights, means, covariances, log-likelihood, BIC
/// ```
///
/// The defaults (`defaultSettings`) are chosen to reach the best known maximum, not
/// scikit-learn's: many diverse starts, each run briefly, the best continued to a tight
/// tolerance, and degenerate maxima rejected. `settings: .scikitLearn` fits exactly as
/// scikit-learn's `GaussianMixture(n_components=k)` does.
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

    /// The defaults, chosen to find the best maximum rather than the nearest one: 50 starts,
    /// each drawing k-means++ or K random data points (`EMInitialization.mixed`), each run
    /// (on both cores) 100 iterations or until the bound per row changes by less than 1e-5;
    /// the best three continued to 1e-8 (at most 1000 iterations), the best of them kept; a
    /// start that ends degenerate (`CollapsePolicy.isUnsupported`) is a failed start.
    ///
    /// Measured over seeds 0…19 (issue 14): Old Faithful, full, K = 2 and K = 3 reach
    /// −1130.264 and −1114.440 from every seed in at most 15 and 62 ms; iris K = 4 reaches
    /// −157.77 from every seed (scikit-learn's defaults: −167.1, and k-means++ starts find
    /// degenerate maxima near −65, rejected here); Old Faithful K = 4 reaches −1106.03 or a
    /// higher maximum (−1103.88, a thin nine-eruption component) from 19 seeds of 20, in at
    /// most 90 ms. The −1106.03 basin converges slowly: with a shorter screening (20
    /// iterations to 1e-3, one survivor) it lost to −1108.03 in 11 seeds of 20. k-means++
    /// starts alone miss K = 4, random data points alone find degenerate iris maxima, so the
    /// two are mixed.
    public static let defaultSettings = EMSettings(
        restarts: 50, maxIterations: 1000, tolerance: 1e-8, regularization: 1e-6, initialization: .mixed,
        screening: EMScreening(iterations: 100, tolerance: 1e-5, survivors: 3), rejectsDegenerate: true)

    /// A mixture with `defaultSettings`, any of them overridden by the arguments given
    /// (the screening and the rejection of degenerate maxima stay on);
    /// `GaussianMixture(components:covarianceType:settings:)` takes every setting at once,
    /// e.g. `settings: .scikitLearn`.
    public init(components: Int, covarianceType: CovarianceType = .full,
                initialization: GMMInitialization = GMMInitialization(Self.defaultSettings.initialization),
                restarts: Int = Self.defaultSettings.restarts, maxIterations: Int = Self.defaultSettings.maxIterations,
                tolerance: Double = Self.defaultSettings.tolerance,
                regularization: Double = Self.defaultSettings.regularization) {
        let settings = Self.defaultSettings.replacing(restarts: restarts, maxIterations: maxIterations,
                                                      tolerance: tolerance, regularization: regularization)
        self.init(components: components, covarianceType: covarianceType, settings: settings)
        self.initialization = initialization
    }

    /// A mixture with these settings.
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
            var model = GaussianMixtureEMModel(configuration: self, summary: DataSummary(x))
            if settings.rejectsDegenerate { model.roundingVariance = DataResolution.roundingVariance(x) }
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
