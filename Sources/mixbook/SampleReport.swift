import Foundation
import Mixtures

/// What `mixbook sample …` prints: a header, the summary table, divergences and timings.
struct SampleReport {
    var command: String
    var settings: [(String, String)]
    var draws: MCMCDraws
    var totalSeconds: Double

    var summary: PosteriorSummary { PosteriorSummary(draws) }

    func text() -> String {
        let s = summary
        var lines = ["mixbook \(command)"]
        for (k, v) in settings { lines.append("  \(k): \(v)") }
        lines.append("")
        lines.append(s.table)
        let steps = draws.chainStatistics.compactMap(\.stepSize)
        if !steps.isEmpty {
            lines.append("Step sizes: " + steps.map { String(format: "%.3g", $0) }.joined(separator: ", "))
            let hits = draws.chainStatistics.map(\.maxDepthHits).reduce(0, +)
            if hits > 0 { lines.append("Draws that hit the maximum tree depth: \(hits)") }
        }
        lines.append(String(format: "Sampling time: %.3f s (all chains); whole command: %.3f s", draws.seconds, totalSeconds))
        lines.append(String(format: "Minimum ESS (bulk and tail): %.1f; per second of sampling: %.1f", s.minimumESS, s.minimumESS / draws.seconds))
        if s.maximumRHat.isNaN {
            lines.append("Largest R-hat: n/a (R-hat needs at least two chains)")
        } else {
            lines.append(String(format: "Largest R-hat: %.3f", s.maximumRHat)
                + (s.maximumRHat > 1.01 ? " (above 1.01: the chains disagree; run longer, or the labels switched between chains)" : ""))
        }
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        let s = summary
        let rows: [JSONText] = s.rows.map { r in
            .object([("name", .string(r.name)), ("mean", .number(r.mean)), ("sd", .number(r.sd)), ("median", .number(r.median)),
                     ("q05", .number(r.q05)), ("q95", .number(r.q95)), ("ess_bulk", .number(r.essBulk)),
                     ("ess_tail", .number(r.essTail)), ("r_hat", .number(r.rHat)), ("mcse_mean", .number(r.mcseMean))])
        }
        let chains: [JSONText] = draws.chainStatistics.map { c in
            .object([("step_size", c.stepSize.map(JSONText.number) ?? .null), ("divergences", .integer(c.divergences)),
                     ("mean_acceptance", c.meanAcceptance.map(JSONText.number) ?? .null),
                     ("max_depth_hits", .integer(c.maxDepthHits)), ("leapfrog_steps", .integer(c.leapfrogSteps))])
        }
        return JSONText.object(
            [("command", .string(command))] + settings.map { ($0.0, JSONText.string($0.1)) } + [
                ("chains", .integer(draws.chainCount)), ("draws", .integer(draws.drawCount)),
                ("divergences", .integer(draws.divergences)), ("sampling_seconds", .number(draws.seconds)),
                ("total_seconds", .number(totalSeconds)), ("min_ess", .number(s.minimumESS)),
                ("max_r_hat", .number(s.maximumRHat)), ("parameters", .array(rows)), ("chain_statistics", .array(chains)),
            ]).rendered()
    }
}
