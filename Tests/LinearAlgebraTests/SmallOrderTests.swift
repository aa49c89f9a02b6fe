import XCTest
@testable import LinearAlgebra

/// The plain loops below `SmallOrder`'s limits against BLAS and LAPACK on the same problem:
/// a small matrix padded block-diagonally with the identity (or with zeros, for products) to
/// an order past the limits goes through BLAS/LAPACK, and the padding leaves the leading
/// block's answer unchanged: diag(A, I) factors as diag(L, I), solves block by block, and
/// zero rows and columns add nothing to a product.
final class SmallOrderTests: XCTestCase {
    /// Past both limits (order > 8, and 9³ > 512 multiply–adds).
    let padded = 9

    /// diag(a, I) of order `padded`.
    func padWithIdentity(_ a: Matrix) -> Matrix {
        var p = Matrix.identity(padded)
        for i in 0..<a.rows { for j in 0..<a.columns { p[i, j] = a[i, j] } }
        return p
    }

    /// `a` in the top-left corner of a `rows` × `columns` zero matrix.
    func padWithZeros(_ a: Matrix, rows: Int, columns: Int) -> Matrix {
        var p = Matrix(rows: rows, columns: columns)
        for i in 0..<a.rows { for j in 0..<a.columns { p[i, j] = a[i, j] } }
        return p
    }

    /// The top-left `rows` × `columns` block.
    func block(_ a: Matrix, rows: Int, columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, storage: (0..<rows).flatMap { i in (0..<columns).map { a[i, $0] } })
    }

    /// A well-conditioned SPD matrix of order n: MᵀM + 4n·I with M's entries in −2…2, so its
    /// eigenvalues lie in [4n, 4n + ‖M‖²_F] ⊂ [4n, 4n + 4n²] and its condition number is at most
    /// 1 + n ≤ 9.
    func spd(_ n: Int) -> Matrix {
        let m = Matrix(rows: n, columns: n, storage: (0..<(n * n)).map { Double(($0 * 7 + 3) % 5) - 2 })
        var a = m.multiplied(by: m, transposeSelf: true)
        for i in 0..<n { a[i, i] += Double(n) * 4 }
        return a
    }

    /// Rounding of two different orders of n ≤ 8 operations on a problem of condition
    /// number κ ≤ 9: each result is within about n κ ε of the exact one relative to the
    /// largest entry, 8 · 10 · 2.2e-16 ≈ 1.8e-14; 1e-13 leaves a factor 5.
    let tolerance = 1e-13

    func testProductsMatchBLASExactlyOnIntegers() {
        // Integer entries: every sum is exact on both paths, so the results are equal.
        let a = Matrix(rows: 3, columns: 4, storage: (0..<12).map { Double($0 % 5) - 2 })
        let b = Matrix(rows: 4, columns: 5, storage: (0..<20).map { Double($0 % 7) - 3 })
        let big = padWithZeros(a, rows: 9, columns: 9) * padWithZeros(b, rows: 9, columns: 9)
        XCTAssertEqual(a * b, block(big, rows: 3, columns: 5))
        let at = a.transposed, bt = b.transposed
        XCTAssertEqual(at.multiplied(by: bt, transposeSelf: true, transposeOther: true, alpha: 2), 2 * (a * b))
        XCTAssertEqual(a.multiplied(by: [1, -2, 3, -4]),
                       Array(padWithZeros(a, rows: 9, columns: 64).multiplied(by: [1, -2, 3, -4] + [Double](repeating: 0, count: 60))
                           .prefix(3)))
        XCTAssertEqual(a.gram, block(padWithZeros(a, rows: 9, columns: 9).gram, rows: 4, columns: 4))
        XCTAssertEqual(a.outerGram, block(padWithZeros(a, rows: 9, columns: 9).outerGram, rows: 3, columns: 3))
    }

    func testCholeskySolveAndInverseMatchLAPACK() throws {
        for n in 1...8 {
            let a = spd(n)
            let small = try a.cholesky(), large = try padWithIdentity(a).cholesky()
            let scale = small.lower.storage.map(abs).max()!
            XCTAssertLessThan(small.lower.maxAbsDifference(block(large.lower, rows: n, columns: n)), tolerance * scale)
            XCTAssertEqual(small.logDeterminant, large.logDeterminant, accuracy: tolerance * abs(large.logDeterminant) + tolerance)

            let inverse = small.inverse
            XCTAssertEqual(inverse, inverse.transposed)
            let bigInverse = block(large.inverse, rows: n, columns: n)
            XCTAssertLessThan(inverse.maxAbsDifference(bigInverse), tolerance * bigInverse.storage.map(abs).max()!)

            let b = Matrix(rows: n, columns: 3, storage: (0..<(3 * n)).map { Double($0 % 4) - 1.5 })
            let x = small.solve(b)
            let bigX = block(large.solve(padWithZeros(b, rows: padded, columns: 3)), rows: n, columns: 3)
            XCTAssertLessThan(x.maxAbsDifference(bigX), tolerance * bigX.storage.map(abs).max()!)
            let v = small.solve(b.column(0))
            for i in 0..<n { XCTAssertEqual(v[i], x[i, 0], accuracy: tolerance * abs(x[i, 0]) + tolerance) }

            // X·A = Bᵀ, A symmetric: X = (A⁻¹ B)ᵀ.
            let right = small.solve(fromRight: b.transposed)
            XCTAssertLessThan(right.maxAbsDifference(x.transposed), tolerance * bigX.storage.map(abs).max()!)
        }
    }

    func testTriangularSolvesMatchBLASInEveryVariant() throws {
        let n = 5
        let l = try spd(n).cholesky().lower
        let b = Matrix(rows: n, columns: 4, storage: (0..<(4 * n)).map { Double($0 % 5) - 2 })
        for t in [l, l.transposed] {
            let lower = t == l
            for transpose in [false, true] {
                for unit in [false, true] {
                    let x = t.solveTriangular(b, lower: lower, transpose: transpose, unitDiagonal: unit)
                    let big = padWithIdentity(t).solveTriangular(padWithZeros(b, rows: padded, columns: 4), lower: lower,
                                                                 transpose: transpose, unitDiagonal: unit)
                    let expected = block(big, rows: n, columns: 4)
                    XCTAssertLessThan(x.maxAbsDifference(expected), tolerance * expected.storage.map(abs).max()!)
                    let v = t.solveTriangular(b.column(1), lower: lower, transpose: transpose, unitDiagonal: unit)
                    for i in 0..<n { XCTAssertEqual(v[i], x[i, 1], accuracy: tolerance * abs(x[i, 1]) + tolerance) }
                }
                let bt = b.transposed   // 4 × n: X·op(T) = Bᵀ
                let x = t.solveTriangularFromRight(bt, lower: lower, transpose: transpose)
                let big = padWithIdentity(t).solveTriangularFromRight(padWithZeros(bt, rows: 4, columns: padded),
                                                                      lower: lower, transpose: transpose)
                let expected = block(big, rows: 4, columns: n)
                XCTAssertLessThan(x.maxAbsDifference(expected), tolerance * expected.storage.map(abs).max()!)
            }
        }
    }

    func testSmallCholeskyNamesTheFailingMinor() {
        // Leading minors 4, 4·1 − 2·2 = 0: the second is not positive.
        XCTAssertThrowsError(try Matrix([[4, 2, 0], [2, 1, 0], [0, 0, 1]]).cholesky()) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(order: 2))
        }
        XCTAssertThrowsError(try Matrix([[1, 0], [0, .nan]]).cholesky()) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(order: 2))
        }
        // Beyond the small path (order 9, LAPACKE) a NaN or +∞ in the lower triangle is the same
        // error, at its row; the upper triangle is not read.
        for bad in [Double.nan, .infinity] {
            var a = Matrix.identity(9)
            a[6, 3] = bad
            a[1, 7] = .nan
            XCTAssertThrowsError(try a.cholesky()) { error in
                XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(order: 7))
            }
            var diagonal = Matrix.identity(9)
            diagonal[8, 8] = bad
            XCTAssertThrowsError(try diagonal.cholesky()) { error in
                XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(order: 9))
            }
        }
        var upper = Matrix.identity(9)
        upper[1, 7] = .nan
        XCTAssertNoThrow(try upper.cholesky())
    }

    func testSymmetrizeByAveraging() {
        var m = Matrix([[1, 2], [4, 3]])
        m.symmetrizeByAveraging()
        XCTAssertEqual(m, Matrix([[1, 3], [3, 3]]))
    }
}
