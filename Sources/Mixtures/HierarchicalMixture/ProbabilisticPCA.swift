import Foundation
import LinearAlgebra

/// Probabilistic PCA (Tipping & Bishop 1999): x = W y + b + ε, y ~ N(0, I_d), ε ~ N(0, σ² I).
/// Fitted in closed form from the eigen-decomposition of the data's covariance (the model
/// behind scikit-learn's `PCA.score`), or by EM from a random start.
public struct ProbabilisticPCA: Sendable {
    /// How to fit.
    public enum Method: String, CaseIterable, Sendable {
        /// σ² = mean of the p − d smallest eigenvalues, W = U_d (Λ_d − σ² I)^{1/2}.
        case closedForm = "closed-form"
        /// EM (the same iteration as factor analysis, with Ψ averaged to σ² I).
        case em
    }

    /// The latent dimension d (1 ≤ d < p).
    public var latent: Int
    /// Closed form (default) or EM.
    public var method: Method
    /// EM iterations at most (EM only).
    public var maxIterations: Int
    /// EM stops when the mean log-likelihood per row changes by less than this (EM only).
    public var tolerance: Double
    /// σ² is kept at least `noiseFloor` × the mean column variance.
    public var noiseFloor: Double

    public init(latent: Int, method: Method = .closedForm, maxIterations: Int = 1000, tolerance: Double = 1e-8,
                noiseFloor: Double = 1e-6) {
        self.latent = latent
        self.method = method
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.noiseFloor = noiseFloor
    }

    /// Fits the rows of `x` (N × p). `seed` draws EM's random start.
    public func fit(_ x: Matrix, seed: UInt64) throws -> FittedFactorModel {
        switch method {
        case .em:
            return try FactorModelFit.run(x, latent: latent, noise: .isotropic, start: .random,
                                          maxIterations: maxIterations, tolerance: tolerance, noiseFloor: noiseFloor, seed: seed)
        case .closedForm:
            try FactorModelFit.validate(x, latent: latent, maxIterations: maxIterations, tolerance: tolerance, noiseFloor: noiseFloor)
            let moments = ColumnMoments(x)
            let parameters = try Self.closedForm(moments, latent: latent, floor: try moments.noiseFloor(relative: noiseFloor))
            let fitted = try FittedFactorModel(parameters: parameters, noise: .isotropic, logLikelihood: 0, sampleCount: x.rows)
            let total = fitted.scoreSamples(x).reduce(0, +)
            return try FittedFactorModel(parameters: parameters, noise: .isotropic, logLikelihood: total, sampleCount: x.rows,
                                         lowerBoundTrace: [total / Double(x.rows)], converged: true)
        }
    }

    /// The maximum-likelihood PPCA of data with these moments.
    static func closedForm(_ data: ColumnMoments, latent d: Int, floor: Double) throws -> FactorModelParameters {
        let p = data.covariance.rows
        let eigen = try data.covariance.symmetricEigen()         // ascending
        let discarded = eigen.values[0..<(p - d)].reduce(0, +) / Double(p - d)
        let sigma2 = max(discarded, floor)
        var w = Matrix(rows: p, columns: d)
        for j in 0..<d {
            let column = p - 1 - j                                // largest eigenvalues first
            let scale = max(eigen.values[column] - sigma2, 0).squareRoot()
            for i in 0..<p { w.storage[i * d + j] = eigen.vectors.storage[i * p + column] * scale }
        }
        return FactorModelParameters(loadings: w, mean: data.mean, psi: [Double](repeating: sigma2, count: p))
    }
}
