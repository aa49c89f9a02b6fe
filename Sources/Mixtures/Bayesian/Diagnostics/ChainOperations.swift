import Foundation

/// The array operations Stan's and ArviZ's diagnostics are built from, on chains × draws.
enum ChainOperations {
    /// Each chain cut into its first and last ⌊n/2⌋ draws (the middle draw of an odd chain
    /// is dropped), giving 2 × chains half-chains.
    static func split(_ chains: [[Double]]) -> [[Double]] {
        var out = [[Double]]()
        for c in chains {
            let half = c.count / 2
            out.append(Array(c[0..<half]))
            out.append(Array(c[(c.count - half)...]))
        }
        return out
    }

    /// Ranks over all values (ties get their average rank, 1-based), back-transformed by
    /// Blom's offset and mapped to normal scores: Φ⁻¹((r − 3/8)/(S + 1/4)).
    static func rankNormalize(_ chains: [[Double]]) -> [[Double]] {
        let flat = chains.flatMap { $0 }
        let s = flat.count
        let order = flat.indices.sorted { flat[$0] < flat[$1] }
        var ranks = [Double](repeating: 0, count: s)
        var i = 0
        while i < s {
            var j = i
            while j + 1 < s && flat[order[j + 1]] == flat[order[i]] { j += 1 }
            let average = Double(i + j) / 2 + 1
            for t in i...j { ranks[order[t]] = average }
            i = j + 1
        }
        var out = [[Double]]()
        var at = 0
        for c in chains {
            out.append((0..<c.count).map { normalQuantile((ranks[at + $0] - 0.375) / (Double(s) + 0.25)) })
            at += c.count
        }
        return out
    }

    /// The type-7 (R's default, linear) quantile of `values` at probability `p`.
    static func quantile(_ values: [Double], _ p: Double) -> Double {
        quantile(sorted: values.sorted(), p)
    }

    /// Type-7 quantile of already sorted values.
    static func quantile(sorted v: [Double], _ p: Double) -> Double {
        precondition(!v.isEmpty, "quantile of no values")
        let h = Double(v.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, v.count - 1)
        return v[lo] + (h - Double(lo)) * (v[hi] - v[lo])
    }

    /// Mean and variance (divisor n − 1) of one sequence.
    static func meanAndVariance(_ x: [Double]) -> (mean: Double, variance: Double) {
        let n = Double(x.count)
        let m = x.reduce(0, +) / n
        var s = 0.0
        for v in x { s += (v - m) * (v - m) }
        return (m, x.count > 1 ? s / (n - 1) : 0)
    }
}
