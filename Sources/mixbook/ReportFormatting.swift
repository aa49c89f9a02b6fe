import Foundation
import LinearAlgebra
import Mixtures

/// Number formatting and column alignment for the readable `mixbook fit` reports.
enum ReportFormatting {
    /// Fixed notation with `digits` decimals, or `%g` for very large and very small values.
    static func number(_ value: Double, _ digits: Int = 6) -> String {
        guard value.isFinite else { return "\(value)" }
        if value != 0 && (abs(value) >= 1e7 || abs(value) < 1e-4) { return String(format: "%.\(digits)g", value) }
        return String(format: "%.\(digits)f", value)
    }

    /// Rows of cells as lines: the first column left-aligned, the others right-aligned.
    static func align(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { j in rows.map { $0[j].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { j, cell in
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                return j == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }

    /// The `--labels` block: a blank line, a header, then each row's 1-based number and its
    /// 0-based component; nothing when `labels` is nil.
    static func labelLines(_ labels: [Int]?) -> [String] {
        guard let labels else { return [] }
        return ["", "row component (0-based, rows counted from 1 after the header)"]
            + labels.enumerated().map { "\($0.offset + 1) \($0.element)" }
    }

    /// A table of each component's weight and mean, one row per component.
    static func weightsAndMeans(weights: [Double], means: Matrix, columns: [String]) -> [String] {
        var rows = [["component", "weight"] + columns.map { "mean \($0)" }]
        for j in weights.indices { rows.append([String(j), number(weights[j])] + means.row(j).map { number($0) }) }
        return align(rows)
    }

    /// A component's covariance as an indented table under `title`, preceded by a blank line.
    static func covarianceBlock(_ m: Matrix, title: String, columns: [String]) -> [String] {
        var rows = [[""] + columns]
        for r in 0..<m.rows { rows.append([columns[r]] + m.row(r).map { number($0) }) }
        return ["", title] + align(rows).map { "  " + $0 }
    }

    /// The criteria lines (scikit-learn's sign, and mclust's BIC).
    static func criteria(_ c: InformationCriteria, icl: Bool) -> [String] {
        var out = ["BIC  \(number(c.bic, 4))   scikit-learn sign: -2 log L + p log n, lower is better",
                   "AIC  \(number(c.aic, 4))   scikit-learn sign: -2 log L + 2p, lower is better"]
        if icl { out.append("ICL  \(number(c.icl, 4))   scikit-learn sign: BIC - 2 sum log max_k z_nk, lower is better") }
        out.append("mclust BIC \(number(c.mclustBIC, 4))   2 log L - p log n, higher is better")
        return out
    }

    static func matrix(_ m: Matrix) -> JSONText { .rows((0..<m.rows).map { m.row($0) }) }

    /// "N iteration" or "N iterations".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// The indented line under a report's header: converged or not, after how many
    /// iterations (of the best restart when there were restarts), and the fit's seconds.
    static func convergenceLine(converged: Bool, iterations: Int, seconds: Double, bestRestart: Bool = true) -> String {
        "    \(converged ? "converged" : "NOT converged") after \(count(iterations, "iteration"))"
            + (bestRestart ? " (best restart)" : "") + ", \(number(seconds, 3)) s"
    }

    /// A report's last lines: one per warning, then the `--labels` block.
    static func closingLines(warnings: [some CustomStringConvertible], labels: [Int]?) -> [String] {
        warnings.map { "warning: \($0)" } + labelLines(labels)
    }

    /// The seed in JSON: a number when it fits in a signed 64-bit integer, else a string.
    static func seed(_ seed: UInt64) -> JSONText {
        seed <= UInt64(Int.max) ? .integer(Int(seed)) : .string(String(seed))
    }
}
