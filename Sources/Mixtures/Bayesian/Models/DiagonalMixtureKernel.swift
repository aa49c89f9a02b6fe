import Foundation

/// The hot loop of every diagonal-Gaussian mixture log density: for each row n,
/// ℓₙ = log Σₖ exp(aₖ − ½ Σd ((xₙd − μₖd)·sₖd)²) (sₖd = 1/σₖd) — the assignments summed out
/// by log-sum-exp — and the responsibility-weighted sums the gradient needs,
/// S0ₖ = Σₙ rₙₖ, S1ₖd = Σₙ rₙₖ(xₙd − μₖd), S2ₖd = Σₙ rₙₖ(xₙd − μₖd)².
///
/// The exp is a branch-free polynomial (relative error below 10⁻¹⁵ on the range used); the
/// per-row logarithms are taken of running products of the normalisers, once every few
/// hundred rows, so a row costs K exponentials and no logarithm.
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
        withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { scratch in
            data.withUnsafeBufferPointer { x in
                Self.run(rowMajor: x.baseAddress!, rows: rows, dimensions: dimensions, components: k,
                         constant: constant, mean: mean, inverseScale: inverseScale, s0: s0, s1: s1, s2: s2,
                         extraLogits: extraLogits, responsibilities: responsibilities, scratch: scratch.baseAddress!)
            }
        }
    }

    /// The loop itself, row by row on raw pointers (plain scalar code: Swift compiles it
    /// better than SIMD8 vectors without AVX, and it stays usable in debug builds).
    private static func run(rowMajor x: UnsafePointer<Double>, rows: Int, dimensions d: Int, components k: Int,
                            constant: UnsafePointer<Double>, mean: UnsafePointer<Double>,
                            inverseScale: UnsafePointer<Double>, s0: UnsafeMutablePointer<Double>,
                            s1: UnsafeMutablePointer<Double>, s2: UnsafeMutablePointer<Double>,
                            extraLogits: UnsafePointer<Double>?, responsibilities: UnsafeMutablePointer<Double>?,
                            scratch logit: UnsafeMutablePointer<Double>) -> Double {
        let kd = k * d
        for c in 0..<k { s0[c] = 0 }
        for i in 0..<kd { s1[i] = 0; s2[i] = 0 }
        var sumMax = 0.0, logSum = 0.0, product = 1.0
        let flushEvery = max(1, Int(600 / log(Double(k) + 1)))
        var sinceFlush = 0
        for n in 0..<rows {
            let xn = x + n * d
            var m = -Double.infinity
            for c in 0..<k {
                var l = constant[c]
                let mu = mean + c * d, inv = inverseScale + c * d
                for j in 0..<d {
                    let z = (xn[j] - mu[j]) * inv[j]
                    l -= 0.5 * z * z
                }
                if let extraLogits { l += extraLogits[n * k + c] }
                logit[c] = l
                if l > m { m = l }
            }
            var s = 0.0
            for c in 0..<k {
                let e = laneExponential(logit[c] - m)
                logit[c] = e
                s += e
            }
            sumMax += m
            product *= s
            sinceFlush += 1
            if sinceFlush == flushEvery { logSum += log(product); product = 1; sinceFlush = 0 }
            let scale = 1 / s
            for c in 0..<k {
                let r = logit[c] * scale
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
        return sumMax + logSum + log(product)
    }
}

/// eˣ for the x ≤ 0 a log-sum-exp feeds it (inputs below −708 give e^−708 ≈ 3·10⁻³⁰⁸
/// rather than 0; −∞ gives 0), branch-free so that loops over lanes vectorise:
/// x = k·ln 2 + r with |r| ≤ ln2/2 (ln 2 split in two parts, fdlibm's, so k·ln2_hi is
/// exact), eʳ by its degree-13 Taylor polynomial (truncation below 10⁻¹⁷ relative), 2ᵏ
/// assembled in the exponent bits.
@inline(__always) func laneExponential(_ x: Double) -> Double {
    let xc = x < -708 ? -708 : x
    let magic = 6755399441055744.0                 // 1.5·2⁵²: adding it rounds to an integer
    let kd = xc * 1.4426950408889634 + magic
    let k = kd - magic
    let r = (xc - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10
    var p = 1.0 / 6227020800.0
    p = p * r + 1.0 / 479001600
    p = p * r + 1.0 / 39916800
    p = p * r + 1.0 / 3628800
    p = p * r + 1.0 / 362880
    p = p * r + 1.0 / 40320
    p = p * r + 1.0 / 5040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let bits = Int64(bitPattern: kd.bitPattern) &- Int64(bitPattern: magic.bitPattern)
    let scale = Double(bitPattern: UInt64(bitPattern: (bits &+ 1023) &<< 52))
    return x == -.infinity ? 0 : p * scale
}
