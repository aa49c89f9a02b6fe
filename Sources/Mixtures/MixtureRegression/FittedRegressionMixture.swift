import Foundation
import LinearAlgebra

/// A fitted mixture of regressions or cluster-weighted regression: parameters, fit
/// history, standard errors, and prediction.
public struct FittedRegressionMixture: Sendable, FittedLikelihoodModel {
    /// Weights, regressions and (cluster-weighted) covariate Gaussians.
    public let parameters: RegressionMixtureParameters
    /// The covariate Gaussians' structure; nil for a mixture of regressions.
    public let covariateStructure: CovarianceType?
    /// Per-component or shared noise variance.
    public let noise: NoiseVariance
    /// Whether the last design column is an intercept.
    public let intercept: Bool
    public let covariateNames: [String]
    public let targetNames: [String]
    /// Σₙ log p(yₙ|xₙ) (mixture of regressions) or Σₙ log p(xₙ, yₙ) (cluster-weighted).
    public let logLikelihood: Double
    /// The mean log-likelihood per row at the start of every iteration of the kept restart.
    public let lowerBoundTrace: [Double]
    public let iterations: Int
    public let converged: Bool
    public let sampleCount: Int
    /// The final log-likelihood of every restart, in order.
    public let restartLogLikelihoods: [Double]
    /// p(z | xₙ, yₙ) for the training rows, N × K.
    public let trainingResponsibilities: Matrix?
    /// Standard errors from the observed information (see `RegressionStandardErrors`), nil
    /// when it is singular.
    public let standardErrors: RegressionStandardErrors?
    public let warnings: [MixtureRegressionWarning]

    /// Number of components K.
    public var components: Int { parameters.components }
    /// Whether the covariates have a Gaussian per component.
    public var isClusterWeighted: Bool { covariateStructure != nil }
    /// Names of the design columns (covariates, then "intercept").
    public var designNames: [String] { covariateNames + (intercept ? ["intercept"] : []) }

    /// Free parameters: K − 1 weights, K·P·T coefficients, K·T noise variances (T when
    /// shared), and cluster-weighted K·D means plus the covariance parameters.
    public var parameterCount: Int {
        let k = components, p = designNames.count, t = targetNames.count, d = covariateNames.count
        var count = (k - 1) + k * p * t + (noise == .shared ? t : k * t)
        if let s = covariateStructure { count += k * d + s.covarianceParameterCount(components: k, dimensions: d) }
        return count
    }

    /// The design x̃ of new covariates.
    func design(_ x: Matrix) throws -> Matrix {
        guard x.columns == covariateNames.count else {
            throw MixtureRegressionError.dimensionMismatch("the model has \(covariateNames.count) covariates "
                + "(\(covariateNames.joined(separator: ", "))), the data \(x.columns) columns")
        }
        if let bad = x.storage.firstIndex(where: { !$0.isFinite }) {
            throw MixtureRegressionError.nonFinite(row: bad / x.columns, column: covariateNames[bad % x.columns])
        }
        let p = designNames.count, d = x.columns
        var out = Matrix(rows: x.rows, columns: p)
        for i in 0..<x.rows {
            for j in 0..<d { out.storage[i * p + j] = x.storage[i * d + j] }
            if intercept { out.storage[i * p + p - 1] = 1 }
        }
        return out
    }

    private func checkTargets(_ y: Matrix, rows: Int) throws {
        guard y.columns == targetNames.count, y.rows == rows else {
            throw MixtureRegressionError.dimensionMismatch("targets are \(y.rows) × \(y.columns), expected \(rows) × \(targetNames.count)")
        }
        if let bad = y.storage.firstIndex(where: { !$0.isFinite }) {
            throw MixtureRegressionError.nonFinite(row: bad / y.columns, column: targetNames[bad % y.columns])
        }
    }

    /// p(z = k | xₙ) for new covariates, N × K: πₖ for a mixture of regressions,
    /// ∝ πₖ N(xₙ; μₖ, Σₖ) for a cluster-weighted model.
    public func gates(_ x: Matrix) throws -> Matrix {
        _ = try design(x)
        return try RegressionMixtureDensity.gates(x, parameters, structure: covariateStructure)
    }

    /// The gated mean, its variance and the predictive mixture at new covariates.
    public func predict(_ x: Matrix) throws -> RegressionPrediction {
        let d = try design(x)
        return RegressionPrediction(gates: try RegressionMixtureDensity.gates(x, parameters, structure: covariateStructure),
                                    componentMeans: RegressionMixtureDensity.componentMeans(d, parameters),
                                    componentVariances: parameters.regressions.map(\.noiseVariances))
    }

    /// p(z | xₙ, yₙ), N × K: the E-step's responsibilities on any rows.
    public func responsibilities(_ x: Matrix, _ y: Matrix) throws -> Matrix {
        var logits = try jointLogits(x, y)
        _ = LogSumExp.normalizeRows(&logits)
        return logits
    }

    /// Per-row log p(yₙ | xₙ) = log Σₖ gₖ(xₙ) N(yₙ; x̃ₙᵀBₖ, σ²ₖ): comparable between both models.
    public func conditionalLogDensities(_ x: Matrix, _ y: Matrix) throws -> [Double] {
        let d = try design(x)
        try checkTargets(y, rows: x.rows)
        var logits = RegressionMixtureDensity.regressionLogDensities(design: d, targets: y, parameters)
        let g = try RegressionMixtureDensity.gates(x, parameters, structure: covariateStructure)
        for i in 0..<logits.storage.count { logits.storage[i] += Foundation.log(g.storage[i]) }
        return LogSumExp.normalizeRows(&logits)
    }

    /// Per-row log-likelihood of the fitted model: log p(yₙ|xₙ) for a mixture of
    /// regressions, log p(xₙ, yₙ) for a cluster-weighted model.
    public func logLikelihoods(_ x: Matrix, _ y: Matrix) throws -> [Double] {
        var logits = try jointLogits(x, y)
        return LogSumExp.normalizeRows(&logits)
    }

    private func jointLogits(_ x: Matrix, _ y: Matrix) throws -> Matrix {
        let d = try design(x)
        try checkTargets(y, rows: x.rows)
        var logits = RegressionMixtureDensity.regressionLogDensities(design: d, targets: y, parameters)
        let covariate = try RegressionMixtureDensity.covariateLogDensities(x, parameters, structure: covariateStructure)
        let k = components
        for i in 0..<x.rows {
            for c in 0..<k { logits.storage[i * k + c] += Foundation.log(parameters.weights[c]) + covariate.storage[i * k + c] }
        }
        return logits
    }

    /// The most probable component of each training row (from p(z | x, y)).
    public var trainingLabels: [Int] {
        guard let r = trainingResponsibilities else { return [] }
        let k = r.columns
        return (0..<r.rows).map { i in (0..<k).max { r.storage[i * k + $0] < r.storage[i * k + $1] } ?? 0 }
    }
}
