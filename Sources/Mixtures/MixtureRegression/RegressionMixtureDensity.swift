import Foundation
import LinearAlgebra

/// The log densities a regression mixture's E-step, scores and predictions share.
enum RegressionMixtureDensity {
    static let logTwoPi = Foundation.log(2 * Double.pi)

    /// Component means x̃ₙᵀBₖ for every component: K matrices N × T (DGEMM each).
    static func componentMeans(_ design: Matrix, _ p: RegressionMixtureParameters) -> [Matrix] {
        p.regressions.map { design.multiplied(by: $0.coefficients) }
    }

    /// N × K: log N(yₙ; x̃ₙᵀBₖ, diag σ²ₖ) (no weights).
    static func regressionLogDensities(design: Matrix, targets y: Matrix, _ p: RegressionMixtureParameters) -> Matrix {
        let n = y.rows, t = y.columns, k = p.components
        var out = Matrix(rows: n, columns: k)
        let means = componentMeans(design, p)
        for c in 0..<k {
            let v = p.regressions[c].noiseVariances
            let constant = v.reduce(0) { $0 - 0.5 * (logTwoPi + Foundation.log($1)) }
            let inverse = v.map { 1 / $0 }
            means[c].storage.withUnsafeBufferPointer { m in
                y.storage.withUnsafeBufferPointer { yp in
                    for i in 0..<n {
                        var s = 0.0
                        for j in 0..<t { let e = yp[i * t + j] - m[i * t + j]; s += e * e * inverse[j] }
                        out.storage[i * k + c] = constant - 0.5 * s
                    }
                }
            }
        }
        return out
    }

    /// N × K: log N(xₙ; μₖ, Σₖ) through the shared Gaussian layer (zeros without covariate Gaussians).
    static func covariateLogDensities(_ x: Matrix, _ p: RegressionMixtureParameters, structure: CovarianceType?) throws -> Matrix {
        guard let g = p.covariates, let structure else { return Matrix(rows: x.rows, columns: p.components) }
        return try GaussianComponents(means: g.means, covariances: g.covariances, structure: structure).logDensities(x)
    }

    /// N × K: log πₖ + log N(xₙ; μₖ, Σₖ) + log N(yₙ; x̃ₙᵀBₖ, σ²ₖ), the E-step's logits.
    static func logJoint(_ data: RegressionData, _ p: RegressionMixtureParameters, structure: CovarianceType?) throws -> Matrix {
        var logits = regressionLogDensities(design: data.design, targets: data.targets, p)
        let covariate = try covariateLogDensities(data.covariates, p, structure: structure)
        let k = p.components
        let logWeights = p.weights.map { Foundation.log($0) }
        for i in 0..<logits.rows {
            for c in 0..<k { logits.storage[i * k + c] += logWeights[c] + covariate.storage[i * k + c] }
        }
        return logits
    }

    /// N × K gates p(z = k | xₙ): πₖ on every row without covariate Gaussians, otherwise
    /// ∝ πₖ N(xₙ; μₖ, Σₖ).
    static func gates(_ x: Matrix, _ p: RegressionMixtureParameters, structure: CovarianceType?) throws -> Matrix {
        let k = p.components
        guard p.covariates != nil else {
            return Matrix(rows: x.rows, columns: k, storage: Array((0..<x.rows).map { _ in p.weights }.joined()))
        }
        var logits = try covariateLogDensities(x, p, structure: structure)
        let logWeights = p.weights.map { Foundation.log($0) }
        for i in 0..<x.rows { for c in 0..<k { logits.storage[i * k + c] += logWeights[c] } }
        _ = LogSumExp.normalizeRows(&logits)
        return logits
    }
}
