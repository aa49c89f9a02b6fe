import Foundation
import LinearAlgebra

/// Numerically stable `log Σ exp`, and the normalisation of rows of log weights into
/// probabilities (the last step of every mixture's E-step).
///
/// For a row `v`, `log Σₖ exp(vₖ) = m + log sₙ` with `m = maxₖ vₖ` and
/// `sₙ = Σₖ exp(vₖ − m) ∈ [1, K]`, so nothing overflows and the largest term is exact.
public enum LogSumExp {
    /// `log Σᵢ exp(vᵢ)`, stable; −∞ for an empty or all −∞ input.
    public static func value(_ values: [Double]) -> Double {
        var m = -Double.infinity
        for v in values where v > m { m = v }
        guard m.isFinite else { return m == .infinity ? .infinity : -.infinity }
        var s = 0.0
        for v in values { s += Foundation.exp(v - m) }
        return m + Foundation.log(s)
    }

    /// In place: every row of the N × K `logits` becomes probabilities (rows sum to 1);
    /// returns the per-row log normalisers `log Σₖ exp(logitsₙₖ)` (N of them).
    public static func normalizeRows(_ logits: inout Matrix) -> [Double] {
        var normalizers = [Double](repeating: 0, count: logits.rows)
        let rows = logits.rows, columns = logits.columns
        guard rows > 0, columns > 0 else { return columns == 0 ? normalizers.map { _ in -.infinity } : normalizers }
        logits.storage.withUnsafeMutableBufferPointer { l in
            normalizers.withUnsafeMutableBufferPointer { n in
                _ = normalizeRows(l.baseAddress!, rows: rows, columns: columns, logNormalizers: n.baseAddress)
            }
        }
        return normalizers
    }

    /// Pointer form for hot loops (row stride = `columns`): normalises every row in place,
    /// writes each row's log normaliser to `logNormalizers` when non-nil, and returns
    /// their sum. When only the sum is wanted, the `sₙ` of up to 32 rows are multiplied
    /// (at most K³² < 10³⁰⁰ for any K below 2·10⁹) and one log is taken per 32 rows.
    /// A row whose entries are all −∞ has normaliser −∞ (and NaN probabilities): callers
    /// with components that can exclude a row must check.
    public static func normalizeRows(_ logits: UnsafeMutablePointer<Double>, rows: Int, columns k: Int,
                                     logNormalizers: UnsafeMutablePointer<Double>?) -> Double {
        var total = NormalizerSum<Double>()
        for i in 0..<rows {
            let row = logits + i * k
            var m = -Double.infinity
            for c in 0..<k where row[c] > m { m = row[c] }
            var s = 0.0
            for c in 0..<k {
                let t = row[c] - m
                // e⁰ = 1 exactly (the row's largest entry: one exp per row saved, same bits);
                // below −745 exp underflows to 0 (libm's slow path skipped).
                let e = t == 0 ? 1 : (t < -745 ? 0 : Foundation.exp(t))
                row[c] = e
                s += e
            }
            let inverse = 1 / s
            for c in 0..<k { row[c] *= inverse }
            if let logNormalizers {
                logNormalizers[i] = total.add(largest: m, sum: s)
            } else {
                total.add(largestTimes: m, sum: s)
            }
        }
        return total.value
    }

    /// Σₙ log Σₖ exp(vₙₖ) = Σₙ (mₙ + log sₙ) over rows given by their largest entry mₙ and
    /// their sum sₙ = Σₖ exp(vₙₖ − mₙ) ∈ [1, K], for E-steps that normalise rows themselves.
    /// Rows whose own normaliser is not wanted have their sₙ multiplied, up to 32 at a time
    /// (at most K³² < 10³⁰⁰ for any K below 2·10⁹), and one log is taken per 32 rows.
    /// `Value` is one row (`Double`) or one row per SIMD lane (E-steps that take rows in
    /// groups): each lane is its own sum, the lanes are added at the end (`value`).
    struct NormalizerSum<Value: NormalizerLanes> {
        private var partial = Value.zero, product = Value.one, pending = 0

        /// Adds a row (per lane) and returns its log normaliser mₙ + log sₙ.
        @inline(__always)
        mutating func add(largest m: Value, sum s: Value) -> Value {
            let lse = m.adding(s.logarithm)
            partial = partial.adding(lse)
            return lse
        }

        /// Adds a row (per lane) whose log normaliser is not wanted on its own.
        @inline(__always)
        mutating func add(largestTimes m: Value, sum s: Value) {
            partial = partial.adding(m)
            product = product.multiplying(s)
            pending &+= 1
            if pending == 32 { partial = partial.adding(product.logarithm); product = .one; pending = 0 }
        }

        /// The sum of every row's log normaliser added so far (over the lanes).
        var value: Double { (pending > 0 ? partial.adding(product.logarithm) : partial).total }
    }
}

/// What `LogSumExp.NormalizerSum` adds and multiplies: one value per row, a `Double` or
/// the rows of a SIMD group side by side. The log is libm's, lane by lane, so a row's
/// normaliser has the same bits whichever form sums it.
protocol NormalizerLanes {
    static var zero: Self { get }
    /// Every lane 1.
    static var one: Self { get }
    /// The lanes of `self` plus those of `other`.
    func adding(_ other: Self) -> Self
    /// The lanes of `self` times those of `other`.
    func multiplying(_ other: Self) -> Self
    /// The natural log of every lane.
    var logarithm: Self { get }
    /// The sum of the lanes.
    var total: Double { get }
}

extension Double: NormalizerLanes {
    static var one: Double { 1 }
    func adding(_ other: Double) -> Double { self + other }
    func multiplying(_ other: Double) -> Double { self * other }
    var logarithm: Double { Foundation.log(self) }
    var total: Double { self }
}

extension SIMD4: NormalizerLanes where Scalar == Double {
    static var one: SIMD4<Double> { SIMD4(repeating: 1) }
    func adding(_ other: SIMD4<Double>) -> SIMD4<Double> { self + other }
    func multiplying(_ other: SIMD4<Double>) -> SIMD4<Double> { self * other }
    var logarithm: SIMD4<Double> {
        SIMD4(Foundation.log(self[0]), Foundation.log(self[1]), Foundation.log(self[2]), Foundation.log(self[3]))
    }
    var total: Double { sum() }
}
