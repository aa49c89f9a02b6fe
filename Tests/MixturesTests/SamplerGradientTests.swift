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
    func testCholeskyCorrelationTransform() {
        for lkj in [false, true] {
            let t = CholeskyCorrelationTransform(order: 4, lkjUniform: lkj)
            let y = [0.3, -0.8, 0.5, 1.1, -0.2, 0.7]
            // The log-Jacobian of the map to the D(D−1)/2 free entries (strict lower triangle).
            if !lkj {
                var j = Matrix(rows: 6, columns: 6)
                let free = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]
                for c in 0..<6 {
                    var yp = y, ym = y
                    yp[c] += h; ym[c] -= h
                    let lp = t.constrain(yp).x, lm = t.constrain(ym).x
                    for (r, (a, b)) in free.enumerated() { j[r, c] = (lp[a * 4 + b] - lm[a * 4 + b]) / (2 * h) }
                }
                let numeric = 0.5 * (try! j.transposed.multiplied(by: j).logDeterminantSPD())
                XCTAssertEqual(t.constrain(y).logJacobian, numeric, accuracy: 1e-7)
            }
            // Rows have unit length: Ω = LLᵀ has a unit diagonal.
            let l = t.constrain(y).x
            for i in 0..<4 { XCTAssertEqual((0..<4).map { l[i * 4 + $0] * l[i * 4 + $0] }.reduce(0, +), 1, accuracy: 1e-14) }
            // Pullback of a·L + log|J| (+ LKJ) against finite differences.
            let a = (0..<16).map { Double($0 % 5) * 0.3 - 0.5 }
            func f(_ y: [Double]) -> Double {
                let (x, lj) = t.constrain(y)
                var s = lj
                for i in 0..<16 { s += a[i] * x[i] }
                return s
            }
            let g = t.pullback(y, gradientX: a)
            for i in y.indices {
                var yp = y, ym = y
                yp[i] += h; ym[i] -= h
                XCTAssertEqual(g[i], (f(yp) - f(ym)) / (2 * h), accuracy: 1e-6, "lkj \(lkj) y[\(i)]")
            }
            let back = t.unconstrain(l)
            for i in y.indices { XCTAssertEqual(back[i], y[i], accuracy: 1e-8) }
        }
    }

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

    func testFullCovarianceMixtureGradient() throws {
        let model = try FullCovarianceMixtureLogDensity(data: smallMixtureData(), components: 3)
        var g = RandomGenerator(seed: 12)
        let q = (0..<model.dimension).map { _ in 0.5 * g.normal() }
        checkGradient(model, q)
        XCTAssertEqual(model.constrain(q).count, model.parameterNames.count)
    }

    func testConjugateGaussianMixtureGradient() throws {
        let model = try GaussianMixtureLogDensity(data: smallMixtureData(), components: 2,
                                                  conjugatePriors: ConjugatePriors(meanPrecision: 0.5, varianceShape: 2, varianceScale: 0.7))
        var g = RandomGenerator(seed: 10)
        checkGradient(model, (0..<model.dimension).map { _ in 0.5 * g.normal() })
    }

    func testMixtureRegressionAndClusterWeightedGradients() throws {
        var g = RandomGenerator(seed: 4)
        let x = Matrix((0..<37).map { _ in [g.normal(), 2 * g.normal()] })
        let y = (0..<37).map { i in x[i, 0] - 0.5 * x[i, 1] + g.normal() }
        for (kind, slope) in [(MixtureRegressionLogDensity.Kind.mixtureOfRegressions, false), (.clusterWeighted, false), (.clusterWeighted, true)] {
            let model = try MixtureRegressionLogDensity(x: x, y: y, components: 3, kind: kind, orderByFirstSlope: slope)
            let q = (0..<model.dimension).map { _ in 0.4 * g.normal() }
            checkGradient(model, q)
            XCTAssertEqual(model.constrain(q).count, model.parameterNames.count)
            // unconstrain ∘ constrain is the identity.
            let c = model.constrain(q), k = 3, pp = 3
            let back = model.unconstrain(weights: Array(c[0..<k]), coefficients: Array(c[k..<(k + k * pp)]),
                                         sigma: Array(c[(k + k * pp)..<(2 * k + k * pp)]),
                                         means: Array(c[(2 * k + k * pp)..<(2 * k + k * pp + (kind == .clusterWeighted ? 6 : 0))]),
                                         covariateScales: Array(c[(2 * k + k * pp + (kind == .clusterWeighted ? 6 : 0))...]))
            for i in q.indices { XCTAssertEqual(back[i], q[i], accuracy: 1e-8, "\(kind) coordinate \(i)") }
        }
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

final class MixtureKernelTests: XCTestCase {
    /// The kernel's sum of per-row log-sum-exps against a direct scalar computation,
    /// for a row count that is not a multiple of eight.
    func testKernelMatchesDirectLogSumExp() {
        var g = RandomGenerator(seed: 1)
        let n = 29, d = 3, k = 4
        let x = (0..<(n * d)).map { _ in 3 * g.normal() }
        let mean = (0..<(k * d)).map { _ in g.normal() }
        let inv = (0..<(k * d)).map { _ in 0.5 + g.uniform() }
        let constant = (0..<k).map { _ in -g.uniform() }
        var s0 = [Double](repeating: 0, count: k), s1 = [Double](repeating: 0, count: k * d), s2 = s1
        let kernel = DiagonalMixtureKernel(rowMajor: x, rows: n, dimensions: d)
        let value = kernel.evaluate(components: k, constant: constant, mean: mean, inverseScale: inv, s0: &s0, s1: &s1, s2: &s2)
        var direct = 0.0, d0 = [Double](repeating: 0, count: k)
        for i in 0..<n {
            let l = (0..<k).map { c in constant[c] - 0.5 * (0..<d).map { j in pow((x[i * d + j] - mean[c * d + j]) * inv[c * d + j], 2) }.reduce(0, +) }
            let lse = LogSumExp.value(l)
            direct += lse
            for c in 0..<k { d0[c] += exp(l[c] - lse) }
        }
        XCTAssertEqual(value, direct, accuracy: 1e-12 * abs(direct))
        for c in 0..<k { XCTAssertEqual(s0[c], d0[c], accuracy: 1e-12 * Double(n)) }
        XCTAssertEqual(s0.reduce(0, +), Double(n), accuracy: 1e-12 * Double(n))
    }
}
