import ArgumentParser
import Foundation
import LinearAlgebra
import Mixtures

/// `mixbook fit`: fit a mixture model to the numeric columns of a CSV file.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a mixture model to a CSV table and print the fitted parameters.",
        subcommands: [FitGMMCommand.self, FitMixregCommand.self, FitHMoGCommand.self, FitFACommand.self,
                      FitVBGMMCommand.self])
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
            + "component (0-based). The defaults aim at the best maximum, not at scikit-learn's: "
            + defaultsText
            + ", and a start that ends degenerate rejected: a component spreading less than twice "
            + "--reg-covar, or less than the rounding of the data, in some direction (on fewer than D + 1 "
            + "distinct points, or on aligned ones), whose likelihood is the ridge's, not the data's. --sklearn-defaults fits as "
            + "scikit-learn's GaussianMixture does (one k-means start, 100 iterations, --tol 1e-3), "
            + "any option given still applying.")

    /// `GaussianMixture.defaultSettings` in words, for --help.
    private static var defaultsText: String {
        let d = GaussianMixture.defaultSettings
        let screen = d.screening.map {
            ", each run \($0.iterations) iterations (or to a change below \($0.tolerance)), the best \($0.survivors) continued"
        } ?? ", each run"
        return "\(d.restarts) starts (k-means++ or random data points, drawn per restart)\(screen) to a change "
            + "below \(d.tolerance) (at most \(d.maxIterations) iterations)"
    }

    @Option(help: "CSV file with a header row; numeric columns are the data.")
    var data: String

    @Option(parsing: .unconditional, help: "Number of mixture components K.")
    var components: Int

    @Option(help: "Covariance type: full, diag, spherical or tied (mclust names VVV, VVI, VII, EEE also accepted).")
    var covariance: CovarianceType = .full

    @OptionGroup var em: EMOptions<GaussianMixtureCommandDefaults>

    @Flag(name: .customLong("sklearn-defaults"),
          help: "Start from scikit-learn's defaults (one k-means start, --max-iter 100, --tol 1e-3, no screening, degenerate maxima kept) instead of Mixbook's; options given still apply.")
    var scikitLearnDefaults = false

    @Option(name: .customLong("init-params"), help: "JSON file with initial parameters {\"weights\": [K], \"means\": [K][D], \"covariances\": [K][D][D]}; replaces --init.")
    var initialParameters: String?

    @Option(help: "Comma-separated column names to use (default: every numeric column).")
    var columns: String?

    func validate() throws {
        guard components >= 1 else { throw ValidationError("--components must be positive (a whole number ≥ 1); got \(components).") }
    }

    func run() throws {
        try SubcommandRun.reportingErrors("fit gmm") {
            try fitAndReport()
        }
    }

    private func fitAndReport() throws {
        let (x, names) = try FitData.read(data, columns: columns)

        let settings = scikitLearnDefaults ? em.settings(over: ScikitLearnCommandDefaults.settings) : em.settings
        var mixture = GaussianMixture(components: components, covarianceType: covariance, settings: settings)
        if let path = initialParameters {
            mixture.initialization = .given(try InitialParametersFile.read(path, components: components, dimension: x.columns))
        }

        let start = ContinuousClock.now
        let fitted = try mixture.fit(x, seed: em.seed)
        let seconds = FitData.seconds(since: start)

        let report = FitReport(data: data, columns: names, x: x, fitted: fitted, mixture: mixture,
                               initialization: initialParameters.map { "given (\($0))" } ?? mixture.settings.initialization.rawValue,
                               seed: em.seed, seconds: seconds, labels: em.labels ? fitted.predict(x) : nil)
        print(em.json ? report.json() : report.text())
    }

}
