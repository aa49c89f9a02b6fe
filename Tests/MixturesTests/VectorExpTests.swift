import XCTest
import Foundation
@testable import Mixtures

/// The four-lane exponential of the small-rank E-step against libm.
final class VectorExpTests: XCTestCase {
    /// fdlibm's exp is accurate to within 1 ulp, and so is libm's: the two differ by at most 2 ulp.
    func testWithinTwoUlpOfLibmOverTheWholeRange() {
        var g = RandomGenerator(seed: 7)
        var values = (0..<20_000).map { _ in -745 * g.uniform() }                // uniform over the range
        values += (0..<5_000).map { _ in -pow(10, -12 + 15 * g.uniform()) }     // near 0 and across magnitudes
        values += [0, -0.0, -Double.leastNonzeroMagnitude, -0.5 * log(2), -log(2), -708, -708.5, -709.7, -744.9, -745]
        for (t, e) in zip(values, Self.exponentials(values)) {
            let want = Foundation.exp(t)
            XCTAssertLessThanOrEqual(abs(e - want), 2 * want.ulp, "exp(\(t)) = \(e), libm \(want)")
        }
    }

    func testTheRulesOfTheNormalisation() {
        // e⁰ = 1 exactly; below −745 the result is 0 (as `LogSumExp.normalizeRows`).
        let values = Self.exponentials([0, -745.5, -1000, -.infinity, -1e-300, -3])
        XCTAssertEqual(values[0], 1)
        XCTAssertEqual(Array(values[1...3]), [0, 0, 0])
        XCTAssertEqual(values[4], 1)
        XCTAssertEqual(values[5], Foundation.exp(-3), accuracy: 2 * Foundation.exp(-3).ulp)
    }

    /// `VectorExp.exp` four values at a time (a short last vector padded with zeros).
    static func exponentials(_ values: [Double]) -> [Double] {
        stride(from: 0, to: values.count, by: 4).flatMap { start -> [Double] in
            let count = min(4, values.count - start)
            var v = SIMD4<Double>()
            for lane in 0..<count { v[lane] = values[start + lane] }
            let e = VectorExp.exp(v)
            return (0..<count).map { e[$0] }
        }
    }
}
