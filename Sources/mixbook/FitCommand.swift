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
            + "component (0-based).")

    @Option(help: "CSV file with a header row; numeric columns are the data.")
    var data: String

    @Option(parsing: .unconditional, help: "Number of mixture components K.")
    var components: Int

    @Option(help: "Covariance type: full, diag, spherical or tied (mclust names VVV, VVI, VII, EEE also accepted).")
    var covariance: CovarianceType = .full

    @OptionGroup var em: EMOptions<GaussianMixtureCommandDefaults>

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

        var mixture = GaussianMixture(components: components, covarianceType: covariance, settings: em.settings)
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
