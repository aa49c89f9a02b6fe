import ArgumentParser
import Foundation
import LinearAlgebra
import Mixtures

/// `mixbook sample mixreg`: a Bayesian mixture of regressions or cluster-weighted model by NUTS.
struct SampleMixregCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixreg",
        abstract: "Sample a Bayesian mixture of regressions (or cluster-weighted model) by NUTS.",
        discussion: "The target column is y; the covariates x are the other numeric columns (or --columns). "
            + "--model mixreg samples p(y|x) = Σk πk N(y; x̃ᵀβk, σk²); --model cwm also models the covariates, "
            + "p(x, y) = Σk πk N(x; μk, diag τk²) N(y; x̃ᵀβk, σk²), x̃ = [1; x]. The assignments are summed out. "
            + "Priors: π ~ Dirichlet(α), coefficients and means ~ Normal(0, 10) (--mean-scale), σ and τ ~ HalfCauchy(5) "
            + "(--scale-scale), in the data's units: standardise the columns or set them. Components "
            + "are identified by ordering the first slope (mixreg) or the first covariate mean (cwm).")

    @Option(help: "CSV file with a header row.")
    var data: String

    @Option(help: "The column to regress (y).")
    var target: String

    @Option(help: "Number of components K.")
    var components: Int

    @Option(help: "Model: mixreg (mixture of regressions) or cwm (cluster-weighted).")
    var model: String = "cwm"

    @Option(help: "Comma-separated covariate columns (default: every other numeric column).")
    var columns: String?

    @OptionGroup var priorOptions: PriorOptions

    @OptionGroup var sampling: SamplingOptions

    func validate() throws {
        guard components >= 1 else { throw ValidationError("--components must be at least 1 (got \(components)).") }
        guard MixtureRegressionLogDensity.Kind(rawValue: model.lowercased()) != nil else {
            throw ValidationError("--model must be mixreg or cwm; got '\(model)'.")
        }
    }

    func run() throws {
        let start = ContinuousClock.now
        try SubcommandRun.reportingErrors("sample mixreg") {
            let table = try DataTable.read(csv: data)
            guard table.columnNames.contains(target) else {
                throw ValidationError("--target '\(target)' is not a column of \(data) (columns: \(table.columnNames.joined(separator: ", "))).")
            }
            let covariateNames = FitData.covariates(of: table, targets: [target], named: columns)
            let x = try table.numeric(covariateNames)
            let y = try table.numeric([target]).storage
            let kind = MixtureRegressionLogDensity.Kind(rawValue: model.lowercased())!
            let density = try MixtureRegressionLogDensity(x: x, y: y, components: components, kind: kind, priors: priorOptions.priors)
            // The covariate means of --model cwm must reach the covariates. (A target far from 0 says
            // nothing certain about the intercepts, which are the target at x = 0.)
            if kind == .clusterWeighted { priorOptions.warnIfOutsidePrior(x, names: covariateNames, subject: "the covariate means") }
            let draws = try NUTSSampler(settings: sampling.nutsSettings())
                .sample(density, chains: sampling.chains, seed: sampling.seed, threads: sampling.threads, progress: sampling.progress)
            let seconds = FitData.seconds(since: start)
            let settings: [(String, String)] = [
                ("data", "\(data) (\(x.rows) rows; y = \(target); x = \(covariateNames.joined(separator: ", ")))"),
                ("model", kind == .clusterWeighted ? "cluster-weighted (cwm)" : "mixture of regressions (mixreg)"),
                ("components", "\(components)"),
                ("priors", priorOptions.description),
                ("method", "NUTS (\(sampling.metric) metric, max tree depth \(sampling.maxTreeDepth))"),
                ("chains", "\(sampling.chains) × (\(sampling.warmup) warm-up + \(sampling.draws) draws), seed \(sampling.seed)"),
            ]
            let report = SampleReport(command: "sample mixreg", settings: settings, draws: draws, totalSeconds: seconds)
            print(sampling.json ? report.json() : report.text())
        }
    }
}
