import Foundation
import LinearAlgebra

/// The log-likelihood Σₙ log p(xₙ) of a batch and its analytic gradient in the
/// unconstrained coordinates, by Fisher's identity: ∇ log p(x) = E[∇ log p(x, y, z) | x],
/// so the gradient is built from the same posterior moments as the EM step
/// (N_k, Σₙ r_nk m_nk, Σₙ r_nk E[yyᵀ | xₙ, k], Σₙ (xₙ − b) E[y | xₙ]ᵀ).
///
/// With uₙ = xₙ − b, ȳₙ = E[y | xₙ], T = Σₙ E[yyᵀ | xₙ]:
/// - ∂/∂W = Ψ⁻¹(Σₙ uₙȳₙᵀ − W T), ∂/∂b = Ψ⁻¹(Σₙ uₙ − W Σₙ ȳₙ),
/// - ∂/∂log ψᵢ = ½[(Σₙ uₙᵢ² − 2 Σₙ uₙᵢ(Wȳₙ)ᵢ + (W T Wᵀ)ᵢᵢ)/ψᵢ − N],
/// - ∂/∂αₖ = N_k − N πₖ, ∂/∂μₖ = Σₖ⁻¹(M1ₖ − N_k μₖ),
/// - ∂/∂Σₖ = ½ Σₖ⁻¹(Cₖ − N_k Σₖ)Σₖ⁻¹ with Cₖ = Σₙ r_nk E[(y − μₖ)(y − μₖ)ᵀ | xₙ, k],
///   then through Σₖ = LₖLₖᵀ (∂/∂Lₖ = 2 (∂/∂Σₖ) Lₖ) or, in the restricted model, through
///   Σₖ = (Dₖ − G)⁻¹ (∂/∂Dₖ = −Σₖ(∂/∂Σₖ)Σₖ, and G = WᵀΨ⁻¹W feeds back into W and Ψ).
struct HierarchicalMixtureGradient {
    let coordinates: HierarchicalMixtureCoordinates

    /// The batch log-likelihood alone (one blocked E-step pass, no statistics).
    func logLikelihood(_ x: Matrix, _ theta: [Double]) throws -> Double {
        let parameters = try coordinates.parameters(theta)
        let geometry = try self.geometry(theta, parameters)
        return HierarchicalPass.run(x, geometry: geometry, logWeights: parameters.weights.map { log($0) },
                                    statistics: false).logLikelihood
    }

    /// The factored latent components: full posterior covariances, or in the restricted
    /// model the diagonal posterior precisions D_k themselves (O(d) per row and component).
    /// `structure` is the parameters' W Wᵀ + Ψ when the caller has it already.
    func geometry(_ theta: [Double], _ parameters: HierarchicalMixtureParameters,
                  structure given: LowRankPlusDiagonal? = nil) throws -> LowRankPlusDiagonal.LatentGeometry {
        let structure = try given ?? LowRankPlusDiagonal(loadings: parameters.loadings, psi: parameters.psi)
        let means = (0..<coordinates.k).map { parameters.latentMeans.row($0) }
        switch coordinates.structure {
        case .full:
            return try structure.latentGeometry(offset: parameters.offset, means: means, covariances: parameters.latentCovariances)
        case .diagonalPosteriorPrecision:
            return try structure.latentGeometry(offset: parameters.offset, means: means,
                                                diagonalPosteriorPrecisions: (0..<coordinates.k).map { coordinates.posteriorPrecision(theta, $0) })
        }
    }

    func valueAndGradient(_ x: Matrix, _ theta: [Double]) throws -> (value: Double, gradient: [Double]) {
        if coordinates.structure == .diagonalPosteriorPrecision { return try restrictedValueAndGradient(x, theta) }
        let c = coordinates
        let p = c.p, d = c.d, k = c.k, n = x.rows
        let parameters = try c.parameters(theta)
        let posterior = try HierarchicalPosterior(x, parameters)
        let moments = posterior.expectedLatentMoments
        let yBar = moments.embedding
        let w = parameters.loadings, psi = parameters.psi, b = parameters.offset
        var g = [Double](repeating: 0, count: c.count)

        var u = x
        for i in 0..<n { for j in 0..<p { u.storage[i * p + j] -= b[j] } }
        let uy = u.multiplied(by: yBar, transposeSelf: true)                    // Σ uₙȳₙᵀ (p × d)
        var t = Matrix(rows: d, columns: d)
        for comp in 0..<k { t = t + moments.second[comp] }
        let wt = w * t                                                          // W T
        var sumU = [Double](repeating: 0, count: p), sumY = [Double](repeating: 0, count: d)
        var sumU2 = [Double](repeating: 0, count: p)
        for i in 0..<n {
            for j in 0..<p { sumU[j] += u.storage[i * p + j]; sumU2[j] += u.storage[i * p + j] * u.storage[i * p + j] }
            for j in 0..<d { sumY[j] += yBar.storage[i * d + j] }
        }
        let wSumY = w.multiplied(by: sumY)
        var logPsiGradient = [Double](repeating: 0, count: p)
        for i in 0..<p {
            var cross = 0.0, quad = 0.0
            for j in 0..<d {
                g[i * d + j] = (uy.storage[i * d + j] - wt.storage[i * d + j]) / psi[i]
                cross += w.storage[i * d + j] * uy.storage[i * d + j]
                quad += wt.storage[i * d + j] * w.storage[i * d + j]
            }
            g[c.offsetB + i] = (sumU[i] - wSumY[i]) / psi[i]
            logPsiGradient[i] = 0.5 * ((sumU2[i] - 2 * cross + quad) / psi[i] - Double(n))
        }

        // The latent mixture.
        var covarianceGradients: [Matrix] = []
        for comp in 0..<k {
            g[c.offsetAlpha + comp] = moments.counts[comp] - Double(n) * parameters.weights[comp]
            let sigmaFactor = try parameters.latentCovariances[comp].cholesky()
            let mu = parameters.latentMeans.row(comp)
            let m1 = moments.first.row(comp)
            let nk = moments.counts[comp]
            let muGradient = sigmaFactor.solve((0..<d).map { m1[$0] - nk * mu[$0] })
            for j in 0..<d { g[c.offsetMu + comp * d + j] = muGradient[j] }
            var centred = moments.second[comp]
            for a in 0..<d {
                for bb in 0..<d {
                    centred[a, bb] += -m1[a] * mu[bb] - mu[a] * m1[bb] + nk * mu[a] * mu[bb]
                        - nk * parameters.latentCovariances[comp][a, bb]
                }
            }
            let inner = sigmaFactor.solve(sigmaFactor.solve(centred).transposed)   // Σ⁻¹(C − NΣ)Σ⁻¹
            covarianceGradients.append(0.5 * (0.5 * (inner + inner.transposed)))
        }
        // The covariance block (a full structure: the restricted one returned above).
        for comp in 0..<k {
            let l = c.choleskyFactor(theta, comp)
            let gl = 2 * (covarianceGradients[comp] * l)
            var index = c.offsetCovariance + comp * c.covarianceBlock
            for i in 0..<d {
                for j in 0...i {
                    g[index] = i == j ? gl[i, j] * l[i, j] : gl[i, j]
                    index += 1
                }
            }
        }
        if c.noise == .diagonal {
            for i in 0..<p { g[c.offsetPsi + i] = logPsiGradient[i] }
        } else {
            g[c.offsetPsi] = logPsiGradient.reduce(0, +)
        }
        return (posterior.totalLogLikelihood, g)
    }
}
