import Foundation
import LinearAlgebra
import Mixtures

/// What `mixbook fit vbgmm` prints: the posterior and the fit's ELBO, as a readable report or as JSON.
struct VariationalFitReport {
    let data: String
    let columns: [String]
    let x: Matrix
    let fitted: FittedVariationalGaussianMixture
    let model: VariationalGaussianMixture
    let schedule: StochasticVariationalInference?
    let initialization: String
    let seed: UInt64
    let seconds: Double
    let labels: [Int]?

    /// The JSON document (keys in a fixed order).
    func json() -> String {
        let p = fitted.meanParameters
        let q = fitted.posterior
        let k = fitted.components
        var members: [(String, JSONText)] = [
            ("model", .string("variational-gaussian-mixture")),
            ("data", .string(data)),
            ("columns", .array(columns.map(JSONText.string))),
            ("samples", .integer(x.rows)),
            ("dimension", .integer(x.columns)),
            ("components", .integer(k)),
            ("covariance", .string(fitted.covarianceType.rawValue)),
            ("weightPrior", .string(fitted.weightPrior.rawValue)),
            ("weightConcentrationPrior", .number(fitted.prior.weightConcentration)),
            ("meanPrecisionPrior", .number(fitted.prior.meanPrecision)),
            ("meanPrior", .numbers(fitted.prior.mean)),
            ("degreesOfFreedomPrior", .number(fitted.prior.degreesOfFreedom)),
            ("weights", .numbers(p.weights)),
            ("effectiveComponents", .integer(fitted.effectiveComponents())),
            ("means", .rows((0..<k).map { p.means.row($0) })),
            ("covariances", .array(p.covariances.map { m in .rows((0..<m.rows).map { m.row($0) }) })),
            ("weightConcentration", .numbers(q.weightConcentration)),
            ("stickConcentration", q.stickConcentration.map(JSONText.numbers) ?? .null),
            ("meanPrecision", .numbers(q.meanPrecision)),
            ("degreesOfFreedom", .numbers(q.degreesOfFreedom)),
            ("elbo", .number(fitted.evidenceLowerBound)),
            ("elboPerSample", .number(fitted.evidenceLowerBound / Double(x.rows))),
            ("logLikelihoodAtPosteriorMean", .number(fitted.logLikelihood)),
            ("iterations", .integer(fitted.iterations)),
            ("converged", .bool(fitted.converged)),
            ("elboTrace", .numbers(fitted.lowerBoundTrace)),
            ("restarts", .integer(model.restarts)),
            ("restartElbos", .numbers(fitted.restartLowerBounds)),
            ("stochastic", .bool(schedule != nil)),
            ("initialization", .string(initialization)),
            ("seed", ReportFormatting.seed(seed)),
            ("maxIterations", .integer(model.maxIterations)),
            ("tolerance", .number(model.tolerance)),
            ("regularization", .number(model.regularization)),
            ("warnings", .array(fitted.warnings.map { .string("\($0)") })),
            ("seconds", .number(seconds)),
        ]
        if let schedule {
            members.append(("batchSize", .integer(schedule.batchSize)))
            members.append(("epochs", .integer(schedule.epochs)))
            members.append(("tau", .number(schedule.delay)))
            members.append(("kappa", .number(schedule.forgettingRate)))
        }
        if let labels { members.append(("labels", .integers(labels))) }
        return JSONText.object(members).rendered()
    }

    /// The readable report.
    func text() -> String {
        let p = fitted.meanParameters
        let k = fitted.components
        var out: [String] = []
        out.append("Variational Gaussian mixture: K = \(k), \(fitted.weightPrior.rawValue) weight prior (concentration "
                   + "\(format(fitted.prior.weightConcentration))), covariance \(fitted.covarianceType.rawValue), "
                   + "\(x.rows) rows × \(x.columns) columns of \(data)")
        if let schedule {
            out.append("stochastic VI: batch \(schedule.batchSize), \(schedule.epochs) epochs, step (t + \(format(schedule.delay, 3)))^-\(format(schedule.forgettingRate, 3)), "
                       + "\(ReportFormatting.count(model.restarts, "restart")), init \(initialization), seed \(seed), \(fitted.iterations) steps, \(format(seconds, 3)) s")
        } else {
            out.append("coordinate ascent: \(ReportFormatting.count(model.restarts, "restart")), init \(initialization), seed \(seed), "
                       + "max-iter \(model.maxIterations), tol \(model.tolerance), reg-covar \(model.regularization)")
            out.append(ReportFormatting.convergenceLine(converged: fitted.converged, iterations: fitted.iterations, seconds: seconds))
        }
        out.append("")
        out.append(contentsOf: ReportFormatting.weightsAndMeans(weights: p.weights, means: p.means, columns: columns))
        for j in 0..<k where p.weights[j] >= 0.01 {
            out.append(contentsOf: ReportFormatting.covarianceBlock(p.covariances[j], title: "covariance of component \(j) (E[precision]^-1):",
                                                                    columns: columns))
        }
        out.append("")
        out.append("effective components  \(fitted.effectiveComponents()) (posterior weight >= 0.01)")
        out.append("ELBO  \(format(fitted.evidenceLowerBound, 4)) total, \(format(fitted.evidenceLowerBound / Double(x.rows), 6)) per row (every constant included: a lower bound on log p(X))")
        out.append("log-likelihood at the posterior mean parameters  \(format(fitted.logLikelihood, 4))")
        out += ReportFormatting.closingLines(warnings: fitted.warnings, labels: labels)
        return out.joined(separator: "\n")
    }

    private func format(_ value: Double, _ digits: Int = 6) -> String { ReportFormatting.number(value, digits) }
}
