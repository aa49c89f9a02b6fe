import Foundation

/// How much `mixbook render` says while it works (on standard error).
public enum ProgressStyle: Sendable {
    /// Nothing.
    case quiet
    /// A line per notebook as it finishes.
    case lines
    /// Lines, and a live line (the cell each running notebook is at, elapsed seconds)
    /// redrawn in place: for a terminal.
    case live
}

/// Prints the per-notebook lines and the live line, from concurrent workers.
final class RenderProgress: @unchecked Sendable {
    let style: ProgressStyle
    private let lock = NSLock()
    private var running: [String: (start: Date, state: String)] = [:]
    private var order: [String] = []
    private var liveShown = false

    init(style: ProgressStyle) { self.style = style }

    /// Notebook `name` is at `state` ("compiling", "cell 3 of 7").
    func update(_ name: String, state: String) {
        guard style == .live else { return }
        lock.lock(); defer { lock.unlock() }
        if running[name] == nil { running[name] = (Date(), state); order.append(name) } else { running[name]!.state = state }
        drawLive()
    }

    /// Notebook `name` finished: its line replaces the live line, which is drawn again below it.
    func finished(_ outcome: NotebookOutcome, name: String) {
        guard style != .quiet else { return }
        lock.lock(); defer { lock.unlock() }
        running[name] = nil
        order.removeAll { $0 == name }
        var text = liveShown ? "\r\u{1B}[K" : ""
        text += RenderProgress.line(for: outcome) + "\n"
        FileHandle.standardError.write(Data(text.utf8))
        liveShown = false
        if style == .live && !running.isEmpty { drawLive() }
    }

    /// The line of a finished notebook.
    static func line(for outcome: NotebookOutcome) -> String {
        let seconds = String(format: "%.2f s", outcome.seconds)
        let figures = outcome.figures == 1 ? "1 figure" : "\(outcome.figures) figures"
        switch outcome.status {
        case .rendered: return "\(outcome.path): compiled and run, \(seconds), \(figures)"
        case .cached: return "\(outcome.path): cached (cells unchanged), \(seconds), \(figures)"
        case .failed(let error):
            let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            return "\(outcome.path): FAILED after \(seconds): \(first)"
        }
    }

    private func drawLive() {
        let now = Date()
        let parts = order.compactMap { name in running[name].map { "\(name) \($0.state) (\(String(format: "%.1f", now.timeIntervalSince($0.start))) s)" } }
        var text = "\r\u{1B}[K" + parts.joined(separator: " · ")
        if text.count > 200 { text = String(text.prefix(200)) }
        FileHandle.standardError.write(Data(text.utf8))
        liveShown = true
    }
}
