/// Calls the generated notebook program makes. Authors do not call these.

/// Marks the start of cell `index` (its fence is at `line`), with the cell's options.
public func _mixbookCellStart(_ index: Int, line: Int, options: [String: String]) {
    NotebookChannel.shared.cellStart(index, line: line, options: options)
}

/// Marks the start of inline expression `index` (at notebook `line`), so that a trap in
/// it is reported at its line.
public func _mixbookInlineStart(_ index: Int, line: Int) {
    NotebookChannel.shared.inlineStart(index, line: line)
}

/// Records the value of the inline expression number `index`.
public func _mixbookInlineValue(_ index: Int, _ value: String) {
    NotebookChannel.shared.inlineValue(index, value)
}

/// Records an error thrown in a cell with `//| error: true`; the program goes on.
public func _mixbookCaughtError(_ error: Error) {
    NotebookChannel.shared.caughtError(error)
}

/// Marks the normal end of the program.
public func _mixbookFinish() {
    NotebookChannel.shared.finish()
}
