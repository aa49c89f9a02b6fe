import Foundation

/// e^t for four lanes at once, for t ≤ 0: the exponentials of an E-step's shifted logits
/// (t = logit − the row's largest logit), where one libm call per component and row costs
/// more than the rest of a small model's per-row work.
///
/// fdlibm's `__ieee754_exp` (the algorithm of Sun's libm and of musl): t = k ln 2 + r with
/// |r| ≤ ½ ln 2 and ln 2 split in two parts so k ln 2 is exact; e^r from the rational
/// approximation 1 + r + r c(r)/(2 − c(r)) with a degree-5 polynomial c (error below 1 ulp);
/// then 2^k through the exponent bits. Lane by lane the same IEEE operations in the same
/// order (no fused multiply-adds), so the bits do not depend on the instruction set.
/// Lanes with t < −708 (a result near or below the smallest normal double) take
/// `Foundation.exp`, below −745 the result is 0 (it underflows), and t = 0 gives 1 exactly (the rules of `LogSumExp.normalizeRows`).
enum VectorExp {
    private static let log2e = 1.44269504088896338700e+00
    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10
    private static let p1 = 1.66666666666666019037e-01
    private static let p2 = -2.77777777770155933842e-03
    private static let p3 = 6.61375632143793436117e-05
    private static let p4 = -1.65339022054652515390e-06
    private static let p5 = 4.13813679705723846039e-08
    /// 1.5 · 2⁵²: adding it rounds to an integer, held in the low bits of the sum.
    private static let roundingShift = 6755399441055744.0
    /// Below this, 2^k would not be a normal double.
    static let normalLimit = -708.0

    /// e^t lane by lane, t ≤ 0 (t > 0 is the caller's error: the result is not checked).
    @inline(__always)
    static func exp(_ t: SIMD4<Double>) -> SIMD4<Double> {
        let limit = SIMD4<Double>(repeating: normalLimit)
        let small = t .< limit
        let x = t.replacing(with: 0, where: small)               // keeps the vector path in range
        let shifted = x * log2e + SIMD4(repeating: roundingShift)
        let k = shifted - SIMD4(repeating: roundingShift)        // round(x / ln 2)
        let hi = x - k * ln2Hi, lo = k * ln2Lo
        let r = hi - lo
        let r2 = r * r
        let c = r - r2 * (p1 + r2 * (p2 + r2 * (p3 + r2 * (p4 + r2 * p5))))
        let y = 1 - ((lo - (r * c) / (2 - c)) - hi)
        // y · 2^k: k sits in the low bits of `shifted` (two's complement for k < 0).
        let bits = unsafeBitCast(y, to: SIMD4<UInt64>.self) &+ (unsafeBitCast(shifted, to: SIMD4<UInt64>.self) &<< 52)
        var result = unsafeBitCast(bits, to: SIMD4<Double>.self)
        if any(small) {
            for lane in 0..<4 where small[lane] {
                result[lane] = t[lane] < -745 ? 0 : Foundation.exp(t[lane])
            }
        }
        return result
    }
}
