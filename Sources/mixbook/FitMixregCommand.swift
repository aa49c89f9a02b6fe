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
            + "so that prediction can gate by p(z|x). Defaults differ from fit gmm: 10 restarts, --max-iter 1000, "
            + "--tol 1e-8; without --init (or --init-gmm) each restart starts from k-means, a Gaussian mixture on the "
            + "standardised (x, y), or random soft responsibilities, drawn at random. --labels adds each row's most "
            + "probable component (0-based, from p(z|x, y)).")

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
    var covariance: CovarianceType = .full

    @Flag(name: .customLong("init-gmm"), help: "Start every restart from a full-covariance Gaussian mixture on the standardised (x, y) instead of --init.")
    var initGMM = false

    @OptionGroup var em: EMOptions<RegressionMixtureCommandDefaults>

    @Option(help: "Ridge added to the diagonal of every weighted least-squares problem (accepts collinear covariates).")
    var ridge: Double = 0

    func validate() throws {
        guard components >= 1 else { throw ValidationError("--components must be at least 1 (got \(components)).") }
        guard ridge >= 0, ridge.isFinite else { throw ValidationError("--ridge must be a finite number ≥ 0 (got \(ridge)).") }
        _ = try noiseChoice()
    }

    /// The shared EM options over the regression mixtures' defaults (10 restarts, 1000
    /// iterations, tolerance 1e-8); the start is `start`'s.
    private var settings: EMSettings { em.settings }

    /// --init-gmm, else --init, else mixed starts.
    private var start: RegressionMixtureInitialization {
        if initGMM { return .gaussianMixture }
        return em.initialization.map { RegressionMixtureInitialization($0) } ?? .mixed
    }

    func run() throws {
        try SubcommandRun.reportingErrors("fit mixreg") {
            try fitAndReport()
        }
    }

    private func fitAndReport() throws {
        let table = try DataTable.read(csv: data)
        let targets = FitData.names(target)
        let y = try table.numeric(targets)
        let covariateNames = FitData.covariates(of: table, targets: targets, named: covariates)
        if let clash = covariateNames.first(where: targets.contains) {
            throw ValidationError("column '\(clash)' is both a target and a covariate.")
        }
        let x = covariateNames.isEmpty ? Matrix(rows: y.rows, columns: 0) : try table.numeric(covariateNames)

        let began = ContinuousClock.now
        let fitted: FittedRegressionMixture
        if clusterWeighted {
            var model = ClusterWeightedRegression(components: components, covarianceType: covariance, settings: settings)
            model.intercept = !noIntercept
            model.noise = try noiseChoice()
            model.initialization = start
            model.ridge = ridge
            fitted = try model.fit(x, y, covariateNames: covariateNames, targetNames: targets, seed: em.seed)
        } else {
            var model = MixtureRegression(components: components, settings: settings)
            model.intercept = !noIntercept
            model.noise = try noiseChoice()
            model.initialization = start
            model.ridge = ridge
            fitted = try model.fit(x, y, covariateNames: covariateNames, targetNames: targets, seed: em.seed)
        }
        let seconds = FitData.seconds(since: began)
        let report = MixregReport(data: data, fitted: fitted, restarts: settings.restarts, initialization: start.rawValue,
                                  seed: em.seed, maxIterations: settings.maxIterations, tolerance: settings.tolerance,
                                  seconds: seconds, labels: em.labels ? fitted.trainingLabels : nil)
        print(em.json ? report.json() : report.text())
    }

    private func noiseChoice() throws -> NoiseVariance {
        guard let choice = NoiseVariance(rawValue: noise.lowercased()) else {
            throw ValidationError("--noise must be per-component or shared; got '\(noise)'.")
        }
        return choice
    }
}
