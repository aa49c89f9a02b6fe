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
}
