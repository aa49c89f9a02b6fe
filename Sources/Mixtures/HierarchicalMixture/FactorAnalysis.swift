import LinearAlgebra

/// Factor analysis fitted by EM: x = W y + b + ε with y ~ N(0, I_d) and ε ~ N(0, Ψ), Ψ
/// diagonal (the model of scikit-learn's `FactorAnalysis`, which maximises the same
/// likelihood by another iteration). `fit` returns a `FittedFactorModel`.
///
/// ```swift
/// let fa = try FactorAnalysis(latent: 3).fit(x, seed: 1)
/// print(fa.score(x), fa.loadings, fa.psi)
/// ```
public struct FactorAnalysis: Sendable {
    /// The latent dimension d (1 ≤ d < p).
    public var latent: Int
    /// EM iterations at most.
    public var maxIterations: Int
    /// Stop when the mean log-likelihood per row changes by less than this.
    public var tolerance: Double
    /// Each noise variance is kept at least `noiseFloor` × the mean column variance, so
    /// constant columns give a finite likelihood.
    public var noiseFloor: Double

    public init(latent: Int, maxIterations: Int = 1000, tolerance: Double = 1e-8, noiseFloor: Double = 1e-6) {
        self.latent = latent
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.noiseFloor = noiseFloor
    }

    /// Fits the rows of `x` (N × p) by EM from the closed-form probabilistic-PCA solution.
    /// `seed` is accepted for the common `fit` signature; the start is deterministic.
    /// - Throws: `GaussianMixtureError` for empty or non-finite data (naming the row and
    ///   column), `HierarchicalMixtureError` for d ∉ [1, p) or all-constant data.
    public func fit(_ x: Matrix, seed: UInt64) throws -> FittedFactorModel {
        try FactorModelFit.run(x, latent: latent, noise: .diagonal, start: .principalComponents,
                               maxIterations: maxIterations, tolerance: tolerance, noiseFloor: noiseFloor, seed: seed)
    }
}

/// The fit shared by `FactorAnalysis` and `ProbabilisticPCA`'s EM: validation, then the
/// `EMDriver` over `FactorModelEM`.
enum FactorModelFit {
    static func validate(_ x: Matrix, latent: Int, maxIterations: Int, tolerance: Double, noiseFloor: Double) throws {
        try DataValidation.check(x, components: 1)
        guard latent >= 1 && latent < x.columns else {
            throw HierarchicalMixtureError.latentDimension(latent: latent, observed: x.columns)
        }
        guard maxIterations >= 0 else { throw HierarchicalMixtureError.invalidConfiguration("maxIterations must be ≥ 0, got \(maxIterations)") }
        guard tolerance >= 0 && tolerance.isFinite else {
            throw HierarchicalMixtureError.invalidConfiguration("tolerance must be a finite number ≥ 0, got \(tolerance)")
        }
        guard noiseFloor > 0 && noiseFloor.isFinite else {
            throw HierarchicalMixtureError.invalidConfiguration("noiseFloor must be a positive finite number, got \(noiseFloor)")
        }
    }

    static func run(_ x: Matrix, latent: Int, noise: NoiseModel, start: FactorModelEM.Start,
                    maxIterations: Int, tolerance: Double, noiseFloor: Double, seed: UInt64) throws -> FittedFactorModel {
        try validate(x, latent: latent, maxIterations: maxIterations, tolerance: tolerance, noiseFloor: noiseFloor)
        let moments = ColumnMoments(x)
        let model = FactorModelEM(latent: latent, noise: noise, floor: try moments.noiseFloor(relative: noiseFloor), start: start)
        let result = try EMDriver(restarts: 1, maxIterations: maxIterations, tolerance: tolerance).run(model, on: moments, seed: seed)
        guard result.lowerBound.isFinite else { throw HierarchicalMixtureError.nonFiniteLikelihood(iteration: result.iterations) }
        return try FittedFactorModel(parameters: result.parameters, noise: noise,
                                     logLikelihood: result.lowerBound * Double(x.rows), sampleCount: x.rows,
                                     lowerBoundTrace: result.trace, iterations: result.iterations,
                                     converged: result.converged, warnings: result.warnings)
    }
}
