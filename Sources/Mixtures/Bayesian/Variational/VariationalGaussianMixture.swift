import LinearAlgebra

/// A Gaussian mixture fitted by mean-field variational Bayes (Bishop, PRML §10.2; the model
/// of scikit-learn's `BayesianGaussianMixture`): a Dirichlet or truncated Dirichlet-process
/// prior on the weights, Normal–Wishart (or Normal–Gamma) priors on the components.
///
/// ```swift
/// let x = try DataTable.read(csv: "faithful.csv").numeric()
/// let vb = try VariationalGaussianMixture(components: 10).fit(x, seed: 1)
/// print(vb.weights, vb.effectiveComponents())
/// ```
public struct VariationalGaussianMixture: Sendable, EMRegularizable {
    /// K: components (the truncation level of the Dirichlet process).
    public var components: Int
    /// Constraint on the precisions.
    public var covarianceType: CovarianceType
    /// Dirichlet or Dirichlet-process weights.
    public var weightPrior: WeightPrior
    /// Prior values; `nil` fields take scikit-learn's data-driven defaults.
    public var prior: VariationalPrior
    /// Restarts (the highest final ELBO wins), coordinate-ascent iterations, tolerance (on
    /// the ELBO per row), the ridge added to every component's data covariance Sₖ
    /// (scikit-learn's `reg_covar`) and the starts.
    public var settings: EMSettings
    /// N × K responsibilities every restart starts from instead of `settings.initialization`.
    public var startingResponsibilities: Matrix?

    /// VB's defaults: 500 iterations and a tolerance of 1e-6 on the ELBO per row, stricter
    /// than EM's 1e-3 because coordinate ascent creeps while spare components drain
    /// (scikit-learn's 1e-3 is on the total bound, not per row).
    public static let defaultSettings = EMSettings(maxIterations: 500, tolerance: 1e-6)

    public init(components: Int, covarianceType: CovarianceType = .full, weightPrior: WeightPrior = .dirichletProcess,
                prior: VariationalPrior = VariationalPrior(), settings: EMSettings = Self.defaultSettings,
                startingResponsibilities: Matrix? = nil) {
        self.components = components
        self.covarianceType = covarianceType
        self.weightPrior = weightPrior
        self.prior = prior
        self.settings = settings
        self.startingResponsibilities = startingResponsibilities
    }

    /// The same with the settings given one by one.
    public init(components: Int, covarianceType: CovarianceType = .full, weightPrior: WeightPrior = .dirichletProcess,
                prior: VariationalPrior = VariationalPrior(), initialization: EMInitialization = .kmeans,
                startingResponsibilities: Matrix? = nil, restarts: Int = 1,
                maxIterations: Int = Self.defaultSettings.maxIterations, tolerance: Double = Self.defaultSettings.tolerance,
                regularization: Double = Self.defaultSettings.regularization) {
        self.init(components: components, covarianceType: covarianceType, weightPrior: weightPrior, prior: prior,
                  settings: EMSettings(restarts: restarts, maxIterations: maxIterations, tolerance: tolerance,
                                       regularization: regularization, initialization: initialization),
                  startingResponsibilities: startingResponsibilities)
    }

    /// How each restart starts (when no `startingResponsibilities` are given).
    public var initialization: EMInitialization {
        get { settings.initialization }
        set { settings.initialization = newValue }
    }

    /// Fits the posterior to the rows of `x` by coordinate ascent on the ELBO (see `EMDriver`
    /// for restarts and the convergence test).
    /// - Throws: `GaussianMixtureError` for empty or non-finite data or K > N,
    ///   `EMSettingsError` for bad settings, `VariationalError` for bad priors or starts.
    public func fit(_ x: Matrix, seed: UInt64) throws -> FittedVariationalGaussianMixture {
        try validate(x)
        let resolved = try prior.resolved(x, components: components, covarianceType: covarianceType)
        let model = VariationalEMModel(configuration: self, prior: resolved)
        let result = try BLASThreads.withThreads(1) {   // the blocked passes are the parallelism
            try EMDriver(settings: settings).run(model, on: x, seed: seed)
        }
        let n = Double(x.rows)
        return try FittedVariationalGaussianMixture(
            posterior: result.parameters, prior: resolved, weightPrior: weightPrior, covarianceType: covarianceType,
            evidenceLowerBound: result.lowerBound * n, lowerBoundTrace: result.trace, iterations: result.iterations,
            converged: result.converged, training: x, trainingResponsibilities: result.expectations,
            restartLowerBounds: result.restartLowerBounds.map { $0 * n }, warnings: result.warnings)
    }

    /// The starting posterior of the first restart of `fit(x, seed:)` (one update from the
    /// starting responsibilities), for stepping through the updates by hand.
    public func initialPosterior(_ x: Matrix, seed: UInt64) throws -> VariationalPosterior {
        try validate(x)
        let resolved = try prior.resolved(x, components: components, covarianceType: covarianceType)
        var master = RandomGenerator(seed: seed)
        var generator = master.split()
        return try VariationalEMModel(configuration: self, prior: resolved).initialParameters(for: x, generator: &generator)
    }

    /// Starting responsibilities N × K for one restart.
    func startingResponsibilities(_ x: Matrix, generator: inout RandomGenerator) throws -> Matrix {
        if let r = startingResponsibilities { return r }
        return try initialization.startingResponsibilities(x, components: components, generator: &generator)
    }

    func validate(_ x: Matrix) throws {
        try DataValidation.check(x, components: components)
        try settings.validate()
        if let r = startingResponsibilities {
            guard r.rows == x.rows && r.columns == components else {
                throw VariationalError.invalidConfiguration(
                    "starting responsibilities are \(r.rows)×\(r.columns), expected \(x.rows)×\(components)")
            }
            let k = r.columns
            for i in 0..<r.rows {
                var total = 0.0, valid = true
                for c in 0..<k {
                    let v = r.storage[i * k + c]
                    total += v
                    valid = valid && v >= 0 && v.isFinite
                }
                guard valid && abs(total - 1) < 1e-6 else {
                    throw VariationalError.invalidConfiguration(
                        "starting responsibilities of row \(i + 1) must be non-negative and sum to one (sum \(total))")
                }
            }
        }
    }
}
