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
    /// row by row for a few columns), factors it by Cholesky and solves G·B = Xᵀ W Y with two
    /// triangular solves (see `weighted(_:_:weightColumns:ridge:include:)`, of which this is
    /// the one-column case). The returned factor also gives (XᵀWX + ridge·I)⁻¹ products for
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
        guard weights.count == x.rows else { throw LeastSquaresError.invalidInput("\(weights.count) weights for \(x.rows) rows") }
        let w = Matrix(rows: weights.count, columns: 1, storage: weights)
        return try weighted(x, y, weightColumns: w, ridge: ridge, include: [true])[0]!.get()
    }

    /// K weighted least-squares problems on one design, the weights of problem k being column k
    /// of the N × K `weightColumns` (a mixture's responsibilities): Bₖ = argmin Σₙ wₙₖ ‖yₙ − xₙB‖²
    /// + ridge·‖B‖². Problems with `include[k] == false` are skipped (`nil`).
    ///
    /// Up to `smallDesign` columns all K Gram matrices XᵀWₖX and right-hand sides XᵀWₖY are
    /// accumulated in one pass over the rows, and each is factored by the unblocked Cholesky
    /// loop (`Cholesky.factorSmall`: at this size LAPACKE's row-major copies cost more than the
    /// arithmetic) and solved by substitution. Beyond, each problem uses DSYRK and DGEMM on
    /// √wₖ·X and √wₖ·Y, LAPACK's DPOTRF and DTRSM. Never an explicit inverse.
    ///
    /// - Returns: per problem its solution, or `.failure(.collinear(column:))` when column
    ///   `column` of its weighted design is (numerically) a combination of the columns before it.
    /// - Throws: `LeastSquaresError.invalidInput` for mismatched shapes, a negative or
    ///   non-finite ridge or weight.
    public static func weighted(_ x: Matrix, _ y: Matrix, weightColumns w: Matrix, ridge: Double = 0,
                                include: [Bool]) throws -> [Result<WeightedLeastSquares, LeastSquaresError>?] {
        let n = x.rows, p = x.columns, t = y.columns, k = w.columns
        guard y.rows == n else { throw LeastSquaresError.invalidInput("the design has \(n) rows, the targets \(y.rows)") }
        guard w.rows == n else { throw LeastSquaresError.invalidInput("\(w.rows) weights for \(n) rows") }
        guard include.count == k else { throw LeastSquaresError.invalidInput("\(include.count) flags for \(k) weight columns") }
        guard ridge >= 0, ridge.isFinite else { throw LeastSquaresError.invalidInput("ridge must be finite and ≥ 0, got \(ridge)") }
        for v in w.storage where !(v >= 0 && v.isFinite) {
            throw LeastSquaresError.invalidInput("weights must be finite and non-negative")
        }
        guard p > 0 else { throw LeastSquaresError.invalidInput("the design has no columns") }
        if p <= smallDesign {
            // Every row's products vₐv_b of v = (xₙ, yₙ) that XᵀWX (upper triangle) and XᵀWY need,
            // L = P(P+1)/2 + P·T of them, computed once and added, weighted, to each problem's
            // packed sums: one flat loop of length L per row and problem.
            var first: [Int] = [], second: [Int] = []
            for a in 0..<p {
                for o in a..<p { first.append(a); second.append(o) }
                for j in 0..<t { first.append(a); second.append(p + j) }
            }
            let length = first.count
            let used = include.indices.filter { include[$0] }
            var sums = [Double](repeating: 0, count: k * length)
            x.storage.withUnsafeBufferPointer { xp in
                y.storage.withUnsafeBufferPointer { yp in
                    w.storage.withUnsafeBufferPointer { wp in
                        sums.withUnsafeMutableBufferPointer { sp in
                            first.withUnsafeBufferPointer { fa in
                                second.withUnsafeBufferPointer { fb in
                                    let v = UnsafeMutablePointer<Double>.allocate(capacity: p + t)
                                    let products = UnsafeMutablePointer<Double>.allocate(capacity: length)
                                    defer { v.deallocate(); products.deallocate() }
                                    // Index arithmetic wraps (&+, &*): the sizes were checked above.
                                    for i in 0..<n {
                                        for a in 0..<p { v[a] = xp[i &* p &+ a] }
                                        for j in 0..<t { v[p &+ j] = yp[i &* t &+ j] }
                                        for z in 0..<length { products[z] = v[fa[z]] * v[fb[z]] }
                                        for c in used {
                                            let weight = wp[i &* k &+ c]
                                            if weight == 0 { continue }
                                            let acc = sp.baseAddress! + c &* length
                                            for z in 0..<length { acc[z] += weight * products[z] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return (0..<k).map { c in
                guard include[c] else { return nil }
                var gram = [Double](repeating: 0, count: p * p), rhs = [Double](repeating: 0, count: p * t)
                for z in 0..<length {
                    let a = first[z], b = second[z], value = sums[c * length + z]
                    if b < p { gram[a * p + b] = value } else { rhs[a * t + b - p] = value }
                }
                return solveSmall(gram: gram, rhs: rhs, order: p, targets: t, ridge: ridge)
            }
        }
        return (0..<k).map { c in
            guard include[c] else { return nil }
            // √w·X and √w·Y, then DSYRK and DGEMM.
            var xw = x, yw = y
            xw.storage.withUnsafeMutableBufferPointer { xp in
                yw.storage.withUnsafeMutableBufferPointer { yp in
                    for i in 0..<n {
                        let s = w.storage[i * k + c].squareRoot()
                        for j in 0..<p { xp[i * p + j] *= s }
                        for j in 0..<t { yp[i * t + j] *= s }
                    }
                }
            }
            var gram = xw.gram
            let diagonal = gram.diagonalElements
            for j in 0..<p { gram.storage[j * p + j] += ridge }
            let factor: Cholesky
            do {
                factor = try Cholesky(gram)
            } catch LinearAlgebraError.notPositiveDefinite(let order) {
                return .failure(.collinear(column: order - 1))
            } catch {
                return .failure(.invalidInput("\(error)"))
            }
            if let column = collinearColumn(factor.lower.storage, diagonal: diagonal, order: p, ridge: ridge) {
                return .failure(.collinear(column: column))
            }
            return .success(WeightedLeastSquares(coefficients: factor.solve(xw.multiplied(by: yw, transposeSelf: true)),
                                                 factor: factor))
        }
    }

    /// One small problem from its Gram matrix (upper triangle filled) and right-hand side.
    private static func solveSmall(gram: [Double], rhs: [Double], order p: Int, targets t: Int, ridge: Double)
        -> Result<WeightedLeastSquares, LeastSquaresError> {
        var l = gram
        var diagonal = [Double](repeating: 0, count: p)
        for a in 0..<p {
            diagonal[a] = l[a * p + a]
            for o in 0..<a { l[a * p + o] = l[o * p + a] }   // the lower triangle from the upper
            l[a * p + a] += ridge
        }
        var b = rhs
        let failed = l.withUnsafeMutableBufferPointer { lp in
            let info = Cholesky.factorSmall(lp.baseAddress!, order: p)
            if info == 0 { b.withUnsafeMutableBufferPointer { Cholesky.solveSmall(lp.baseAddress!, order: p, $0.baseAddress!, columns: t) } }
            return info
        }
        if failed > 0 { return .failure(.collinear(column: failed - 1)) }
        if let column = collinearColumn(l, diagonal: diagonal, order: p, ridge: ridge) { return .failure(.collinear(column: column)) }
        return .success(WeightedLeastSquares(coefficients: Matrix(rows: p, columns: t, storage: b),
                                             factor: Cholesky(factored: Matrix(rows: p, columns: p, storage: l))))
    }

    /// L_jj² is G_jj times the squared sine of the angle between column j and the span of the
    /// columns before it; a tiny ratio means column j adds nothing. A positive ridge makes the
    /// problem well posed whatever the columns.
    private static func collinearColumn(_ lower: [Double], diagonal: [Double], order p: Int, ridge: Double) -> Int? {
        guard ridge == 0 else { return nil }
        for j in 0..<p {
            let l = lower[j * p + j]
            let scale = diagonal[j]
            if scale <= 0 || l * l <= collinearityThreshold * scale { return j }
        }
        return nil
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
