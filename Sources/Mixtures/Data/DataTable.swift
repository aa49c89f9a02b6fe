import Foundation
import LinearAlgebra

/// A table read from a CSV file with a header line: named columns of text cells, with
/// conversion of numeric columns to a `Matrix`.
///
/// Header fields and cells may be quoted (`"eruptions"`, `"setosa"`). Every row must have
/// as many cells as the header. Errors name the file, the line and the column.
public struct DataTable: Sendable {
    /// The file the table was read from (used in error messages).
    public let file: String
    /// Column names from the header, in file order.
    public let columnNames: [String]
    /// Cells, row after row, as text (row-major, `columnNames.count` per row).
    let values: [String]
    /// The line (1-based) each row starts on.
    public let lines: [Int]

    /// Number of data rows.
    public var rowCount: Int { lines.count }

    /// The text of the cell at `row` (0-based data row) and `column` (0-based).
    public subscript(row: Int, column: Int) -> String { values[row * columnNames.count + column] }

    /// A table from in-memory rows of cells (`file` is used only in messages).
    /// Precondition: every row has `columnNames.count` cells.
    public init(columnNames: [String], rows: [[String]], file: String = "<memory>") {
        precondition(rows.allSatisfy { $0.count == columnNames.count }, "every row needs one cell per column")
        self.init(columnNames: columnNames, values: rows.flatMap { $0 }, lines: rows.indices.map { $0 + 2 }, file: file)
    }

    init(columnNames: [String], values: [String], lines: [Int], file: String) {
        self.file = file
        self.columnNames = columnNames
        self.values = values
        self.lines = lines
    }

    /// Reads a CSV file with a header line.
    /// - Throws: `DataError` for an unreadable or empty file, a header without rows,
    ///   a ragged row or an unterminated quote.
    public static func read(csv path: String) throws -> DataTable {
        try checkRegularFile(path)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DataError.unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        DataFileReadLog.record(path)
        return try parse(bytes: [UInt8](data), file: path)
    }

    /// - Throws: `DataError.notACSVFile` when `path` exists but is a directory, a device
    ///   (such as /dev/null), a pipe or a socket; `DataError.unreadable` when it does not
    ///   exist, saying which folder a relative path was read from. Other failures are left
    ///   to the read.
    static func checkRegularFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            guard errno == ENOENT else { return }
            let folder = FileManager.default.currentDirectoryPath
            throw DataError.unreadable(file: path, reason: path.hasPrefix("/")
                ? "no such file" : "no such file (a relative path is read from the folder \(folder))")
        }
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: kind = "a directory"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFIFO: kind = "a pipe"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        throw DataError.notACSVFile(file: path, kind: kind)
    }

    /// Parses CSV text with a header line (`file` names the source in errors).
    public static func parse(csv text: String, file: String = "<memory>") throws -> DataTable {
        try parse(bytes: Array(text.utf8), file: file)
    }

    static func parse(bytes: [UInt8], file: String) throws -> DataTable {
        var records = try CSVParser.parse(bytes, file: file)
        guard records.count > 0 else { throw DataError.emptyFile(file: file) }
        guard records.count > 1 else { throw DataError.noDataRows(file: file) }
        let names = records.record(0).map { $0.trimmingCharacters(in: .whitespaces) }
        for r in 1..<records.count where records.fieldCount(r) != names.count {
            throw DataError.raggedRow(file: file, line: records.lines[r], expected: names.count, found: records.fieldCount(r))
        }
        records.fields.removeFirst(names.count)
        return DataTable(columnNames: names, values: records.fields, lines: Array(records.lines.dropFirst()), file: file)
    }

    /// The numeric columns named (all numeric columns, in file order, when `nil`) as an
    /// N × D matrix.
    ///
    /// With `nil`, a column counts as numeric when its first cell is a number (or a
    /// missing-value marker such as `NA`); text columns such as `"Species"` are left out.
    /// - Throws: `DataError.nonNumericCell`, `.missingOrNonFinite` (NaN, NA, empty, ±Inf),
    ///   `.unknownColumn`, `.noNumericColumns`, each naming line and column.
    public func numeric(_ columns: [String]? = nil) throws -> Matrix {
        let indices: [Int]
        if let columns {
            indices = try columns.map { name in
                guard let j = columnNames.firstIndex(of: name) else {
                    throw DataError.unknownColumn(file: file, column: name, available: columnNames)
                }
                return j
            }
        } else {
            indices = columnNames.indices.filter { j in
                rowCount > 0 && CellValue(self[0, j]) != .text
            }
            if indices.isEmpty { throw DataError.noNumericColumns(file: file) }
        }
        var m = Matrix(rows: rowCount, columns: indices.count)
        let width = columnNames.count
        for i in 0..<rowCount {
            for (c, j) in indices.enumerated() {
                let raw = values[i * width + j]
                if CellValue.isDecimal(raw), let v = Double(raw), v.isFinite {   // the common case, without trimming
                    m.storage[i * indices.count + c] = v
                    continue
                }
                switch CellValue(raw) {
                case .number(let v): m.storage[i * indices.count + c] = v
                case .missingOrNonFinite:
                    throw DataError.missingOrNonFinite(file: file, line: lines[i], column: columnNames[j], value: raw)
                case .text:
                    throw DataError.nonNumericCell(file: file, line: lines[i], column: columnNames[j], value: raw)
                }
            }
        }
        return m
    }

    /// The cells of one column as text (for labels such as `"Species"`).
    /// - Throws: `DataError.unknownColumn`.
    public func labels(_ column: String) throws -> [String] {
        guard let j = columnNames.firstIndex(of: column) else {
            throw DataError.unknownColumn(file: file, column: column, available: columnNames)
        }
        return (0..<rowCount).map { self[$0, j] }
    }
}

/// What a cell holds, for numeric conversion.
enum CellValue: Equatable {
    case number(Double)
    case missingOrNonFinite
    case text

    init(_ raw: String) {
        let s = raw.trimmingCharacters(in: .whitespaces)
        let lower = s.lowercased()
        if s.isEmpty || ["na", "nan", "-nan", "+nan", "null", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"].contains(lower) {
            self = .missingOrNonFinite
        } else if CellValue.isDecimal(s), let v = Double(s) {
            self = v.isFinite ? .number(v) : .missingOrNonFinite
        } else {
            self = .text
        }
    }
}

extension CellValue {
    /// Whether `s` is written as a decimal number: sign, digits, one point, an exponent
    /// (`1e5`, `-.25`, `7.`, `+1.5E-3`). `Double(_:)` also reads hexadecimal (`0x1p3`)
    /// and would turn such cells into numbers; a data file's cells are not.
    static func isDecimal(_ s: String) -> Bool {
        var digits = false, point = false, exponent = false, afterExponentDigit = false
        var previous: UInt8 = 0
        for (i, c) in s.utf8.enumerated() {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if exponent { afterExponentDigit = true } else { digits = true }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard i == 0 || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return false }
            case UInt8(ascii: "."):
                guard !point && !exponent else { return false }
                point = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard digits && !exponent else { return false }
                exponent = true
            default:
                return false
            }
            previous = c
        }
        return digits && (!exponent || afterExponentDigit)
    }
}
