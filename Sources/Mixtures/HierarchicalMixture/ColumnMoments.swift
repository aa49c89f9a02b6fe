import LinearAlgebra

/// Column means and the maximum-likelihood covariance (divisor N) of a data matrix: what
/// factor-analysis EM needs of the data, computed once.
struct ColumnMoments: Sendable {
    /// Rows N.
    let count: Int
    /// Column means (p).
    let mean: [Double]
    /// Covariance (p × p, divisor N).
    let covariance: Matrix
    /// The diagonal of `covariance`.
    var variances: [Double] { covariance.diagonalElements }

    init(_ x: Matrix) {
        let n = x.rows, p = x.columns
        var mean = [Double](repeating: 0, count: p)
        for i in 0..<n { for j in 0..<p { mean[j] += x.storage[i * p + j] } }
        for j in 0..<p { mean[j] /= Double(n) }
        var centred = x
        for i in 0..<n { for j in 0..<p { centred.storage[i * p + j] -= mean[j] } }
        count = n
        self.mean = mean
        covariance = (1 / Double(n)) * centred.gram
    }

    /// The noise floor: `relative` times the mean column variance.
    /// - Throws: `HierarchicalMixtureError.constantData` when every column is constant.
    func noiseFloor(relative: Double) throws -> Double {
        let v = variances
        let meanVariance = v.reduce(0, +) / Double(max(1, v.count))
        guard meanVariance > 0 else { throw HierarchicalMixtureError.constantData }
        return relative * meanVariance
    }
}
