/// Where LinearAlgebra stops calling BLAS and LAPACK and runs plain loops instead.
///
/// A CBLAS or LAPACKE call on a row-major 2 × 2 costs far more than its arithmetic: LAPACKE
/// copies the matrix into column-major scratch (malloc, transpose, NaN scan, `lsame` on the
/// flags) and back; OpenBLAS's level-3 routines take a lock and a buffer from their memory
/// pool; every call checks its arguments. For a factorisation of order n the work is n³/3
/// multiply–adds, about 170 at n = 8, well under that overhead, so below these limits the
/// loops are both faster and the same for every caller (the models' per-iteration d × d
/// algebra). Results differ from BLAS's at rounding level only (other summation order,
/// division rather than multiplication by a reciprocal, no FMA).
enum SmallOrder {
    /// Cholesky factorisations, solves, inverses and triangular solves of order ≤ this.
    static let order = 8
    /// Matrix products (GEMM, SYRK, GEMV) of at most this many multiply–adds (8³).
    static let products = 512
}
