import Foundation
internal import NotebookEvents

/// The event channel between a notebook program and the runner.
///
/// The runner starts the program with `MIXBOOK_OUTPUT_DIR` set to a directory. At each
/// cell start the channel flushes stdout and points file descriptor 1 at the cell's own
/// text file (`cell-N.txt`, line-buffered so a trap loses nothing) and descriptor 2 at
/// `cell-N.err`, and it appends one `NotebookEvent` per line to `events.jsonl` with an
/// immediate write(2): cell started, figure, table, inline value, caught error. Figures and tables carry the byte offset
/// of the cell's text at that moment, so the runner interleaves text and figures exactly.
///
/// Run by hand (no `MIXBOOK_OUTPUT_DIR`), a program prints as usual and figures are
/// written to the working directory.
final class NotebookChannel: @unchecked Sendable {
    /// The process's channel. The one piece of process-wide state a notebook program has:
    /// file descriptors and stdout are process-wide too.
    static let shared = NotebookChannel(directory: ProcessInfo.processInfo.environment["MIXBOOK_OUTPUT_DIR"])

    let directory: String?
    private let lock = NSLock()
    private var eventsFD: Int32 = -1
    private var cell = 0
    private var options: [String: String] = [:]
    private var figureCount = 0

    private init(directory: String?) {
        self.directory = directory
        // Line-buffer stdout so that a trap loses at most a partial line. (`stdout` is a C
        // global that Swift 6 will not read directly; its address is looked up instead.)
        if let symbol = dlsym(nil, "stdout") {
            setvbuf(symbol.assumingMemoryBound(to: UnsafeMutablePointer<FILE>.self).pointee, nil, _IOLBF, 0)
        }
        if let directory {
            eventsFD = open(directory + "/events.jsonl", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        }
    }

    /// Switches stdout to the cell's text file and records the cell start.
    func cellStart(_ index: Int, line: Int, options: [String: String]) {
        lock.lock(); defer { lock.unlock() }
        fflush(nil)
        cell = index
        self.options = options
        guard let directory else { return }
        let fd = open(directory + "/cell-\(index).txt", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd >= 0 { dup2(fd, 1); close(fd) }
        let errFD = open(directory + "/cell-\(index).err", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if errFD >= 0 { dup2(errFD, 2); close(errFD) }
        emit(.cellStart(cell: index, line: line))
    }

    /// Records that inline expression `index` (at notebook line `line`) is evaluated now.
    func inlineStart(_ index: Int, line: Int) {
        lock.lock(); defer { lock.unlock() }
        fflush(nil)
        emit(.inlineStart(index: index, line: line))
    }

    /// The current cell's option `key`, if the cell gave it.
    func option(_ key: String) -> String? {
        lock.lock(); defer { lock.unlock() }
        return options[key]
    }

    /// Writes a figure through `write(path)` and records it.
    func figure(caption: String?, write: (String) throws -> Void) {
        lock.lock(); defer { lock.unlock() }
        fflush(nil)
        figureCount += 1
        let file = "figure-\(figureCount).png"
        let path = (directory ?? FileManager.default.currentDirectoryPath) + "/" + file
        do {
            try write(path)
        } catch {
            let message = "show(figure) could not draw or write the figure: \(error)"
            guard directory != nil else { FileHandle.standardError.write(Data("error: \(message)\n".utf8)); return }
            emit(.figureFailed(cell: cell, offset: textOffset(), message: message))
            return
        }
        guard directory != nil else { print("[figure written to \(path)]"); return }
        emit(.figure(cell: cell, offset: textOffset(), file: file, caption: caption ?? options["fig-cap"]))
    }

    /// Records a table's HTML.
    func table(html: String, text: String) {
        lock.lock(); defer { lock.unlock() }
        fflush(nil)
        guard directory != nil else { print(text); return }
        emit(.table(cell: cell, offset: textOffset(), html: html))
    }

    /// Records the value of inline expression `index`.
    func inlineValue(_ index: Int, _ value: String) {
        lock.lock(); defer { lock.unlock() }
        emit(.inlineValue(index: index, text: value))
    }

    /// Records an error caught in an `error: true` cell.
    func caughtError(_ error: Error) {
        lock.lock(); defer { lock.unlock() }
        fflush(nil)
        emitError("\(error)")
    }

    /// Records a normal end.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        fflush(nil)
        emit(.end)
    }

    private func emitError(_ message: String) {
        guard directory != nil else {
            FileHandle.standardError.write(Data("error: \(message)\n".utf8)); return
        }
        emit(.error(cell: cell, offset: textOffset(), message: message))
    }

    private func textOffset() -> Int { Int(lseek(1, 0, SEEK_CUR)).clamped(min: 0) }

    private func emit(_ event: NotebookEvent) {
        guard eventsFD >= 0 else { return }
        var bytes = Array(event.line.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(eventsFD, $0.baseAddress! + written, $0.count - written) }
            if n <= 0 { break }
            written += n
        }
    }
}

extension Int {
    fileprivate func clamped(min lower: Int) -> Int { Swift.max(lower, self) }
}
