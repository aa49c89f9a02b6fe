import Foundation
import LinearAlgebra

/// Starting responsibilities for one restart of a regression mixture.
enum RegressionMixtureStart {
    /// N × K responsibilities from `initialization` (see `RegressionMixtureInitialization`).
    static func responsibilities(_ data: RegressionData, components k: Int,
                                 initialization: RegressionMixtureInitialization,
                                 generator: inout RandomGenerator) throws -> Matrix {
        let n = data.rows
        var choice = initialization
        if choice == .mixed {
            choice = [RegressionMixtureInitialization.kmeans, .gaussianMixture, .random][generator.index(below: 3)]
        }
        var r = Matrix(rows: n, columns: k)
        switch choice {
        case .kmeans, .mixed:
            let labels = try KMeans(components: k, restarts: 1).fit(standardizedJoint(data), seed: generator.next()).labels
            for i in 0..<n { r.storage[i * k + labels[i]] = 1 }
        case .gaussianMixture:
            let z = standardizedJoint(data)
            let gmm = try GaussianMixture(components: k, covarianceType: .full, initialization: .kmeans, restarts: 1,
                                          maxIterations: 100, tolerance: 1e-3, regularization: 1e-6)
                .fit(z, seed: generator.next())
            r = gmm.responsibilities(z)
        case .random:
            for i in 0..<n {
                var s = 0.0
                for c in 0..<k { let u = generator.uniform(); r.storage[i * k + c] = u; s += u }
                for c in 0..<k { r.storage[i * k + c] /= s }
            }
        }
        return r
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
