import Foundation
import LinearAlgebra

/// EM for factor analysis and probabilistic PCA (Rubin & Thayer 1982; Tipping & Bishop
/// 1999), run by the shared `EMDriver`. Every step works on the data's covariance S
/// (p × p, formed once) through the d-dimensional structure:
///
/// - E-step: S_y = (I + WᵀΨ⁻¹W)⁻¹, β = S_y WᵀΨ⁻¹, so E[y|x] = β(x − b);
///   ⟨(x − b) E[y|x]ᵀ⟩ = S βᵀ and ⟨E[yyᵀ|x]⟩ = S_y + β S βᵀ.
/// - M-step: W = S βᵀ ⟨E[yyᵀ]⟩⁻¹, Ψ = diag(S − W β S) (its mean for PPCA), floored.
/// - Mean log-likelihood per row: −½[p log 2π + log|C| + tr(C⁻¹S)], C = W Wᵀ + Ψ, with the
///   determinant lemma and the Woodbury identity.
struct FactorModelEM: ExpectationMaximizable {
    typealias Data = ColumnMoments
    typealias Parameters = FactorModelParameters
    /// (S βᵀ, ⟨E[yyᵀ]⟩).
    typealias Expectations = (crossMoment: Matrix, latentSecondMoment: Matrix)

    let latent: Int
    let noise: NoiseModel
    let floor: Double
    /// Where EM starts.
    let start: Start

    enum Start {
        /// The closed-form probabilistic-PCA solution (factor analysis starts here).
        case principalComponents
        /// Random loadings with noise equal to the mean variance (to exercise EM from afar).
        case random
    }

    func initialParameters(for data: ColumnMoments, generator: inout RandomGenerator) throws -> FactorModelParameters {
        switch start {
        case .principalComponents:
            var p = try ProbabilisticPCA.closedForm(data, latent: latent, floor: floor)
            if noise == .diagonal {
                let w = p.loadings, d = latent
                let residuals = (0..<w.rows).map { i in
                    data.covariance[i, i] - (0..<d).reduce(0.0) { $0 + w.storage[i * d + $1] * w.storage[i * d + $1] }
                }
                p.psi = noise.noise(fromResiduals: residuals, floor: floor)
            }
            return p
        case .random:
            let v = data.variances
            let meanVariance = v.reduce(0, +) / Double(v.count)
            var w = Matrix(rows: v.count, columns: latent)
            let scale = (meanVariance / Double(latent)).squareRoot()
            for i in 0..<w.storage.count { w.storage[i] = scale * generator.normal() }
            return FactorModelParameters(loadings: w, mean: data.mean,
                                         psi: [Double](repeating: max(meanVariance, floor), count: v.count))
        }
    }

    func expectation(_ data: ColumnMoments, _ parameters: FactorModelParameters) throws
        -> (expectations: Expectations, lowerBound: Double) {
        let p = data.covariance.rows, d = latent
        let structure = try LowRankPlusDiagonal(loadings: parameters.loadings, psi: parameters.psi)
        var inner = structure.precisionGram
        for j in 0..<d { inner.storage[j * d + j] += 1 }
        let innerFactor = try inner.cholesky()
        let sy = innerFactor.inverse                                // S_y
        var b = parameters.loadings                                 // Ψ⁻¹W
        for i in 0..<p { for j in 0..<d { b.storage[i * d + j] /= parameters.psi[i] } }
        let sb = data.covariance * b                                // S Ψ⁻¹W  (p × d)
        let bsb = b.multiplied(by: sb, transposeSelf: true)         // WᵀΨ⁻¹ S Ψ⁻¹W
        let cross = sb * sy                                         // S βᵀ
        let latentSecond = sy + sy * bsb * sy                       // S_y + β S βᵀ
        var traceTerm = 0.0                                         // tr(Ψ⁻¹S) − tr(S_y WᵀΨ⁻¹SΨ⁻¹W)
        for i in 0..<p { traceTerm += data.covariance[i, i] / parameters.psi[i] }
        for i in 0..<d { for j in 0..<d { traceTerm -= sy.storage[i * d + j] * bsb.storage[j * d + i] } }
        let logDet = parameters.psi.reduce(0) { $0 + log($1) } + innerFactor.logDeterminant
        let bound = -0.5 * (Double(p) * log(2 * Double.pi) + logDet + traceTerm)
        return ((cross, latentSecond), bound)
    }

    func maximization(_ data: ColumnMoments, _ e: Expectations, previous: FactorModelParameters,
                      generator: inout RandomGenerator) throws -> EMUpdate<FactorModelParameters> {
        let p = data.covariance.rows, d = latent
        let factor = try e.latentSecondMoment.cholesky()
        let w = factor.solve(e.crossMoment.transposed).transposed  // S βᵀ ⟨E[yyᵀ]⟩⁻¹
        let residuals = (0..<p).map { i in
            data.covariance[i, i] - (0..<d).reduce(0.0) { $0 + w.storage[i * d + $1] * e.crossMoment.storage[i * d + $1] }
        }
        return EMUpdate(parameters: FactorModelParameters(loadings: w, mean: data.mean,
                                                          psi: noise.noise(fromResiduals: residuals, floor: floor)))
    }
}
