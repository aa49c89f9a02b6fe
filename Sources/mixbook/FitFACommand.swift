import ArgumentParser
import Foundation
import LinearAlgebra
import Mixtures

/// `mixbook fit fa`: factor analysis (or probabilistic PCA) of the numeric columns of a CSV file.
struct FitFACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fa",
        abstract: "Fit factor analysis by EM, or probabilistic PCA (--noise isotropic), to a CSV table.",
        discussion: "Prints the loadings W (p x d), the noise variances Psi, the mean, the log-likelihood "
            + "(total and per row, comparable with scikit-learn's FactorAnalysis.score), the free parameters "
            + "and BIC/AIC. --noise isotropic fits probabilistic PCA in closed form. --json prints the same as "
            + "JSON; --labels is not meaningful for a model without components and is ignored. Unless given, "
            + "--max-iter is 1000 and --tol 1e-8 (factor-analysis EM converges slowly; scikit-learn's optimum "
            + "is reached only with a tight tolerance).")

    @Option(help: "CSV file with a header row; numeric columns are the data.")
    var data: String

    @Option(help: "Latent dimension d (1 <= d < number of columns).")
    var latent: Int

    @Option(help: "Noise model: diagonal (factor analysis) or isotropic (probabilistic PCA).")
    var noise: String = "diagonal"

    @Option(help: "Comma-separated column names to use (default: every numeric column).")
    var columns: String?

    @OptionGroup var em: EMOptions<FactorAnalysisCommandDefaults>

    func validate() throws {
        guard latent >= 1 else { throw ValidationError("--latent must be at least 1 (got \(latent)).") }
        guard NoiseModel(rawValue: noise.lowercased()) != nil else {
            throw ValidationError("--noise must be diagonal or isotropic; got '\(noise)'.")
        }
    }

    func run() throws {
        try SubcommandRun.reportingErrors("fit fa") {
            let (x, names) = try FitData.read(data, columns: columns)
            let noiseModel = NoiseModel(rawValue: noise.lowercased())!
            let start = ContinuousClock.now
            let fitted: FittedFactorModel
            if noiseModel == .diagonal {
                fitted = try FactorAnalysis(latent: latent, maxIterations: em.settings.maxIterations,
                                            tolerance: em.settings.tolerance).fit(x, seed: em.seed)
            } else {
                fitted = try ProbabilisticPCA(latent: latent).fit(x, seed: em.seed)
            }
            let seconds = FitData.seconds(since: start)
            print(em.json ? json(fitted, x: x, names: names, seconds: seconds) : text(fitted, x: x, names: names, seconds: seconds))
        }
    }

    private func json(_ f: FittedFactorModel, x: Matrix, names: [String], seconds: Double) -> String {
        let c = f.informationCriteria
        return JSONText.object([
            ("model", .string(f.noise == .diagonal ? "factor-analysis" : "probabilistic-pca")),
            ("data", .string(data)), ("columns", .array(names.map(JSONText.string))),
            ("samples", .integer(x.rows)), ("dimension", .integer(x.columns)), ("latent", .integer(f.latent)),
            ("mean", .numbers(f.parameters.mean)), ("loadings", ReportFormatting.matrix(f.loadings)), ("psi", .numbers(f.psi)),
            ("logLikelihood", .number(f.logLikelihood)), ("logLikelihoodPerSample", .number(f.logLikelihood / Double(x.rows))),
            ("parameterCount", .integer(f.parameterCount)), ("bic", .number(c.bic)), ("aic", .number(c.aic)),
            ("mclustBIC", .number(c.mclustBIC)), ("iterations", .integer(f.iterations)), ("converged", .bool(f.converged)),
            ("lowerBoundTrace", .numbers(f.lowerBoundTrace)), ("seed", .string(String(em.seed))),
            ("warnings", .array(f.warnings.map { .string("\($0)") })), ("seconds", .number(seconds)),
        ]).rendered()
    }

    private func text(_ f: FittedFactorModel, x: Matrix, names: [String], seconds: Double) -> String {
        let kind = f.noise == .diagonal ? "Factor analysis (EM)" : "Probabilistic PCA (closed form)"
        var out = ["\(kind): d = \(f.latent), \(x.rows) rows × \(x.columns) columns of \(data)",
                   ReportFormatting.convergenceLine(converged: f.converged, iterations: f.iterations, seconds: seconds, bestRestart: false), ""]
        var rows = [["column", "mean"] + (1...f.latent).map { "W[\($0)]" } + ["psi"]]
        for i in 0..<x.columns {
            rows.append([names[i], ReportFormatting.number(f.parameters.mean[i])] + f.loadings.row(i).map { ReportFormatting.number($0) }
                + [ReportFormatting.number(f.psi[i])])
        }
        out += ReportFormatting.align(rows)
        out.append("")
        out.append("log-likelihood  \(ReportFormatting.number(f.logLikelihood, 4)) total, \(ReportFormatting.number(f.logLikelihood / Double(x.rows))) per row")
        out.append("free parameters \(f.parameterCount)")
        out += ReportFormatting.criteria(f.informationCriteria, icl: false)
        for w in f.warnings { out.append("warning: \(w)") }
        return out.joined(separator: "\n")
    }
}
