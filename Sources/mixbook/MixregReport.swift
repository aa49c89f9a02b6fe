import Foundation
import LinearAlgebra
import Mixtures

/// What `mixbook fit mixreg` prints: coefficients ± standard errors, σₖ, πₖ, the
/// log-likelihood, BIC/AIC in both signs, iterations and convergence; text or JSON.
struct MixregReport {
    let data: String
    let fitted: FittedRegressionMixture
    let restarts: Int
    let initialization: String
    let seed: UInt64
    let maxIterations: Int
    let tolerance: Double
    let seconds: Double
    let labels: [Int]?

    private var modelName: String { fitted.isClusterWeighted ? "cluster-weighted-regression" : "mixture-of-regressions" }

    /// The JSON document (keys in a fixed order).
    func json() -> String {
        let c = fitted.informationCriteria
        let p = fitted.parameters
        let se = fitted.standardErrors
        let components: [JSONText] = (0..<fitted.components).map { k in
            let r = p.regressions[k]
            var members: [(String, JSONText)] = [
                ("weight", .number(p.weights[k])),
                ("weightStandardError", se.map { .number($0.weights[k]) } ?? .null),
                ("coefficients", .object(fitted.targetNames.enumerated().map { t, name in
                    (name, .object(fitted.designNames.enumerated().map { j, column in (column, .number(r.coefficients[j, t])) }))
                })),
                ("coefficientStandardErrors", se.map { e in .object(fitted.targetNames.enumerated().map { t, name in
                    (name, .object(fitted.designNames.enumerated().map { j, column in (column, .number(e.coefficients[k][j, t])) }))
                }) } ?? .null),
                ("sigma", .numbers(r.noiseStandardDeviations)),
                ("sigmaStandardError", se.map { .numbers($0.noiseStandardDeviations[k]) } ?? .null),
            ]
            if let g = p.covariates {
                members.append(("covariateMean", .numbers(g.means.row(k))))
                members.append(("covariateCovariance", .rows((0..<g.covariances[k].rows).map { g.covariances[k].row($0) })))
            }
            return .object(members)
        }
        var members: [(String, JSONText)] = [
            ("model", .string(modelName)),
            ("data", .string(data)),
            ("targets", .array(fitted.targetNames.map(JSONText.string))),
            ("covariates", .array(fitted.covariateNames.map(JSONText.string))),
            ("intercept", .bool(fitted.intercept)),
            ("covariance", fitted.covariateStructure.map { .string($0.rawValue) } ?? .null),
            ("noise", .string(fitted.noise.rawValue)),
            ("samples", .integer(fitted.sampleCount)),
            ("components", .array(components)),
            ("standardErrors", .string(se == nil ? "none: the observed information is singular" : RegressionStandardErrors.method)),
            ("logLikelihood", .number(fitted.logLikelihood)),
            ("logLikelihoodPerSample", .number(fitted.logLikelihood / Double(fitted.sampleCount))),
            ("parameterCount", .integer(fitted.parameterCount)),
            ("bic", .number(c.bic)),
            ("aic", .number(c.aic)),
            ("icl", .number(c.icl)),
            ("mclustBIC", .number(c.mclustBIC)),
            ("mclustAIC", .number(c.mclustAIC)),
            ("criteriaConvention", .string("bic, aic, icl: -2 log L + penalty, lower is better; mclustBIC, mclustAIC: 2 log L - penalty, higher is better")),
            ("iterations", .integer(fitted.iterations)),
            ("converged", .bool(fitted.converged)),
            ("lowerBoundTrace", .numbers(fitted.lowerBoundTrace)),
            ("restarts", .integer(restarts)),
            ("restartLogLikelihoods", .numbers(fitted.restartLogLikelihoods)),
            ("initialization", .string(initialization)),
            ("seed", ReportFormatting.seed(seed)),
            ("maxIterations", .integer(maxIterations)),
            ("tolerance", .number(tolerance)),
            ("warnings", .array(fitted.warnings.map { .string("\($0)") })),
            ("seconds", .number(seconds)),
        ]
        if let labels { members.append(("labels", .integers(labels))) }
        return JSONText.object(members).rendered()
    }

    /// The readable report.
    func text() -> String {
        let c = fitted.informationCriteria
        let p = fitted.parameters
        let se = fitted.standardErrors
        var out: [String] = []
        let kind = fitted.covariateStructure.map { "Cluster-weighted regression, \($0.rawValue) covariate covariance" }
            ?? "Mixture of linear regressions"
        out.append("\(kind): K = \(fitted.components), \(fitted.sampleCount) rows of \(data)")
        out.append("targets \(fitted.targetNames.joined(separator: ", ")) on \(fitted.designNames.joined(separator: ", ")); noise variance \(fitted.noise.rawValue)")
        out.append("EM: \(ReportFormatting.count(restarts, "restart")), init \(initialization), seed \(seed), max-iter \(maxIterations), tol \(tolerance)")
        out.append(ReportFormatting.convergenceLine(converged: fitted.converged, iterations: fitted.iterations, seconds: seconds))
        out.append("")
        for k in 0..<fitted.components {
            let r = p.regressions[k]
            let weight = format(p.weights[k]) + (se.map { " ± " + format($0.weights[k]) } ?? "")
            let sigma = r.noiseStandardDeviations.enumerated().map { t, s in
                format(s) + (se.map { " ± " + format($0.noiseStandardDeviations[k][t]) } ?? "")
            }.joined(separator: ", ")
            out.append("component \(k): weight \(weight), sigma \(sigma)")
            var rows = [["", "estimate", "std. error"]]
            for (t, target) in fitted.targetNames.enumerated() {
                for (j, name) in fitted.designNames.enumerated() {
                    let label = fitted.targetNames.count > 1 ? "\(target) ~ \(name)" : name
                    rows.append([label, format(r.coefficients[j, t]), se.map { format($0.coefficients[k][j, t]) } ?? "n/a"])
                }
            }
            out.append(contentsOf: ReportFormatting.align(rows).map { "  " + $0 })
            if let g = p.covariates {
                out.append("  covariate mean [" + g.means.row(k).map { format($0) }.joined(separator: ", ") + "]")
            }
        }
        out.append("")
        out.append("standard errors: " + (se == nil ? "none (the observed information is singular)" : RegressionStandardErrors.method))
        out.append("log-likelihood  \(format(fitted.logLikelihood, 4)) total, \(format(fitted.logLikelihood / Double(fitted.sampleCount), 6)) per row"
                   + (fitted.isClusterWeighted ? " (of x and y)" : " (of y given x)"))
        out.append("free parameters \(fitted.parameterCount)")
        out.append("BIC  \(format(c.bic, 4))   -2 log L + p log n, lower is better   (mclust sign: \(format(c.mclustBIC, 4)), higher is better)")
        out.append("AIC  \(format(c.aic, 4))   -2 log L + 2p, lower is better        (mclust sign: \(format(c.mclustAIC, 4)), higher is better)")
        out.append("ICL  \(format(c.icl, 4))   BIC - 2 sum log max_k z_nk, lower is better")
        out += ReportFormatting.closingLines(warnings: fitted.warnings, labels: labels)
        return out.joined(separator: "\n")
    }

    private func format(_ value: Double, _ digits: Int = 6) -> String { ReportFormatting.number(value, digits) }
}
