import CLinearAlgebra

/// Triangular solves and products (DTRSM, DTRSV, DTRMM; substitution loops up to `SmallOrder.order`).
extension Matrix {
    /// Solves `op(T)·X = B` in place of the n × m matrix `b` whose element (i, c) sits at
    /// `b[i·rowStride + c·columnStride]` (row-major: m and 1; a row-major m × n matrix read as
    /// its transpose: 1 and n), with `t` the n × n row-major triangular matrix, by substitution:
    /// op(T) lower (T lower and not transposed, or upper and transposed) runs forward,
    /// xᵢ = (bᵢ − Σ_{o<i} op(T)ᵢₒ xₒ) / op(T)ᵢᵢ, else backward over o > i; each sum runs in
    /// increasing o. For orders ≤ `SmallOrder.order`, where DTRSM's call overhead exceeds the
    /// n² m / 2 multiply–adds.
    static func substituteSmall(_ t: UnsafePointer<Double>, order n: Int, lower: Bool, transpose: Bool,
                                unitDiagonal: Bool, _ b: UnsafeMutablePointer<Double>, columns m: Int,
                                rowStride: Int, columnStride: Int) {
        let forward = lower != transpose
        // op(T)ᵢₒ sits at t[i n + o], or at t[o n + i] when transposed.
        let (ti, to) = transpose ? (1, n) : (n, 1)
        for c in 0..<m {
            let x = b + c * columnStride
            for step in 0..<n {
                let i = forward ? step : n - 1 - step
                let others = forward ? 0..<i : (i + 1)..<n
                var s = x[i * rowStride]
                for o in others { s -= t[i * ti + o * to] * x[o * rowStride] }
                x[i * rowStride] = unitDiagonal ? s : s / t[i * n + i]
            }
        }
    }

    /// Solves `op(T)·X = B` where `T` is this triangular matrix (DTRSM, or `substituteSmall`).
    /// - Parameters:
    ///   - b: the right-hand side, `rows × k`.
    ///   - lower: whether `T` is lower (else upper) triangular.
    ///   - transpose: solve with `Tᵀ`.
    ///   - unitDiagonal: assume ones on the diagonal.
    public func solveTriangular(_ b: Matrix, lower: Bool, transpose: Bool = false, unitDiagonal: Bool = false) -> Matrix {
        var x = b
        solveTriangular(inPlace: &x, lower: lower, transpose: transpose, unitDiagonal: unitDiagonal)
        return x
    }

    /// `solveTriangular(_:lower:transpose:unitDiagonal:)` overwriting `b` with X: both
    /// DTRSM and the substitution loops work in place, so a caller that owns `b` (and needs
    /// it no more) saves the copy, which for the models' d × d algebra costs more than the solve.
    public func solveTriangular(inPlace b: inout Matrix, lower: Bool, transpose: Bool = false,
                                unitDiagonal: Bool = false) {
        precondition(rows == columns, "solveTriangular: matrix must be square")
        precondition(b.rows == rows, "solveTriangular: right-hand side has \(b.rows) rows, expected \(rows)")
        if rows == 0 || b.columns == 0 { return }
        if rows <= SmallOrder.order {
            solveSmall(&b.storage, columns: b.columns, lower: lower, transpose: transpose, unitDiagonal: unitDiagonal)
            return
        }
        let m = b.columns
        storage.withUnsafeBufferPointer { t in
            b.storage.withUnsafeMutableBufferPointer { xp in
                cblas_dtrsm(CblasRowMajor, CblasLeft, lower ? CblasLower : CblasUpper,
                            transpose ? CblasTrans : CblasNoTrans, unitDiagonal ? CblasUnit : CblasNonUnit,
                            Int32(rows), Int32(m), 1, t.baseAddress, Int32(columns), xp.baseAddress, Int32(m))
            }
        }
    }

    /// Solves `op(T)·x = b` for a vector (DTRSV, or `substituteSmall`).
    public func solveTriangular(_ b: [Double], lower: Bool, transpose: Bool = false, unitDiagonal: Bool = false) -> [Double] {
        precondition(rows == columns, "solveTriangular: matrix must be square")
        precondition(b.count == rows, "solveTriangular: right-hand side has \(b.count) elements, expected \(rows)")
        var x = b
        if rows == 0 { return x }
        if rows <= SmallOrder.order {
            solveSmall(&x, columns: 1, lower: lower, transpose: transpose, unitDiagonal: unitDiagonal)
            return x
        }
        cblas_dtrsv(CblasRowMajor, lower ? CblasLower : CblasUpper, transpose ? CblasTrans : CblasNoTrans,
                    unitDiagonal ? CblasUnit : CblasNonUnit, Int32(rows), storage, Int32(columns), &x, 1)
        return x
    }

    /// `substituteSmall` with this matrix on the rows × `columns` row-major `b` (`fromRight`:
    /// X·op(T) = B on the `columns` × rows row-major `b`, which is op(T)ᵀ·Xᵀ = Bᵀ).
    private func solveSmall(_ b: inout [Double], columns: Int, lower: Bool, transpose: Bool, unitDiagonal: Bool,
                            fromRight: Bool = false) {
        let n = rows
        storage.withUnsafeBufferPointer { t in
            b.withUnsafeMutableBufferPointer {
                Matrix.substituteSmall(t.baseAddress!, order: n, lower: lower, transpose: transpose != fromRight,
                                       unitDiagonal: unitDiagonal, $0.baseAddress!, columns: columns,
                                       rowStride: fromRight ? 1 : columns, columnStride: fromRight ? n : 1)
            }
        }
    }

    /// Solves `X·op(T) = B` where `T` is this triangular matrix (DTRSM from the right, or `substituteSmall`).
    public func solveTriangularFromRight(_ b: Matrix, lower: Bool, transpose: Bool = false) -> Matrix {
        var x = b
        solveTriangularFromRight(inPlace: &x, lower: lower, transpose: transpose)
        return x
    }

    /// `solveTriangularFromRight(_:lower:transpose:)` overwriting `b` with X (no copy; see
    /// `solveTriangular(inPlace:lower:transpose:unitDiagonal:)`).
    public func solveTriangularFromRight(inPlace b: inout Matrix, lower: Bool, transpose: Bool = false) {
        precondition(rows == columns, "solveTriangularFromRight: matrix must be square")
        precondition(b.columns == rows, "solveTriangularFromRight: left-hand side has \(b.columns) columns, expected \(rows)")
        if rows == 0 || b.rows == 0 { return }
        if rows <= SmallOrder.order {
            solveSmall(&b.storage, columns: b.rows, lower: lower, transpose: transpose, unitDiagonal: false, fromRight: true)
            return
        }
        let m = b.rows, ldb = b.columns
        storage.withUnsafeBufferPointer { t in
            b.storage.withUnsafeMutableBufferPointer { xp in
                cblas_dtrsm(CblasRowMajor, CblasRight, lower ? CblasLower : CblasUpper,
                            transpose ? CblasTrans : CblasNoTrans, CblasNonUnit,
                            Int32(m), Int32(rows), 1, t.baseAddress, Int32(columns), xp.baseAddress, Int32(ldb))
            }
        }
    }

    /// Inverse of a triangular matrix (LAPACKE_dtrtri).
    /// - Throws: `LinearAlgebraError.singular(index:)` on a zero diagonal element.
    public func triangularInverse(lower: Bool) throws -> Matrix {
        guard rows == columns else { throw LinearAlgebraError.notSquare(rows: rows, columns: columns) }
        var inv = self
        if rows == 0 { return inv }
        let info = inv.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dtrtri(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: lower ? "L" : "U")), Int8(UInt8(ascii: "N")),
                           Int32(rows), p.baseAddress, Int32(rows))
        }
        if info > 0 { throw LinearAlgebraError.singular(index: Int(info) - 1) }
        return inv
    }
}
