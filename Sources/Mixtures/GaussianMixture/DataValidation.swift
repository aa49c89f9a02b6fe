import LinearAlgebra

/// Checks shared by k-means and Gaussian mixtures before fitting.
enum DataValidation {
    /// - Throws: `GaussianMixtureError.emptyData`, `.nonFiniteData(row:column:)`,
    ///   `.dataOutOfRange` when squared distances would overflow, `.invalidConfiguration`
    ///   for K < 1, `.tooFewSamples` for K > N.
    static func check(_ x: Matrix, components: Int) throws {
        guard x.rows > 0 && x.columns > 0 else { throw GaussianMixtureError.emptyData(rows: x.rows, columns: x.columns) }
        if let bad = x.storage.firstIndex(where: { !$0.isFinite }) {
            throw GaussianMixtureError.nonFiniteData(row: bad / x.columns, column: bad % x.columns)
        }
        try checkRange(x)
        guard components >= 1 else {
            throw GaussianMixtureError.invalidConfiguration("components must be at least 1, got \(components)")
        }
        guard components <= x.rows else { throw GaussianMixtureError.tooFewSamples(samples: x.rows, components: components) }
    }

    /// Every fit sums squared distances of N rows over D columns (k-means++ potentials,
    /// scatter matrices): with m the largest magnitude of a column (its values or their
    /// spread), N·D·m² must stay well inside double precision (a margin of 10³ for the
    /// sums over components and iterations), else the fit would overflow to ∞ and NaN.
    /// - Throws: `GaussianMixtureError.dataOutOfRange` naming the column of largest magnitude.
    static func checkRange(_ x: Matrix) throws {
        if let worst = overflowingColumn(x) {
            throw GaussianMixtureError.dataOutOfRange(column: worst.column, magnitude: worst.magnitude)
        }
    }

    /// What to do about values up to `magnitude`: "rescale the data (e.g. divide the column
    /// by 1eN)", N about three orders of magnitude below the values' (the advice of every
    /// error about values too large to fit or sample).
    static func rescaleAdvice(magnitude m: Double) -> String {
        let exponent = Int(m.magnitude.exponent) * 3 / 10   // ≈ log10
        return "rescale the data (e.g. divide the column by 1e\(max(1, exponent - 2)))"
    }

    /// The column of largest magnitude and that magnitude, when squared distances of `x`'s
    /// rows (the rule of `checkRange`) would overflow double precision; nil when they would not.
    static func overflowingColumn(_ x: Matrix) -> (column: Int, magnitude: Double)? {
        let n = x.rows, d = x.columns
        var magnitudes = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { magnitudes[j] = max(magnitudes[j], abs(x.storage[i * d + j])) } }
        // The spread is at most twice the largest magnitude.
        guard let worst = magnitudes.indices.max(by: { magnitudes[$0] < magnitudes[$1] }) else { return nil }
        let m = 2 * magnitudes[worst]
        let limit = Double.greatestFiniteMagnitude / 1e3
        return m * m < limit / (Double(n) * Double(d)) ? nil : (worst, magnitudes[worst])
    }
}
