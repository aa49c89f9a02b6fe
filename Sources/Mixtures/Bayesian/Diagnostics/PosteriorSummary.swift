import Foundation

/// One row of a posterior summary.
public struct ParameterSummary: Sendable, Equatable {
    public var name: String
    public var mean: Double
    /// Standard deviation over all draws (divisor S − 1).
    public var sd: Double
    public var median: Double
    /// Equal-tailed 5 % and 95 % quantiles (type 7).
    public var q05: Double
    public var q95: Double
    /// Bulk effective sample size.
    public var essBulk: Double
    /// Tail effective sample size.
    public var essTail: Double
    /// Rank-normalised split R̂ (NaN with one chain).
    public var rHat: Double
    /// Monte Carlo standard error of the mean.
    public var mcseMean: Double
}

/// The per-parameter summary NumPyro's `print_summary` prints (mean, sd, median, 5 %,
/// 95 %, n_eff, r_hat), with Stan's current definitions: n_eff is the bulk ESS, r_hat the
/// rank-normalised split R̂; the tail ESS and the MCSE of the mean are kept as well.
/// (NumPyro's 5 %/95 % columns are a 90 % HPD interval; these are equal-tailed quantiles.)
public struct PosteriorSummary: Sendable {
    public var rows: [ParameterSummary]
    public var chains: Int
    public var draws: Int
    public var divergences: Int

    public init(_ draws: MCMCDraws) {
        chains = draws.chainCount
        self.draws = draws.drawCount
        divergences = draws.divergences
        rows = draws.parameterNames.indices.map { j in
            let c = draws.values.map { $0[j] }
            let sorted = c.flatMap { $0 }.sorted()
            let (mean, variance) = ChainOperations.meanAndVariance(sorted)
            return ParameterSummary(
                name: draws.parameterNames[j], mean: mean, sd: variance.squareRoot(),
                median: ChainOperations.quantile(sorted: sorted, 0.5),
                q05: ChainOperations.quantile(sorted: sorted, 0.05), q95: ChainOperations.quantile(sorted: sorted, 0.95),
                essBulk: EffectiveSampleSize.bulk(c), essTail: EffectiveSampleSize.tail(c),
                rHat: SplitRHat.rankNormalized(c), mcseMean: MonteCarloStandardError.mean(c))
        }
    }

    /// The row of parameter `name`.
    public subscript(name: String) -> ParameterSummary? { rows.first { $0.name == name } }

    /// The smallest bulk and tail ESS over all parameters.
    public var minimumESS: Double { rows.map { min($0.essBulk, $0.essTail) }.min() ?? .nan }

    /// The largest R̂ over all parameters.
    public var maximumRHat: Double { rows.map(\.rHat).max() ?? .nan }

    /// A fixed-width text table like NumPyro's `print_summary`.
    public var table: String {
        let header = ["", "mean", "std", "median", "5.0%", "95.0%", "n_eff", "r_hat"]
        var lines = [header]
        for r in rows {
            lines.append([r.name, f(r.mean), f(r.sd), f(r.median), f(r.q05), f(r.q95),
                          String(format: "%.2f", r.essBulk), r.rHat.isNaN ? "nan" : String(format: "%.2f", r.rHat)])
        }
        let widths = header.indices.map { c in lines.map { $0[c].count }.max()! }
        var out = lines.map { line in
            line.indices.map { c in String(repeating: " ", count: widths[c] - line[c].count) + line[c] }.joined(separator: "  ")
        }.joined(separator: "\n")
        out += "\n\nNumber of divergences: \(divergences)"
        return out
    }

    private func f(_ x: Double) -> String { String(format: "%.2f", x) }
}
