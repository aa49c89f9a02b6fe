import ArgumentParser
import Foundation
import LinearAlgebra
import Mixtures

/// `mixbook fit vbgmm`: a Gaussian mixture fitted by variational Bayes, as scikit-learn's
/// BayesianGaussianMixture, in batch or by stochastic VI on mini-batches.
struct FitVBGMMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vbgmm",
        abstract: "Fit a Bayesian Gaussian mixture by variational inference (the model of scikit-learn's BayesianGaussianMixture).",
        discussion: "Reads the numeric columns of a CSV file with a header row (or those named by --columns) and fits "
            + "the mean-field posterior of a K-component Gaussian mixture with a Dirichlet-process (stick-breaking, "
            + "the default) or Dirichlet prior on the weights and scikit-learn's data-driven Normal-Wishart priors on "
            + "the components. Prints the posterior mean weights, means and covariances, the effective number of "
            + "components (weight >= 0.01), the ELBO (with every constant: a lower bound on log p(X)), iterations and "
            + "convergence. --stochastic fits by stochastic VI on mini-batches of --batch-size rows for --epochs passes, "
            + "with step (t + tau)^(-kappa). Unlike EM, VB defaults to --max-iter 500 and --tol 1e-6 (on the ELBO per "
            + "row): coordinate ascent creeps while spare components drain.")

    @Option(help: "CSV file with a header row; numeric columns are the data.")
    var data: String

    @Option(parsing: .unconditional, help: "Number of mixture components K (the truncation level of the Dirichlet process).")
    var components: Int

    @Option(help: "Weight prior: dirichlet-process (stick breaking) or dirichlet.")
    var prior: String = "dirichlet-process"

    @Option(name: .customLong("weight-concentration"), parsing: .unconditional, help: "Concentration of the weight prior (Dirichlet alpha0 or DP gamma); default 1/K.")
    var weightConcentration: Double?

    @Option(help: "Covariance type: full, diag, spherical or tied (mclust names VVV, VVI, VII, EEE also accepted).")
    var covariance: CovarianceType = .full

    @Flag(help: "Fit by stochastic variational inference on mini-batches.")
    var stochastic = false

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Rows per mini-batch (with --stochastic).")
    var batchSize: Int = 1000

    @Option(parsing: .unconditional, help: "Passes over the data (with --stochastic).")
    var epochs: Int = 5

    @Option(parsing: .unconditional, help: "Delay tau >= 0 of the step-size schedule (with --stochastic).")
    var tau: Double = 1

    @Option(parsing: .unconditional, help: "Forgetting rate kappa in (0.5, 1] of the step-size schedule (with --stochastic).")
    var kappa: Double = 0.7

    @Option(name: .customLong("init-responsibilities"), help: "CSV file with a header row and K numeric columns: the starting responsibilities of every row (each row sums to one); replaces --init.")
    var initialResponsibilities: String?

    @Option(help: "Comma-separated column names to use (default: every numeric column).")
    var columns: String?

    @OptionGroup var em: EMOptions<VariationalCommandDefaults>

    func validate() throws {
        guard components >= 1 else { throw ValidationError("--components must be at least 1 (got \(components)).") }
        if let c = weightConcentration, !(c > 0 && c.isFinite) {
            throw ValidationError("--weight-concentration must be a finite number > 0 (got \(c)).")
        }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).") }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1 (got \(epochs)).") }
        guard tau >= 0, tau.isFinite else { throw ValidationError("--tau must be a finite number ≥ 0 (got \(tau)).") }
        guard kappa > 0.5, kappa <= 1 else { throw ValidationError("--kappa must be in (0.5, 1] (got \(kappa)).") }
        _ = try weightPrior()
    }

    func run() throws {
        try SubcommandRun.reportingErrors("fit vbgmm") {
            try fitAndReport()
        }
    }

    private func fitAndReport() throws {
        let (x, names) = try FitData.read(data, columns: columns)
        let start = try initialResponsibilities.map { try DataTable.read(csv: $0).numeric() }
        let model = VariationalGaussianMixture(
            components: components, covarianceType: covariance, weightPrior: try weightPrior(),
            prior: VariationalPrior(weightConcentration: weightConcentration), settings: settings,
            startingResponsibilities: start)
        let schedule = StochasticVariationalInference(batchSize: batchSize, epochs: epochs, delay: tau, forgettingRate: kappa)
        let began = ContinuousClock.now
        let fitted = stochastic ? try model.fitStochastic(x, seed: em.seed, schedule: schedule) : try model.fit(x, seed: em.seed)
        let seconds = FitData.seconds(since: began)
        let report = VariationalFitReport(data: data, columns: names,
                                          x: x, fitted: fitted, model: model, schedule: stochastic ? schedule : nil,
                                          initialization: initialResponsibilities.map { "given (\($0))" } ?? model.initialization.rawValue,
                                          seed: em.seed, seconds: seconds, labels: em.labels ? try fitted.predict(x) : nil)
        print(em.json ? report.json() : report.text())
    }

    private func weightPrior() throws -> WeightPrior {
        switch prior.lowercased() {
        case "dirichlet-process", "dirichlet_process", "dp": return .dirichletProcess
        case "dirichlet", "dirichlet-distribution", "dirichlet_distribution": return .dirichlet
        default: throw ValidationError("--prior must be dirichlet-process or dirichlet; got '\(prior)'.")
        }
    }

    /// The shared EM options over VB's defaults (500 iterations, tol 1e-6 per row).
    private var settings: EMSettings { em.settings }
}
