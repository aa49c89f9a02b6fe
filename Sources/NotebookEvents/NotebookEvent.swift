import Foundation

/// One line of `events.jsonl`: what a notebook program tells the runner, in order.
///
/// The runtime (NotebookRuntime) writes these and the runner (Notebook) reads them; both
/// go through this one type, so the two sides cannot drift apart. On the wire each event
/// is one JSON object with sorted keys on a line of its own.
public enum NotebookEvent: Sendable, Equatable {
    /// Cell `cell` (its fence at notebook line `line`) started.
    case cellStart(cell: Int, line: Int)
    /// Inline expression `index` (at notebook line `line`) is being evaluated.
    case inlineStart(index: Int, line: Int)
    /// The value of inline expression `index`.
    case inlineValue(index: Int, text: String)
    /// A figure, written to `file` in the run folder, after `offset` bytes of the cell's text.
    case figure(cell: Int, offset: Int, file: String, caption: String?)
    /// `show(figure)` could not draw or write a figure.
    case figureFailed(cell: Int, offset: Int, message: String)
    /// A table's HTML (escaped by the runtime), after `offset` bytes of the cell's text.
    case table(cell: Int, offset: Int, html: String)
    /// An error caught in an `error: true` cell.
    case error(cell: Int, offset: Int, message: String)
    /// The program reached its end.
    case end

    /// The event as one line of JSON, with its newline.
    public var line: String {
        var w = Wire(event: kind)
        switch self {
        case let .cellStart(cell, line): w.cell = cell; w.line = line
        case let .inlineStart(index, line): w.index = index; w.line = line
        case let .inlineValue(index, text): w.index = index; w.text = text
        case let .figure(cell, offset, file, caption): w.cell = cell; w.offset = offset; w.file = file; w.caption = caption
        case let .figureFailed(cell, offset, message): w.cell = cell; w.offset = offset; w.message = message
        case let .table(cell, offset, html): w.cell = cell; w.offset = offset; w.html = html
        case let .error(cell, offset, message): w.cell = cell; w.offset = offset; w.message = message
        case .end: break
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings and integers cannot fail.
        let data = (try? encoder.encode(w)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private var kind: String {
        switch self {
        case .cellStart: return "cell"
        case .inlineStart: return "inline"
        case .inlineValue: return "value"
        case .figure: return "figure"
        case .figureFailed: return "figure-failed"
        case .table: return "table"
        case .error: return "error"
        case .end: return "end"
        }
    }

    /// Parses one event line (without its newline).
    public init(parsing text: Substring) throws(NotebookEventError) {
        let w: Wire
        do { w = try JSONDecoder().decode(Wire.self, from: Data(text.utf8)) }
        catch { throw NotebookEventError(line: 0, reason: "not a JSON event object") }
        func need<T>(_ value: T?, _ field: String) throws(NotebookEventError) -> T {
            guard let value else { throw NotebookEventError(line: 0, reason: "a '\(w.event)' event without '\(field)'") }
            return value
        }
        switch w.event {
        case "cell": self = .cellStart(cell: try need(w.cell, "cell"), line: try need(w.line, "line"))
        case "inline": self = .inlineStart(index: try need(w.index, "index"), line: try need(w.line, "line"))
        case "value": self = .inlineValue(index: try need(w.index, "index"), text: try need(w.text, "text"))
        case "figure": self = .figure(cell: try need(w.cell, "cell"), offset: try need(w.offset, "offset"), file: try need(w.file, "file"), caption: w.caption)
        case "figure-failed": self = .figureFailed(cell: try need(w.cell, "cell"), offset: try need(w.offset, "offset"), message: try need(w.message, "message"))
        case "table": self = .table(cell: try need(w.cell, "cell"), offset: try need(w.offset, "offset"), html: try need(w.html, "html"))
        case "error": self = .error(cell: try need(w.cell, "cell"), offset: try need(w.offset, "offset"), message: try need(w.message, "message"))
        case "end": self = .end
        default: throw NotebookEventError(line: 0, reason: "an unknown event '\(w.event)'")
        }
    }

    /// Parses a whole events file. Stops at the first malformed line: `events` holds the
    /// ones before it and `error` names it (a complete log has `error == nil`).
    public static func parseLog(_ text: String) -> (events: [NotebookEvent], error: NotebookEventError?) {
        var events: [NotebookEvent] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (k, line) in lines.enumerated() {
            if k == lines.count - 1 {
                // What follows the last newline must be empty: a partial line is a torn write.
                if line.isEmpty { break }
                return (events, NotebookEventError(line: k + 1, reason: "the last line is incomplete (no newline)"))
            }
            do { events.append(try NotebookEvent(parsing: line)) }
            catch { return (events, NotebookEventError(line: k + 1, reason: error.reason)) }
        }
        return (events, nil)
    }

    /// The flat JSON object of every event kind.
    private struct Wire: Codable {
        var event: String
        var cell: Int?
        var line: Int?
        var index: Int?
        var offset: Int?
        var file: String?
        var caption: String?
        var html: String?
        var message: String?
        var text: String?
    }
}

/// A line of an events file that is not a well-formed event.
public struct NotebookEventError: Error, Equatable, CustomStringConvertible {
    /// The 1-based line in the events file.
    public var line: Int
    public var reason: String
    public init(line: Int, reason: String) { self.line = line; self.reason = reason }
    public var description: String { "events line \(line): \(reason)" }
}
