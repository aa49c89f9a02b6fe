import Foundation

/// The hot loop of every diagonal-Gaussian mixture log density: for each row n,
/// ℓₙ = log Σₖ exp(aₖ − ½ Σd ((xₙd − μₖd)·sₖd)²) (sₖd = 1/σₖd) — the assignments summed out
/// by log-sum-exp — and the responsibility-weighted sums the gradient needs,
/// S0ₖ = Σₙ rₙₖ, S1ₖd = Σₙ rₙₖ(xₙd − μₖd), S2ₖd = Σₙ rₙₖ(xₙd − μₖd)².
///
/// The log-sum-exp is the shared layer's (`LogSumExp.normalizeRows`, which takes one
/// logarithm per 32 rows), applied to blocks of rows.
struct DiagonalMixtureKernel: Sendable {
    let rows: Int
    let dimensions: Int
    /// N×D row-major (never empty: a pointer is taken).
    let data: [Double]

    /// From row-major N×D data (D may be 0: then only `extraLogits` make the logits).
    init(rowMajor x: [Double], rows n: Int, dimensions d: Int) {
        rows = n
        dimensions = d
        data = x.isEmpty ? [0] : x
    }

    /// Σₙ ℓₙ, with S0 (K), S1 and S2 (K×D) written (overwritten).
    /// - Parameters:
    ///   - constant: aₖ (K): log weight and normalising constant of component k.
    ///   - mean: μ (K×D), `inverseScale`: s (K×D).
    ///   - extraLogits: optional N×K row-major values added to the logits (per-row terms such
    ///     as a regression's log N(y; x̃ᵀβₖ, σₖ²)); `responsibilities` receives rₙₖ (N×K)
    ///     when non-nil.
    func evaluate(components k: Int, constant: UnsafePointer<Double>, mean: UnsafePointer<Double>,
                  inverseScale: UnsafePointer<Double>, s0: UnsafeMutablePointer<Double>,
                  s1: UnsafeMutablePointer<Double>, s2: UnsafeMutablePointer<Double>,
                  extraLogits: UnsafePointer<Double>? = nil,
                  responsibilities: UnsafeMutablePointer<Double>? = nil) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.blockRows * k) { scratch in
            data.withUnsafeBufferPointer { x in
                Self.run(rowMajor: x.baseAddress!, rows: rows, dimensions: dimensions, components: k,
                         constant: constant, mean: mean, inverseScale: inverseScale, s0: s0, s1: s1, s2: s2,
                         extraLogits: extraLogits, responsibilities: responsibilities, scratch: scratch.baseAddress!)
            }
        }
    }

    /// Rows per block: the block's logits (block × K) stay in cache between the passes.
    static let blockRows = 256

    /// The loop itself, a block of rows at a time on raw pointers: the logits of the block,
    /// then the shared `LogSumExp.normalizeRows` (which turns them into responsibilities and
    /// sums the per-row log normalisers), then the weighted sums.
    private static func run(rowMajor x: UnsafePointer<Double>, rows: Int, dimensions d: Int, components k: Int,
                            constant: UnsafePointer<Double>, mean: UnsafePointer<Double>,
                            inverseScale: UnsafePointer<Double>, s0: UnsafeMutablePointer<Double>,
                            s1: UnsafeMutablePointer<Double>, s2: UnsafeMutablePointer<Double>,
                            extraLogits: UnsafePointer<Double>?, responsibilities: UnsafeMutablePointer<Double>?,
                            scratch logits: UnsafeMutablePointer<Double>) -> Double {
        let kd = k * d
        for c in 0..<k { s0[c] = 0 }
        for i in 0..<kd { s1[i] = 0; s2[i] = 0 }
        var total = 0.0
        var start = 0
        while start < rows {
            let count = min(blockRows, rows - start)
            for b in 0..<count {
                let n = start + b
                let xn = x + n * d, row = logits + b * k
                for c in 0..<k {
                    var l = constant[c]
                    let mu = mean + c * d, inv = inverseScale + c * d
                    for j in 0..<d {
                        let z = (xn[j] - mu[j]) * inv[j]
                        l -= 0.5 * z * z
                    }
                    if let extraLogits { l += extraLogits[n * k + c] }
                    row[c] = l
                }
            }
            total += LogSumExp.normalizeRows(logits, rows: count, columns: k, logNormalizers: nil)
            for b in 0..<count {
                let n = start + b
                let xn = x + n * d, row = logits + b * k
                for c in 0..<k {
                    let r = row[c]
                    responsibilities?[n * k + c] = r
                    s0[c] += r
                    let mu = mean + c * d, a1 = s1 + c * d, a2 = s2 + c * d
                    for j in 0..<d {
                        let diff = xn[j] - mu[j]
                        let rd = r * diff
                        a1[j] += rd
                        a2[j] += rd * diff
                    }
                }
            }
            start += count
        }
        return total
    }
}
