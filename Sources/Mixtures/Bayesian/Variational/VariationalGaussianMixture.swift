import LinearAlgebra

/// How each restart of variational inference starts: responsibilities from a data-driven
/// rule (as `GMMInitialization`), or given ones.
public enum VariationalInitialization: Sendable {
    /// Hard labels of one k-means run (scikit-learn's default `"kmeans"`).
    case kmeans
    /// Hard labels of the nearest of K greedy k-means++ points.
    case kmeansPlusPlus
    /// Uniform random responsibilities, normalised per row.
    case random
    /// Hard labels of the nearest of K distinct random rows.
    case randomFromData
    /// These N × K responsibilities (rows summing to one); every restart starts here.
    case responsibilities(Matrix)
}

/// A Gaussian mixture fitted by mean-field variational Bayes (Bishop, PRML §10.2; the model
/// of scikit-learn's `BayesianGaussianMixture`): a Dirichlet or truncated Dirichlet-process
/// prior on the weights, Normal–Wishart (or Normal–Gamma) priors on the components.
///
/// ```swift
/// let x = try DataTable.read(csv: "faithful.csv").numeric()
/// let vb = try VariationalGaussianMixture(components: 10).fit(x, seed: 1)
/// print(vb.weights, vb.effectiveComponents())
/// ```
public struct VariationalGaussianMixture: Sendable {
    /// K: components (the truncation level of the Dirichlet process).
    public var components: Int
    /// Constraint on the precisions.
    public var covarianceType: CovarianceType
    /// Dirichlet or Dirichlet-process weights.
    public var weightPrior: WeightPrior
    /// Prior values; `nil` fields take scikit-learn's data-driven defaults.
    public var prior: VariationalPrior
    /// How each restart starts.
    public var initialization: VariationalInitialization
    /// Independent starts; the highest final ELBO wins.
    public var restarts: Int
    /// Coordinate-ascent iterations per start.
    public var maxIterations: Int
    /// Stop when the ELBO per row changes by less than this (0 runs every iteration). The
    /// default, 1e-6, is stricter than EM's 1e-3: coordinate ascent on the ELBO creeps while
    /// spare components drain (scikit-learn's 1e-3 is on the total bound, not per row).
    public var tolerance: Double
    /// Added to the diagonal of every component's data covariance Sₖ (scikit-learn's `reg_covar`).
    public var regularization: Double

    public init(components: Int, covarianceType: CovarianceType = .full, weightPrior: WeightPrior = .dirichletProcess,
                prior: VariationalPrior = VariationalPrior(), initialization: VariationalInitialization = .kmeans,
                restarts: Int = 1, maxIterations: Int = 500, tolerance: Double = 1e-6, regularization: Double = 1e-6) {
        self.components = components
        self.covarianceType = covarianceType
        self.weightPrior = weightPrior
        self.prior = prior
        self.initialization = initialization
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.regularization = regularization
    }

    /// Fits the posterior to the rows of `x` by coordinate ascent on the ELBO (see `EMDriver`
    /// for restarts and the convergence test).
    /// - Throws: `GaussianMixtureError` for empty or non-finite data or K > N,
    ///   `VariationalError` for bad priors or settings.
    public func fit(_ x: Matrix, seed: UInt64) throws -> FittedVariationalGaussianMixture {
        try validate(x)
        BLASThreads.set(1)   // the blocked passes are the parallelism; keep OpenBLAS single-threaded
        let resolved = try prior.resolved(x, components: components, covarianceType: covarianceType)
        let model = VariationalEMModel(configuration: self, prior: resolved)
        let driver = EMDriver(restarts: restarts, maxIterations: maxIterations, tolerance: tolerance)
        let result = try driver.run(model, on: x, seed: seed)
        let responsibilities = try model.expectation(x, result.parameters).expectations
        let n = Double(x.rows)
        return try FittedVariationalGaussianMixture(
            posterior: result.parameters, prior: resolved, weightPrior: weightPrior, covarianceType: covarianceType,
            evidenceLowerBound: result.lowerBound * n, lowerBoundTrace: result.trace, iterations: result.iterations,
            converged: result.converged, training: x, trainingResponsibilities: responsibilities,
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
        let rule: GMMInitialization
        switch initialization {
        case .responsibilities(let r): return r
        case .kmeans: rule = .kmeans
        case .kmeansPlusPlus: rule = .kmeansPlusPlus
        case .random: rule = .randomResponsibilities
        case .randomFromData: rule = .randomFromData
        }
        return try GaussianMixture(components: components, initialization: rule).initialResponsibilities(x, generator: &generator)
    }

    func validate(_ x: Matrix) throws {
        try DataValidation.check(x, components: components)
        func bad(_ why: String) -> VariationalError { .invalidConfiguration(why) }
        guard restarts >= 1 else { throw bad("restarts must be at least 1, got \(restarts)") }
        guard maxIterations >= 0 else { throw bad("maxIterations must be non-negative, got \(maxIterations)") }
        guard tolerance >= 0 && tolerance.isFinite else { throw bad("tolerance must be a finite number ≥ 0, got \(tolerance)") }
        guard regularization >= 0 && regularization.isFinite else {
            throw bad("regularization must be a finite number ≥ 0, got \(regularization)")
        }
        if case .responsibilities(let r) = initialization {
            guard r.rows == x.rows && r.columns == components else {
                throw bad("starting responsibilities are \(r.rows)×\(r.columns), expected \(x.rows)×\(components)")
            }
            for i in 0..<r.rows {
                let row = r.row(i)
                let total = row.reduce(0, +)
                guard row.allSatisfy({ $0 >= 0 && $0.isFinite }) && abs(total - 1) < 1e-6 else {
                    throw bad("starting responsibilities of row \(i + 1) must be non-negative and sum to one (sum \(total))")
                }
            }
        }
    }
}
