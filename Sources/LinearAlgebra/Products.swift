import CLinearAlgebra

/// Matrix products through CBLAS (DGEMM, DSYRK, DGEMV), or plain loops for products of at
/// most `SmallOrder.products` multiply–adds.
extension Matrix {
    /// `op(self) · op(other)` via DGEMM (or the plain triple loop when small), where `op`
    /// transposes when asked.
    ///
    /// - Parameters:
    ///   - other: the right operand.
    ///   - transposeSelf: use `selfᵀ` instead of `self`.
    ///   - transposeOther: use `otherᵀ` instead of `other`.
    ///   - alpha: scale applied to the product.
    public func multiplied(by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false,
                           alpha: Double = 1) -> Matrix {
        let m = transposeSelf ? columns : rows
        let k = transposeSelf ? rows : columns
        let k2 = transposeOther ? other.columns : other.rows
        let n = transposeOther ? other.rows : other.columns
        precondition(k == k2, "multiplied(by:): inner dimensions \(k) and \(k2) differ")
        var c = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 || k == 0 { return c }
        if m * n * k <= SmallOrder.products {
            // op(A)ᵢₗ at a[i sᵢ + l sₗ]: (columns, 1) as stored, (1, columns) transposed; the same for B.
            let (ai, al) = transposeSelf ? (1, columns) : (columns, 1)
            let (bl, bj) = transposeOther ? (1, other.columns) : (other.columns, 1)
            storage.withUnsafeBufferPointer { a in
                other.storage.withUnsafeBufferPointer { b in
                    c.storage.withUnsafeMutableBufferPointer { cp in
                        for i in 0..<m {
                            for j in 0..<n {
                                var s = 0.0
                                for l in 0..<k { s += a[i * ai + l * al] * b[l * bl + j * bj] }
                                cp[i * n + j] = alpha * s
                            }
                        }
                    }
                }
            }
            return c
        }
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    cblas_dgemm(CblasRowMajor, transposeSelf ? CblasTrans : CblasNoTrans,
                                transposeOther ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), alpha,
                                a.baseAddress, Int32(columns), b.baseAddress, Int32(other.columns),
                                0, cp.baseAddress, Int32(n))
                }
            }
        }
        return c
    }

    /// Matrix product `lhs · rhs` (DGEMM).
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.multiplied(by: rhs) }

    /// Matrix–vector product `self · v` (DGEMV, or the plain loop when small).
    public func multiplied(by v: [Double]) -> [Double] {
        precondition(v.count == columns, "multiplied(by:): vector has \(v.count) elements, matrix has \(columns) columns")
        var y = [Double](repeating: 0, count: rows)
        if rows == 0 || columns == 0 { return y }
        v.withUnsafeBufferPointer { vp in
            y.withUnsafeMutableBufferPointer { multiply(vp.baseAddress!, into: $0.baseAddress!) }
        }
        return y
    }

    /// `self · v` written to `y` (`rows` elements; `v` has `columns`): `multiplied(by:)`
    /// without a new array, for callers that fill one buffer with several products (a
    /// model's per-component vectors side by side). Neither dimension may be 0.
    public func multiply(_ v: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        if rows * columns <= SmallOrder.products {
            storage.withUnsafeBufferPointer { a in
                for i in 0..<rows {
                    var s = 0.0
                    for j in 0..<columns { s += a[i * columns + j] * v[j] }
                    y[i] = s
                }
            }
            return
        }
        cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(columns), 1, storage, Int32(columns),
                    v, 1, 0, y, 1)
    }

    /// The Gram matrix `selfᵀ · self` (columns × columns), symmetric, via DSYRK.
    public var gram: Matrix { symmetricRankK(transpose: true) }

    /// The outer Gram matrix `self · selfᵀ` (rows × rows), symmetric, via DSYRK.
    public var outerGram: Matrix { symmetricRankK(transpose: false) }

    /// `selfᵀ·self` (`transpose`) or `self·selfᵀ`: DSYRK (or the plain loop when small) fills
    /// the upper triangle, which is then mirrored onto the lower one.
    private func symmetricRankK(transpose: Bool) -> Matrix {
        let n = transpose ? columns : rows, k = transpose ? rows : columns
        var c = Matrix(rows: n, columns: n)
        if n == 0 || k == 0 { return c }
        if n * n * k <= SmallOrder.products {
            // Element (i, l) of the n × k factor op(A) sits at a[i sᵢ + l sₗ].
            let (si, sl) = transpose ? (1, columns) : (columns, 1)
            storage.withUnsafeBufferPointer { a in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    for i in 0..<n {
                        for j in i..<n {
                            var s = 0.0
                            for l in 0..<k { s += a[i * si + l * sl] * a[j * si + l * sl] }
                            cp[i * n + j] = s
                        }
                    }
                }
            }
            c.symmetrizeFromUpper()
            return c
        }
        storage.withUnsafeBufferPointer { a in
            c.storage.withUnsafeMutableBufferPointer { cp in
                cblas_dsyrk(CblasRowMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans, Int32(n), Int32(k), 1,
                            a.baseAddress, Int32(columns), 0, cp.baseAddress, Int32(n))
            }
        }
        c.symmetrizeFromUpper()
        return c
    }

    /// Copies the upper triangle onto the lower one (square matrices).
    public mutating func symmetrizeFromUpper() {
        precondition(rows == columns, "symmetrizeFromUpper needs a square matrix")
        let n = rows
        storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<n { for j in 0..<i { p[i * n + j] = p[j * n + i] } }
        }
    }

    /// Copies the lower triangle onto the upper one (square matrices).
    public mutating func symmetrizeFromLower() {
        precondition(rows == columns, "symmetrizeFromLower needs a square matrix")
        let n = rows
        storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { p[i * n + j] = p[j * n + i] } }
        }
    }

    /// Replaces this square matrix by ½(A + Aᵀ), in place: the symmetric part, which removes
    /// the rounding asymmetry of a product such as L⁻¹ Σ L⁻ᵀ.
    public mutating func symmetrizeByAveraging() {
        precondition(rows == columns, "symmetrizeByAveraging needs a square matrix")
        let n = rows
        storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<n {
                for j in i..<n {
                    let v = 0.5 * (p[i * n + j] + p[j * n + i])
                    p[i * n + j] = v
                    p[j * n + i] = v
                }
            }
        }
    }

    /// Element-wise sum.
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        var r = lhs
        r += rhs
        return r
    }

    /// Element-wise sum in place of `lhs` (the same sums as `+`, without a new matrix).
    public static func += (lhs: inout Matrix, rhs: Matrix) {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "+=: shapes differ")
        for i in 0..<lhs.storage.count { lhs.storage[i] += rhs.storage[i] }
    }

    /// Element-wise difference.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "-: shapes differ")
        var r = lhs
        for i in 0..<r.storage.count { r.storage[i] -= rhs.storage[i] }
        return r
    }

    /// Scalar multiple.
    public static func * (lhs: Double, rhs: Matrix) -> Matrix {
        var r = rhs
        for i in 0..<r.storage.count { r.storage[i] *= lhs }
        return r
    }

    /// The largest absolute element-wise difference to `other` (same shape).
    public func maxAbsDifference(_ other: Matrix) -> Double {
        precondition(rows == other.rows && columns == other.columns, "maxAbsDifference: shapes differ")
        var m = 0.0
        for i in 0..<storage.count { m = max(m, abs(storage[i] - other.storage[i])) }
        return m
    }
}

/// Dot product of two vectors of equal length (DDOT).
public func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
    if a.isEmpty { return 0 }
    return dot(a, b, count: a.count)
}

/// Dot product of `count` elements at `a` and `b` (DDOT), for vectors inside larger buffers.
public func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
    cblas_ddot(Int32(count), a, 1, b, 1)
}
