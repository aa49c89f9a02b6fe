import CLinearAlgebra

/// Eigen-decomposition `A = V·diag(λ)·Vᵀ` of a symmetric matrix (LAPACKE_dsyevd).
public struct SymmetricEigen: Sendable, Equatable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Orthonormal eigenvectors as the columns of this matrix (column `j` belongs to `values[j]`).
    public let vectors: Matrix

    /// Below this order the decomposition runs on one OpenBLAS thread. DSYEVD's reduction to
    /// tridiagonal form makes one DSYMV per column, which OpenBLAS 0.3.21 splits over its
    /// threads at any size: at order 10 that is a wake-up per 100 multiply–adds, and the woken
    /// thread then spins in `sched_yield` for about 0.1 s, burning the other core through
    /// whatever runs next (a model's start is followed by its fit).
    static let threadedOrder = 128

    /// Decomposes the symmetric matrix `a` (its lower triangle is read).
    /// - Throws: `.notSquare`, or `.didNotConverge` if LAPACK fails.
    public init(_ a: Matrix) throws {
        guard a.rows == a.columns else { throw LinearAlgebraError.notSquare(rows: a.rows, columns: a.columns) }
        let n = a.rows
        var v = a
        var w = [Double](repeating: 0, count: n)
        if n > 0 {
            let info = BLASThreads.withThreads(n < Self.threadedOrder ? 1 : BLASThreads.current) {
                v.storage.withUnsafeMutableBufferPointer { p in
                    LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "L")), Int32(n),
                                   p.baseAddress, Int32(n), &w)
                }
            }
            if info > 0 { throw LinearAlgebraError.didNotConverge(routine: "dsyevd", info: Int(info)) }
            if info < 0 { throw LinearAlgebraError.illegalArgument(routine: "dsyevd", argument: Int(-info)) }
        }
        values = w
        vectors = v
    }
}

extension Matrix {
    /// Eigenvalues and eigenvectors of this symmetric matrix.
    public func symmetricEigen() throws -> SymmetricEigen { try SymmetricEigen(self) }
}
