import Foundation
import LinearAlgebra
import Mixtures

/// What `mixbook fit gmm` prints: the fitted parameters and the fit's quality, as a
/// readable report or as JSON.
struct FitReport {
    let data: String
    let columns: [String]
    let x: Matrix
    let fitted: FittedGaussianMixture
    let mixture: GaussianMixture
    let initialization: String
    let seed: UInt64
    let seconds: Double
    let labels: [Int]?

    /// From the fit's own final responsibilities (not computed again).
    private var criteria: InformationCriteria { fitted.informationCriteria }

    /// The JSON document (keys in a fixed order).
    func json() -> String {
        let p = fitted.parameters
        let k = p.weights.count
        let c = criteria
        var members: [(String, JSONText)] = [
            ("model", .string("gaussian-mixture")),
            ("data", .string(data)),
            ("columns", .array(columns.map(JSONText.string))),
            ("samples", .integer(x.rows)),
            ("dimension", .integer(x.columns)),
            ("components", .integer(k)),
            ("covariance", .string(fitted.covarianceType.rawValue)),
            ("mclustModel", .string(fitted.covarianceType.mclustName)),
            ("weights", .numbers(p.weights)),
            ("means", .rows((0..<k).map { p.means.row($0) })),
            ("covariances", .array(p.covariances.map { m in .rows((0..<m.rows).map { m.row($0) }) })),
            ("logLikelihood", .number(fitted.logLikelihood)),
            ("logLikelihoodPerSample", .number(fitted.logLikelihood / Double(x.rows))),
            ("parameterCount", .integer(fitted.parameterCount)),
            ("bic", .number(c.bic)),
            ("aic", .number(c.aic)),
            ("icl", .number(c.icl)),
            ("mclustBIC", .number(c.mclustBIC)),
            ("mclustICL", .number(c.mclustICL)),
            ("criteriaConvention", .string("bic, aic, icl: scikit-learn sign, -2 log L + penalty, lower is better; mclustBIC, mclustICL: 2 log L - penalty, higher is better")),
            ("iterations", .integer(fitted.iterations)),
            ("converged", .bool(fitted.converged)),
            ("lowerBoundTrace", .numbers(fitted.lowerBoundTrace)),
            ("restarts", .integer(mixture.restarts)),
            ("restartLogLikelihoods", .numbers(fitted.restartLogLikelihoods)),
            ("initialization", .string(initialization)),
            ("seed", ReportFormatting.seed(seed)),
            ("maxIterations", .integer(mixture.maxIterations)),
            ("tolerance", .number(mixture.tolerance)),
            ("regularization", .number(mixture.regularization)),
            ("warnings", .array(fitted.warnings.map { .string("\($0)") })),
            ("seconds", .number(seconds)),
        ]
        if let labels { members.append(("labels", .integers(labels))) }
        return JSONText.object(members).rendered()
    }

    /// The readable report.
    func text() -> String {
        let p = fitted.parameters
        let k = p.weights.count
        let type = fitted.covarianceType
        let c = criteria
        var out: [String] = []
        out.append("Gaussian mixture: K = \(k), covariance \(type.rawValue) (mclust \(type.mclustName)), \(x.rows) rows × \(x.columns) columns of \(data)")
        out.append("EM: \(ReportFormatting.count(mixture.restarts, "restart")), init \(initialization), seed \(seed), max-iter \(mixture.maxIterations), tol \(mixture.tolerance), reg-covar \(mixture.regularization)")
        out.append(ReportFormatting.convergenceLine(converged: fitted.converged, iterations: fitted.iterations, seconds: seconds))
        out.append("")
        out.append(contentsOf: ReportFormatting.weightsAndMeans(weights: p.weights, means: p.means, columns: columns))
        for j in 0..<k {
            out.append(contentsOf: ReportFormatting.covarianceBlock(p.covariances[j], title: "covariance of component \(j):",
                                                                    columns: columns))
        }
        out.append("")
        out.append("log-likelihood  \(format(fitted.logLikelihood, 4)) total, \(format(fitted.logLikelihood / Double(x.rows), 6)) per row")
        out.append("free parameters \(fitted.parameterCount)")
        out.append("BIC  \(format(c.bic, 4))   scikit-learn sign: -2 log L + p log n, lower is better")
        out.append("AIC  \(format(c.aic, 4))   scikit-learn sign: -2 log L + 2p, lower is better")
        out.append("ICL  \(format(c.icl, 4))   scikit-learn sign: BIC - 2 sum log max_k z_nk, lower is better")
        out.append("mclust BIC \(format(c.mclustBIC, 4))   2 log L - p log n, higher is better (mclust's ICL \(format(c.mclustICL, 4)))")
        out += ReportFormatting.closingLines(warnings: fitted.warnings, labels: labels)
        return out.joined(separator: "\n")
    }

    private func format(_ value: Double, _ digits: Int = 6) -> String { ReportFormatting.number(value, digits) }
}
