import Foundation
import LinearAlgebra

/// Starting responsibilities for one restart of a regression mixture.
enum RegressionMixtureStart {
    /// N × K responsibilities from `initialization` (see `RegressionMixtureInitialization`).
    static func responsibilities(_ data: RegressionData, components k: Int,
                                 initialization: RegressionMixtureInitialization,
                                 generator: inout RandomGenerator) throws -> Matrix {
        var choice = initialization
        if choice == .mixed {
            choice = [RegressionMixtureInitialization.kmeans, .gaussianMixture, .random][generator.index(below: 3)]
        }
        let z = standardizedJoint(data)
        if let shared = choice.shared {
            return try shared.startingResponsibilities(z, components: k, generator: &generator)
        }
        // A Gaussian mixture on (x, y), itself started from k-means.
        let settings = EMSettings(restarts: 1, maxIterations: 100, tolerance: 1e-3, regularization: 1e-6, initialization: .kmeans)
        return try GaussianMixture(components: k, covarianceType: .full, settings: settings)
            .fit(z, seed: generator.next()).responsibilities(z)
    }

    /// The columns (x, y), each centred and scaled to unit variance (constant columns only centred).
    static func standardizedJoint(_ data: RegressionData) -> Matrix {
        let n = data.rows, d = data.covariates.columns, t = data.targets.columns
        var z = Matrix(rows: n, columns: d + t)
        for i in 0..<n {
            for j in 0..<d { z.storage[i * (d + t) + j] = data.covariates.storage[i * d + j] }
            for j in 0..<t { z.storage[i * (d + t) + d + j] = data.targets.storage[i * t + j] }
        }
        let summary = DataSummary(z)
        for i in 0..<n {
            for j in 0..<(d + t) {
                let sd = summary.variances[j].squareRoot()
                z.storage[i * (d + t) + j] = (z.storage[i * (d + t) + j] - summary.means[j]) / (sd > 0 ? sd : 1)
            }
        }
        return z
    }
}
