import Foundation
import NotebookEvents

/// Runs a compiled notebook program in the notebook's folder, with a timeout.
///
/// The program's events, per-cell text and figures land in `runDirectory`
/// (`MIXBOOK_OUTPUT_DIR`); the data files the library reads are logged to
/// `runDirectory/reads.log` (`MIXBOOK_READ_LOG`); stderr goes to `runDirectory/stderr.txt`.
public struct Executor: Sendable {
    public init() {}

    /// OpenBLAS picks its kernels by CPU at run time, and kernels for different CPUs
    /// round differently, so a report rendered on an AVX-512 machine would differ in its
    /// last digits from one rendered on an AVX2 machine and `mixbook check` would call
    /// it stale. Notebook programs therefore run on one kernel family (Haswell: AVX2 and
    /// FMA, on every x86-64 server since 2013) and one BLAS thread. A CPU without AVX2
    /// keeps OpenBLAS's own choice.
    static func reproducibleBLASEnvironment(cpuInfo: String? = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) -> [String: String] {
        var pinned = ["OPENBLAS_NUM_THREADS": "1"]
        let flags = cpuInfo?.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? []
        if flags.contains("avx2") && flags.contains("fma") { pinned["OPENBLAS_CORETYPE"] = "Haswell" }
        return pinned
    }

    /// Show the program's whole standard error (its stack trace too) in a failure.
    public var verbose = false

    /// Runs `executable` in a session of its own and returns what it recorded, or throws
    /// `runtimeFailed` / `cellThrew` / `timedOut` naming the cell (or inline expression)
    /// that was running, or `figureFailed` for a figure that could not be drawn in a cell without
    /// `error: true`. Every process of the session is killed when the program ends, on
    /// a timeout, and on SIGINT/SIGTERM to mixbook. `progress(cell)` is called with the
    /// index of the cell running, about four times a second.
    public func run(_ executable: String, document: Document, workingDirectory: String, runDirectory: String,
                    progress: (Int) -> Void = { _ in }) throws -> RunRecord {
        var environment = ProcessInfo.processInfo.environment
        environment["MIXBOOK_OUTPUT_DIR"] = runDirectory
        environment["MIXBOOK_READ_LOG"] = runDirectory + "/reads.log"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment.merge(Executor.reproducibleBLASEnvironment()) { _, pinned in pinned }

        let out = open(runDirectory + "/cell-0.txt", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        let err = open(runDirectory + "/stderr.txt", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer { if out >= 0 { close(out) }; if err >= 0 { close(err) } }
        guard out >= 0, err >= 0 else { throw NotebookError.output(path: runDirectory, reason: "cannot create the run files") }

        let child = try ChildProcess.spawn(executable, [], environment: environment, workingDirectory: workingDirectory, stdout: out, stderr: err)
        let timeout = document.frontMatter.timeout
        let termination = ChildSessions.shared.tracking(child) { () -> ChildProcess.Termination? in
            let ended = child.wait(timeout: timeout) {
                let events = NotebookEvent.parseLog(String(decoding: FileBytes.read(runDirectory + "/events.jsonl") ?? [], as: UTF8.self)).events
                if let cell = events.last(where: { if case .cellStart = $0 { return true } else { return false } }),
                   case let .cellStart(index, _) = cell { progress(index) }
            }
            if ended == nil { child.killSession() }
            return ended
        }
        let (partial, eventError) = RunRecord.readPrefix(from: runDirectory)
        guard let termination else {
            throw NotebookError.timedOut(file: document.path, seconds: timeout, cell: partial.lastCell, line: partial.runningInline?.line ?? partial.lastCellLine)
        }
        guard termination == .exited(0), partial.finished || eventError != nil else {
            throw failure(termination, record: partial, document: document, runDirectory: runDirectory)
        }
        if let eventError { throw NotebookError.malformedEvents(file: document.path, line: eventError.line, reason: eventError.reason) }
        for failed in partial.figureFailures {
            guard let cell = document.cells.first(where: { $0.index == failed.cell }), !cell.options.error else { continue }
            throw NotebookError.figureFailed(file: document.path, cell: cell.index, line: cell.fenceLine, message: failed.message)
        }
        return partial
    }

    /// The error of a program that crashed or exited non-zero.
    func failure(_ termination: ChildProcess.Termination, record: RunRecord, document: Document, runDirectory: String) -> NotebookError {
        let errFile = record.lastCell.map { runDirectory + "/cell-\($0).err" } ?? runDirectory + "/stderr.txt"
        let stderr = String(decoding: FileBytes.read(errFile) ?? [], as: UTF8.self)
        if record.runningInline == nil, let cell = record.lastCell, let c = document.cells.first(where: { $0.index == cell }),
           let thrown = Executor.uncaughtError(stderr) {
            // The error first; then what the cell wrote to standard error before it (its
            // warnings), or with --verbose everything, the stack trace included.
            var message = thrown.error
            let earlier = Executor.shownStandardError(verbose ? stderr : thrown.before, document: document, verbose: verbose)
            if !earlier.isEmpty {
                message += "\n\n" + (verbose ? "the cell's standard error:" : "the cell's standard error before the error:") + "\n" + earlier
            }
            return NotebookError.cellThrew(file: document.path, cell: cell, line: c.fenceLine,
                                           message: message + "\n\ncell \(cell) starts at \(document.path):\(c.fenceLine):\n" + cellExcerpt(c))
        }
        var message = Executor.shownStandardError(stderr, document: document, verbose: verbose)
        let ending: String
        switch termination {
        case .signalled(let sig): ending = "the program was stopped by signal \(sig)"
        case .exited(let code): ending = code == 0 ? "the program ended before its last cell" : "the program exited with status \(code)"
        }
        message = message.isEmpty ? ending : message + "\n(\(ending))"
        if let inline = record.runningInline, let expr = document.inlineExpressions.first(where: { $0.index == inline.index }) {
            message += "\n\nin the inline expression `{swift} \(expr.code)` at \(document.path):\(expr.line):\(expr.column)"
            return NotebookError.runtimeFailed(file: document.path, cell: nil, line: expr.line, message: message)
        }
        if let cell = record.lastCell, let c = document.cells.first(where: { $0.index == cell }) {
            message += "\n\ncell \(cell) starts at \(document.path):\(c.fenceLine):\n" + cellExcerpt(c)
        }
        return NotebookError.runtimeFailed(file: document.path, cell: record.lastCell, line: record.lastCellLine, message: message)
    }

    /// The program's standard error as a failure shows it: the module-qualified file of a
    /// trap (`NotebookProgram/NAME.md`) replaced by the notebook's path, and, unless
    /// `verbose`, without the stack trace (the last 30 lines before it).
    static func shownStandardError(_ text: String, document: Document, verbose: Bool) -> String {
        let base = (document.path as NSString).lastPathComponent
        let fixed = text.replacingOccurrencesOf(ProgramBuilder.moduleName + "/" + base, with: document.path)
        var lines = fixed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        if !verbose {
            if let k = lines.firstIndex(where: isStackTraceStart) {
                lines = Array(lines[..<k]) + ["(the stack trace is left out; `mixbook render --verbose` shows it)"]
            }
            lines = Array(lines.suffix(30))
        }
        return lines.joined(separator: "\n")
    }

    /// The description of an error thrown at top level and never caught, as the Swift
    /// runtime reports it before it traps ("Fatal error: Error raised at top level: …",
    /// up to the stack trace), and the standard error written before that line; nil for
    /// any other failure.
    static func uncaughtError(_ stderr: String) -> (error: String, before: String)? {
        let marker = "Fatal error: Error raised at top level: "
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.firstIndex(where: { $0.contains(marker) }),
              let range = lines[first].range(of: marker) else { return nil }
        var text = [String(lines[first][range.upperBound...])]
        for line in lines[(first + 1)...] {
            if isStackTraceStart(line) { break }
            text.append(line)
        }
        while text.last?.trimmingWhitespace().isEmpty == true { text.removeLast() }
        return (text.joined(separator: "\n"), lines[..<first].joined(separator: "\n"))
    }

    /// The first line of a stack trace as the Swift runtime or a crash handler prints it.
    static func isStackTraceStart(_ line: String) -> Bool {
        let t = line.trimmingWhitespace()
        return t.hasPrefix("Current stack trace:") || t.hasPrefix("Stack dump:") || t.hasPrefix("*** Program crashed")
            || t.hasPrefix("Thread 0 crashed:") || t.hasPrefix("Backtrace:") || t.hasPrefix("💣 Program crashed")
            || (t.hasPrefix("0 ") && t.contains("0x"))
    }

    /// The cell's code with file line numbers (at most 12 lines).
    func cellExcerpt(_ cell: Cell) -> String {
        let lines = SourceText.lines(cell.code)
        let shown = lines.prefix(12).enumerated().map { "  \(cell.codeLine + $0.offset) | \($0.element)" }
        return shown.joined(separator: "\n") + (lines.count > 12 ? "\n  …" : "")
    }
}
