import Foundation

extension FittedRegressionMixture: CustomStringConvertible {
    /// Coefficients ± standard errors (and the method), σₖ, πₖ, log-likelihood, BIC and AIC
    /// in both sign conventions, iterations and convergence, warnings.
    public var description: String {
        func f(_ v: Double) -> String { String(format: "%.6g", v) }
        let c = informationCriteria
        var lines: [String] = []
        let kind = covariateStructure.map { "Cluster-weighted regression (\($0.rawValue) covariate covariance)" }
            ?? "Mixture of linear regressions"
        lines.append("\(kind): \(components) components, \(sampleCount) rows, targets \(targetNames.joined(separator: ", ")), "
                     + "design \(designNames.joined(separator: ", ")); noise variance \(noise.rawValue)")
        lines.append("  log-likelihood \(f(logLikelihood)) (per row \(f(logLikelihood / Double(max(1, sampleCount)))))")
        lines.append("  parameters \(parameterCount); BIC \(f(c.bic)), AIC \(f(c.aic)), ICL \(f(c.icl)) (lower is better); "
                     + "mclust sign BIC \(f(c.mclustBIC)), AIC \(f(c.mclustAIC)) (higher is better)")
        lines.append("  EM: \(iterations) iterations, " + (converged ? "converged" : "NOT converged")
                     + (restartLogLikelihoods.count > 1 ? ", best of \(restartLogLikelihoods.count) restarts" : ""))
        lines.append("  standard errors: " + (standardErrors == nil ? "none (singular information)" : RegressionStandardErrors.method))
        for k in 0..<components {
            let r = parameters.regressions[k]
            lines.append("  component \(k + 1): weight \(f(parameters.weights[k]))"
                         + (standardErrors.map { " ± \(f($0.weights[k]))" } ?? "")
                         + ", sigma " + r.noiseStandardDeviations.map(f).joined(separator: ", "))
            for (t, target) in targetNames.enumerated() {
                for (j, name) in designNames.enumerated() {
                    let value = r.coefficients[j, t]
                    let se = standardErrors.map { " ± " + f($0.coefficients[k][j, t]) } ?? ""
                    lines.append("    \(target) ~ \(name): \(f(value))\(se)")
                }
            }
        }
        for w in warnings.prefix(5) { lines.append("  warning: \(w)") }
        if warnings.count > 5 { lines.append("  … and \(warnings.count - 5) more warnings") }
        return lines.joined(separator: "\n")
    }
}
