/// Everything that can go wrong while rendering a notebook, with a message a user can act on.
///
/// Each case names the notebook (as the user wrote its path) and, where it helps,
/// the line, byte offset or cell.
public enum NotebookError: Error, CustomStringConvertible, Equatable {
    /// The file is not valid UTF-8.
    case invalidUTF8(file: String, byteOffset: Int, line: Int)
    /// The notebook could not be read at all.
    case unreadable(file: String, reason: String)
    /// The front matter opened with `---` and never closed.
    case unclosedFrontMatter(file: String, line: Int)
    /// The front matter is not valid YAML, or a field has the wrong type.
    case invalidFrontMatter(file: String, line: Int, message: String)
    /// A code fence was opened and never closed.
    case unclosedFence(file: String, line: Int, fence: String)
    /// A `//| key: value` cell option was not understood.
    case invalidCellOption(file: String, line: Int, message: String)
    /// A `-P name=value` override does not fit the notebook's parameters.
    case invalidParameter(file: String, message: String)
    /// A `@fig-…`, `@tbl-…` or `@eq-…` reference names no label of the notebook.
    case unknownReference(file: String, line: Int, label: String)
    /// A `@fig-…` or `@tbl-…` reference names a cell (fence at `cellLine`) that shows no
    /// figure or table.
    case referenceWithoutOutput(file: String, line: Int, label: String, cellLine: Int)
    /// `show(figure)` could not draw or write a figure in a cell without `error: true`.
    case figureFailed(file: String, cell: Int, line: Int, message: String)
    /// The program's events file holds a line that is not a well-formed event.
    case malformedEvents(file: String, line: Int, reason: String)
    /// Two cells or formulas carry the same label, so `@label` would be ambiguous.
    case duplicateLabel(file: String, line: Int, label: String, firstLine: Int)
    /// swiftc rejected the notebook's program; `diagnostics` shows its message and
    /// the cell's code around it.
    case compileFailed(file: String, diagnostics: String)
    /// The program stopped with a trap, a signal or a non-zero exit inside a cell.
    case runtimeFailed(file: String, cell: Int?, line: Int?, message: String)
    /// A cell's code threw a Swift error that nothing caught (`message` is the error's
    /// description, then the cell's excerpt).
    case cellThrew(file: String, cell: Int, line: Int, message: String)
    /// The program ran past the notebook's timeout and was killed.
    case timedOut(file: String, seconds: Double, cell: Int?, line: Int?)
    /// The toolchain or the library build could not be found or run.
    case toolchain(String)
    /// A template could not be read or parsed.
    case template(path: String, message: String)
    /// Writing the output failed.
    case output(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidUTF8(file, offset, line):
            return "\(file):\(line): error: the file is not valid UTF-8 (first bad byte at offset \(offset)); save it as UTF-8"
        case let .unreadable(file, reason):
            return "\(file): error: cannot read the notebook: \(reason)"
        case let .unclosedFrontMatter(file, line):
            return "\(file):\(line): error: the front matter opened with '---' here is never closed; end it with a line '---'"
        case let .invalidFrontMatter(file, line, message):
            return "\(file):\(line): error: invalid front matter: \(message)"
        case let .unclosedFence(file, line, fence):
            return "\(file):\(line): error: the code fence '\(fence)' opened here is never closed; close it with a line '\(fence)'"
        case let .invalidCellOption(file, line, message):
            return "\(file):\(line): error: \(message)"
        case let .invalidParameter(file, message):
            return "\(file): error: \(message)"
        case let .unknownReference(file, line, label):
            return "\(file):\(line): error: the cross-reference @\(label) names no label in this notebook (give a cell '//| label: \(label)')"
        case let .referenceWithoutOutput(file, line, label, cellLine):
            let what = label.hasPrefix("tbl-") ? "table" : "figure"
            return "\(file):\(line): error: the cross-reference @\(label) names the cell at line \(cellLine), which shows no \(what) (it needs a `show(…)` of a \(what), and must not be `include: false`, `output: false` or `eval: false`)"
        case let .figureFailed(file, cell, line, message):
            return "\(file):\(line): error: cell \(cell) could not draw its figure: \(message) (give the cell `//| error: true` to show the error in the report instead)"
        case let .malformedEvents(file, line, reason):
            return "\(file): error: the notebook program's event log is damaged at its line \(line): \(reason)"
        case let .duplicateLabel(file, line, label, firstLine):
            return "\(file):\(line): error: the label '\(label)' is already used at line \(firstLine); give each figure, table and equation its own label"
        case let .compileFailed(file, diagnostics):
            return "\(file): error: the notebook's Swift code does not compile:\n\(diagnostics)"
        case let .runtimeFailed(file, cell, line, message):
            return "\(file)\(line.map { ":\($0)" } ?? ""): error: the notebook crashed\(cell.map { " in cell \($0)" } ?? ""):\n\(message)"
        case let .cellThrew(file, cell, line, message):
            return "\(file):\(line): error: cell \(cell) threw an error: \(message)\n"
                + "(give the cell `//| error: true` to show the error in the report and go on)"
        case let .timedOut(file, seconds, cell, line):
            let place = cell.map { " in cell \($0)" + (line.map { " (\(file):\($0))" } ?? "") } ?? ""
            return "\(file): error: the notebook ran longer than its timeout of \(formatSeconds(seconds)) s and was stopped\(place); raise 'timeout:' in the front matter if it needs longer"
        case let .toolchain(message):
            return "error: \(message)"
        case let .template(path, message):
            return "\(path): error: template: \(message)"
        case let .output(path, reason):
            return "\(path): error: cannot write output: \(reason)"
        }
    }
}

func formatSeconds(_ s: Double) -> String {
    s == s.rounded() ? String(Int(s)) : String(s)
}
