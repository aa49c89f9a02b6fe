import XCTest
import LinearAlgebra
@testable import Mixtures

/// The Woodbury / determinant-lemma densities against a direct dense evaluation.
final class LowRankPlusDiagonalTests: XCTestCase {
    /// log N(x; m, C) by a Cholesky factorisation of the dense p × p covariance.
    static func denseLogDensity(_ x: [Double], mean: [Double], covariance c: Matrix) -> Double {
        let chol = try! c.cholesky()
        let r = zip(x, mean).map { $0 - $1 }
        let z = chol.lower.solveTriangular(r, lower: true)
        return -0.5 * (Double(x.count) * log(2 * .pi) + chol.logDeterminant + dot(z, z))
    }

    private func randomMatrix(_ rows: Int, _ columns: Int, _ g: inout RandomGenerator) -> Matrix {
        Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in g.normal() })
    }

    func testDensitiesEqualTheDenseGaussian() throws {
        var g = RandomGenerator(seed: 11)
        let p = 7, d = 3
        let w = randomMatrix(p, d, &g)
        let psi = (0..<p).map { _ in 0.2 + g.uniform() }
        let structure = try LowRankPlusDiagonal(loadings: w, psi: psi)
        let x = randomMatrix(25, p, &g)
        let mean = (0..<p).map { _ in g.normal() }
        let dense = structure.covariance
        let got = structure.logDensities(x, mean: mean)
        for i in 0..<x.rows {
            let want = Self.denseLogDensity(x.row(i), mean: mean, covariance: dense)
            // Both are sums of O(p) terms of order one: agreement to rounding, 1e-10 relative.
            XCTAssertEqual(got[i], want, accuracy: 1e-10 * max(1, abs(want)))
        }
        XCTAssertEqual(structure.logDeterminant, try dense.logDeterminantSPD(), accuracy: 1e-11)
    }

    func testLatentComponentEqualsTheMarginalAndThePosterior() throws {
        var g = RandomGenerator(seed: 12)
        let p = 6, d = 2
        let w = randomMatrix(p, d, &g)
        let psi = (0..<p).map { _ in 0.1 + g.uniform() }
        let a = randomMatrix(d, d, &g)
        var sigma = a.multiplied(by: a, transposeOther: true)
        for j in 0..<d { sigma[j, j] += 0.3 }
        let mu = [0.7, -1.2]
        let b = (0..<p).map { _ in g.normal() }
        let structure = try LowRankPlusDiagonal(loadings: w, psi: psi)
        let x = randomMatrix(10, p, &g)
        let component = try structure.latentComponent(structure.project(x, offset: b), mean: mu, covariance: sigma)

        // Marginal: N(W μ + b, W Σ Wᵀ + Ψ) evaluated densely.
        var c = w * sigma * w.transposed
        for i in 0..<p { c[i, i] += psi[i] }
        let wmu = w.multiplied(by: mu)
        let mean = (0..<p).map { wmu[$0] + b[$0] }
        // Posterior: S = (Σ⁻¹ + WᵀΨ⁻¹W)⁻¹, m = S (Σ⁻¹μ + WᵀΨ⁻¹(x − b)), by dense inverses.
        let psiInv = Matrix.diagonal(psi.map { 1 / $0 })
        let sigmaInv = try sigma.cholesky().inverse
        let s = try (sigmaInv + w.transposed * psiInv * w).cholesky().inverse
        XCTAssertLessThan(component.posteriorCovariance.maxAbsDifference(s), 1e-12)
        for i in 0..<x.rows {
            let want = Self.denseLogDensity(x.row(i), mean: mean, covariance: c)
            XCTAssertEqual(component.logDensities[i], want, accuracy: 1e-10 * max(1, abs(want)))
            let r = (0..<p).map { x[i, $0] - b[$0] }
            let h = zip(sigmaInv.multiplied(by: mu), (w.transposed * psiInv).multiplied(by: r)).map { $0 + $1 }
            let m = s.multiplied(by: h)
            for j in 0..<d { XCTAssertEqual(component.posteriorMeans[i, j], m[j], accuracy: 1e-11) }
        }
    }

    func testBadNoiseIsAnError() {
        XCTAssertThrowsError(try LowRankPlusDiagonal(loadings: Matrix(rows: 2, columns: 1, repeating: 1), psi: [1, 0])) {
            XCTAssertEqual($0 as? LowRankPlusDiagonalError, .nonPositiveNoise(index: 1, value: 0))
        }
        XCTAssertThrowsError(try LowRankPlusDiagonal(loadings: Matrix(rows: 2, columns: 1, repeating: .nan), psi: [1, 1]))
        XCTAssertThrowsError(try LowRankPlusDiagonal(loadings: Matrix(rows: 3, columns: 1), psi: [1, 1]))
    }
}
