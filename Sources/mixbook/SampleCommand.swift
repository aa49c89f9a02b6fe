import ArgumentParser
import Foundation
import Mixtures

/// `mixbook sample`: draw from the posterior of a Bayesian mixture model.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Sample the posterior of a Bayesian mixture model (NUTS or Gibbs) and print its summary.",
        subcommands: [SampleGMMCommand.self, SampleMixregCommand.self])
}

/// `mixbook sample gmm`: the Bayesian Gaussian mixture, by NUTS or Gibbs.
struct SampleGMMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gmm",
        abstract: "Sample a Bayesian Gaussian mixture by NUTS (default) or Gibbs.",
        discussion: "NUTS samples the model with the assignments summed out: weights ~ Dirichlet(α), every mean "
            + "coordinate ~ Normal(0, 10) (10 a standard deviation, --mean-scale), every component standard deviation ~ "
            + "HalfCauchy(5) (--scale-scale); both are in the data's units, so standardise the columns or set them. "
            + "Covariances are "
            + "diagonal (--covariance full: Σ = diag(σ) Ω diag(σ) with Ω ~ LKJ(1)). Gibbs samples the conjugate model (normal-inverse-gamma for diagonal, "
            + "normal-inverse-Wishart for full covariances). Components are identified by ordering their first mean "
            + "coordinate (NUTS: an ordering transform; Gibbs: relabelling each draw), so the summary rows are "
            + "comparable across chains; --labels relabel samples without the constraint and relabels each draw afterwards, --labels none does neither (NUTS). Prints mean, sd, median, 5 % and 95 % "
            + "quantiles, bulk ESS (n_eff) and rank-normalised split R-hat per parameter, the divergences and the time.")

    @Option(help: "CSV file with a header row; numeric columns are the data.")
    var data: String

    @Option(help: "Number of mixture components K.")
    var components: Int

    @Option(help: "Sampler: nuts or gibbs.")
    var method: String = "nuts"

    @Option(help: "Covariance of the components: diag or full.")
    var covariance: String = "diag"

    @Option(help: "Label identification for NUTS: ordered (an ordering transform on the first mean coordinate), relabel (no constraint; each draw relabelled by that coordinate afterwards) or none.")
    var labels: String = "ordered"

    @Option(help: "Comma-separated column names to use (default: every numeric column).")
    var columns: String?

    @Option(help: "NUTS priors: default (Normal(0, --mean-scale) means, HalfCauchy(--scale-scale) scales) or conjugate (the normal-inverse-gamma priors Gibbs uses).")
    var prior: String = "default"

    @OptionGroup var priorOptions: PriorOptions

    @OptionGroup var sampling: SamplingOptions

    func validate() throws {
        guard components >= 1 else { throw ValidationError("--components must be at least 1 (got \(components)).") }
        guard ["nuts", "gibbs"].contains(method.lowercased()) else { throw ValidationError("--method must be nuts or gibbs; got '\(method)'.") }
        let cov = try covarianceType()
        if cov == .full && method.lowercased() == "nuts" && prior.lowercased() == "conjugate" {
            throw ValidationError("--prior conjugate with --covariance full is sampled by --method gibbs; NUTS takes the default priors there.")
        }
        if cov == .full && method.lowercased() == "nuts" && labels.lowercased() != "ordered" {
            throw ValidationError("--labels none is for diagonal components; full-covariance NUTS orders the first mean coordinate.")
        }
        guard labels.lowercased() == "relabel" || LabelConstraint(rawValue: labels.lowercased()) != nil else {
            throw ValidationError("--labels must be ordered, relabel or none; got '\(labels)'.")
        }
        guard ["default", "conjugate"].contains(prior.lowercased()) else {
            throw ValidationError("--prior must be default or conjugate; got '\(prior)'.")
        }
        if priorOptions.setsScales && (method.lowercased() == "gibbs" || prior.lowercased() == "conjugate") {
            throw ValidationError("--mean-scale and --scale-scale set NUTS's default priors; Gibbs and --prior conjugate use the conjugate priors, which take the data's own scale.")
        }
    }

    func covarianceType() throws -> CovarianceType {
        switch covariance.lowercased() {
        case "diag", "diagonal", "vvi": return .diagonal
        case "full", "vvv": return .full
        default: throw ValidationError("--covariance must be diag or full; got '\(covariance)'.")
        }
    }

    func run() throws {
        let start = ContinuousClock.now
        try SubcommandRun.reportingErrors("sample gmm") {
            let (x, names) = try FitData.read(data, columns: columns)
            let draws: MCMCDraws
            var settings: [(String, String)] = [("data", "\(data) (\(x.rows) rows; columns \(names.joined(separator: ", ")))"),
                                                ("components", "\(components)")]
            if method.lowercased() == "gibbs" {
                let gibbs = GaussianMixtureGibbs(covariance: try covarianceType(),
                                                 priors: ConjugatePriors(dirichletConcentration: priorOptions.dirichlet),
                                                 warmup: sampling.warmup, draws: sampling.draws)
                settings.append(("method", "Gibbs (conjugate priors; draws relabelled by the first mean coordinate)"))
                draws = try gibbs.sample(x, components: components, chains: sampling.chains, seed: sampling.seed,
                                         threads: sampling.threads, progress: sampling.progress)
            } else {
                let relabel = labels.lowercased() == "relabel"
                let constraint = relabel ? LabelConstraint.none : LabelConstraint(rawValue: labels.lowercased())!
                let sampler = NUTSSampler(settings: try sampling.nutsSettings())
                let covarianceName = try covarianceType() == .full ? "full" : "diagonal"
                if prior.lowercased() == "default" { settings.append(("priors", priorOptions.description)) }
                settings.append(("method", "NUTS (\(covarianceName) covariances, \(prior.lowercased()) priors, \(sampling.metric) metric, max tree depth \(sampling.maxTreeDepth), target acceptance \(sampling.targetAccept))"))
                if try covarianceType() == .full {
                    let model = try FullCovarianceMixtureLogDensity(
                        data: x, components: components, priors: priorOptions.priors)
                    if prior.lowercased() == "default" { priorOptions.warnIfOutsidePrior(x, names: names) }
                    let raw = try sampler.sample(model, chains: sampling.chains, seed: sampling.seed, threads: sampling.threads,
                                                 progress: sampling.progress)
                    draws = relabel ? raw.relabelledByFirstMean(components: components) : raw
                } else {
                    let model = prior.lowercased() == "conjugate"
                        ? try GaussianMixtureLogDensity(data: x, components: components,
                                                        conjugatePriors: ConjugatePriors(dirichletConcentration: priorOptions.dirichlet), labels: constraint)
                        : try GaussianMixtureLogDensity(data: x, components: components,
                                                        priors: priorOptions.priors, labels: constraint)
                    if prior.lowercased() == "default" { priorOptions.warnIfOutsidePrior(x, names: names) }
                    let raw = try sampler.sample(model, chains: sampling.chains, seed: sampling.seed, threads: sampling.threads,
                                                 progress: sampling.progress)
                    draws = relabel ? raw.relabelledByFirstMean(components: components) : raw
                }
            }
            settings.append(("chains", "\(sampling.chains) × (\(sampling.warmup) warm-up + \(sampling.draws) draws), seed \(sampling.seed)"))
            let seconds = FitData.seconds(since: start)
            let report = SampleReport(command: "sample gmm", settings: settings, draws: draws, totalSeconds: seconds)
            print(sampling.json ? report.json() : report.text())
        }
    }
}
