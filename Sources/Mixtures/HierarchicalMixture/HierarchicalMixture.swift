import Foundation
import LinearAlgebra

/// A hierarchical mixture of Gaussians (HMoG): factor analysis below, a Gaussian mixture
/// over the latent factors above. z ~ π, y | z = k ~ N(μ_k, Σ_k) in R^d, x | y ~ N(W y + b, Ψ)
/// in R^p, so x is a mixture Σ_k π_k N(W μ_k + b, W Σ_k Wᵀ + Ψ) whose components share
/// one loading matrix and one noise (a mixture of common factor analysers). Joint
/// dimensionality reduction and clustering; `fit` returns a `FittedHierarchicalMixture`.
///
/// ```swift
/// let model = try HierarchicalMixture(latent: 10, components: 10, restarts: 3).fit(x, seed: 1)
/// print(model.score(x), model.predict(x))
/// ```
public struct HierarchicalMixture: Sendable {
    /// How to train, after the established implementation's three variants.
    public enum Method: String, CaseIterable, Sendable {
        /// Closed-form EM on the joint model, whitening the latent prior after every iteration.
        case em
        /// Mini-batch Adam on log p(x) over W, b, Ψ, π, μ_k and Cholesky factors of Σ_k.
        case gradient
        /// Mini-batch Adam on the restricted model whose posterior precision
        /// Σ_k⁻¹ + WᵀΨ⁻¹W is diagonal (a constraint on the model; its likelihood is exact).
        case diagonal
    }

    /// The training method (EM by default).
    public var method: Method = .em
    /// Adam's step size (gradient methods).
    public var learningRate: Double = 5e-3
    /// Rows per mini-batch (gradient methods).
    public var batchSize: Int = 256
    /// Latent dimension d (1 ≤ d < p).
    public var latent: Int
    /// Mixture components K (1 ≤ K ≤ N).
    public var components: Int
    /// Diagonal Ψ (factor analysis, default) or σ² I (probabilistic PCA).
    public var noise: NoiseModel
    /// Where each restart starts.
    public var start: HierarchicalMixtureStart
    /// Independent starts; the highest final log-likelihood wins.
    public var restarts: Int
    /// EM iterations (or gradient epochs) per start.
    public var maxIterations: Int
    /// Stop when the mean log-likelihood per row changes by less than this.
    public var tolerance: Double
    /// Added to the diagonal of every latent covariance Σ_k.
    public var regularization: Double
    /// Each noise variance is kept at least `noiseFloor` × the mean column variance.
    public var noiseFloor: Double
    /// Each noise variance ψᵢ is also kept at least this fraction of column i's own variance
    /// (0 by default: off). A guard against Heywood cases: a nearly constant column (a pixel
    /// inked in two images of 1,797) explained exactly by one latent direction, on which a
    /// component's latent variance then collapses to the regularisation and the likelihood
    /// grows without describing the data any better.
    public var columnNoiseFloor: Double = 0

    public init(latent: Int, components: Int, noise: NoiseModel = .diagonal, start: HierarchicalMixtureStart = .kmeans,
                restarts: Int = 1, maxIterations: Int = 200, tolerance: Double = 1e-4, regularization: Double = 1e-6,
                noiseFloor: Double = 1e-6) {
        self.latent = latent
        self.components = components
        self.noise = noise
        self.start = start
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.regularization = regularization
        self.noiseFloor = noiseFloor
    }

    /// A model configured by the shared EM settings: restarts, iterations, tolerance,
    /// regularisation of the latent covariances, and the starting responsibilities of the
    /// PPCA embedding.
    public init(latent: Int, components: Int, noise: NoiseModel = .diagonal, settings: EMSettings) {
        self.init(latent: latent, components: components, noise: noise, start: .embedding(settings.initialization),
                  restarts: settings.restarts, maxIterations: settings.maxIterations, tolerance: settings.tolerance,
                  regularization: settings.regularization)
    }

    /// Fits the rows of `x` (N × p) by `method`: closed-form EM with latent whitening after
    /// every iteration, or mini-batch Adam (full or restricted), each from the same start.
    /// - Throws: `GaussianMixtureError` for empty or non-finite data (naming the row and column)
    ///   or K > N; `HierarchicalMixtureError` for d ∉ [1, p), all-constant data, bad settings, or
    ///   given parameters that do not fit the data.
    public func fit(_ x: Matrix, seed: UInt64) throws -> FittedHierarchicalMixture {
        let moments = try validate(x)
        if method != .em { return try fitByGradient(x, moments: moments, seed: seed) }
        let model = HierarchicalMixtureEM(start: start, components: components, latent: latent, moments: moments,
                                          noise: noise, floors: try noiseFloors(moments), regularization: regularization,
                                          rowGroups: SmallRankSweep.handles(rank: latent) ? RowGroups(x) : nil)
        let result = try EMDriver(restarts: restarts, maxIterations: maxIterations, tolerance: tolerance)
            .run(model, on: x, seed: seed)
        guard result.lowerBound.isFinite, result.trace.allSatisfy(\.isFinite) else {
            throw HierarchicalMixtureError.nonFiniteLikelihood(iteration: result.trace.firstIndex { !$0.isFinite } ?? result.iterations)
        }
        return try FittedHierarchicalMixture(parameters: result.parameters, noise: noise, trainingData: x,
                                             lowerBoundTrace: result.trace, iterations: result.iterations,
                                             converged: result.converged,
                                             restartLogLikelihoods: result.restartLowerBounds.map { $0 * Double(x.rows) },
                                             warnings: result.warnings)
    }

    /// Mini-batch Adam from the EM start, restarts keeping the best final log-likelihood.
    private func fitByGradient(_ x: Matrix, moments: ColumnMoments, seed: UInt64) throws -> FittedHierarchicalMixture {
        let floors = try noiseFloors(moments)
        let structure: HierarchicalMixtureCoordinates.Structure = method == .gradient ? .full : .diagonalPosteriorPrecision
        let coordinates = HierarchicalMixtureCoordinates(dimensions: x.columns, latent: latent, components: components,
                                                         noise: noise, structure: structure)
        let training = GradientTraining(gradient: HierarchicalMixtureGradient(coordinates: coordinates),
                                        learningRate: learningRate, batchSize: batchSize, epochs: maxIterations,
                                        tolerance: tolerance, floors: floors)
        var master = RandomGenerator(seed: seed)
        var best: (outcome: GradientTraining.Outcome, value: Double)?
        var finals: [Double] = []
        var warnings: [EMWarning] = []
        for restart in 0..<restarts {
            var generator = master.split()
            var begin = try start.parameters(x, moments: moments, floors: floors, components: components, latent: latent,
                                             noise: noise, generator: &generator)
            if structure == .diagonalPosteriorPrecision { begin = try HierarchicalMixtureCoordinates.restrictedStart(begin) }
            var outcome = try training.run(x, from: begin, generator: &generator)
            if structure == .full { outcome.parameters = try outcome.parameters.whitened() }
            let value = try HierarchicalPosterior(x, outcome.parameters).totalLogLikelihood
            guard value.isFinite else { throw HierarchicalMixtureError.nonFiniteLikelihood(iteration: outcome.epochs) }
            finals.append(value)
            if !outcome.converged && maxIterations > 0 {
                warnings.append(.didNotConverge(restart: restart, iterations: outcome.epochs,
                                                lastChange: (outcome.trace.last ?? 0) - (outcome.trace.dropLast().last ?? 0)))
            }
            if best == nil || value > best!.value { best = (outcome, value) }
        }
        let kept = best!.outcome
        return try FittedHierarchicalMixture(parameters: kept.parameters, noise: noise, trainingData: x,
                                             lowerBoundTrace: kept.trace, iterations: kept.epochs, converged: kept.converged,
                                             restartLogLikelihoods: finals, warnings: warnings)
    }

    /// The noise floor of every column: `noiseFloor` × the mean column variance, or
    /// `columnNoiseFloor` × the column's own variance when larger.
    func noiseFloors(_ moments: ColumnMoments) throws -> [Double] {
        let global = try moments.noiseFloor(relative: noiseFloor)
        return moments.variances.map { max(global, columnNoiseFloor * $0) }
    }

    /// Checks the data and settings; returns the data's column moments.
    func validate(_ x: Matrix) throws -> ColumnMoments {
        try DataValidation.check(x, components: components)
        guard latent >= 1 && latent < x.columns else {
            throw HierarchicalMixtureError.latentDimension(latent: latent, observed: x.columns)
        }
        func bad(_ why: String) -> HierarchicalMixtureError { .invalidConfiguration(why) }
        guard restarts >= 1 else { throw bad("restarts must be at least 1, got \(restarts)") }
        guard maxIterations >= 0 else { throw bad("maxIterations must be ≥ 0, got \(maxIterations)") }
        guard tolerance >= 0 && tolerance.isFinite else { throw bad("tolerance must be a finite number ≥ 0, got \(tolerance)") }
        guard regularization >= 0 && regularization.isFinite else {
            throw bad("regularization must be a finite number ≥ 0, got \(regularization)")
        }
        guard learningRate > 0 && learningRate.isFinite else { throw bad("learningRate must be a positive number, got \(learningRate)") }
        guard batchSize >= 1 else { throw bad("batchSize must be at least 1, got \(batchSize)") }
        guard noiseFloor > 0 && noiseFloor.isFinite else { throw bad("noiseFloor must be a positive finite number, got \(noiseFloor)") }
        guard columnNoiseFloor >= 0 && columnNoiseFloor < 1 else {
            throw bad("columnNoiseFloor must be a fraction of each column's variance in [0, 1), got \(columnNoiseFloor)")
        }
        if case .given(let p) = start {
            try p.validate()
            guard p.dimensions == x.columns else { throw HierarchicalMixtureError.dimensionMismatch(expected: p.dimensions, found: x.columns) }
            guard p.latent == latent, p.components == components else {
                throw HierarchicalMixtureError.invalidParameters("given parameters have d = \(p.latent), K = \(p.components); the model d = \(latent), K = \(components)")
            }
        }
        return ColumnMoments(x)
    }
}
