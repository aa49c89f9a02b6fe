import XCTest
import LinearAlgebra
@testable import Mixtures

/// Every transform's log-Jacobian and pullback, and every built-in model's gradient, by
/// central finite differences (step h: truncation error O(h²) ≈ 1e-10 relative).
final class SamplerGradientTests: XCTestCase {
    let h = 1e-5

    /// log |det J| by finite differences of x(y) (a simplex drops its last coordinate).
    func numericLogJacobian<T: ConstrainingTransform>(_ t: T, _ y: [Double], rows: Int) -> Double {
        let n = y.count
        var j = Matrix(rows: n, columns: n)
        for c in 0..<n {
            var yp = y, ym = y
            yp[c] += h; ym[c] -= h
            let xp = t.constrain(yp).x, xm = t.constrain(ym).x
            for r in 0..<rows { j[r, c] = (xp[r] - xm[r]) / (2 * h) }
        }
        // |det| through LU-free route: det(JᵀJ) = det(J)², Cholesky of JᵀJ.
        let jtj = j.transposed.multiplied(by: j)
        return 0.5 * (try! jtj.logDeterminantSPD())
    }

    func checkTransform<T: ConstrainingTransform>(_ t: T, _ y: [Double], file: StaticString = #filePath, line: UInt = #line) {
        let (_, lj) = t.constrain(y)
        XCTAssertEqual(lj, numericLogJacobian(t, y, rows: t.unconstrainedCount), accuracy: 1e-7, "log-Jacobian", file: file, line: line)
        // Pullback of f(x) = a·x, plus log|J|, against finite differences of f(x(y)) + log|J(y)|.
        var a = [Double]()
        for i in 0..<t.constrainedCount {
            let cycle = 0.7 * Double(i % 3)
            a.append(0.3 + cycle - 0.4 * Double(i))
        }
        func f(_ y: [Double]) -> Double {
            let (x, lj) = t.constrain(y)
            var s = lj
            for i in x.indices { s += a[i] * x[i] }
            return s
        }
        let g = t.pullback(y, gradientX: a)
        for i in y.indices {
            var yp = y, ym = y
            yp[i] += h; ym[i] -= h
            XCTAssertEqual(g[i], (f(yp) - f(ym)) / (2 * h), accuracy: 1e-6 * max(1, abs(g[i])), "pullback[\(i)]", file: file, line: line)
        }
        // The inverse map.
        let back = t.unconstrain(t.constrain(y).x)
        for i in y.indices { XCTAssertEqual(back[i], y[i], accuracy: 1e-8, "unconstrain[\(i)]", file: file, line: line) }
    }

    func testLogTransform() { checkTransform(LogTransform(count: 3), [-1.2, 0.3, 2.0]) }
    func testOrderedTransform() { checkTransform(OrderedTransform(count: 4), [0.5, -1.0, 0.2, 1.3]) }
    func testStickBreakingTransform() {
        checkTransform(StickBreakingTransform(components: 4), [0.4, -0.8, 1.1])
        checkTransform(StickBreakingTransform(components: 2), [-2.5])
        let equal = StickBreakingTransform(components: 5).constrain([0, 0, 0, 0]).x
        for w in equal { XCTAssertEqual(w, 0.2, accuracy: 1e-15, "y = 0 gives equal weights") }
    }

    func checkGradient<M: LogDensity>(_ model: M, _ q: [Double], file: StaticString = #filePath, line: UInt = #line) {
        let (v, g) = model.valueAndGradient(q)
        XCTAssertTrue(v.isFinite, file: file, line: line)
        for i in q.indices {
            var qp = q, qm = q
            qp[i] += h; qm[i] -= h
            let fd = (model.valueAndGradient(qp).value - model.valueAndGradient(qm).value) / (2 * h)
            XCTAssertEqual(g[i], fd, accuracy: 1e-5 * max(1, abs(fd)), "∂/∂q[\(i)]", file: file, line: line)
        }
    }

    func smallMixtureData() -> Matrix {
        var g = RandomGenerator(seed: 3)
        return Matrix((0..<60).map { i in [Double(i % 3) * 2 + g.normal(), Double(i % 3) - g.normal() * 0.5, g.normal()] })
    }

    func testGaussianMixtureGradient() throws {
        let x = smallMixtureData()
        for labels in LabelConstraint.allCases {
            let model = try GaussianMixtureLogDensity(data: x, components: 3, labels: labels)
            var g = RandomGenerator(seed: 9)
            let q = (0..<model.dimension).map { _ in 0.5 * g.normal() }
            checkGradient(model, q)
        }
    }
}
