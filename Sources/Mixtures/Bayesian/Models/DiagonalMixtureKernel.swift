import Foundation

/// The hot loop of every diagonal-Gaussian mixture log density: for each row n,
/// ℓₙ = log Σₖ exp(aₖ − ½ Σd ((xₙd − μₖd)·sₖd)²) (sₖd = 1/σₖd) — the assignments summed out
/// by log-sum-exp — and the responsibility-weighted sums the gradient needs,
/// S0ₖ = Σₙ rₙₖ, S1ₖd = Σₙ rₙₖ(xₙd − μₖd), S2ₖd = Σₙ rₙₖ(xₙd − μₖd)².
///
/// The log-sum-exp is the shared layer's (`LogSumExp.normalizeRows`, which takes one
/// logarithm per 32 rows), applied to blocks of rows. Around it, per block: the logits
/// component by component, then the sums component by component with the component's
/// accumulators in registers (each sum still adds the rows in order, so the result does
/// not depend on the block layout), with D = 1 and D = 2 written out and the optional
/// inputs and outputs handled outside the inner loops.
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
            let xBlock = x + start * d
            for c in 0..<k {
                logitsOfComponent(x: xBlock, rows: count, dimensions: d, components: k, constant: constant[c],
                                  mean: mean + c * d, inverseScale: inverseScale + c * d, into: logits + c)
            }
            if let extraLogits {
                let extra = extraLogits + start * k
                for i in 0..<(count * k) { logits[i] += extra[i] }
            }
            total += LogSumExp.normalizeRows(logits, rows: count, columns: k, logNormalizers: nil)
            if let responsibilities {
                (responsibilities + start * k).update(from: logits, count: count * k)
            }
            for c in 0..<k {
                accumulate(x: xBlock, rows: count, dimensions: d, components: k, responsibilities: logits + c,
                           mean: mean + c * d, s0: s0 + c, s1: s1 + c * d, s2: s2 + c * d)
            }
            start += count
        }
        return total
    }

    /// aₖ − ½ Σd ((xₙd − μₖd)·sₖd)² for the `rows` rows at `x`, written with stride K.
    @inline(__always)
    private static func logitsOfComponent(x: UnsafePointer<Double>, rows: Int, dimensions d: Int, components k: Int,
                                          constant: Double, mean mu: UnsafePointer<Double>,
                                          inverseScale inv: UnsafePointer<Double>,
                                          into out: UnsafeMutablePointer<Double>) {
        switch d {
        case 0:
            for b in 0..<rows { out[b * k] = constant }
        case 1:
            let m0 = mu[0], i0 = inv[0]
            for b in 0..<rows {
                let z0 = (x[b] - m0) * i0
                var l = constant
                l -= 0.5 * z0 * z0
                out[b * k] = l
            }
        case 2:
            let m0 = mu[0], m1 = mu[1], i0 = inv[0], i1 = inv[1]
            for b in 0..<rows {
                let z0 = (x[2 * b] - m0) * i0, z1 = (x[2 * b + 1] - m1) * i1
                var l = constant
                l -= 0.5 * z0 * z0
                l -= 0.5 * z1 * z1
                out[b * k] = l
            }
        default:
            for b in 0..<rows {
                let xn = x + b * d
                var l = constant
                for j in 0..<d {
                    let z = (xn[j] - mu[j]) * inv[j]
                    l -= 0.5 * z * z
                }
                out[b * k] = l
            }
        }
    }

    /// Adds Σₙ rₙ, Σₙ rₙ(xₙ − μ) and Σₙ rₙ(xₙ − μ)² of one component over the `rows` rows at
    /// `x` (responsibilities with stride K) to `s0`, `s1`, `s2`, the rows in order.
    @inline(__always)
    private static func accumulate(x: UnsafePointer<Double>, rows: Int, dimensions d: Int, components k: Int,
                                   responsibilities r: UnsafePointer<Double>, mean mu: UnsafePointer<Double>,
                                   s0: UnsafeMutablePointer<Double>, s1: UnsafeMutablePointer<Double>,
                                   s2: UnsafeMutablePointer<Double>) {
        var n0 = s0.pointee
        switch d {
        case 0:
            for b in 0..<rows { n0 += r[b * k] }
        case 1:
            let m0 = mu[0]
            var a10 = s1[0], a20 = s2[0]
            for b in 0..<rows {
                let w = r[b * k]
                n0 += w
                let e0 = x[b] - m0
                let w0 = w * e0
                a10 += w0
                a20 += w0 * e0
            }
            s1[0] = a10; s2[0] = a20
        case 2:
            let m0 = mu[0], m1 = mu[1]
            var a10 = s1[0], a11 = s1[1], a20 = s2[0], a21 = s2[1]
            for b in 0..<rows {
                let w = r[b * k]
                n0 += w
                let e0 = x[2 * b] - m0, e1 = x[2 * b + 1] - m1
                let w0 = w * e0, w1 = w * e1
                a10 += w0
                a20 += w0 * e0
                a11 += w1
                a21 += w1 * e1
            }
            s1[0] = a10; s1[1] = a11; s2[0] = a20; s2[1] = a21
        default:
            for b in 0..<rows {
                let w = r[b * k]
                n0 += w
                let xn = x + b * d
                for j in 0..<d {
                    let e = xn[j] - mu[j]
                    let we = w * e
                    s1[j] += we
                    s2[j] += we * e
                }
            }
        }
        s0.pointee = n0
    }
}
