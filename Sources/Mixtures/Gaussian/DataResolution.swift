import LinearAlgebra

/// How finely the data were recorded: per column, the smallest gap between two distinct
/// values (e.g. 0.1 for iris's centimetres to one decimal, 1 for whole minutes).
public enum DataResolution {
    /// The variance h²/12 of the rounding error of the finest-recorded column (a value
    /// rounded to a step h is off by an amount uniform on ±h/2). Columns with fewer than two
    /// distinct values do not count; 0 when no column has two.
    public static func roundingVariance(_ x: Matrix) -> Double {
        var finest = Double.infinity
        for j in 0..<x.columns {
            let values = x.column(j).sorted()
            for (a, b) in zip(values, values.dropFirst()) where b > a { finest = min(finest, b - a) }
        }
        return finest.isFinite ? finest * finest / 12 : 0
    }
}
