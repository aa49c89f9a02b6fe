import Foundation
import LinearAlgebra

/// Standard errors of a fitted regression mixture's coefficients, noise standard deviations
/// and weights, from the **observed information**: the negative Hessian of the
/// log-likelihood at the fitted parameters, taken by central differences of its analytic
/// gradient in the parameters (Bₖ, log σ²ₖₜ, and the weights' logits with the last fixed
/// at 0), then inverted through Cholesky. Noise and weight errors follow by the delta
/// method. For a cluster-weighted model the covariate Gaussians (μₖ, Σₖ) are held at their
/// fitted values, so these are the errors conditional on them.
///
/// A noise standard deviation held at its floor sits on the boundary, where these errors
/// mean little. When the information is not positive definite (a flat direction, e.g. two
/// identical components) there are no standard errors (`nil` from the fit).
public struct RegressionStandardErrors: Sendable, Equatable {
    /// K matrices P × T, in the layout of `RegressionComponent.coefficients`.
    public let coefficients: [Matrix]
    /// K × T standard errors of σₖₜ.
    public let noiseStandardDeviations: [[Double]]
    /// K standard errors of πₖ.
    public let weights: [Double]

    /// How the errors were computed, for reports.
    public static let method = "observed information (negative Hessian of the log-likelihood by central differences of its analytic gradient)"

    /// - Parameter offsets: N × K log-density terms held fixed (the covariate Gaussians' log N(xₙ; μₖ, Σₖ)),
    ///   or nil.
    static func compute(design: Matrix, targets: Matrix, offsets: Matrix?, parameters p: RegressionMixtureParameters,
                        noise: NoiseVariance) -> RegressionStandardErrors? {
        let layout = Layout(k: p.components, p: design.columns, t: targets.columns, noise: noise)
        let theta = layout.pack(p)
        let m = theta.count
        var hessian = Matrix(rows: m, columns: m)
        for j in 0..<m {
            let h = 1e-5 * max(1, abs(theta[j]))
            var plus = theta, minus = theta
            plus[j] += h
            minus[j] -= h
            let gp = gradient(layout, plus, design, targets, offsets)
            let gm = gradient(layout, minus, design, targets, offsets)
            for i in 0..<m { hessian.storage[i * m + j] = (gp[i] - gm[i]) / (2 * h) }
        }
        var information = Matrix(rows: m, columns: m)
        for i in 0..<m { for j in 0..<m { information.storage[i * m + j] = -0.5 * (hessian[i, j] + hessian[j, i]) } }
        guard information.isFinite, let factor = try? information.cholesky() else { return nil }
        let covariance = factor.solve(Matrix.identity(m))
        let variance = covariance.diagonalElements
        guard variance.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        let se = variance.map { $0.squareRoot() }
        var coefficients: [Matrix] = []
        var noiseSD: [[Double]] = []
        for c in 0..<layout.k {
            var b = Matrix(rows: layout.p, columns: layout.t)
            for i in 0..<(layout.p * layout.t) { b.storage[i] = se[layout.coefficientOffset(c) + i] }
            coefficients.append(b)
            // σ = exp(½ log σ²): SE(σ) = σ · SE(log σ²) / 2.
            noiseSD.append((0..<layout.t).map { j in
                p.regressions[c].noiseVariances[j].squareRoot() * se[layout.logVarianceIndex(c, j)] / 2
            })
        }
        // π = softmax(α) with α_K = 0: Var π = G Var(α) Gᵀ, G_ij = πᵢ(δᵢⱼ − πⱼ) for j < K−1.
        let k = layout.k, a0 = layout.logitOffset
        let weightSE: [Double] = (0..<k).map { i in
            var v = 0.0
            for j in 0..<(k - 1) {
                for l in 0..<(k - 1) {
                    let gij = p.weights[i] * ((i == j ? 1 : 0) - p.weights[j])
                    let gil = p.weights[i] * ((i == l ? 1 : 0) - p.weights[l])
                    v += gij * covariance[a0 + j, a0 + l] * gil
                }
            }
            return max(v, 0).squareRoot()
        }
        return RegressionStandardErrors(coefficients: coefficients, noiseStandardDeviations: noiseSD, weights: weightSE)
    }

    /// Where each parameter sits in θ: per component Bₖ (P·T, row-major), then the log
    /// variances (K·T, or T when shared), then K − 1 logits.
    struct Layout {
        let k: Int, p: Int, t: Int, noise: NoiseVariance
        func coefficientOffset(_ c: Int) -> Int { c * p * t }
        var varianceOffset: Int { k * p * t }
        func logVarianceIndex(_ c: Int, _ j: Int) -> Int { varianceOffset + (noise == .shared ? j : c * t + j) }
        var logitOffset: Int { varianceOffset + (noise == .shared ? t : k * t) }
        var count: Int { logitOffset + k - 1 }

        func pack(_ parameters: RegressionMixtureParameters) -> [Double] {
            var theta = [Double](repeating: 0, count: count)
            for c in 0..<k {
                for i in 0..<(p * t) { theta[coefficientOffset(c) + i] = parameters.regressions[c].coefficients.storage[i] }
                for j in 0..<t { theta[logVarianceIndex(c, j)] = Foundation.log(parameters.regressions[c].noiseVariances[j]) }
            }
            let last = Foundation.log(parameters.weights[k - 1])
            for c in 0..<(k - 1) { theta[logitOffset + c] = Foundation.log(parameters.weights[c]) - last }
            return theta
        }

        func unpack(_ theta: [Double]) -> RegressionMixtureParameters {
            let logits = (0..<k).map { $0 < k - 1 ? theta[logitOffset + $0] : 0 }
            let top = logits.max() ?? 0
            let e = logits.map { Foundation.exp($0 - top) }
            let s = e.reduce(0, +)
            let regressions = (0..<k).map { c in
                RegressionComponent(coefficients: Matrix(rows: p, columns: t,
                                                         storage: Array(theta[coefficientOffset(c)..<(coefficientOffset(c) + p * t)])),
                                    noiseVariances: (0..<t).map { Foundation.exp(theta[logVarianceIndex(c, $0)]) })
            }
            return RegressionMixtureParameters(weights: e.map { $0 / s }, regressions: regressions)
        }
    }

    /// ∂/∂θ of Σₙ log Σₖ exp(log πₖ + offsetₙₖ + log N(yₙ; x̃ₙᵀBₖ, σ²ₖ)).
    static func gradient(_ layout: Layout, _ theta: [Double], _ design: Matrix, _ y: Matrix, _ offsets: Matrix?) -> [Double] {
        let p = layout.unpack(theta)
        let n = y.rows, k = layout.k, t = layout.t, q = layout.p
        var r = RegressionMixtureDensity.regressionLogDensities(design: design, targets: y, p)
        let logWeights = p.weights.map { Foundation.log($0) }
        for i in 0..<n {
            for c in 0..<k { r.storage[i * k + c] += logWeights[c] + (offsets?.storage[i * k + c] ?? 0) }
        }
        _ = LogSumExp.normalizeRows(&r)
        let means = RegressionMixtureDensity.componentMeans(design, p)
        var g = [Double](repeating: 0, count: layout.count)
        for c in 0..<k {
            let v = p.regressions[c].noiseVariances
            let b = layout.coefficientOffset(c)
            for i in 0..<n {
                let rc = r.storage[i * k + c]
                for j in 0..<t {
                    let e = y.storage[i * t + j] - means[c].storage[i * t + j]
                    let scaled = rc * e / v[j]
                    for a in 0..<q { g[b + a * t + j] += scaled * design.storage[i * q + a] }
                    g[layout.logVarianceIndex(c, j)] += 0.5 * rc * (e * e / v[j] - 1)
                }
            }
        }
        for c in 0..<(k - 1) {
            var s = 0.0
            for i in 0..<n { s += r.storage[i * k + c] }
            g[layout.logitOffset + c] = s - Double(n) * p.weights[c]
        }
        return g
    }
}
