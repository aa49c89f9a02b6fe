import Foundation
import LinearAlgebra

/// Standard errors of a fitted regression mixture's coefficients, noise standard deviations
/// and weights, from the **observed information**: the negative Hessian of the
/// log-likelihood at the fitted parameters in (Bₖ, log σ²ₖₜ, and the weights' logits with
/// the last fixed at 0), in closed form (Louis' identity, `RegressionObservedInformation`),
/// then inverted through Cholesky. Noise and weight errors follow by the delta method. For
/// a cluster-weighted model the covariate Gaussians (μₖ, Σₖ) are held at their fitted
/// values, so these are the errors conditional on them.
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
    public static let method = "observed information (negative Hessian of the log-likelihood, in closed form)"

    /// - Parameter offsets: N × K log-density terms held fixed (the covariate Gaussians' log N(xₙ; μₖ, Σₖ)),
    ///   or nil.
    static func compute(design: Matrix, targets: Matrix, offsets: Matrix?, parameters p: RegressionMixtureParameters,
                        noise: NoiseVariance) -> RegressionStandardErrors? {
        let layout = Layout(k: p.components, p: design.columns, t: targets.columns, noise: noise)
        let m = layout.count
        let information = RegressionObservedInformation.matrix(layout, design: design, targets: targets,
                                                               offsets: offsets, parameters: p)
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
    }
}
