import Foundation

/// Effective sample sizes by Stan's and ArviZ's definitions (Geyer's initial positive and
/// monotone sequences over the multi-chain autocorrelation). Inputs are chains × draws.
public enum EffectiveSampleSize {
    /// ESS of the given chains as they are (ArviZ's `_ess`): no splitting, no ranks.
    public static func basic(_ chains: [[Double]]) -> Double {
        let m = chains.count, n = chains[0].count
        let flat = chains.flatMap { $0 }
        guard let lo = flat.min(), let hi = flat.max() else { return .nan }
        if hi - lo < 1e-15 { return Double(flat.count) }
        let means = chains.map { $0.reduce(0, +) / Double(n) }
        // Autocovariance at lag t, averaged over chains (divisor n), computed on demand.
        func meanAutocovariance(_ t: Int) -> Double {
            var total = 0.0
            for (c, x) in chains.enumerated() {
                let mu = means[c]
                var s = 0.0
                if t < n { for i in 0..<(n - t) { s += (x[i] - mu) * (x[i + t] - mu) } }
                total += s / Double(n)
            }
            return total / Double(m)
        }
        let nd = Double(n)
        let meanVariance = meanAutocovariance(0) * nd / (nd - 1)
        var varPlus = meanVariance * (nd - 1) / nd
        if m > 1 { varPlus += ChainOperations.meanAndVariance(means).variance }

        var rho = [Double](repeating: 0, count: n)
        var rhoEven = 1.0
        rho[0] = rhoEven
        var rhoOdd = 1 - (meanVariance - meanAutocovariance(1)) / varPlus
        rho[1] = rhoOdd
        var t = 1
        while t < n - 3 && rhoEven + rhoOdd > 0 {
            rhoEven = 1 - (meanVariance - meanAutocovariance(t + 1)) / varPlus
            rhoOdd = 1 - (meanVariance - meanAutocovariance(t + 2)) / varPlus
            if rhoEven + rhoOdd >= 0 {
                rho[t + 1] = rhoEven
                rho[t + 2] = rhoOdd
            }
            t += 2
        }
        let maxT = t - 2
        if rhoEven > 0 { rho[maxT + 1] = rhoEven }
        t = 1
        while t <= maxT - 2 {
            if rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t] {
                rho[t + 1] = (rho[t - 1] + rho[t]) / 2
                rho[t + 2] = rho[t + 1]
            }
            t += 2
        }
        let total = Double(m * n)
        var tau = -1.0
        if maxT >= 0 { for i in 0...maxT { tau += 2 * rho[i] } }
        if maxT + 1 < n { tau += rho[maxT + 1] }
        tau = max(tau, 1 / log10(total))
        if rho.contains(where: { $0.isNaN }) { return .nan }
        return total / tau
    }

    /// Bulk ESS: of the rank-normalised split chains.
    public static func bulk(_ chains: [[Double]]) -> Double {
        guard (chains.first?.count ?? 0) >= 4 else { return .nan }
        return basic(ChainOperations.rankNormalize(ChainOperations.split(chains)))
    }

    /// Tail ESS: the smaller ESS of the indicators x ≤ q₀.₀₅ and x ≤ q₀.₉₅ (split chains).
    public static func tail(_ chains: [[Double]]) -> Double {
        guard (chains.first?.count ?? 0) >= 4 else { return .nan }
        return min(quantile(chains, 0.05), quantile(chains, 0.95))
    }

    /// ESS of the indicator x ≤ q_p (split chains), q_p the type-7 quantile of all draws.
    public static func quantile(_ chains: [[Double]], _ p: Double) -> Double {
        let q = ChainOperations.quantile(chains.flatMap { $0 }, p)
        let indicator = chains.map { $0.map { $0 <= q ? 1.0 : 0.0 } }
        return basic(ChainOperations.split(indicator))
    }

    /// ESS for the mean: of the split chains, not rank-normalised.
    public static func mean(_ chains: [[Double]]) -> Double {
        guard (chains.first?.count ?? 0) >= 4 else { return .nan }
        return basic(ChainOperations.split(chains))
    }
}

/// Monte Carlo standard errors (ArviZ's `mcse`).
public enum MonteCarloStandardError {
    /// sd / √ESS_mean, sd with divisor S − 1 over all draws.
    public static func mean(_ chains: [[Double]]) -> Double {
        let sd = ChainOperations.meanAndVariance(chains.flatMap { $0 }).variance.squareRoot()
        return sd / EffectiveSampleSize.mean(chains).squareRoot()
    }

    /// The standard error of the posterior standard deviation, by the delta method on the
    /// squared deviations (ArviZ's `mcse(method="sd")`).
    public static func standardDeviation(_ chains: [[Double]]) -> Double {
        let flat = chains.flatMap { $0 }
        let mu = flat.reduce(0, +) / Double(flat.count)
        let squared = chains.map { $0.map { ($0 - mu) * ($0 - mu) } }
        let ess = EffectiveSampleSize.mean(squared)
        let flatSquared = squared.flatMap { $0 }
        let s = Double(flatSquared.count)
        let evar = flatSquared.reduce(0, +) / s
        let varvar = (flatSquared.reduce(0) { $0 + $1 * $1 } / s - evar * evar) / ess
        return (varvar / evar / 4).squareRoot()
    }
}
