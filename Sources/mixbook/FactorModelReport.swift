import Foundation
import LinearAlgebra
import Mixtures

/// Number formatting and column alignment shared by the factor-model and HMoG reports.
enum ReportFormat {
    static func number(_ value: Double, _ digits: Int = 6) -> String {
        guard value.isFinite else { return "\(value)" }
        if value != 0 && (abs(value) >= 1e7 || abs(value) < 1e-4) { return String(format: "%.\(digits)g", value) }
        return String(format: "%.\(digits)f", value)
    }

    static func align(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { j in rows.map { $0[j].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { j, cell in
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                return j == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
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
}
