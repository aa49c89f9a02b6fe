import CLinearAlgebra
import Foundation

/// Least squares through LAPACK, never through an explicit inverse.
public enum LeastSquares {
    /// Below this, the squared sine of the angle between a column of `√w·X` and the span of
    /// the columns before it counts as zero: the column is a linear combination of those.
    public static let collinearityThreshold = 1e-10

    /// Up to this many design columns the Gram matrix is accumulated row by row, which beats
    /// copying the weighted design for DSYRK.
    static let smallDesign = 8

    /// Weighted least squares: B = argmin Σₙ wₙ ‖yₙ − xₙB‖² + ridge·‖B‖².
    ///
    /// Forms the Gram matrix G = Xᵀ W X + ridge·I (with DSYRK on the rows of X scaled by √wₙ, or
    /// row by row for a few columns),
    /// factors it with Cholesky (LAPACKE_dpotrf) and solves G·B = Xᵀ W Y with two triangular
    /// solves (DTRSM). The returned factor also gives (XᵀWX + ridge·I)⁻¹ products for
    /// standard errors.
    ///
    /// - Parameters:
    ///   - x: the design, N × P.
    ///   - y: the targets, N × T.
    ///   - weights: N non-negative weights.
    ///   - ridge: ≥ 0, added to every diagonal element of XᵀWX.
    /// - Throws: `LeastSquaresError.collinear(column:)` when column `column` (0-based) of the
    ///   weighted design is (numerically) a linear combination of the columns before it (with
    ///   `ridge > 0`, only when the ridged Gram matrix is still not positive definite), and
    ///   `.invalidInput` for mismatched shapes or negative or non-finite weights.
    public static func weighted(_ x: Matrix, _ y: Matrix, weights: [Double], ridge: Double = 0) throws
        -> WeightedLeastSquares {
        let n = x.rows, p = x.columns, t = y.columns
        guard y.rows == n else { throw LeastSquaresError.invalidInput("the design has \(n) rows, the targets \(y.rows)") }
        guard weights.count == n else { throw LeastSquaresError.invalidInput("\(weights.count) weights for \(n) rows") }
        guard ridge >= 0, ridge.isFinite else { throw LeastSquaresError.invalidInput("ridge must be finite and ≥ 0, got \(ridge)") }
        guard weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw LeastSquaresError.invalidInput("weights must be finite and non-negative")
        }
        guard p > 0 else { throw LeastSquaresError.invalidInput("the design has no columns") }
        var gram: Matrix
        var rhs: Matrix
        if p <= smallDesign {
            // Few columns: XᵀWX (upper triangle) and XᵀWY in one pass over the rows, no copies.
            gram = Matrix(rows: p, columns: p)
            rhs = Matrix(rows: p, columns: t)
            x.storage.withUnsafeBufferPointer { xp in
                y.storage.withUnsafeBufferPointer { yp in
                    gram.storage.withUnsafeMutableBufferPointer { g in
                        rhs.storage.withUnsafeMutableBufferPointer { b in
                            for i in 0..<n {
                                let w = weights[i]
                                if w == 0 { continue }
                                let row = xp.baseAddress! + i * p
                                for a in 0..<p {
                                    let wa = w * row[a]
                                    for c in a..<p { g[a * p + c] += wa * row[c] }
                                    for j in 0..<t { b[a * t + j] += wa * yp[i * t + j] }
                                }
                            }
                        }
                    }
                }
            }
            gram.symmetrizeFromUpper()
        } else {
            // √w·X and √w·Y, then DSYRK and DGEMM.
            var xw = x, yw = y
            xw.storage.withUnsafeMutableBufferPointer { xp in
                yw.storage.withUnsafeMutableBufferPointer { yp in
                    for i in 0..<n {
                        let s = weights[i].squareRoot()
                        for j in 0..<p { xp[i * p + j] *= s }
                        for j in 0..<t { yp[i * t + j] *= s }
                    }
                }
            }
            gram = xw.gram
            rhs = xw.multiplied(by: yw, transposeSelf: true)
        }
        let diagonal = gram.diagonalElements
        for j in 0..<p { gram.storage[j * p + j] += ridge }
        let factor: Cholesky
        do {
            factor = try Cholesky(gram)
        } catch LinearAlgebraError.notPositiveDefinite(let order) {
            throw LeastSquaresError.collinear(column: order - 1)
        }
        // L_jj² is G_jj times the squared sine of the angle between column j and the span of
        // the columns before it; a tiny ratio means column j adds nothing. A positive ridge
        // makes the problem well posed whatever the columns.
        for j in 0..<p where ridge == 0 {
            let l = factor.lower.storage[j * p + j]
            let scale = diagonal[j] + ridge
            if scale <= 0 || l * l <= collinearityThreshold * scale { throw LeastSquaresError.collinear(column: j) }
        }
        let coefficients = factor.solve(rhs)
        return WeightedLeastSquares(coefficients: coefficients, factor: factor)
    }
}

/// The solution of a weighted least-squares problem and the Cholesky factor of its
/// (ridged) Gram matrix XᵀWX + ridge·I.
public struct WeightedLeastSquares: Sendable {
    /// B, P × T.
    public let coefficients: Matrix
    /// Cholesky factor of XᵀWX + ridge·I (P × P).
    public let factor: Cholesky

    /// The diagonal of (XᵀWX + ridge·I)⁻¹, from triangular solves of the factor (for
    /// standard errors σ²·diag).
    public var inverseGramDiagonal: [Double] {
        let p = factor.order
        let lInverse = factor.lower.solveTriangular(Matrix.identity(p), lower: true)
        // (LLᵀ)⁻¹ = L⁻ᵀL⁻¹, whose diagonal j is Σᵢ (L⁻¹)ᵢⱼ².
        return (0..<p).map { j in (0..<p).reduce(0.0) { $0 + lInverse[$1, j] * lInverse[$1, j] } }
    }
}

/// Why a least-squares problem could not be solved.
public enum LeastSquaresError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Column `column` (0-based) of the weighted design is a linear combination of the earlier ones.
    case collinear(column: Int)
    /// Shapes or weights are invalid.
    case invalidInput(String)

    public var description: String {
        switch self {
        case .collinear(let column):
            return "column \(column + 1) of the design is a linear combination of the columns before it "
                + "(remove it, or use a ridge)"
        case .invalidInput(let why):
            return "least squares: \(why)"
        }
    }
}
