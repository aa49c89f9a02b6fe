import Foundation
import NotebookEvents

/// One thing a cell produced, in the order it produced it.
public enum CellOutput: Sendable, Equatable {
    /// Printed text.
    case text(String)
    /// A figure: the PNG's file name in the run directory and its caption.
    case figure(file: String, caption: String?)
    /// A table, already HTML (escaped by the runtime).
    case table(html: String)
    /// An error caught in an `error: true` cell.
    case error(String)
    /// What the cell wrote to standard error (shown after its other outputs).
    case standardError(String)
}

/// What a program run left in its run directory, attributed to cells.
public struct RunRecord: Sendable, Equatable {
    /// Outputs of each cell (by cell index), text and figures interleaved.
    public var outputs: [Int: [CellOutput]] = [:]
    /// Values of inline expressions (by index).
    public var inlineValues: [Int: String] = [:]
    /// The last cell that started, and its fence line.
    public var lastCell: Int?
    public var lastCellLine: Int?
    /// The inline expression being evaluated when the program stopped, if it stopped
    /// inside one.
    public var runningInline: InlineStart?
    /// Figures that could not be drawn: (cell, message).
    public var figureFailures: [FigureFailure] = []
    /// True when the program reached its end.
    public var finished = false

    /// An inline expression that started: its index and notebook line.
    public struct InlineStart: Sendable, Equatable {
        public var index: Int
        public var line: Int
    }

    /// A `show(figure)` that failed in `cell`.
    public struct FigureFailure: Sendable, Equatable {
        public var cell: Int
        public var message: String
    }

    public init() {}

    /// Reads `events.jsonl`, the `cell-N.txt` and `cell-N.err` files of `directory`.
    /// A malformed event line throws `NotebookError.malformedEvents` naming `file`.
    public static func read(from directory: String, file: String) throws -> RunRecord {
        let (record, error) = readPrefix(from: directory)
        if let error { throw NotebookError.malformedEvents(file: file, line: error.line, reason: error.reason) }
        return record
    }

    /// Reads what it can: the record of the events before the first malformed line, and
    /// that line's error (for a program that was stopped or crashed mid-write).
    public static func readPrefix(from directory: String) -> (RunRecord, NotebookEventError?) {
        var record = RunRecord()
        struct Marker { var offset: Int; var output: CellOutput }
        var markers: [Int: [Marker]] = [:]
        var cells: [Int] = []
        let text = String(decoding: FileBytes.read(directory + "/events.jsonl") ?? [], as: UTF8.self)
        let (events, error) = NotebookEvent.parseLog(text)
        for event in events {
            switch event {
            case let .cellStart(cell, line):
                cells.append(cell)
                record.lastCell = cell
                record.lastCellLine = line
                record.runningInline = nil
            case let .inlineStart(index, line):
                record.runningInline = InlineStart(index: index, line: line)
            case let .inlineValue(index, text):
                record.inlineValues[index] = text
                record.runningInline = nil
            case let .figure(cell, offset, file, caption):
                markers[cell, default: []].append(Marker(offset: offset, output: .figure(file: file, caption: caption)))
            case let .figureFailed(cell, offset, message):
                record.figureFailures.append(FigureFailure(cell: cell, message: message))
                markers[cell, default: []].append(Marker(offset: offset, output: .error(message)))
            case let .table(cell, offset, html):
                markers[cell, default: []].append(Marker(offset: offset, output: .table(html: html)))
            case let .error(cell, offset, message):
                markers[cell, default: []].append(Marker(offset: offset, output: .error(message)))
            case .end:
                record.finished = true
            }
        }
        for cell in cells {
            let bytes = FileBytes.read(directory + "/cell-\(cell).txt") ?? []
            var outputs: [CellOutput] = []
            var position = 0
            func addText(upTo end: Int) {
                let end = min(max(end, position), bytes.count)
                if end > position { outputs.append(.text(String(decoding: bytes[position..<end], as: UTF8.self))) }
                position = end
            }
            for marker in markers[cell] ?? [] {
                addText(upTo: marker.offset)
                outputs.append(marker.output)
            }
            addText(upTo: bytes.count)
            if let err = FileBytes.read(directory + "/cell-\(cell).err"), !err.isEmpty {
                outputs.append(.standardError(String(decoding: err, as: UTF8.self)))
            }
            record.outputs[cell] = outputs
        }
        return (record, error)
    }
}
