/// Why a Gaussian mixture could not be fitted or evaluated.
public enum GaussianMixtureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// More components than data rows.
    case tooFewSamples(samples: Int, components: Int)
    /// The data has no rows or no columns.
    case emptyData(rows: Int, columns: Int)
    /// The data contains NaN or ±∞ at the given (0-based) row and column.
    case nonFiniteData(row: Int, column: Int)
    /// A setting is out of range.
    case invalidConfiguration(String)
    /// Given parameters are inconsistent.
    case invalidParameters(String)
    /// The data's dimension does not match the model's.
    case dimensionMismatch(expected: Int, found: Int)
    /// Values of the given (0-based) column are so large that squared distances overflow.
    case dataOutOfRange(column: Int, magnitude: Double)

    public var description: String {
        switch self {
        case .tooFewSamples(let n, let k):
            return "cannot fit \(k) components to \(n) data rows: need at least as many rows as components"
        case .emptyData(let r, let c):
            return "the data is empty (\(r) rows × \(c) columns)"
        case .nonFiniteData(let r, let c):
            return "the data has NaN or infinity at row \(r + 1), column \(c + 1)"
        case .invalidConfiguration(let why):
            return "invalid Gaussian mixture configuration: \(why)"
        case .invalidParameters(let why):
            return "invalid Gaussian mixture parameters: \(why)"
        case .dimensionMismatch(let e, let f):
            return "the data has \(f) columns but the model has \(e) dimensions"
        case .dataOutOfRange(let c, let m):
            return "column \(c + 1) has values up to \(m), too large to fit: their squared distances overflow "
                + "double precision; \(DataValidation.rescaleAdvice(magnitude: m)) and fit again"
        }
    }
}
