import Foundation

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
}
