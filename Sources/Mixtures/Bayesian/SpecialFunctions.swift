import Foundation

/// The gamma-family special functions the Bayesian models need (digamma, log-gamma,
/// the multivariate log-gamma and the log beta function), to double precision.
public enum SpecialFunctions {
    /// ψ(x) = d/dx log Γ(x) for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10,
    /// then the asymptotic series log x − 1/(2x) − Σ B₂ₙ/(2n x²ⁿ) (seven terms, error < 1e-15).
    public static func digamma(_ x: Double) -> Double {
        precondition(x > 0, "digamma needs x > 0, got \(x)")
        var value = 0.0
        var z = x
        while z < 10 { value -= 1 / z; z += 1 }
        let inverse2 = 1 / (z * z)
        // B₂ₙ/(2n): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760, 1/12
        let series = inverse2 * (1.0 / 12 - inverse2 * (1.0 / 120 - inverse2 * (1.0 / 252 - inverse2
            * (1.0 / 240 - inverse2 * (1.0 / 132 - inverse2 * (691.0 / 32760 - inverse2 / 12))))))
        return value + log(z) - 0.5 / z - series
    }

    /// log Γ(x) for x > 0.
    public static func logGamma(_ x: Double) -> Double {
        precondition(x > 0, "logGamma needs x > 0, got \(x)")
        return lgamma(x)
    }

    /// log Γ_D(a) = D(D−1)/4 · log π + Σᵢ₌₀^{D−1} log Γ(a − i/2), for a > (D−1)/2.
    public static func logMultivariateGamma(_ a: Double, dimension d: Int) -> Double {
        var s = Double(d * (d - 1)) / 4 * log(Double.pi)
        for i in 0..<d { s += logGamma(a - Double(i) / 2) }
        return s
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }
}
