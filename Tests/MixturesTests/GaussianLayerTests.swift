import XCTest
import Foundation
import LinearAlgebra
@testable import Mixtures

/// The shared Gaussian layer against direct formulas.
final class GaussianLayerTests: XCTestCase {
    /// log N(x; μ, Σ) by the textbook formula, Σ⁻¹ and log|Σ| from Cholesky.
    private func directLogDensity(_ x: [Double], _ mean: [Double], _ cov: Matrix) throws -> Double {
        let chol = try cov.cholesky()
        let diff = zip(x, mean).map { $0 - $1 }
        let quad = dot(diff, chol.solve(diff))
        return -0.5 * (Double(x.count) * log(2 * Double.pi) + chol.logDeterminant + quad)
    }

    func testComponentLogDensitiesMatchTheFormulaForEveryStructureAndDimension() throws {
        var g = RandomGenerator(seed: 3)
        for d in [1, 2, 3, 5, 9, 33] {
            let k = 3
            let x = Matrix(rows: 70, columns: d, storage: (0..<(70 * d)).map { _ in 3 * g.normal() })
            let means = Matrix(rows: k, columns: d, storage: (0..<(k * d)).map { _ in g.normal() })
            let covariances = (0..<k).map { _ -> Matrix in
                let a = Matrix(rows: d, columns: d, storage: (0..<(d * d)).map { _ in g.normal() })
                return a.gram + Matrix.identity(d)
            }
            for structure in CovarianceType.allCases {
                let components = try GaussianComponents(means: means, covariances: covariances, structure: structure)
                let out = components.logDensities(x)
                for c in 0..<k {
                    // The covariance the structure actually uses.
                    var cov = structure == .tied ? covariances[0] : covariances[c]
                    if structure == .diagonal { cov = Matrix.diagonal(cov.diagonalElements) }
                    if structure == .spherical {
                        cov = Matrix.diagonal([Double](repeating: cov.diagonalElements.reduce(0, +) / Double(d), count: d))
                    }
                    for n in [0, 33, 69] {
                        let expected = try directLogDensity(x.row(n), means.row(c), cov)
                        // Relative rounding of a sum of D² terms of size up to |expected|.
                        XCTAssertEqual(out[n, c], expected, accuracy: 1e-11 * max(1, abs(expected)),
                                       "D = \(d), \(structure), component \(c), row \(n)")
                    }
                }
            }
        }
    }

    func testLogSumExpIsStableAndNormalisesRows() {
        XCTAssertEqual(LogSumExp.value([1000, 1000]), 1000 + log(2), accuracy: 1e-12)
        XCTAssertEqual(LogSumExp.value([-1000, -1000 + log(3)]), -1000 + log(4), accuracy: 1e-12)
        XCTAssertEqual(LogSumExp.value([]), -.infinity)
        XCTAssertEqual(LogSumExp.value([-.infinity, -.infinity]), -.infinity)
        var m = Matrix([[0, log(3)], [-800, -800]])
        let normalizers = LogSumExp.normalizeRows(&m)
        XCTAssertEqual(normalizers[0], log(4), accuracy: 1e-15)
        XCTAssertEqual(normalizers[1], -800 + log(2), accuracy: 1e-12)
        XCTAssertEqual(m[0, 0], 0.25, accuracy: 1e-15)
        XCTAssertEqual(m[1, 1], 0.5, accuracy: 1e-15)
        // The pointer form's sum (product trick over 32-row runs) agrees with the per-row logs.
        var g = RandomGenerator(seed: 1)
        var wide = Matrix(rows: 100, columns: 5, storage: (0..<500).map { _ in 50 * g.normal() })
        var copy = wide
        let rows = LogSumExp.normalizeRows(&copy)
        let total = wide.storage.withUnsafeMutableBufferPointer {
            LogSumExp.normalizeRows($0.baseAddress!, rows: 100, columns: 5, logNormalizers: nil)
        }
        XCTAssertEqual(total, rows.reduce(0, +), accuracy: 1e-9 * abs(total))
        XCTAssertEqual(wide.maxAbsDifference(copy), 0)
    }

    func testWeightedMomentsFromRowsEqualThoseFromExpectedMoments() {
        var g = RandomGenerator(seed: 2)
        let n = 200, d = 3, k = 2
        let x = Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in g.normal() + 4 })
        var r = Matrix(rows: n, columns: k)
        for i in 0..<n { let u = g.uniform(); r[i, 0] = u; r[i, 1] = 1 - u }
        let fromRows = WeightedMoments(rows: x, responsibilities: r)
        // Expected moments of fully observed rows: E[v] = x, E[vvᵀ] = xxᵀ.
        let first = r.multiplied(by: x, transposeSelf: true)
        let second = (0..<k).map { c -> Matrix in
            var s = Matrix(rows: d, columns: d)
            for i in 0..<n { for a in 0..<d { for b in 0..<d { s[a, b] += r[i, c] * x[i, a] * x[i, b] } } }
            return s
        }
        let counts = (0..<k).map { c in (0..<n).reduce(0.0) { $0 + r[$1, c] } }
        let fromMoments = WeightedMoments(counts: counts, firstMoments: first, secondMoments: second)
        for c in 0..<k {
            XCTAssertEqual(fromRows.counts[c], fromMoments.counts[c], accuracy: 1e-10)
            // Scatter about the mean from raw second moments loses digits to cancellation
            // of terms of size N·|x|² ≈ 100·16: allow 1e-12 of that.
            XCTAssertLessThan(fromRows.scatters[c].maxAbsDifference(fromMoments.scatters[c]), 1e-12 * 1600 * 10)
            XCTAssertLessThan(fromRows.means.maxAbsDifference(fromMoments.means), 1e-12)
        }
    }

    /// The scatter leaves a row out of a component's DSYRK when its responsibility is below
    /// 2⁻¹⁰⁰ of the block's largest for that component (`negligibleShare`). Against the
    /// direct sum Σₙ rₙₖ (xₙ − cₖ)(xₙ − cₖ)ᵀ over every row it must agree to rounding: each
    /// entry sums 12,000 terms, so within 4·N·ε of the trace. The data have weights of
    /// 1e-40 (left out), 1e-20 (kept), exact zeros, and a component whose weights are all
    /// between 1e-64 and 2e-45: the floor is relative to its own largest, so none of its
    /// rows is left out and its scatter is still exact.
    func testScatterLeavingOutNegligibleRowsMatchesTheDirectSum() {
        var g = RandomGenerator(seed: 11)
        let n = 12_000, d = 6, k = 4
        var x = Matrix(rows: n, columns: d)
        var r = Matrix(rows: n, columns: k)
        for i in 0..<n {
            let label = i % 3
            for j in 0..<d { x[i, j] = 10 * Double(label) + Double(j) + g.normal() }
            for c in 0..<3 {
                let small = [1e-40, 1e-20, 0][(i / 3) % 3]
                r[i, c] = c == label ? 1 - 2 * small : small
            }
            r[i, 3] = 1e-45 * (1 + g.uniform()) * pow(10, -Double(i % 20))
        }
        for type in [CovarianceType.full, .tied] {
            let stats = SufficientStatistics.accumulated(x, responsibilities: r, covarianceType: type)
            for c in 0..<k {
                var direct = Matrix(rows: d, columns: d)
                for i in 0..<n {
                    for a in 0..<d {
                        for b in a..<d {
                            direct[a, b] += r[i, c] * (x[i, a] - stats.centres[c * d + a]) * (x[i, b] - stats.centres[c * d + b])
                        }
                    }
                }
                let trace = (0..<d).reduce(0.0) { $0 + direct[$1, $1] }
                XCTAssertGreaterThan(trace, 0)
                for a in 0..<d {
                    for b in a..<d {
                        XCTAssertEqual(stats.scatter[c * d * d + a * d + b], direct[a, b],
                                       accuracy: 4 * Double(n) * Double.ulpOfOne * trace, "\(type) component \(c) [\(a), \(b)]")
                    }
                }
            }
        }
    }

    func testEstimatorsPerStructure() {
        let scatter = Matrix([[4, 2], [2, 6]])
        let m = WeightedMoments(counts: [2, 0], means: Matrix([[0, 0], [0, 0]]), scatters: [scatter, Matrix(rows: 2, columns: 2)])
        let full = GaussianEstimators.full(m, component: 0, regularization: 0.5)
        XCTAssertEqual(full[0, 0], 2.5, accuracy: 1e-12)
        XCTAssertEqual(full[0, 1], 1, accuracy: 1e-12)
        let diagonal = GaussianEstimators.diagonal(m, component: 0, regularization: 0)
        XCTAssertEqual(diagonal[1, 1], 3, accuracy: 1e-12)
        XCTAssertEqual(diagonal[0, 1], 0)
        XCTAssertEqual(GaussianEstimators.spherical(m, component: 0, regularization: 0)[1, 1], 2.5, accuracy: 1e-12)
        // Tied: the empty second component adds nothing; Σ = S₀ / (N₀ + N₁).
        XCTAssertEqual(GaussianEstimators.tied(m, regularization: 0)[1, 1], 3, accuracy: 1e-12)
        XCTAssertTrue(CollapsePolicy().isEmpty(m, component: 1))
        XCTAssertEqual(CollapsePolicy().collapsed(m, covariances: [full, Matrix(rows: 2, columns: 2)], structure: .full), [1])
    }

    /// `covariances(_:structure: .full, …)` forms the covariances in the scatters' storage when
    /// it is handed the moments' last reference: the same values, bit for bit, as `full` per
    /// component, and a caller that keeps its moments still sees its scatters unchanged.
    func testFullCovariancesInPlaceMatchThePerComponentEstimate() {
        let scatters = [Matrix([[4, 2], [2, 6]]), Matrix([[3, -1], [-1, 5]])]
        let kept = WeightedMoments(counts: [2, 3], means: Matrix([[0, 1], [1, 0]]), scatters: scatters)
        let expected = (0..<2).map { GaussianEstimators.full(kept, component: $0, regularization: 0.25) }
        XCTAssertEqual(GaussianEstimators.covariances(kept, structure: .full, regularization: 0.25), expected)
        XCTAssertEqual(kept.scatters, scatters)
        let moved = WeightedMoments(counts: [2, 3], means: Matrix([[0, 1], [1, 0]]), scatters: scatters)
        XCTAssertEqual(GaussianEstimators.covariances(consume moved, structure: .full, regularization: 0.25), expected)
        XCTAssertEqual(expected[1][0, 0], 3 * (1 / (3 + 10 * Double.ulpOfOne)) + 0.25)
    }

    func testBLASThreadsAreRestoredAfterAScope() {
        let before = BLASThreads.current
        let inside = BLASThreads.withThreads(1) { BLASThreads.current }
        XCTAssertEqual(inside, 1)
        XCTAssertEqual(BLASThreads.current, before)
        _ = try? GaussianMixture(components: 1).fit(Matrix([[1, 2], [3, 5], [4, 4]]), seed: 1)
        XCTAssertEqual(BLASThreads.current, before)
    }
}
