import Foundation
import LinearAlgebra

/// The log densities a regression mixture's E-step, scores and predictions share.
enum RegressionMixtureDensity {
    static let logTwoPi = Foundation.log(2 * Double.pi)

    /// Component means x̃ₙᵀBₖ for every component: K matrices N × T.
    static func componentMeans(_ design: Matrix, _ p: RegressionMixtureParameters) -> [Matrix] {
        let all = stackedMeans(design, p)
        let n = design.rows, k = p.components, t = all.columns / max(1, k)
        return (0..<k).map { c in
            var m = Matrix(rows: n, columns: t)
            for i in 0..<n { for j in 0..<t { m.storage[i * t + j] = all.storage[i * k * t + c * t + j] } }
            return m
        }
    }

    /// N × (K·T): [x̃ₙᵀB₁, …, x̃ₙᵀB_K] side by side, one DGEMM with the coefficients stacked.
    static func stackedMeans(_ design: Matrix, _ p: RegressionMixtureParameters) -> Matrix {
        let k = p.components, q = design.columns, t = p.regressions[0].coefficients.columns
        var stacked = Matrix(rows: q, columns: k * t)
        for c in 0..<k {
            let b = p.regressions[c].coefficients
            for a in 0..<q { for j in 0..<t { stacked.storage[a * k * t + c * t + j] = b.storage[a * t + j] } }
        }
        return design.multiplied(by: stacked)
    }

    /// N × K: log N(yₙ; x̃ₙᵀBₖ, diag σ²ₖ) (no weights), in one pass over the rows: the means
    /// x̃ₙᵀBₖ are dot products of length P (a handful of columns, where a DGEMM and its N × K·T
    /// output would cost more than the arithmetic).
    static func regressionLogDensities(design: Matrix, targets y: Matrix, _ p: RegressionMixtureParameters) -> Matrix {
        let n = y.rows, t = y.columns, k = p.components, q = design.columns
        var out = Matrix(rows: n, columns: k)
        let constants = p.regressions.map { $0.noiseVariances.reduce(0) { $0 - 0.5 * (logTwoPi + Foundation.log($1)) } }
        let inverse = p.regressions.flatMap { $0.noiseVariances.map { 1 / $0 } }
        let coefficients = p.regressions.flatMap { $0.coefficients.storage }   // K blocks of Q × T
        design.storage.withUnsafeBufferPointer { x in
            y.storage.withUnsafeBufferPointer { yp in
                coefficients.withUnsafeBufferPointer { b in
                    out.storage.withUnsafeMutableBufferPointer { o in
                        // Index arithmetic wraps (&+, &*): every index is within the matrices.
                        for i in 0..<n {
                            let xi = x.baseAddress! + i &* q
                            for c in 0..<k {
                                let bc = b.baseAddress! + c &* q &* t
                                var s = 0.0
                                for j in 0..<t {
                                    var m = 0.0
                                    for a in 0..<q { m += xi[a] * bc[a &* t &+ j] }
                                    let e = yp[i &* t &+ j] - m
                                    s += e * e * inverse[c &* t &+ j]
                                }
                                o[i &* k &+ c] = constants[c] - 0.5 * s
                            }
                        }
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
        let k = p.components
        let logWeights = p.weights.map { Foundation.log($0) }
        if p.covariates != nil {
            let covariate = try covariateLogDensities(data.covariates, p, structure: structure)
            for i in 0..<logits.storage.count { logits.storage[i] += covariate.storage[i] }
        }
        logits.storage.withUnsafeMutableBufferPointer { l in
            for i in 0..<(l.count / max(1, k)) { for c in 0..<k { l[i * k + c] += logWeights[c] } }
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
