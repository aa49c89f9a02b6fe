import CLinearAlgebra

/// Pointer- and stride-level BLAS calls for hot loops over blocks of rows (row-major
/// storage throughout; `ld` is the distance in elements between consecutive rows).
/// Everything above LinearAlgebra calls BLAS through these and `Matrix`, never CBLAS.
public enum BLAS {
    /// Whether an operand is used as stored or transposed.
    public enum Transpose: Sendable { case none, transpose }
    /// Which triangle of a triangular or symmetric operand is referenced.
    public enum Triangle: Sendable { case lower, upper }
    /// The side a triangular matrix multiplies from in `trsm`.
    public enum Side: Sendable { case left, right }

    /// `C ← α·op(A)·op(B) + β·C` (DGEMM) with `op(A)` m × k, `op(B)` k × n, `C` m × n.
    public static func gemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                            alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
                            b: UnsafePointer<Double>, ldb: Int,
                            beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int) {
        if m == 0 || n == 0 { return }
        cblas_dgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `C ← α·op(A)·op(A)ᵀ + β·C` (DSYRK) on the `triangle` of the n × n `C`; `op(A)` is
    /// n × k (`.transpose` means `C ← α·AᵀA + β·C` with `A` k × n).
    public static func syrk(_ triangle: Triangle, _ trans: Transpose, n: Int, k: Int, alpha: Double = 1,
                            a: UnsafePointer<Double>, lda: Int, beta: Double = 0,
                            c: UnsafeMutablePointer<Double>, ldc: Int) {
        if n == 0 { return }
        cblas_dsyrk(CblasRowMajor, triangle.cblas, trans.cblas, Int32(n), Int32(k), alpha, a, Int32(lda),
                    beta, c, Int32(ldc))
    }

    /// Solves `op(T)·X = α·B` (`.left`) or `X·op(T) = α·B` (`.right`) in place of the
    /// m × n `B` (DTRSM); `T` is triangular, m × m or n × n.
    public static func trsm(_ side: Side, _ triangle: Triangle, _ trans: Transpose, unitDiagonal: Bool = false,
                            m: Int, n: Int, alpha: Double = 1, t: UnsafePointer<Double>, ldt: Int,
                            b: UnsafeMutablePointer<Double>, ldb: Int) {
        if m == 0 || n == 0 { return }
        cblas_dtrsm(CblasRowMajor, side == .left ? CblasLeft : CblasRight, triangle.cblas, trans.cblas,
                    unitDiagonal ? CblasUnit : CblasNonUnit, Int32(m), Int32(n), alpha, t, Int32(ldt), b, Int32(ldb))
    }

    /// Solves `op(T)·x = b` in place of the n-vector `x` with stride `incx` (DTRSV).
    public static func trsv(_ triangle: Triangle, _ trans: Transpose, unitDiagonal: Bool = false, n: Int,
                            t: UnsafePointer<Double>, ldt: Int, x: UnsafeMutablePointer<Double>, incx: Int = 1) {
        if n == 0 { return }
        cblas_dtrsv(CblasRowMajor, triangle.cblas, trans.cblas, unitDiagonal ? CblasUnit : CblasNonUnit,
                    Int32(n), t, Int32(ldt), x, Int32(incx))
    }

    /// `y ← α·op(A)·x + β·y` (DGEMV), `A` m × n.
    public static func gemv(_ trans: Transpose, m: Int, n: Int, alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
                            x: UnsafePointer<Double>, incx: Int = 1, beta: Double = 0,
                            y: UnsafeMutablePointer<Double>, incy: Int = 1) {
        if m == 0 || n == 0 { return }
        cblas_dgemv(CblasRowMajor, trans.cblas, Int32(m), Int32(n), alpha, a, Int32(lda), x, Int32(incx),
                    beta, y, Int32(incy))
    }
}

extension BLAS.Transpose {
    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

extension BLAS.Triangle {
    var cblas: CBLAS_UPLO { self == .lower ? CblasLower : CblasUpper }
}
