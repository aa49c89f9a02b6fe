import Foundation
import LinearAlgebra

/// A Gaussian mixture fitted by EM: its parameters and fit history, and what it can do
/// with data (score, responsibilities, labels, samples, information criteria).
public struct FittedGaussianMixture: FittedLikelihoodModel, Sendable {
    /// Weights, means and covariances (full D × D form for every covariance type).
    public let parameters: GaussianMixtureParameters
    /// The covariance constraint the model was fitted with.
    public let covarianceType: CovarianceType
    /// Total log-likelihood Σₙ log p(xₙ) of the training data at `parameters`.
    public let logLikelihood: Double
    /// Mean log-likelihood per sample at the start of every EM iteration of the best
    /// restart (scikit-learn's lower bound; non-decreasing).
    public let lowerBoundTrace: [Double]
    /// EM iterations the best restart ran.
    public let iterations: Int
    /// Whether the best restart met the tolerance.
    public let converged: Bool
    /// Number of training rows N.
    public let sampleCount: Int
    /// Final total log-likelihood of every restart, in order.
    public let restartLogLikelihoods: [Double]
    /// Warnings from the fit (non-convergence, re-initialised components).
    public let warnings: [EMWarning]
    /// The final E-step's responsibilities on the training rows (N × K), kept from the
    /// fit; nil for a model made from parameters.
    public let trainingResponsibilities: Matrix?

    let geometry: MixtureGeometry

    /// A fitted model from parameters (e.g. to score data under known parameters).
    /// - Throws: `GaussianMixtureError.invalidParameters` when the parameters are inconsistent.
    public init(parameters: GaussianMixtureParameters, covarianceType: CovarianceType, logLikelihood: Double = .nan,
                lowerBoundTrace: [Double] = [], iterations: Int = 0, converged: Bool = false, sampleCount: Int = 0,
                restartLogLikelihoods: [Double] = [], warnings: [EMWarning] = [],
                trainingResponsibilities: Matrix? = nil) throws {
        try parameters.validate()
        self.parameters = parameters
        self.covarianceType = covarianceType
        self.logLikelihood = logLikelihood
        self.lowerBoundTrace = lowerBoundTrace
        self.iterations = iterations
        self.converged = converged
        self.sampleCount = sampleCount
        self.restartLogLikelihoods = restartLogLikelihoods
        self.warnings = warnings
        self.trainingResponsibilities = trainingResponsibilities
        geometry = try MixtureGeometry(parameters, covarianceType: covarianceType)
    }

    /// Number of components K.
    public var components: Int { parameters.components }
    /// Dimension D.
    public var dimensions: Int { parameters.dimensions }

    /// Per-sample log density `log p(xₙ)` (scikit-learn's `score_samples`).
    public func scoreSamples(_ x: Matrix) -> [Double] {
        precondition(x.columns == dimensions, "scoreSamples: data has \(x.columns) columns, the model \(dimensions)")
        var out = [Double](repeating: 0, count: x.rows)
        out.withUnsafeMutableBufferPointer { p in _ = EMPass.run(x, geometry: geometry, logDensityOut: p.baseAddress) }
        return out
    }

    /// Mean log-likelihood per sample of `x` (scikit-learn's `score`).
    public func score(_ x: Matrix) -> Double {
        precondition(x.columns == dimensions, "score: data has \(x.columns) columns, the model \(dimensions)")
        return EMPass.run(x, geometry: geometry).logLikelihood / Double(max(1, x.rows))
    }

    /// Posterior component probabilities, N × K, rows summing to one (`predict_proba`).
    public func responsibilities(_ x: Matrix) -> Matrix {
        precondition(x.columns == dimensions, "responsibilities: data has \(x.columns) columns, the model \(dimensions)")
        var r = Matrix(rows: x.rows, columns: components)
        r.storage.withUnsafeMutableBufferPointer { p in _ = EMPass.run(x, geometry: geometry, responsibilitiesOut: p.baseAddress) }
        return r
    }

    /// The most probable component of every row.
    public func predict(_ x: Matrix) -> [Int] {
        let r = responsibilities(x)
        let k = components
        return (0..<x.rows).map { i in
            var best = 0
            for c in 1..<max(1, k) where r.storage[i * k + c] > r.storage[i * k + best] { best = c }
            return best
        }
    }

    /// `n` draws from the mixture and the component each came from.
    public func sample(_ n: Int, seed: UInt64) -> (x: Matrix, labels: [Int]) {
        var generator = RandomGenerator(seed: seed)
        let factors = parameters.covariances.map { (try? $0.cholesky().lower) ?? Matrix.identity(dimensions) }
        var x = Matrix(rows: n, columns: dimensions)
        var labels = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let c = generator.categorical(parameters.weights)
            labels[i] = c
            let draw = generator.multivariateNormal(mean: parameters.means.row(c), choleskyFactor: factors[c])
            for j in 0..<dimensions { x.storage[i * dimensions + j] = draw[j] }
        }
        return (x, labels)
    }

    /// Free parameters: (K − 1) weights + K·D means + the covariance parameters
    /// (full K·D(D+1)/2, diagonal K·D, spherical K, tied D(D+1)/2).
    public var parameterCount: Int {
        covarianceType.freeParameterCount(components: components, dimension: dimensions)
    }

    /// Bayesian information criterion in scikit-learn's convention:
    /// `−2·logL(x) + p·log n` — lower is better.
    public func bic(_ x: Matrix) -> Double {
        -2 * score(x) * Double(x.rows) + Double(parameterCount) * Foundation.log(Double(x.rows))
    }

    /// Akaike information criterion in scikit-learn's convention: `−2·logL(x) + 2p` — lower is better.
    public func aic(_ x: Matrix) -> Double {
        -2 * score(x) * Double(x.rows) + 2 * Double(parameterCount)
    }
    // trainingBIC, trainingAIC, mclustBIC and informationCriteria come with FittedLikelihoodModel.
}

extension FittedGaussianMixture: CustomStringConvertible {
    /// A readable summary: settings, fit quality, and each component's weight, mean and covariance.
    public var description: String {
        func f(_ v: Double) -> String { String(format: "%.6g", v) }
        var lines: [String] = []
        lines.append("Gaussian mixture: \(components) components, \(covarianceType.rawValue) covariance "
                     + "(mclust \(covarianceType.mclustName)), \(dimensions) dimensions, fitted to \(sampleCount) rows")
        lines.append("  log-likelihood \(f(logLikelihood)) (per sample \(f(logLikelihood / Double(max(1, sampleCount)))))")
        lines.append("  parameters \(parameterCount); BIC \(f(trainingBIC)), AIC \(f(trainingAIC)) "
                     + "(scikit-learn convention, lower is better); mclust BIC \(f(mclustBIC)) (higher is better)")
        lines.append("  EM: \(iterations) iterations, " + (converged ? "converged" : "NOT converged")
                     + (restartLogLikelihoods.count > 1 ? ", best of \(restartLogLikelihoods.count) restarts" : ""))
        for c in 0..<components {
            let mean = parameters.means.row(c).map(f).joined(separator: ", ")
            lines.append("  component \(c + 1): weight \(f(parameters.weights[c])), mean [\(mean)]")
            let cov = parameters.covariances[c]
            for i in 0..<dimensions {
                let row = cov.row(i).map(f).joined(separator: ", ")
                lines.append("    " + (i == 0 ? "covariance " : "           ") + "[\(row)]")
            }
        }
        for w in warnings.prefix(5) { lines.append("  warning: \(w)") }
        if warnings.count > 5 { lines.append("  … and \(warnings.count - 5) more warnings") }
        return lines.joined(separator: "\n")
    }
}
