import XCTest
@testable import LinearAlgebra

final class LeastSquaresTests: XCTestCase {
    /// Weighted least squares with integer weights equals ordinary least squares on rows
    /// repeated that many times; both code paths (a few columns, and DSYRK beyond 8).
    func testIntegerWeightsEqualRepeatedRows() throws {
        for p in [3, 10] {
            var state: UInt64 = 12345
            func uniform() -> Double {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Double(state >> 11) / Double(1 << 53)
            }
            let n = 60
            let x = Matrix(rows: n, columns: p, storage: (0..<(n * p)).map { _ in uniform() - 0.5 })
            let y = Matrix(rows: n, columns: 2, storage: (0..<(n * 2)).map { _ in uniform() })
            let weights = (0..<n).map { Double($0 % 3) }
            var repeated: [Int] = []
            for i in 0..<n { repeated += Array(repeating: i, count: Int(weights[i])) }
            let xr = Matrix(repeated.map { x.row($0) })
            let yr = Matrix(repeated.map { y.row($0) })
            let weighted = try LeastSquares.weighted(x, y, weights: weights)
            let plain = try LeastSquares.weighted(xr, yr, weights: [Double](repeating: 1, count: repeated.count))
            XCTAssertLessThan(weighted.coefficients.maxAbsDifference(plain.coefficients), 1e-10, "P = \(p)")
            // The normal equations hold: XᵀW(Y − XB) = 0.
            var residual = y - x.multiplied(by: weighted.coefficients)
            for i in 0..<n { for j in 0..<2 { residual[i, j] *= weights[i] } }
            let normal = x.multiplied(by: residual, transposeSelf: true)
            XCTAssertLessThan(normal.storage.map(abs).max()!, 1e-12)
        }
    }

    func testCollinearColumnIsNamedAndARidgeAcceptsIt() throws {
        let x = Matrix((0..<20).map { i -> [Double] in let t = Double(i); return [t, 1, 3 * t - 2] })
        let y = Matrix(rows: 20, columns: 1, storage: (0..<20).map { Double($0 % 5) })
        XCTAssertThrowsError(try LeastSquares.weighted(x, y, weights: [Double](repeating: 1, count: 20))) {
            XCTAssertEqual($0 as? LeastSquaresError, .collinear(column: 2))
        }
        // With weight on a single row, any second column is a multiple of the first there.
        let two = Matrix((0..<20).map { [Double($0) + 1, 1] })
        var w = [Double](repeating: 0, count: 20)
        w[4] = 1
        XCTAssertThrowsError(try LeastSquares.weighted(two, y, weights: w)) {
            XCTAssertEqual($0 as? LeastSquaresError, .collinear(column: 1))
        }
        let ridged = try LeastSquares.weighted(x, y, weights: [Double](repeating: 1, count: 20), ridge: 1e-3)
        XCTAssertTrue(ridged.coefficients.isFinite)
        XCTAssertThrowsError(try LeastSquares.weighted(x, y, weights: [Double](repeating: -1, count: 20)))
    }

    /// K problems sharing a design (a mixture's responsibilities as weights) are the K
    /// single problems, exactly; skipped and rank-deficient ones are reported per problem.
    func testWeightColumnsAreTheSingleProblemsOneByOne() throws {
        for p in [3, 10] {
            let n = 40
            let x = Matrix(rows: n, columns: p, storage: (0..<(n * p)).map { sin(Double($0 * $0) * 0.013) })   // not a linear recurrence
            let y = Matrix(rows: n, columns: 2, storage: (0..<(n * 2)).map { cos(Double($0) * 0.11) })
            var w = Matrix(rows: n, columns: 3)
            for i in 0..<n { w[i, 0] = 0.5 + 0.4 * sin(Double(i)); w[i, 1] = 1 - w[i, 0]; w[i, 2] = i == 7 ? 1 : 0 }
            let all = try LeastSquares.weighted(x, y, weightColumns: w, include: [true, false, true])
            XCTAssertNil(all[1])
            let single = try LeastSquares.weighted(x, y, weights: (0..<n).map { w[$0, 0] })
            XCTAssertEqual(try all[0]!.get().coefficients, single.coefficients, "P = \(p)")
            // One row of weight: every column after the first is a multiple of it there (which
            // column the factorisation stops at depends on rounding).
            guard case .failure(.collinear)? = all[2] else { return XCTFail("P = \(p): \(String(describing: all[2]))") }
        }
    }

    /// The unblocked Cholesky of small orders agrees with LAPACK's DPOTRF to rounding, and
    /// names the first leading minor that is not positive.
    func testSmallCholeskyAgreesWithLAPACK() throws {
        for n in 1...8 {
            let b = Matrix(rows: n, columns: n, storage: (0..<(n * n)).map { sin(Double($0 + 1) * 1.3) })
            var a = b.multiplied(by: b, transposeOther: true)
            for i in 0..<n { a[i, i] += 0.1 }
            var l = a.storage
            XCTAssertEqual(l.withUnsafeMutableBufferPointer { Cholesky.factorSmall($0.baseAddress!, order: n) }, 0)
            // Rounding of a Cholesky factor: a few ulps times the condition of A (≤ 1e4 here).
            XCTAssertLessThan(Matrix(rows: n, columns: n, storage: l).maxAbsDifference(try a.cholesky().lower), 1e-11, "n = \(n)")
        }
        var indefinite = [4.0, 2, 2, 1]   // [[4, 2], [2, 1]]: the second leading minor is 0
        XCTAssertEqual(indefinite.withUnsafeMutableBufferPointer { Cholesky.factorSmall($0.baseAddress!, order: 2) }, 2)
    }
}
