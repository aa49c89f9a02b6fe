import Foundation

/// Potential scale reduction R̂ (Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021), as
/// Stan and ArviZ compute it. Inputs are chains × draws of one scalar.
public enum SplitRHat {
    /// The classic R̂ of the given (already split) chains: √((B/W + n − 1)/n) with B the
    /// between-chain variance (n × variance of the chain means) and W the mean within-chain
    /// variance.
    public static func basic(_ chains: [[Double]]) -> Double {
        let n = Double(chains[0].count)
        let stats = chains.map(ChainOperations.meanAndVariance)
        let between = n * ChainOperations.meanAndVariance(stats.map(\.mean)).variance
        let within = stats.map(\.variance).reduce(0, +) / Double(stats.count)
        return ((between / within + n - 1) / n).squareRoot()
    }

    /// Rank-normalised split R̂: the larger of the bulk R̂ (on rank-normalised split chains)
    /// and the tail R̂ (on rank-normalised |x − median|). Needs ≥ 2 chains and ≥ 4 draws;
    /// NaN otherwise (ArviZ's `rhat(method="rank")`).
    public static func rankNormalized(_ chains: [[Double]]) -> Double {
        guard chains.count >= 2, (chains.first?.count ?? 0) >= 4 else { return .nan }
        let split = ChainOperations.split(chains)
        let bulk = basic(ChainOperations.rankNormalize(split))
        let median = ChainOperations.quantile(split.flatMap { $0 }, 0.5)
        let folded = split.map { $0.map { abs($0 - median) } }
        let tail = basic(ChainOperations.rankNormalize(folded))
        return max(bulk, tail)
    }
}
