import Foundation
import LinearAlgebra

extension FittedVariationalGaussianMixture {
    /// `count` mixtures drawn from the variational posterior q(π) Πₖ q(μₖ, Λₖ): weights from the
    /// Dirichlet (or from the sticks' Betas, renormalised over the K components), precisions from
    /// the Wisharts (full, tied: one shared draw) or variances from the inverse gammas (diagonal,
    /// spherical), then μₖ ~ N(mₖ, (βₖΛₖ)⁻¹). Covariances are Λₖ⁻¹.
    /// - Throws: `LinearAlgebraError` if a drawn precision is numerically singular.
    public func sampleParameters(_ count: Int, seed: UInt64) throws -> [GaussianMixtureParameters] {
        var generator = RandomGenerator(seed: seed)
        let q = posterior
        let k = q.components, d = q.dimensions, dd = Double(d)
        // Wishart scale factors: W = (νC)⁻¹, so L = chol(W).
        let scaleFactors: [Matrix] = try (0..<k).map { c in
            guard covarianceType == .full || covarianceType == .tied else { return Matrix(rows: 0, columns: 0) }
            return try ((1 / q.degreesOfFreedom[c]) * q.covariances[c].cholesky().inverse).cholesky().lower
        }
        var draws: [GaussianMixtureParameters] = []
        for _ in 0..<count {
            var weights: [Double]
            if let b = q.stickConcentration {
                weights = []
                var remaining = 1.0
                for c in 0..<k {
                    let x = generator.gamma(shape: q.weightConcentration[c]), y = generator.gamma(shape: b[c])
                    let piece = remaining * x / (x + y)
                    weights.append(piece)
                    remaining -= piece
                }
                let total = weights.reduce(0, +)
                weights = weights.map { $0 / total }
            } else {
                weights = generator.dirichlet(q.weightConcentration)
            }
            var means = Matrix(rows: k, columns: d)
            var covariances: [Matrix] = []
            var shared: Matrix?
            for c in 0..<k {
                var covariance: Matrix
                switch covarianceType {
                case .full, .tied:
                    if covarianceType == .tied, let s = shared {
                        covariance = s
                    } else {
                        let precision = generator.wishart(scaleFactor: scaleFactors[c], degreesOfFreedom: q.degreesOfFreedom[c])
                        covariance = try precision.cholesky().inverse
                        shared = covariance
                    }
                case .diagonal:
                    covariance = Matrix.diagonal((0..<d).map { j in
                        generator.inverseGamma(shape: q.degreesOfFreedom[c] / 2,
                                               scale: q.degreesOfFreedom[c] * q.covariances[c][j, j] / 2)
                    })
                case .spherical:
                    let v = generator.inverseGamma(shape: dd * q.degreesOfFreedom[c] / 2,
                                                   scale: dd * q.degreesOfFreedom[c] * q.covariances[c][0, 0] / 2)
                    covariance = Matrix.diagonal([Double](repeating: v, count: d))
                }
                let mean = try generator.multivariateNormal(mean: q.means.row(c), covariance: (1 / q.meanPrecision[c]) * covariance)
                for j in 0..<d { means.storage[c * d + j] = mean[j] }
                covariances.append(covariance)
            }
            draws.append(GaussianMixtureParameters(weights: weights, means: means, covariances: covariances))
        }
        return draws
    }
}
