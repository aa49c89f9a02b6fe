import Foundation
import LinearAlgebra

/// The global factors of the mean-field posterior q(π) Πₖ q(μₖ, Λₖ) of a Gaussian mixture
/// (Bishop, PRML §10.2), in scikit-learn's parameterisation.
///
/// q(μₖ | Λₖ) = N(mₖ, (βₖΛₖ)⁻¹). The precision factor is a Wishart W(Wₖ, νₖ) for full and tied
/// covariances and independent Gammas for diagonal (one per dimension, shape νₖ/2) and
/// spherical (one per component, shape D·νₖ/2) ones. In every case `covariances[k]` is
/// Cₖ = E[Λₖ]⁻¹ (for the Wishart Cₖ = (νₖWₖ)⁻¹), stored in full D × D form.
public struct VariationalPosterior: Sendable, Equatable {
    /// q(π): Dirichlet concentrations αₖ, or the Beta(aₖ, bₖ) of each stick under the
    /// Dirichlet process (then `stickConcentration` holds the bₖ).
    public var weightConcentration: [Double]
    /// bₖ of the sticks' Beta(aₖ, bₖ) (Dirichlet process only; `nil` for a Dirichlet).
    public var stickConcentration: [Double]?
    /// βₖ (K).
    public var meanPrecision: [Double]
    /// mₖ, K × D.
    public var means: Matrix
    /// νₖ (K; all equal for tied covariances).
    public var degreesOfFreedom: [Double]
    /// Cₖ = E[Λₖ]⁻¹ (K of D × D).
    public var covariances: [Matrix]

    /// Number of components K.
    public var components: Int { meanPrecision.count }
    /// Dimension D.
    public var dimensions: Int { means.columns }

    /// E[log πₖ] under q(π).
    public var expectedLogWeights: [Double] {
        let k = components
        if let b = stickConcentration {
            let a = weightConcentration
            var out = [Double](repeating: 0, count: k)
            var rest = 0.0
            for c in 0..<k {
                let total = SpecialFunctions.digamma(a[c] + b[c])
                out[c] = SpecialFunctions.digamma(a[c]) - total + rest
                rest += SpecialFunctions.digamma(b[c]) - total
            }
            return out
        }
        let total = SpecialFunctions.digamma(weightConcentration.reduce(0, +))
        return weightConcentration.map { SpecialFunctions.digamma($0) - total }
    }

    /// The posterior mean weights, renormalised to sum to one (scikit-learn's `weights_`):
    /// αₖ/Σα for a Dirichlet, E[vₖ] Πⱼ₍ⱼ₍ₖ₎ E[1 − vⱼ] for the sticks.
    public var weights: [Double] {
        var w: [Double]
        if let b = stickConcentration {
            let a = weightConcentration
            w = []
            var remaining = 1.0
            for c in 0..<components {
                w.append(remaining * a[c] / (a[c] + b[c]))
                remaining *= b[c] / (a[c] + b[c])
            }
        } else {
            w = weightConcentration
        }
        let total = w.reduce(0, +)
        return w.map { $0 / total }
    }

    /// E[log |Λₖ|] + log |Cₖ|: what the log-determinant of the expected precision misses.
    /// Wishart: Σᵢ ψ((ν − i)/2) + D log(2/ν); diagonal: D(ψ(ν/2) − log(ν/2));
    /// spherical: D(ψ(Dν/2) − log(Dν/2)).
    static func logDeterminantCorrection(_ nu: Double, dimensions d: Int, covarianceType: CovarianceType) -> Double {
        let dd = Double(d)
        switch covarianceType {
        case .full, .tied:
            var s = dd * log(2 / nu)
            for i in 0..<d { s += SpecialFunctions.digamma((nu - Double(i)) / 2) }
            return s
        case .diagonal: return dd * (SpecialFunctions.digamma(nu / 2) - log(nu / 2))
        case .spherical: return dd * (SpecialFunctions.digamma(dd * nu / 2) - log(dd * nu / 2))
        }
    }

    /// The per-component constants of the E-step beyond log N(x; mₖ, Cₖ):
    /// E[log πₖ] + ½(E[log|Λₖ|] + log|Cₖ|) − D/(2βₖ), so that
    /// log ρₙₖ = constantₖ + log N(xₙ; mₖ, Cₖ) (Bishop 10.46 with 10.64–10.66).
    func eStepConstants(covarianceType: CovarianceType) -> [Double] {
        let logWeights = expectedLogWeights
        let d = Double(dimensions)
        return (0..<components).map { c in
            logWeights[c]
                + 0.5 * Self.logDeterminantCorrection(degreesOfFreedom[c], dimensions: dimensions, covarianceType: covarianceType)
                - 0.5 * d / meanPrecision[c]
        }
    }

    /// KL(q(π) ‖ p(π)) + Σₖ KL(q(μₖ, Λₖ) ‖ p(μₖ, Λₖ)) in nats: the part of the ELBO that is
    /// not a sum over rows (a tied precision is counted once).
    func globalDivergence(prior: ResolvedPrior, covarianceType: CovarianceType) throws -> Double {
        try weightDivergence(prior: prior) + componentDivergence(prior: prior, covarianceType: covarianceType)
    }

    /// KL(q(π) ‖ p(π)): Dirichlet against Dirichlet(α₀), or each stick's Beta against Beta(1, γ).
    func weightDivergence(prior: ResolvedPrior) -> Double {
        let a0 = prior.weightConcentration
        if let b = stickConcentration {
            var kl = 0.0
            for c in 0..<components {
                let a = weightConcentration[c], bc = b[c]
                let total = SpecialFunctions.digamma(a + bc)
                kl += SpecialFunctions.logBeta(1, a0) - SpecialFunctions.logBeta(a, bc)
                    + (a - 1) * (SpecialFunctions.digamma(a) - total) + (bc - a0) * (SpecialFunctions.digamma(bc) - total)
            }
            return kl
        }
        let alpha = weightConcentration
        let total = alpha.reduce(0, +)
        let k = Double(components)
        var kl = SpecialFunctions.logGamma(total) - SpecialFunctions.logGamma(k * a0) + k * SpecialFunctions.logGamma(a0)
        let digammaTotal = SpecialFunctions.digamma(total)
        for a in alpha { kl += -SpecialFunctions.logGamma(a) + (a - a0) * (SpecialFunctions.digamma(a) - digammaTotal) }
        return kl
    }

    /// Σₖ KL(q(μₖ, Λₖ) ‖ p(μₖ, Λₖ)) for the Normal–Wishart (full, tied) or Normal–Gamma
    /// (diagonal, spherical) factors.
    func componentDivergence(prior: ResolvedPrior, covarianceType: CovarianceType) throws -> Double {
        let d = dimensions, dd = Double(d)
        let beta0 = prior.meanPrecision, nu0 = prior.degreesOfFreedom, psi = prior.covariance
        let logDetPsi = try psi.logDeterminantSPD()
        var kl = 0.0
        for c in 0..<components {
            let factor = try covariances[c].cholesky()
            let logDetC = factor.logDeterminant
            let beta = meanPrecision[c], nu = degreesOfFreedom[c]
            // Mean given precision: D/2 log(β/β₀) − D/2 + D β₀/(2β) + β₀/2 (m − m₀)ᵀ E[Λ] (m − m₀).
            let diff = (0..<d).map { means[c, $0] - prior.mean[$0] }
            let whitened = factor.lower.solveTriangular(diff, lower: true)
            kl += 0.5 * dd * log(beta / beta0) - 0.5 * dd + 0.5 * dd * beta0 / beta
                + 0.5 * beta0 * whitened.reduce(0) { $0 + $1 * $1 }
            if covarianceType == .tied && c > 0 { continue }
            switch covarianceType {
            case .full, .tied:
                // KL(W(W, ν) ‖ W(Ψ⁻¹, ν₀)) with W = (νC)⁻¹.
                let logDetW = -dd * log(nu) - logDetC
                let expectedLogDet = Self.logDeterminantCorrection(nu, dimensions: d, covarianceType: covarianceType) - logDetC
                let traceTerm = (0..<d).reduce(0.0) { s, i in s + factor.solve(psi.column(i))[i] }   // Tr(Ψ C⁻¹)
                let logB = -0.5 * nu * logDetW - 0.5 * nu * dd * log(2.0) - SpecialFunctions.logMultivariateGamma(nu / 2, dimension: d)
                let logB0 = 0.5 * nu0 * logDetPsi - 0.5 * nu0 * dd * log(2.0) - SpecialFunctions.logMultivariateGamma(nu0 / 2, dimension: d)
                kl += logB - logB0 + 0.5 * (nu - nu0) * expectedLogDet - 0.5 * nu * dd + 0.5 * traceTerm
            case .diagonal:
                for j in 0..<d {
                    kl += Self.gammaDivergence(shape: nu / 2, rate: nu * covariances[c][j, j] / 2,
                                               priorShape: nu0 / 2, priorRate: psi[j, j] / 2)
                }
            case .spherical:
                kl += Self.gammaDivergence(shape: dd * nu / 2, rate: dd * nu * covariances[c][0, 0] / 2,
                                           priorShape: dd * nu0 / 2, priorRate: dd * psi[0, 0] / 2)
            }
        }
        return kl
    }

    /// KL(Gamma(a, b) ‖ Gamma(a₀, b₀)) in the shape–rate form.
    static func gammaDivergence(shape a: Double, rate b: Double, priorShape a0: Double, priorRate b0: Double) -> Double {
        (a - a0) * SpecialFunctions.digamma(a) - SpecialFunctions.logGamma(a) + SpecialFunctions.logGamma(a0)
            + a0 * (log(b) - log(b0)) + a * (b0 - b) / b
    }
}
