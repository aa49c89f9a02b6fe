import Foundation
import LinearAlgebra

extension HierarchicalMixtureGradient {
    /// The restricted model's value and gradient from O(d) statistics per row and component.
    ///
    /// In the general gradient (see the type's documentation) the latent second moments
    /// Σₙ r_nk m_nk m_nkᵀ enter ∂/∂W and ∂/∂log Ψ twice: through T = Σ_k Σₙ r_nk E[yyᵀ | xₙ, k]
    /// and through ∂/∂G = Σ_k hₖ, hₖ = ½(Cₖ − N_kΣₖ). In the restricted model the two cancel:
    /// 2 Σ_k hₖ − T = −Q with Q = Σ_k (M1ₖμₖᵀ + μₖM1ₖᵀ − N_kμₖμₖᵀ + N_kΣₖ), so
    /// - ∂/∂W = Ψ⁻¹(Σₙ uₙȳₙᵀ − W Q), ∂/∂log ψᵢ = ½[(Σₙ uₙᵢ² − 2 Σₙ uₙᵢ(Wȳₙ)ᵢ + (W Q Wᵀ)ᵢᵢ)/ψᵢ − N],
    /// - ∂/∂log D_kj = −(hₖ)ⱼⱼ D_kj needs only the diagonal of Cₖ,
    /// and no per-row d × d product is formed.
    func restrictedValueAndGradient(_ x: Matrix, _ theta: [Double]) throws -> (value: Double, gradient: [Double]) {
        let c = coordinates
        let p = c.p, d = c.d, k = c.k, n = x.rows
        let parameters = try c.parameters(theta)
        let w = parameters.loadings, psi = parameters.psi, b = parameters.offset
        let structure = try LowRankPlusDiagonal(loadings: w, psi: psi)
        let geometry = try self.geometry(theta, parameters, structure: structure)
        let stats = HierarchicalPass.run(x, geometry: geometry, logWeights: parameters.weights.map { log($0) },
                                         statistics: true)
        let gram = structure.precisionGram
        var g = [Double](repeating: 0, count: c.count)

        let sumY = stats.latentSum
        var uy = stats.cross                                                    // Σ uₙȳₙᵀ = Σ xₙȳₙᵀ − b (Σ ȳₙ)ᵀ
        for i in 0..<p { for j in 0..<d { uy[i * d + j] -= b[i] * sumY[j] } }
        var sumU = [Double](repeating: 0, count: p), sumU2 = [Double](repeating: 0, count: p)
        x.storage.withUnsafeBufferPointer { xs in
            for i in 0..<n {
                for j in 0..<p {
                    let u = xs[i * p + j] - b[j]
                    sumU[j] += u
                    sumU2[j] += u * u
                }
            }
        }

        // The latent mixture, and Q.
        var q = Matrix(rows: d, columns: d)
        for comp in 0..<k {
            let nk = stats.counts[comp]
            g[c.offsetAlpha + comp] = nk - Double(n) * parameters.weights[comp]
            let sigma = parameters.latentCovariances[comp]
            let mu = parameters.latentMeans.row(comp)
            let m1 = Array(stats.first[(comp * d)..<((comp + 1) * d)])
            // Σₖ⁻¹ = D_k − G is known: ∂/∂μₖ = (D_k − G)(M1ₖ − N_k μₖ), no factorisation.
            let dk = c.posteriorPrecision(theta, comp)
            let priorPrecision = Matrix.diagonal(dk) - gram
            let muGradient = priorPrecision.multiplied(by: (0..<d).map { m1[$0] - nk * mu[$0] })
            for j in 0..<d { g[c.offsetMu + comp * d + j] = muGradient[j] }
            for a in 0..<d {
                for bb in 0..<d {
                    q[a, bb] += m1[a] * mu[bb] + mu[a] * m1[bb] - nk * mu[a] * mu[bb] + nk * sigma[a, bb]
                }
            }
            for j in 0..<d {
                let cjj = stats.second[comp * d + j] + nk / dk[j] - 2 * m1[j] * mu[j] + nk * mu[j] * mu[j]
                let hjj = 0.5 * (cjj - nk * sigma[j, j])
                g[c.offsetCovariance + comp * d + j] = -hjj * dk[j]
            }
        }
        let wq = w * q
        let wSumY = w.multiplied(by: sumY)
        var logPsiGradient = [Double](repeating: 0, count: p)
        for i in 0..<p {
            var cross = 0.0, quad = 0.0
            for j in 0..<d {
                g[i * d + j] = (uy[i * d + j] - wq.storage[i * d + j]) / psi[i]
                cross += w.storage[i * d + j] * uy[i * d + j]
                quad += wq.storage[i * d + j] * w.storage[i * d + j]
            }
            g[c.offsetB + i] = (sumU[i] - wSumY[i]) / psi[i]
            logPsiGradient[i] = 0.5 * ((sumU2[i] - 2 * cross + quad) / psi[i] - Double(n))
        }
        if c.noise == .diagonal {
            for i in 0..<p { g[c.offsetPsi + i] = logPsiGradient[i] }
        } else {
            g[c.offsetPsi] = logPsiGradient.reduce(0, +)
        }
        return (stats.logLikelihood, g)
    }
}
