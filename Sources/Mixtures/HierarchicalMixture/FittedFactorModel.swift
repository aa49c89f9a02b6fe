import Foundation
import LinearAlgebra

/// A fitted factor-analysis or probabilistic-PCA model: x = W y + b + ε, y ~ N(0, I_d),
/// ε ~ N(0, Ψ). Scores, the latent posterior, samples and information criteria, all
/// through the low-rank-plus-diagonal covariance W Wᵀ + Ψ (no p × p inverse).
public struct FittedFactorModel: Sendable, FittedLikelihoodModel {
    /// W, b and Ψ.
    public let parameters: FactorModelParameters
    /// Diagonal Ψ (factor analysis) or σ² I (probabilistic PCA).
    public let noise: NoiseModel
    /// Total log-likelihood of the training data.
    public let logLikelihood: Double
    /// Training rows N.
    public let sampleCount: Int
    /// Mean log-likelihood per row at the start of every EM iteration (one entry for the closed form).
    public let lowerBoundTrace: [Double]
    /// EM iterations run (0 for the closed form).
    public let iterations: Int
    /// Whether EM met its tolerance (true for the closed form).
    public let converged: Bool
    /// Warnings from EM.
    public let warnings: [EMWarning]
    /// The covariance W Wᵀ + Ψ in factored form.
    public let covarianceStructure: LowRankPlusDiagonal

    /// A fitted model from parameters.
    /// - Throws: `HierarchicalMixtureError.invalidParameters` when shapes disagree, or
    ///   `LowRankPlusDiagonalError` for a non-positive noise variance.
    public init(parameters: FactorModelParameters, noise: NoiseModel, logLikelihood: Double = .nan, sampleCount: Int = 0,
                lowerBoundTrace: [Double] = [], iterations: Int = 0, converged: Bool = false, warnings: [EMWarning] = []) throws {
        guard parameters.mean.count == parameters.loadings.rows else {
            throw HierarchicalMixtureError.invalidParameters("the mean has \(parameters.mean.count) entries, the loadings \(parameters.loadings.rows) rows")
        }
        covarianceStructure = try LowRankPlusDiagonal(loadings: parameters.loadings, psi: parameters.psi)
        self.parameters = parameters
        self.noise = noise
        self.logLikelihood = logLikelihood
        self.sampleCount = sampleCount
        self.lowerBoundTrace = lowerBoundTrace
        self.iterations = iterations
        self.converged = converged
        self.warnings = warnings
    }

    /// W (p × d).
    public var loadings: Matrix { parameters.loadings }
    /// The diagonal of Ψ.
    public var psi: [Double] { parameters.psi }
    /// Observed dimension p.
    public var dimensions: Int { parameters.loadings.rows }
    /// Latent dimension d.
    public var latent: Int { parameters.loadings.columns }

    /// Free parameters: p d − d(d − 1)/2 for W (rotations of y are free), p for b, and p
    /// (diagonal) or 1 (isotropic) for Ψ.
    public var parameterCount: Int {
        let p = dimensions, d = latent
        return p * d - d * (d - 1) / 2 + p + noise.parameterCount(dimensions: p)
    }

    /// No mixture, no responsibilities.
    public var trainingResponsibilities: Matrix? { nil }

    /// log p(xₙ) for every row (scikit-learn's `score_samples`).
    public func scoreSamples(_ x: Matrix) -> [Double] {
        precondition(x.columns == dimensions, "scoreSamples: data has \(x.columns) columns, the model \(dimensions)")
        return covarianceStructure.logDensities(x, mean: parameters.mean)
    }

    /// Mean log-likelihood per row (scikit-learn's `score`).
    public func score(_ x: Matrix) -> Double { scoreSamples(x).reduce(0, +) / Double(max(1, x.rows)) }

    /// The posterior of y given each row: means E[y | xₙ] (N × d, scikit-learn's
    /// `transform`) and the covariance (I + WᵀΨ⁻¹W)⁻¹ (d × d, the same for every row).
    public func latentPosterior(_ x: Matrix) -> (means: Matrix, covariance: Matrix) {
        precondition(x.columns == dimensions, "latentPosterior: data has \(x.columns) columns, the model \(dimensions)")
        let projection = covarianceStructure.project(x, offset: parameters.mean)
        let c = try! covarianceStructure.latentComponent(projection, mean: [Double](repeating: 0, count: latent),
                                                         covariance: .identity(latent))
        return (c.posteriorMeans, c.posteriorCovariance)
    }

    /// `n` draws of x (N × p): y ~ N(0, I), then x = W y + b + Ψ^{1/2} ε.
    public func sample(_ n: Int, generator: inout RandomGenerator) -> Matrix {
        let p = dimensions, d = latent
        var y = Matrix(rows: n, columns: d)
        for i in 0..<y.storage.count { y.storage[i] = generator.normal() }
        var x = y.multiplied(by: parameters.loadings, transposeOther: true)
        for i in 0..<n {
            for j in 0..<p { x.storage[i * p + j] += parameters.mean[j] + parameters.psi[j].squareRoot() * generator.normal() }
        }
        return x
    }
}
