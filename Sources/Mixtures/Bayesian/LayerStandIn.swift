import Foundation
import LinearAlgebra

// STAND-IN for the shared layer's `LogSumExp` (contract.md, issue 8), with the contract's
// names and meanings. Deleted when branch `layer` (LAYER-READY) is merged.

public enum LogSumExp {
    /// log Σᵢ exp(vᵢ), stable (−∞ for an empty or all −∞ input).
    public static func value(_ values: [Double]) -> Double {
        guard let m = values.max(), m > -.infinity else { return -.infinity }
        if m == .infinity { return .infinity }
        var s = 0.0
        for v in values { s += exp(v - m) }
        return m + log(s)
    }

    /// Pointer form: each row of `logits` (row stride = columns) becomes probabilities;
    /// writes each row's log normaliser to `logNormalizers` when non-nil and returns their sum.
    public static func normalizeRows(_ logits: UnsafeMutablePointer<Double>, rows: Int, columns: Int,
                                     logNormalizers: UnsafeMutablePointer<Double>?) -> Double {
        var total = 0.0
        for i in 0..<rows {
            let row = logits + i * columns
            var m = -Double.infinity
            for k in 0..<columns where row[k] > m { m = row[k] }
            var s = 0.0
            for k in 0..<columns { row[k] = exp(row[k] - m); s += row[k] }
            let inv = 1 / s
            for k in 0..<columns { row[k] *= inv }
            let l = m + log(s)
            logNormalizers?[i] = l
            total += l
        }
        return total
    }
}
