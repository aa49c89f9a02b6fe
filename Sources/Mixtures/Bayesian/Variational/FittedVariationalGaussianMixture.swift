import Foundation
import LinearAlgebra

/// A Gaussian mixture posterior fitted by variational Bayes: the factors, the ELBO and its
/// history, and what it can do with data (posterior predictive density, responsibilities,
/// labels, samples).
public struct FittedVariationalGaussianMixture: Sendable, FittedLikelihoodModel {
    /// The global factors q(π) Πₖ q(μₖ, Λₖ).
    public let posterior: VariationalPosterior
    /// The prior with its data-driven defaults filled in.
    public let prior: ResolvedPrior
    /// Dirichlet or Dirichlet-process weights.
    public let weightPrior: WeightPrior
    /// The precision structure.
    public let covarianceType: CovarianceType
    /// The ELBO in nats (total over rows, every constant included): a lower bound on log p(X).
    public let evidenceLowerBound: Double
    /// The ELBO per row at the start of every iteration of the best restart (non-decreasing
    /// for batch VB; a noisy estimate per step for stochastic VI).
    public let lowerBoundTrace: [Double]
    /// Iterations (batch) or steps (stochastic) of the best restart.
    public let iterations: Int
    /// Whether the best restart met the tolerance.
    public let converged: Bool
    /// Training rows N.
    public let sampleCount: Int
    /// q(z) on the training data after the last update (N × K).
    public let trainingResponsibilities: Matrix?
    /// The final total ELBO of every restart, in order.
    public let restartLowerBounds: [Double]
    /// Warnings from the fit (non-convergence, an ELBO that decreased).
    public let warnings: [EMWarning]
    /// Σₙ log p(xₙ | θ̄) of the training data at the posterior mean parameters θ̄ (`meanParameters`).
    public let logLikelihood: Double
    /// The posterior predictive density (a Student-t mixture).
    public let predictive: PosteriorPredictive

    init(posterior: VariationalPosterior, prior: ResolvedPrior, weightPrior: WeightPrior, covarianceType: CovarianceType,
         evidenceLowerBound: Double, lowerBoundTrace: [Double], iterations: Int, converged: Bool, training x: Matrix,
         trainingResponsibilities: Matrix?, restartLowerBounds: [Double], warnings: [EMWarning]) throws {
        self.posterior = posterior
        self.prior = prior
        self.weightPrior = weightPrior
        self.covarianceType = covarianceType
        self.evidenceLowerBound = evidenceLowerBound
        self.lowerBoundTrace = lowerBoundTrace
        self.iterations = iterations
        self.converged = converged
        sampleCount = x.rows
        self.trainingResponsibilities = trainingResponsibilities
        self.restartLowerBounds = restartLowerBounds
        self.warnings = warnings
        let mean = GaussianMixtureParameters(weights: posterior.weights, means: posterior.means, covariances: posterior.covariances)
        logLikelihood = try FittedGaussianMixture(parameters: mean, covarianceType: covarianceType).score(x) * Double(x.rows)
        predictive = try PosteriorPredictive(posterior, covarianceType: covarianceType)
    }

    /// Number of components K (the truncation level under a Dirichlet process).
    public var components: Int { posterior.components }
    /// Dimension D.
    public var dimensions: Int { posterior.dimensions }
    /// The posterior mean weights (scikit-learn's `weights_`).
    public var weights: [Double] { posterior.weights }

    /// Components whose posterior mean weight is at least `threshold`: the ones the data use.
    public func effectiveComponents(threshold: Double = 0.01) -> Int {
        weights.filter { $0 >= threshold }.count
    }

    /// Posterior mean weights, means mₖ and covariances Cₖ = E[Λₖ]⁻¹ as a plain mixture
    /// (scikit-learn's `weights_`, `means_`, `covariances_`).
    public var meanParameters: GaussianMixtureParameters {
        GaussianMixtureParameters(weights: weights, means: posterior.means, covariances: posterior.covariances)
    }

    /// q(z): the variational responsibilities of the rows of `x` (N × K, rows summing to one;
    /// scikit-learn's `predict_proba`).
    public func responsibilities(_ x: Matrix) throws -> Matrix {
        guard x.columns == dimensions else { throw GaussianMixtureError.dimensionMismatch(expected: dimensions, found: x.columns) }
        let geometry = try VariationalEMModel.geometry(posterior, covarianceType: covarianceType)
        var r = Matrix(rows: x.rows, columns: components)
        r.storage.withUnsafeMutableBufferPointer { p in _ = EMPass.run(x, geometry: geometry, responsibilitiesOut: p.baseAddress) }
        return r
    }

    /// The most probable component of every row under q(z).
    public func predict(_ x: Matrix) throws -> [Int] {
        let r = try responsibilities(x)
        let k = components
        return (0..<x.rows).map { i in
            var best = 0
            for c in 1..<max(1, k) where r.storage[i * k + c] > r.storage[i * k + best] { best = c }
            return best
        }
    }

    /// log p(xₙ | X) under the posterior predictive (a Student-t mixture) for every row.
    public func scoreSamples(_ x: Matrix) throws -> [Double] {
        guard x.columns == dimensions else { throw GaussianMixtureError.dimensionMismatch(expected: dimensions, found: x.columns) }
        return predictive.logDensities(x)
    }

    /// `n` draws from the posterior predictive and the component each came from.
    public func sample(_ n: Int, seed: UInt64) -> (x: Matrix, labels: [Int]) { predictive.sample(n, seed: seed) }

    /// Free parameters of the plain mixture at the posterior mean (as a GMM of this covariance type).
    public var parameterCount: Int { covarianceType.freeParameterCount(components: components, dimension: dimensions) }
}

extension FittedVariationalGaussianMixture: CustomStringConvertible {
    /// A readable summary: prior, ELBO, iterations, effective components and each
    /// component's posterior weight and mean.
    public var description: String {
        func f(_ v: Double) -> String { String(format: "%.6g", v) }
        var lines: [String] = []
        lines.append("Variational Gaussian mixture: \(components) components, \(weightPrior.rawValue) weight prior "
                     + "(concentration \(f(prior.weightConcentration))), \(covarianceType.rawValue) covariance, "
                     + "\(dimensions) dimensions, fitted to \(sampleCount) rows")
        lines.append("  ELBO \(f(evidenceLowerBound)) nats (per row \(f(evidenceLowerBound / Double(max(1, sampleCount))))), "
                     + "a lower bound on log p(X)")
        lines.append("  log-likelihood at the posterior mean parameters \(f(logLikelihood))")
        lines.append("  \(iterations) iterations, " + (converged ? "converged" : "NOT converged")
                     + (restartLowerBounds.count > 1 ? ", best of \(restartLowerBounds.count) restarts" : ""))
        lines.append("  effective components (weight ≥ 0.01): \(effectiveComponents())")
        let w = weights
        for c in 0..<components {
            let mean = posterior.means.row(c).map(f).joined(separator: ", ")
            lines.append("  component \(c + 1): weight \(f(w[c])), mean [\(mean)]")
        }
        for warning in warnings.prefix(5) { lines.append("  warning: \(warning)") }
        if warnings.count > 5 { lines.append("  … and \(warnings.count - 5) more warnings") }
        return lines.joined(separator: "\n")
    }
}
