import Foundation
import LinearAlgebra

/// Unconstrained coordinates of a hierarchical mixture for gradient training, one flat
/// vector: W (p d), b (p), log Ψ (p, or one log σ²), softmax logits of π (K), μ_k (K d),
/// then per component either
/// - `.full`: the lower Cholesky factor of Σ_k with a log diagonal (d(d+1)/2), or
/// - `.diagonalPosteriorPrecision`: the log of the diagonal posterior precision
///   D_k = Σ_k⁻¹ + WᵀΨ⁻¹W (d), so that Σ_k = (D_k − WᵀΨ⁻¹W)⁻¹ (the restricted model).
public struct HierarchicalMixtureCoordinates: Sendable {
    /// How the latent covariances are parameterised.
    public enum Structure: Sendable { case full, diagonalPosteriorPrecision }

    let p: Int, d: Int, k: Int
    let noise: NoiseModel
    let structure: Structure

    init(dimensions p: Int, latent d: Int, components k: Int, noise: NoiseModel, structure: Structure) {
        self.p = p; self.d = d; self.k = k; self.noise = noise; self.structure = structure
    }

    var offsetB: Int { p * d }
    var offsetPsi: Int { offsetB + p }
    var psiCount: Int { noise == .diagonal ? p : 1 }
    var offsetAlpha: Int { offsetPsi + psiCount }
    var offsetMu: Int { offsetAlpha + k }
    var offsetCovariance: Int { offsetMu + k * d }
    var covarianceBlock: Int { structure == .full ? d * (d + 1) / 2 : d }
    /// Length of the vector.
    var count: Int { offsetCovariance + k * covarianceBlock }

    /// W and Ψ from the vector (needed before the latent covariances in the restricted model).
    func observationPart(_ theta: [Double]) -> (w: Matrix, b: [Double], psi: [Double]) {
        let w = Matrix(rows: p, columns: d, storage: Array(theta[0..<offsetB]))
        let b = Array(theta[offsetB..<offsetPsi])
        let psi = (0..<p).map { exp(theta[offsetPsi + (noise == .diagonal ? $0 : 0)]) }
        return (w, b, psi)
    }

    /// The lower Cholesky factor of Σ_k (full structure).
    func choleskyFactor(_ theta: [Double], _ c: Int) -> Matrix {
        var l = Matrix(rows: d, columns: d)
        var index = offsetCovariance + c * covarianceBlock
        for i in 0..<d {
            for j in 0...i {
                l[i, j] = i == j ? exp(theta[index]) : theta[index]
                index += 1
            }
        }
        return l
    }

    /// The diagonal posterior precision D_k (restricted structure).
    func posteriorPrecision(_ theta: [Double], _ c: Int) -> [Double] {
        (0..<d).map { exp(theta[offsetCovariance + c * covarianceBlock + $0]) }
    }

    /// The model parameters.
    /// - Throws: `HierarchicalMixtureError.improperPrior` when, in the restricted model,
    ///   D_k − WᵀΨ⁻¹W is not positive definite (the implied prior would be improper).
    func parameters(_ theta: [Double]) throws -> HierarchicalMixtureParameters {
        let (w, b, psi) = observationPart(theta)
        let logits = Array(theta[offsetAlpha..<offsetMu])
        let normaliser = LogSumExp.value(logits)
        let weights = logits.map { exp($0 - normaliser) }
        let means = Matrix(rows: k, columns: d, storage: Array(theta[offsetMu..<offsetCovariance]))
        var covariances: [Matrix] = []
        switch structure {
        case .full:
            covariances = (0..<k).map { choleskyFactor(theta, $0).outerGram }
        case .diagonalPosteriorPrecision:
            let gram = try LowRankPlusDiagonal(loadings: w, psi: psi).precisionGram
            for c in 0..<k {
                let precision = Matrix.diagonal(posteriorPrecision(theta, c)) - gram
                guard let factor = try? precision.cholesky() else { throw HierarchicalMixtureError.improperPrior(component: c) }
                covariances.append(factor.inverse)
            }
        }
        return HierarchicalMixtureParameters(loadings: w, offset: b, psi: psi, weights: weights, latentMeans: means,
                                             latentCovariances: covariances)
    }

    /// Whether `theta` gives valid parameters: in the restricted model every D_k − WᵀΨ⁻¹W
    /// positive definite (one Cholesky each, no inverse), in the full model always.
    func isProper(_ theta: [Double]) -> Bool {
        guard structure == .diagonalPosteriorPrecision else { return true }
        let (w, _, psi) = observationPart(theta)
        guard let gram = try? LowRankPlusDiagonal(loadings: w, psi: psi).precisionGram else { return false }
        return (0..<k).allSatisfy { (try? (Matrix.diagonal(posteriorPrecision(theta, $0)) - gram).cholesky()) != nil }
    }

    /// The vector of `parameters`. In the restricted structure the parameters must already
    /// have a diagonal posterior precision (see `restrictedStart`); its diagonal is read.
    func vector(_ parameters: HierarchicalMixtureParameters) throws -> [Double] {
        var theta = parameters.loadings.storage + parameters.offset
        if noise == .diagonal {
            theta += parameters.psi.map { log($0) }
        } else {
            theta.append(log(parameters.psi.reduce(0, +) / Double(p)))
        }
        theta += parameters.weights.map { log(max($0, Double.leastNormalMagnitude)) }
        theta += parameters.latentMeans.storage
        switch structure {
        case .full:
            for c in 0..<k {
                let l = try parameters.latentCovariances[c].cholesky().lower
                for i in 0..<d { for j in 0...i { theta.append(i == j ? log(l[i, j]) : l[i, j]) } }
            }
        case .diagonalPosteriorPrecision:
            let gram = try LowRankPlusDiagonal(loadings: parameters.loadings, psi: parameters.psi).precisionGram
            for c in 0..<k {
                let precision = try parameters.latentCovariances[c].cholesky().inverse + gram
                theta += precision.diagonalElements.map { log($0) }
            }
        }
        return theta
    }

    /// Moves any parameters into the restricted model: rotate the latent space so that
    /// G = WᵀΨ⁻¹W is diagonal (p(x) unchanged), then keep only the diagonal of each prior
    /// precision, so D_k = diag(Σ_k⁻¹) + G is diagonal and D_k − G = diag(Σ_k⁻¹) is positive.
    static func restrictedStart(_ parameters: HierarchicalMixtureParameters) throws -> HierarchicalMixtureParameters {
        let gram = try LowRankPlusDiagonal(loadings: parameters.loadings, psi: parameters.psi).precisionGram
        let v = try gram.symmetricEigen().vectors                       // G = V Λ Vᵀ
        var rotated = parameters
        rotated.loadings = parameters.loadings * v
        rotated.latentMeans = parameters.latentMeans * v                // rows μ_kᵀ V
        rotated.latentCovariances = try parameters.latentCovariances.map { s in
            let precision = try (v.transposed * s * v).cholesky().inverse
            return Matrix.diagonal(precision.diagonalElements.map { 1 / $0 })
        }
        return rotated
    }
}
