import ArgumentParser
import Foundation
import LinearAlgebra
import Mixtures

/// `mixbook fit mixreg`: a mixture of linear regressions (flexmix/mixtools) or, with
/// `--cluster-weighted`, a cluster-weighted regression (Gaussian covariates per cluster).
struct FitMixregCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixreg",
        abstract: "Fit a mixture of linear regressions, or a cluster-weighted regression, by EM.",
        discussion: "Regresses the --target column(s) of a CSV file on the --covariates (default: every other "
            + "numeric column) with K components, fitted by EM with restarts (on by default: EM for these models "
            + "is very sensitive to its start). Prints each component's coefficients with standard errors "
            + "(observed information), noise standard deviation and weight, the log-likelihood, BIC and AIC in "
            + "both sign conventions, the iterations and convergence. --cluster-weighted adds a Gaussian over the "
            + "covariates to every component (p(x, y) = sum_k pi_k N(x; mu_k, Sigma_k) N(y; x'beta_k, sigma_k^2)), "
            + "so that prediction can gate by p(z|x). --labels adds each row's most probable component (0-based, "
            + "from p(z|x, y)).")

    @Option(help: "CSV file with a header row.")
    var data: String

    @Option(help: "The target column (comma-separated for several targets).")
    var target: String

    @Option(help: "Number of components K.")
    var components: Int

    @Flag(name: .customLong("cluster-weighted"), help: "Fit the cluster-weighted model (a Gaussian over the covariates in every component).")
    var clusterWeighted = false

    @Option(help: "Comma-separated covariate columns (default: every numeric column except the targets).")
    var covariates: String?

    @Flag(name: .customLong("no-intercept"), help: "Leave the intercept out of every regression.")
    var noIntercept = false

    @Option(help: "Noise variance: per-component or shared.")
    var noise: String = "per-component"

    @Option(help: "Covariate covariance type of the cluster-weighted model: full, diag, spherical or tied (or VVV, VVI, VII, EEE).")
    var covariance: String = "full"

    @Option(help: "EM runs from different starts; the best log-likelihood is kept.")
    var restarts: Int = 10

    @Option(help: "Seed of the random generator (the start of every restart).")
    var seed: UInt64 = 0

    @Option(name: .customLong("max-iter"), help: "Maximum EM iterations per restart.")
    var maxIterations: Int = 1000

    @Option(name: .customLong("tol"), help: "Stop when the mean log-likelihood per row changes by less than this.")
    var tolerance: Double = 1e-8

    @Option(name: .customLong("reg-covar"), help: "Added to the diagonal of every covariate covariance (cluster-weighted).")
    var regularization: Double = 1e-6

    @Option(name: .customLong("init"), help: "Starts: kmeans or gmm (on the standardised columns x, y), random (soft), or mixed (each restart draws one of the three).")
    var initialization: String = "mixed"

    @Option(help: "Ridge added to the diagonal of every weighted least-squares problem (accepts collinear covariates).")
    var ridge: Double = 0

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
        guard ridge >= 0, ridge.isFinite else { throw ValidationError("--ridge must be a finite number ≥ 0 (got \(ridge)).") }
        _ = try noiseChoice()
        _ = try covarianceType()
        _ = try initializationChoice()
    }

    func run() throws {
        do {
            try fitAndReport()
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("mixbook fit mixreg: error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func fitAndReport() throws {
        let table = try DataTable.read(csv: data)
        let targets = names(target)
        let y = try table.numeric(targets)
        let covariateNames: [String]
        if let covariates {
            covariateNames = names(covariates)
        } else {
            covariateNames = table.columnNames.filter { name in
                !targets.contains(name) && (try? table.numeric([name])) != nil
            }
        }
        if let clash = covariateNames.first(where: targets.contains) {
            throw ValidationError("column '\(clash)' is both a target and a covariate.")
        }
        let x = covariateNames.isEmpty ? Matrix(rows: y.rows, columns: 0) : try table.numeric(covariateNames)

        let clock = ContinuousClock()
        let start = clock.now
        let fitted: FittedRegressionMixture
        if clusterWeighted {
            var model = ClusterWeightedRegression(components: components, covarianceType: try covarianceType())
            model.intercept = !noIntercept
            model.noise = try noiseChoice()
            model.initialization = try initializationChoice()
            model.restarts = restarts
            model.maxIterations = maxIterations
            model.tolerance = tolerance
            model.regularization = regularization
            model.ridge = ridge
            fitted = try model.fit(x, y, covariateNames: covariateNames, targetNames: targets, seed: seed)
        } else {
            var model = MixtureRegression(components: components)
            model.intercept = !noIntercept
            model.noise = try noiseChoice()
            model.initialization = try initializationChoice()
            model.restarts = restarts
            model.maxIterations = maxIterations
            model.tolerance = tolerance
            model.ridge = ridge
            fitted = try model.fit(x, y, covariateNames: covariateNames, targetNames: targets, seed: seed)
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let report = MixregReport(data: data, fitted: fitted, restarts: restarts, initialization: initialization, seed: seed,
                                  maxIterations: maxIterations, tolerance: tolerance, seconds: seconds,
                                  labels: labels ? fitted.trainingLabels : nil)
        print(json ? report.json() : report.text())
    }

    private func names(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func noiseChoice() throws -> NoiseVariance {
        guard let choice = NoiseVariance(rawValue: noise.lowercased()) else {
            throw ValidationError("--noise must be per-component or shared; got '\(noise)'.")
        }
        return choice
    }

    private func covarianceType() throws -> CovarianceType {
        let value = covariance.lowercased()
        if let type = CovarianceType(rawValue: value) ?? CovarianceType(mclustName: value) { return type }
        if value == "diagonal" { return .diagonal }
        throw ValidationError("--covariance must be full, diag, spherical or tied (or VVV, VVI, VII, EEE); got '\(covariance)'.")
    }

    private func initializationChoice() throws -> RegressionMixtureInitialization {
        guard let choice = RegressionMixtureInitialization(rawValue: initialization.lowercased()) else {
            throw ValidationError("--init must be kmeans, gmm, random or mixed; got '\(initialization)'.")
        }
        return choice
    }
}
