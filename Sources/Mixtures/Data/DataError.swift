/// Errors reading or converting a data table; each names the file and, where it applies,
/// the line (1-based, counting the header as line 1) and the column.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The path is not a regular file (a directory, a device such as /dev/null, a pipe).
    case notACSVFile(file: String, kind: String)
    /// The file holds nothing, not even a header.
    case emptyFile(file: String)
    /// The file has a header but no data rows.
    case noDataRows(file: String)
    /// A row has a different number of cells than the header.
    case raggedRow(file: String, line: Int, expected: Int, found: Int)
    /// A quoted field is not closed before the end of the file.
    case unterminatedQuote(file: String, line: Int)
    /// A cell of a numeric column is not a number.
    case nonNumericCell(file: String, line: Int, column: String, value: String)
    /// A cell is NaN, NA, empty or infinite where a finite number is needed.
    case missingOrNonFinite(file: String, line: Int, column: String, value: String)
    /// A requested column is not in the header.
    case unknownColumn(file: String, column: String, available: [String])
    /// No column of the table is numeric.
    case noNumericColumns(file: String)

    public var description: String {
        switch self {
        case .unreadable(let f, let reason):
            return "\(f): cannot read file: \(reason)"
        case .notACSVFile(let f, let kind):
            return "\(f): not a CSV file (it is \(kind)); give the path of a CSV file with a header line"
        case .emptyFile(let f):
            return "\(f): the file is empty (expected a header line and data rows)"
        case .noDataRows(let f):
            return "\(f): the file has a header but no data rows"
        case .raggedRow(let f, let line, let expected, let found):
            return "\(f):\(line): row has \(found) cells but the header has \(expected) columns"
        case .unterminatedQuote(let f, let line):
            return "\(f):\(line): a quoted field starting on this line is never closed"
        case .nonNumericCell(let f, let line, let column, let value):
            return "\(f):\(line): column \(DataError.quoted(column)) has the non-numeric cell \(DataError.quoted(value))"
        case .missingOrNonFinite(let f, let line, let column, let value):
            let shown = value.isEmpty ? "an empty cell" : DataError.quoted(value)
            return "\(f):\(line): column \(DataError.quoted(column)) has \(shown); every value must be a finite number "
                + "(remove or impute missing values first)"
        case .unknownColumn(let f, let column, let available):
            let names = available.prefix(12).map(DataError.quoted).joined(separator: ", ")
                + (available.count > 12 ? ", … (\(available.count) in all)" : "")
            return "\(f): no column named \(DataError.quoted(column)); columns are \(names)"
        case .noNumericColumns(let f):
            return "\(f): no column of the table is numeric"
        }
    }

    /// A cell or name in double quotes, cut to its first 40 characters (with its length
    /// said) so that an over-long field never floods a message.
    static func quoted(_ text: String) -> String {
        let limit = 40
        guard text.count > limit else { return "\"\(text)\"" }
        return "\"\(text.prefix(limit))…\" (\(text.count) characters)"
    }
}
