import ArgumentParser
import Foundation
import LinearAlgebra
import Mixtures

/// `mixbook fit`: fit a mixture model to the numeric columns of a CSV file.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a mixture model to a CSV table and print the fitted parameters.",
        subcommands: [FitGMMCommand.self, FitHMoGCommand.self, FitFACommand.self])
}

/// `mixbook fit gmm`: a Gaussian mixture fitted by EM, as scikit-learn's GaussianMixture.
struct FitGMMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gmm",
        abstract: "Fit a Gaussian mixture by EM (the model of scikit-learn's GaussianMixture).",
        discussion: "Reads the numeric columns of a CSV file with a header row (or those named by "
            + "--columns), fits a K-component Gaussian mixture by EM with restarts, and prints the weights, "
            + "means, covariances, log-likelihood, BIC, AIC, ICL, the number of iterations and whether EM "
            + "converged. BIC, AIC and ICL use scikit-learn's sign (-2 log L + penalty, lower is better); "
            + "mclust's BIC (2 log L - p log n, higher is better) is printed beside them. --json prints the "
            + "same as JSON, with the fit's wall-clock seconds; --labels adds each row's most probable "
            + "component (0-based).")

    @Option(help: "CSV file with a header row; numeric columns are the data.")
    var data: String

    @Option(help: "Number of mixture components K.")
    var components: Int

    @Option(help: "Covariance type: full, diag, spherical or tied (mclust names VVV, VVI, VII, EEE also accepted).")
    var covariance: String = "full"

    @Option(help: "EM runs from different starts; the best log-likelihood is kept (scikit-learn n_init).")
    var restarts: Int = 1

    @Option(help: "Seed of the random generator (initialisation of every restart).")
    var seed: UInt64 = 0

    @Option(name: .customLong("max-iter"), help: "Maximum EM iterations per restart.")
    var maxIterations: Int = 100

    @Option(name: .customLong("tol"), help: "Stop when the mean log-likelihood per sample changes by less than this; 0 runs all --max-iter iterations.")
    var tolerance: Double = 1e-3

    @Option(name: .customLong("reg-covar"), help: "Added to the diagonal of every covariance (scikit-learn reg_covar).")
    var regularization: Double = 1e-6

    @Option(name: .customLong("init"), help: "Initialisation: kmeans, kmeans++, random (random responsibilities) or random-from-data.")
    var initialization: String = "kmeans"

    @Option(name: .customLong("init-params"), help: "JSON file with initial parameters {\"weights\": [K], \"means\": [K][D], \"covariances\": [K][D][D]}; replaces --init.")
    var initialParameters: String?

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
        _ = try covarianceType()
        if initialParameters == nil { _ = try initializationChoice() }
    }

    func run() throws {
        do {
            try fitAndReport()
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("mixbook fit gmm: error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func fitAndReport() throws {
        let table = try DataTable.read(csv: data)
        let selected = columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let x = try table.numeric(selected)
        let names = selected ?? numericColumnNames(table, count: x.columns)

        var mixture = GaussianMixture(components: components, covarianceType: try covarianceType())
        mixture.restarts = restarts
        mixture.maxIterations = maxIterations
        mixture.tolerance = tolerance
        mixture.regularization = regularization
        if let path = initialParameters {
            mixture.initialization = .given(try InitialParametersFile.read(path, components: components, dimension: x.columns))
        } else {
            mixture.initialization = try initializationChoice()
        }

        let clock = ContinuousClock()
        let start = clock.now
        let fitted = try mixture.fit(x, seed: seed)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18

        let report = FitReport(data: data, columns: names, x: x, fitted: fitted, mixture: mixture,
                               initialization: initialParameters.map { "given (\($0))" } ?? initialization,
                               seed: seed, seconds: seconds, labels: labels ? fitted.predict(x) : nil)
        print(json ? report.json() : report.text())
    }

    private func covarianceType() throws -> CovarianceType {
        let value = covariance.lowercased()
        if let type = CovarianceType(rawValue: value) ?? CovarianceType(mclustName: value) { return type }
        if value == "diagonal" { return .diagonal }
        throw ValidationError("--covariance must be full, diag, spherical or tied (or VVV, VVI, VII, EEE); got '\(covariance)'.")
    }

    private func initializationChoice() throws -> GMMInitialization {
        switch initialization.lowercased() {
        case "kmeans", "k-means": return .kmeans
        case "kmeans++", "k-means++": return .kmeansPlusPlus
        case "random": return .randomResponsibilities
        case "random-from-data", "random_from_data": return .randomFromData
        default:
            throw ValidationError("--init must be kmeans, kmeans++, random or random-from-data; got '\(initialization)'.")
        }
    }

    /// The names of the columns `numeric(nil)` returned: every column when all are
    /// numeric, otherwise those that convert on their own.
    private func numericColumnNames(_ table: DataTable, count: Int) -> [String] {
        if table.columnNames.count == count { return table.columnNames }
        let numeric = table.columnNames.filter { (try? table.numeric([$0])) != nil }
        return numeric.count == count ? numeric : (1...count).map { "x\($0)" }
    }
}
