import Foundation
import LinearAlgebra

/// A fitted hierarchical mixture of Gaussians: its parameters, fit history, and what it
/// does with data — log-likelihood, p(z | x) soft and hard, the posterior over y given x
/// (and given x and z), the latent embedding, samples, information criteria. Everything
/// goes through the d-dimensional structure; no p × p matrix is inverted.
public struct FittedHierarchicalMixture: Sendable, FittedLikelihoodModel {
    /// W, b, Ψ, π, μ_k, Σ_k (whitened: the latent marginal has mean 0 and covariance I).
    public let parameters: HierarchicalMixtureParameters
    /// Diagonal or isotropic Ψ.
    public let noise: NoiseModel
    /// Total log-likelihood of the training data.
    public let logLikelihood: Double
    /// Training rows N.
    public let sampleCount: Int
    /// p(z | x) on the training data (N × K).
    public let trainingResponsibilities: Matrix?
    /// Mean log-likelihood per row at the start of every iteration (EM) or epoch (gradient) of the kept run.
    public let lowerBoundTrace: [Double]
    /// Iterations (or epochs) run by the kept run.
    public let iterations: Int
    /// Whether the kept run met its tolerance.
    public let converged: Bool
    /// Final total log-likelihood of every restart.
    public let restartLogLikelihoods: [Double]
    /// Warnings from the fit.
    public let warnings: [EMWarning]

    /// A fitted model from parameters, evaluated on its training data (pass an empty
    /// matrix with p columns to only score other data).
    public init(parameters: HierarchicalMixtureParameters, noise: NoiseModel, trainingData x: Matrix,
                lowerBoundTrace: [Double] = [], iterations: Int = 0, converged: Bool = false,
                restartLogLikelihoods: [Double] = [], warnings: [EMWarning] = []) throws {
        try parameters.validate()
        guard x.columns == parameters.dimensions else {
            throw HierarchicalMixtureError.dimensionMismatch(expected: parameters.dimensions, found: x.columns)
        }
        let posterior = try HierarchicalPosterior(x, parameters)
        self.parameters = parameters
        self.noise = noise
        logLikelihood = posterior.totalLogLikelihood
        sampleCount = x.rows
        trainingResponsibilities = x.rows > 0 ? posterior.responsibilities : nil
        self.lowerBoundTrace = lowerBoundTrace
        self.iterations = iterations
        self.converged = converged
        self.restartLogLikelihoods = restartLogLikelihoods
        self.warnings = warnings
    }

    /// Observed dimension p.
    public var dimensions: Int { parameters.dimensions }
    /// Latent dimension d.
    public var latent: Int { parameters.latent }
    /// Components K.
    public var components: Int { parameters.components }

    /// Free parameters: W (p d), b (p), Ψ (p or 1), π (K − 1), μ_k (K d), Σ_k (K d(d+1)/2),
    /// less the d² + d of the latent affine ambiguity y → A y + c.
    public var parameterCount: Int {
        let p = dimensions, d = latent, k = components
        return p * d + p + noise.parameterCount(dimensions: p) + (k - 1) + k * d + k * d * (d + 1) / 2 - d * d - d
    }

    private func posterior(_ x: Matrix) -> HierarchicalPosterior {
        precondition(x.columns == dimensions, "data has \(x.columns) columns, the model \(dimensions)")
        // The parameters were validated and factored at init; they stay positive definite.
        return try! HierarchicalPosterior(x, parameters)
    }

    /// log p(xₙ) for every row.
    public func scoreSamples(_ x: Matrix) -> [Double] { posterior(x).logLikelihoods }

    /// Mean log-likelihood per row.
    public func score(_ x: Matrix) -> Double { scoreSamples(x).reduce(0, +) / Double(max(1, x.rows)) }

    /// p(z = k | xₙ), N × K (soft assignments).
    public func responsibilities(_ x: Matrix) -> Matrix { posterior(x).responsibilities }

    /// The most probable component of every row (hard assignments).
    public func predict(_ x: Matrix) -> [Int] {
        let r = responsibilities(x), k = components
        return (0..<x.rows).map { i in
            var best = 0
            for c in 1..<max(1, k) where r.storage[i * k + c] > r.storage[i * k + best] { best = c }
            return best
        }
    }

    /// The latent embedding E[y | xₙ] = Σ_k p(k | xₙ) m_nk (N × d).
    public func embed(_ x: Matrix) -> Matrix { posterior(x).latentMeans }

    /// The posterior over y given xₙ and z = k: means m_nk (K of N × d) and covariances S_k
    /// (K of d × d); and over y given xₙ alone, a mixture of these with weights p(k | xₙ).
    public func latentPosterior(_ x: Matrix) -> (responsibilities: Matrix, means: [Matrix], covariances: [Matrix]) {
        let post = posterior(x), components = post.components
        return (post.responsibilities, components.map(\.posteriorMeans), components.map(\.posteriorCovariance))
    }

    /// The covariance of y given xₙ alone (N of d × d): the mixture
    /// Σ_k p(k | xₙ)(S_k + m_nk m_nkᵀ) − ȳₙȳₙᵀ, with ȳₙ = `embed(x)` row n.
    public func latentCovariances(_ x: Matrix) -> [Matrix] {
        let post = posterior(x), d = latent, k = components
        let mean = post.latentMeans, perComponent = post.components   // built once: K matrices of N × d
        return (0..<x.rows).map { i in
            var c = Matrix(rows: d, columns: d)
            for comp in 0..<k {
                let r = post.responsibilities[i, comp]
                let m = perComponent[comp].posteriorMeans.row(i)
                let s = perComponent[comp].posteriorCovariance
                for a in 0..<d { for b in 0..<d { c[a, b] += r * (s[a, b] + m[a] * m[b]) } }
            }
            for a in 0..<d { for b in 0..<d { c[a, b] -= mean[i, a] * mean[i, b] } }
            return c
        }
    }

    /// `n` draws (x, z, y) from the model: z ~ π, y ~ N(μ_z, Σ_z), x = W y + b + Ψ^{1/2} ε.
    public func sample(_ n: Int, generator: inout RandomGenerator) -> (x: Matrix, labels: [Int], latent: Matrix) {
        let d = latent, p = dimensions
        let factors = parameters.latentCovariances.map { try! $0.cholesky().lower }
        var y = Matrix(rows: n, columns: d)
        var labels = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let c = generator.categorical(parameters.weights)
            labels[i] = c
            let draw = generator.multivariateNormal(mean: parameters.latentMeans.row(c), choleskyFactor: factors[c])
            for j in 0..<d { y[i, j] = draw[j] }
        }
        var x = y.multiplied(by: parameters.loadings, transposeOther: true)
        for i in 0..<n {
            for j in 0..<p { x.storage[i * p + j] += parameters.offset[j] + parameters.psi[j].squareRoot() * generator.normal() }
        }
        return (x, labels, y)
    }
}
