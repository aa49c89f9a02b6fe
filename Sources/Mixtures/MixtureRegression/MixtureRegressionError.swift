/// Why a mixture of regressions or a cluster-weighted regression could not be fitted or
/// evaluated. Every message names the column or row it is about.
public enum MixtureRegressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No rows, or no target column.
    case emptyData(rows: Int, targets: Int)
    /// The covariates and the targets have different numbers of rows.
    case rowCountMismatch(covariates: Int, targets: Int)
    /// A covariate or target value is NaN or infinite (row 0-based, column named).
    case nonFinite(row: Int, column: String)
    /// A target column takes one value on every row: there is nothing to regress.
    case constantTarget(column: String, value: Double)
    /// A design column is a linear combination of the ones before it.
    case collinear(column: String, earlier: [String])
    /// Values of the named column are so large that their squares overflow double precision.
    case dataOutOfRange(column: String, magnitude: Double)
    /// A cluster-weighted model needs at least one covariate; or the design has no column.
    case noCovariates(String)
    /// More components than rows.
    case tooFewRows(rows: Int, components: Int)
    /// A setting is out of range.
    case invalidConfiguration(String)
    /// New data does not match the fitted model.
    case dimensionMismatch(String)
    /// Names given for the columns do not match the data.
    case badNames(String)

    public var description: String {
        switch self {
        case .emptyData(let r, let t):
            return "the data is empty (\(r) rows, \(t) target columns)"
        case .rowCountMismatch(let c, let t):
            return "the covariates have \(c) rows but the targets \(t)"
        case .nonFinite(let row, let column):
            return "column \"\(column)\" has NaN or infinity at row \(row + 1); every value must be a finite number"
        case .constantTarget(let column, let value):
            return "the target column \"\(column)\" is constant (every row is \(value)): there is nothing to regress"
        case .collinear(let column, let earlier):
            let list = earlier.isEmpty ? "(it is zero on every row with weight)"
                : "of " + earlier.map { "\"\($0)\"" }.joined(separator: ", ")
            return "the covariates are collinear: column \"\(column)\" is a linear combination \(list); "
                + "drop one of them, or set a ridge"
        case .dataOutOfRange(let column, let m):
            return "column \"\(column)\" has values up to \(m), too large to fit: their squares overflow double "
                + "precision; \(DataValidation.rescaleAdvice(magnitude: m)) and fit again"
        case .noCovariates(let why):
            return why
        case .tooFewRows(let n, let k):
            return "cannot fit \(k) components to \(n) rows: need at least as many rows as components"
        case .invalidConfiguration(let why):
            return "invalid mixture-regression configuration: \(why)"
        case .dimensionMismatch(let why):
            return "the data does not match the fitted model: \(why)"
        case .badNames(let why):
            return why
        }
    }
}
