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
            + "with step (t + tau)^(-kappa).")

    @Option(help: "CSV file with a header row; numeric columns are the data.")
    var data: String

    @Option(help: "Number of mixture components K (the truncation level of the Dirichlet process).")
    var components: Int

    @Option(help: "Weight prior: dirichlet-process (stick breaking) or dirichlet.")
    var prior: String = "dirichlet-process"

    @Option(name: .customLong("weight-concentration"), help: "Concentration of the weight prior (Dirichlet alpha0 or DP gamma); default 1/K.")
    var weightConcentration: Double?

    @Option(help: "Covariance type: full, diag, spherical or tied (mclust names VVV, VVI, VII, EEE also accepted).")
    var covariance: String = "full"

    @Flag(help: "Fit by stochastic variational inference on mini-batches.")
    var stochastic = false

    @Option(name: .customLong("batch-size"), help: "Rows per mini-batch (with --stochastic).")
    var batchSize: Int = 1000

    @Option(help: "Passes over the data (with --stochastic).")
    var epochs: Int = 5

    @Option(help: "Delay tau >= 0 of the step-size schedule (with --stochastic).")
    var tau: Double = 1

    @Option(help: "Forgetting rate kappa in (0.5, 1] of the step-size schedule (with --stochastic).")
    var kappa: Double = 0.7

    @Option(help: "Runs from different starts; the best ELBO is kept.")
    var restarts: Int = 1

    @Option(help: "Seed of the random generator (starts, mini-batches).")
    var seed: UInt64 = 0

    @Option(name: .customLong("max-iter"), help: "Maximum coordinate-ascent iterations per restart (batch).")
    var maxIterations: Int = 500

    @Option(name: .customLong("tol"), help: "Stop when the ELBO per row changes by less than this (stricter than EM's default: spare components drain slowly); 0 runs all --max-iter iterations.")
    var tolerance: Double = 1e-6

    @Option(name: .customLong("reg-covar"), help: "Added to the diagonal of every component's data covariance (scikit-learn reg_covar).")
    var regularization: Double = 1e-6

    @Option(name: .customLong("init"), help: "Initialisation: kmeans, kmeans++, random (random responsibilities) or random-from-data.")
    var initialization: String = "kmeans"

    @Option(name: .customLong("init-responsibilities"), help: "CSV file with a header row and K numeric columns: the starting responsibilities of every row (each row sums to one); replaces --init.")
    var initialResponsibilities: String?

    @Option(help: "Comma-separated column names to use (default: every numeric column).")
    var columns: String?

    @Flag(help: "Print JSON instead of a readable report.")
    var json = false

    @Flag(help: "Also print each row's most probable component (0-based).")
    var labels = false

    func validate() throws {
        guard components >= 1 else { throw ValidationError("--components must be at least 1 (got \(components)).") }
        guard restarts >= 1 else { throw ValidationError("--restarts must be at least 1 (got \(restarts)).") }
        guard maxIterations >= 1 else { throw ValidationError("--max-iter must be at least 1 (got \(maxIterations)).") }
        guard tolerance >= 0, tolerance.isFinite else { throw ValidationError("--tol must be a finite number ≥ 0 (got \(tolerance)).") }
        guard regularization >= 0, regularization.isFinite else { throw ValidationError("--reg-covar must be a finite number ≥ 0 (got \(regularization)).") }
        if let c = weightConcentration, !(c > 0 && c.isFinite) {
            throw ValidationError("--weight-concentration must be a finite number > 0 (got \(c)).")
        }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).") }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1 (got \(epochs)).") }
        guard tau >= 0, tau.isFinite else { throw ValidationError("--tau must be a finite number ≥ 0 (got \(tau)).") }
        guard kappa > 0.5, kappa <= 1 else { throw ValidationError("--kappa must be in (0.5, 1] (got \(kappa)).") }
        _ = try weightPrior()
        _ = try covarianceType()
        _ = try initializationChoice()
    }

    func run() throws {
        do {
            try fitAndReport()
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("mixbook fit vbgmm: error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func fitAndReport() throws {
        let table = try DataTable.read(csv: data)
        let selected = columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let x = try table.numeric(selected)
        let names = selected ?? table.columnNames.filter { (try? table.numeric([$0])) != nil }
        var firstStart = try initializationChoice()
        if let path = initialResponsibilities { firstStart = .responsibilities(try DataTable.read(csv: path).numeric()) }
        let model = VariationalGaussianMixture(
            components: components, covarianceType: try covarianceType(), weightPrior: try weightPrior(),
            prior: VariationalPrior(weightConcentration: weightConcentration), initialization: firstStart,
            restarts: restarts, maxIterations: maxIterations, tolerance: tolerance, regularization: regularization)
        let schedule = StochasticVariationalInference(batchSize: batchSize, epochs: epochs, delay: tau, forgettingRate: kappa)
        let clock = ContinuousClock()
        let start = clock.now
        let fitted = stochastic ? try model.fitStochastic(x, seed: seed, schedule: schedule) : try model.fit(x, seed: seed)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let report = VariationalFitReport(data: data, columns: names.count == x.columns ? names : (1...x.columns).map { "x\($0)" },
                                          x: x, fitted: fitted, model: model, schedule: stochastic ? schedule : nil,
                                          initialization: initialResponsibilities.map { "given (\($0))" } ?? initialization, seed: seed, seconds: seconds,
                                          labels: labels ? try fitted.predict(x) : nil)
        print(json ? report.json() : report.text())
    }

    private func weightPrior() throws -> WeightPrior {
        switch prior.lowercased() {
        case "dirichlet-process", "dirichlet_process", "dp": return .dirichletProcess
        case "dirichlet", "dirichlet-distribution", "dirichlet_distribution": return .dirichlet
        default: throw ValidationError("--prior must be dirichlet-process or dirichlet; got '\(prior)'.")
        }
    }

    private func covarianceType() throws -> CovarianceType {
        let value = covariance.lowercased()
        if let type = CovarianceType(rawValue: value) ?? CovarianceType(mclustName: value) { return type }
        if value == "diagonal" { return .diagonal }
        throw ValidationError("--covariance must be full, diag, spherical or tied (or VVV, VVI, VII, EEE); got '\(covariance)'.")
    }

    private func initializationChoice() throws -> VariationalInitialization {
        switch initialization.lowercased() {
        case "kmeans", "k-means": return .kmeans
        case "kmeans++", "k-means++": return .kmeansPlusPlus
        case "random": return .random
        case "random-from-data", "random_from_data": return .randomFromData
        default:
            throw ValidationError("--init must be kmeans, kmeans++, random or random-from-data; got '\(initialization)'.")
        }
    }
}
