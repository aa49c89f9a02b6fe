import CLinearAlgebra
import Foundation

/// The Cholesky factorisation `A = L·Lᵀ` of a symmetric positive-definite matrix.
public struct Cholesky: Sendable, Equatable {
    /// The lower-triangular factor `L` (upper part zero).
    public let lower: Matrix

    /// Factors `a` (only its lower triangle is read): up to `SmallOrder.order` by the unblocked
    /// loop (`factorSmall`), beyond with LAPACKE_dpotrf.
    /// - Throws: `LinearAlgebraError.notSquare`, or `.notPositiveDefinite(order:)` naming the
    ///   first leading minor that is not positive; a NaN or ±∞ in the lower triangle counts as
    ///   such a minor (at the latest the first row holding one), whatever the order.
    public init(_ a: Matrix) throws {
        guard a.rows == a.columns else { throw LinearAlgebraError.notSquare(rows: a.rows, columns: a.columns) }
        let n = a.rows
        var l = a
        if n > 0 && n <= SmallOrder.order {
            let info = l.storage.withUnsafeMutableBufferPointer { Cholesky.factorSmall($0.baseAddress!, order: n) }
            if info > 0 { throw LinearAlgebraError.notPositiveDefinite(order: info) }
            lower = l
            return
        }
        // LAPACKE would report a non-finite entry as an illegal argument and accept +∞ on the diagonal.
        for i in 0..<n where !(0...i).allSatisfy({ l.storage[i * n + $0].isFinite }) {
            throw LinearAlgebraError.notPositiveDefinite(order: i + 1)
        }
        if n > 0 {
            let info = l.storage.withUnsafeMutableBufferPointer { p in
                LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(n))
            }
            if info > 0 { throw LinearAlgebraError.notPositiveDefinite(order: Int(info)) }
            if info < 0 { throw LinearAlgebraError.illegalArgument(routine: "dpotrf", argument: Int(-info)) }
        }
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { l.storage[i * n + j] = 0 } }
        lower = l
    }

    /// A factor computed in this module (lower triangular, upper part zero).
    init(factored lower: Matrix) {
        self.lower = lower
    }

    /// Factors the n × n row-major matrix at `a` in place by the unblocked Cholesky loop
    /// (its lower triangle is read; on success it holds L, with zeros above the diagonal).
    /// For the few orders (≤ 8) of small normal equations, where LAPACKE's row-major
    /// transposition copies and call overhead cost more than the n³/3 operations.
    /// - Returns: 0, or the order (1-based) of the first leading minor that is not positive.
    static func factorSmall(_ a: UnsafeMutablePointer<Double>, order n: Int) -> Int {
        for j in 0..<n {
            var d = a[j * n + j]
            for l in 0..<j { d -= a[j * n + l] * a[j * n + l] }
            guard d > 0, d.isFinite else { return j + 1 }
            let ljj = d.squareRoot()
            a[j * n + j] = ljj
            for i in (j + 1)..<max(j + 1, n) {
                var s = a[i * n + j]
                for l in 0..<j { s -= a[i * n + l] * a[j * n + l] }
                a[i * n + j] = s / ljj
                a[j * n + i] = 0
            }
        }
        return 0
    }

    /// Solves L·Lᵀ·X = B in place of the n × m row-major `b`, by forward and back substitution
    /// (`Matrix.substituteSmall`) with the factor `l` from `factorSmall`.
    static func solveSmall(_ l: UnsafePointer<Double>, order n: Int, _ b: UnsafeMutablePointer<Double>, columns m: Int) {
        Matrix.substituteSmall(l, order: n, lower: true, transpose: false, unitDiagonal: false, b, columns: m,
                               rowStride: m, columnStride: 1)
        Matrix.substituteSmall(l, order: n, lower: true, transpose: true, unitDiagonal: false, b, columns: m,
                               rowStride: m, columnStride: 1)
    }

    /// The order of the factored matrix.
    public var order: Int { lower.rows }

    /// `log det A = 2 Σ log Lᵢᵢ`.
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<order { s += log(lower.storage[i * order + i]) }
        return 2 * s
    }

    /// Solves `A·X = B` for `X`: two triangular solves in place of one copy of B (substitution
    /// up to `SmallOrder.order`, else DTRSM).
    public func solve(_ b: Matrix) -> Matrix {
        var x = b
        lower.solveTriangular(inPlace: &x, lower: true)
        lower.solveTriangular(inPlace: &x, lower: true, transpose: true)
        return x
    }

    /// Solves `A·x = b` for a vector (substitution up to `SmallOrder.order`, else DTRSV).
    public func solve(_ b: [Double]) -> [Double] {
        let y = lower.solveTriangular(b, lower: true)
        return lower.solveTriangular(y, lower: true, transpose: true)
    }

    /// Solves `X·A = B` for `X` (B has `order` columns): as A is symmetric, Xᵀ = A⁻¹Bᵀ, by
    /// X = B·L⁻ᵀ·L⁻¹, two triangular solves from the right, with no transposed copies.
    public func solve(fromRight b: Matrix) -> Matrix {
        var x = b
        lower.solveTriangularFromRight(inPlace: &x, lower: true, transpose: true)
        lower.solveTriangularFromRight(inPlace: &x, lower: true)
        return x
    }

    /// `A⁻¹`, symmetric: up to `SmallOrder.order` as the solution of A·X = I (substitution),
    /// beyond by LAPACKE_dpotri on the factor; either way its lower triangle mirrored.
    public var inverse: Matrix {
        let n = order
        if n <= SmallOrder.order {
            var inv = Matrix.identity(n)
            lower.solveTriangular(inPlace: &inv, lower: true)
            lower.solveTriangular(inPlace: &inv, lower: true, transpose: true)
            inv.symmetrizeFromLower()
            return inv
        }
        var inv = lower
        if n > 0 {
            _ = inv.storage.withUnsafeMutableBufferPointer { p in
                LAPACKE_dpotri(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(n))
            }
        }
        inv.symmetrizeFromLower()
        return inv
    }
}

extension Matrix {
    /// The Cholesky factorisation of this symmetric positive-definite matrix.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite(order:)` when it is not.
    public func cholesky() throws -> Cholesky { try Cholesky(self) }

    /// `log det` of a symmetric positive-definite matrix, via Cholesky.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite(order:)` when it is not.
    public func logDeterminantSPD() throws -> Double { try Cholesky(self).logDeterminant }
}
