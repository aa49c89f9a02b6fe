import ArgumentParser
import Foundation
import LinearAlgebra
import Mixtures

/// `mixbook fit hmog`: a hierarchical mixture of Gaussians (factor analysis below, a
/// Gaussian mixture over the latent factors above).
struct FitHMoGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hmog",
        abstract: "Fit a hierarchical mixture of Gaussians: joint dimensionality reduction and clustering.",
        discussion: "x = W y + b + noise with diagonal noise Psi; y | z = k ~ N(mu_k, Sigma_k) in d dimensions; "
            + "z ~ pi. The marginal of x is a K-component Gaussian mixture with covariances W Sigma_k W^T + Psi. "
            + "--method em (closed-form EM with latent whitening, default), gradient (mini-batch Adam) or "
            + "diagonal (Adam on the restricted model with a diagonal posterior precision). Prints W, Psi, the "
            + "latent mixture, the log-likelihood, BIC/AIC/ICL (scikit-learn's sign) and mclust's BIC; --json "
            + "prints JSON; --labels adds each row's most probable component (0-based).")

    @Option(help: "CSV file with a header row; numeric columns are the data.")
    var data: String

    @Option(help: "Latent dimension d (1 <= d < number of columns).")
    var latent: Int

    @Option(help: "Number of mixture components K.")
    var components: Int

    @Option(help: "Training: em, gradient or diagonal.")
    var method: String = "em"

    @Option(name: .customLong("learning-rate"), help: "Adam step size (gradient and diagonal).")
    var learningRate: Double = 5e-3

    @Option(name: .customLong("batch-size"), help: "Rows per mini-batch (gradient and diagonal).")
    var batchSize: Int = 256

    @Option(help: "Noise model: diagonal (factor analysis) or isotropic (probabilistic PCA).")
    var noise: String = "diagonal"

    @Option(name: .customLong("column-noise-floor"), help: "Keep each noise variance at least this fraction of its column's variance (0 = off; e.g. 0.05 against Heywood cases on nearly constant columns).")
    var columnNoiseFloor: Double = 0

    @Flag(name: .customLong("two-stage-start"), help: "Start from the two-stage fit (factor model, then a Gaussian mixture on its embedding) instead of --init on the PPCA embedding.")
    var twoStageStart = false

    @Option(help: "Comma-separated column names to use (default: every numeric column).")
    var columns: String?

    @OptionGroup var em: EMOptions<ScikitLearnCommandDefaults>

    func validate() throws {
        guard latent >= 1 else { throw ValidationError("--latent must be at least 1 (got \(latent)).") }
        guard components >= 1 else { throw ValidationError("--components must be at least 1 (got \(components)).") }
        guard HierarchicalMixture.Method(rawValue: method.lowercased()) != nil else {
            throw ValidationError("--method must be em, gradient or diagonal; got '\(method)'.")
        }
        guard NoiseModel(rawValue: noise.lowercased()) != nil else {
            throw ValidationError("--noise must be diagonal or isotropic; got '\(noise)'.")
        }
        guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be positive (got \(learningRate)).") }
        guard columnNoiseFloor >= 0, columnNoiseFloor < 1 else {
            throw ValidationError("--column-noise-floor must be a fraction in [0, 1) (got \(columnNoiseFloor)).")
        }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).") }
    }

    func run() throws {
        try SubcommandRun.reportingErrors("fit hmog") {
            let (x, names) = try FitData.read(data, columns: columns)
            var model = HierarchicalMixture(latent: latent, components: components,
                                            noise: NoiseModel(rawValue: noise.lowercased())!, settings: em.settings)
            if twoStageStart { model.start = .twoStage }
            model.columnNoiseFloor = columnNoiseFloor
            model.method = HierarchicalMixture.Method(rawValue: method.lowercased())!
            model.learningRate = learningRate
            model.batchSize = batchSize
            let start = ContinuousClock.now
            let fitted = try model.fit(x, seed: em.seed)
            let seconds = FitData.seconds(since: start)
            let labels = em.labels ? fitted.predict(x) : nil
            print(em.json ? json(fitted, x: x, names: names, seconds: seconds, labels: labels)
                          : text(fitted, x: x, names: names, seconds: seconds, labels: labels))
        }
    }

    private func json(_ f: FittedHierarchicalMixture, x: Matrix, names: [String], seconds: Double, labels: [Int]?) -> String {
        let c = f.informationCriteria, p = f.parameters
        var members: [(String, JSONText)] = [
            ("model", .string("hierarchical-mixture")), ("method", .string(method.lowercased())),
            ("data", .string(data)), ("columns", .array(names.map(JSONText.string))),
            ("samples", .integer(x.rows)), ("dimension", .integer(x.columns)), ("latent", .integer(f.latent)),
            ("components", .integer(f.components)),
            ("loadings", ReportFormatting.matrix(p.loadings)), ("offset", .numbers(p.offset)), ("psi", .numbers(p.psi)),
            ("weights", .numbers(p.weights)), ("latentMeans", ReportFormatting.matrix(p.latentMeans)),
            ("latentCovariances", .array(p.latentCovariances.map(ReportFormatting.matrix))),
            ("logLikelihood", .number(f.logLikelihood)), ("logLikelihoodPerSample", .number(f.logLikelihood / Double(x.rows))),
            ("parameterCount", .integer(f.parameterCount)), ("bic", .number(c.bic)), ("aic", .number(c.aic)),
            ("icl", .number(c.icl)), ("mclustBIC", .number(c.mclustBIC)), ("mclustICL", .number(c.mclustICL)),
            ("criteriaConvention", .string("bic, aic, icl: scikit-learn sign, -2 log L + penalty, lower is better; mclustBIC, mclustICL: higher is better")),
            ("iterations", .integer(f.iterations)), ("converged", .bool(f.converged)),
            ("lowerBoundTrace", .numbers(f.lowerBoundTrace)), ("restarts", .integer(em.settings.restarts)),
            ("restartLogLikelihoods", .numbers(f.restartLogLikelihoods)), ("seed", .string(String(em.seed))),
            ("warnings", .array(f.warnings.map { .string("\($0)") })), ("seconds", .number(seconds)),
        ]
        if let labels { members.append(("labels", .integers(labels))) }
        return JSONText.object(members).rendered()
    }

    private func text(_ f: FittedHierarchicalMixture, x: Matrix, names: [String], seconds: Double, labels: [Int]?) -> String {
        let p = f.parameters, d = f.latent
        var out = ["Hierarchical mixture of Gaussians: d = \(d), K = \(f.components), method \(method.lowercased()), \(x.rows) rows × \(x.columns) columns of \(data)",
                   "    \(ReportFormatting.count(em.settings.restarts, "restart")), seed \(em.seed); \(f.converged ? "converged" : "NOT converged") after \(ReportFormatting.count(f.iterations, "iteration")), \(ReportFormatting.number(seconds, 3)) s", ""]
        var rows = [["column", "offset"] + (1...d).map { "W[\($0)]" } + ["psi"]]
        for i in 0..<x.columns {
            rows.append([names[i], ReportFormatting.number(p.offset[i])] + p.loadings.row(i).map { ReportFormatting.number($0) } + [ReportFormatting.number(p.psi[i])])
        }
        out += ReportFormatting.align(rows)
        out.append("")
        var latentRows = [["component", "weight"] + (1...d).map { "mean y\($0)" }]
        for k in 0..<f.components {
            latentRows.append([String(k), ReportFormatting.number(p.weights[k])] + p.latentMeans.row(k).map { ReportFormatting.number($0) })
        }
        out += ReportFormatting.align(latentRows)
        for k in 0..<f.components {
            out.append("")
            out.append("latent covariance of component \(k):")
            out += ReportFormatting.align((0..<d).map { r in p.latentCovariances[k].row(r).map { ReportFormatting.number($0) } }).map { "  " + $0 }
        }
        out.append("")
        out.append("log-likelihood  \(ReportFormatting.number(f.logLikelihood, 4)) total, \(ReportFormatting.number(f.logLikelihood / Double(x.rows))) per row")
        out.append("free parameters \(f.parameterCount)")
        out += ReportFormatting.criteria(f.informationCriteria, icl: true)
        out += ReportFormatting.closingLines(warnings: f.warnings, labels: labels)
        return out.joined(separator: "\n")
    }
}
