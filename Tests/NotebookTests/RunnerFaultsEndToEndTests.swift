import Foundation
import XCTest
@testable import Notebook

/// Issue 13 end to end (swiftc against the release library; `make test` builds it):
/// the site under failures, processes, names, error locations, silent losses, progress.
final class RunnerFaultsEndToEndTests: XCTestCase {
    var toolchain: Toolchain!
    var work = ""
    var savedDirectory = ""


    override func setUpWithError() throws {
        toolchain = try ReleaseCommandLine().toolchain
        work = try FileBytes.temporaryDirectory(prefix: "mixbook-faults")
        try FileBytes.makeDirectory(work + "/notebooks")
        savedDirectory = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(work) else { throw CocoaError(.fileNoSuchFile) }
    }

    override func tearDown() {
        if !savedDirectory.isEmpty { _ = FileManager.default.changeCurrentDirectoryPath(savedDirectory) }
        if !work.isEmpty { FileBytes.remove(work) }
    }

    func write(_ name: String, _ text: String) throws { try FileBytes.writeAtomically(text, to: "notebooks/\(name)") }
    func read(_ path: String) -> String { String(decoding: FileBytes.read(path) ?? [], as: UTF8.self) }

    func render(_ names: [String], force: Bool = false, verbose: Bool = false) throws -> [String: NotebookOutcome] {
        var options = RenderOptions()
        options.force = force
        options.verbose = verbose
        options.templateDirectory = toolchain.root + "/Templates"
        let outcomes = try SiteRenderer(toolchain: toolchain, options: options).render(names.map { "notebooks/" + $0 })
        return Dictionary(outcomes.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func error(_ outcome: NotebookOutcome?) -> String {
        if case .failed(let e)? = outcome?.status { return "\(e)" }
        return "(no error: \(String(describing: outcome?.status)))"
    }

    /// True when `pid` is gone or a zombie (killed, waiting to be reaped by init).
    func isDead(_ pid: pid_t) -> Bool {
        guard let bytes = ChildSessions.readProcFile("/proc/\(pid)/stat"), !bytes.isEmpty else { return true }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return true }
        return text[text.index(after: close)...].split(separator: " ").first == "Z"
    }

    func buildFolders(in directory: String) -> Set<String> { Set(FileBytes.list(directory).filter { $0.hasPrefix("mixbook-build-") }) }

    /// A cell that starts `sleep 300`, writes both pids to `pidFile` and spins forever.
    func spinningNotebook(pidFile: String, timeout: Int) -> String {
        """
        ---
        timeout: \(timeout)
        ---

        ```swift
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["300"]
        try sleeper.run()
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        try exe.write(toFile: "\(pidFile).exe", atomically: true, encoding: .utf8)
        try "\\(getpid()) \\(sleeper.processIdentifier)".write(toFile: "\(pidFile)", atomically: true, encoding: .utf8)
        var i = 0
        while true { i &+= 1 }
        ```
        """
    }

    // MARK: 3. a failing notebook does not keep the site incomplete

    func testAFreshFolderWithAGoodAndAFailingNotebookGetsItsIndexAndAssets() throws {
        try write("good.md", "---\ntitle: Good\n---\n\n```swift\nprint(\"ok\")\n```\n")
        try write("bad.md", "---\ntitle: Bad\n---\n\n```swift\nprint(undefinedName)\n```\n")
        let outcomes = try render(["good.md", "bad.md"])
        XCTAssertFalse(outcomes["notebooks/good.md"]!.failed)
        XCTAssertTrue(outcomes["notebooks/bad.md"]!.failed)
        XCTAssertTrue(FileBytes.exists("output/assets/style.css"))
        XCTAssertTrue(FileBytes.exists("output/assets/katex/katex.min.js"))
        let index = read("output/index.html")
        XCTAssertTrue(index.contains("<li><a href=\"good.html\">Good</a></li>"), index)
        // No page of bad.md exists, so its entry is its title and its error, not a link.
        XCTAssertTrue(index.contains("<li class=\"failed\"><span class=\"title\">Bad</span><p class=\"render-error\">This notebook failed to render:</p>"), index)
        XCTAssertTrue(index.contains("notebooks/bad.md:6:7: error: cannot find &#39;undefinedName&#39; in scope"), index)
        XCTAssertFalse(FileBytes.exists("output/bad.html"))
    }

    // MARK: 4. nothing outlives the runner

    func testATimeoutKillsTheProgramAndTheProcessesItStarted() throws {
        let pidFile = work + "/pids"
        try write("spin.md", spinningNotebook(pidFile: pidFile, timeout: 2))
        let outcomes = try render(["spin.md"])
        XCTAssertTrue(error(outcomes["notebooks/spin.md"]).contains("ran longer than its timeout of 2 s"))
        let pids = read(pidFile).split(separator: " ").compactMap { pid_t($0) }
        XCTAssertEqual(pids.count, 2)
        for pid in pids { XCTAssertTrue(isDead(pid), "process \(pid) outlived the timeout") }
        // The program's own build folder (the mixbook-build-* ancestor of its executable) is
        // gone; other processes' renders in the same temporary folder do not matter.
        let exe = read(pidFile + ".exe")
        let folder = exe.split(separator: "/").firstIndex { $0.hasPrefix("mixbook-build-") }
            .map { "/" + exe.split(separator: "/")[...$0].joined(separator: "/") }
        XCTAssertNotNil(folder, "the program ran from a build folder: \(exe)")
        if let folder { XCTAssertFalse(FileBytes.exists(folder), "the build folder \(folder) is removed") }
    }

    func testProcessesACellStartedDieWhenTheProgramEndsOrCrashes() throws {
        for (name, ending) in [("ends.md", "print(\"done\")"), ("crashes.md", "fatalError(\"stop\")")] {
            let pidFile = work + "/pids-" + name
            try write(name, """
            ```swift
            let sleeper = Process()
            sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
            sleeper.arguments = ["300"]
            try sleeper.run()
            try "\\(sleeper.processIdentifier)".write(toFile: "\(pidFile)", atomically: true, encoding: .utf8)
            \(ending)
            ```
            """)
        }
        let outcomes = try render(["ends.md", "crashes.md"])
        XCTAssertFalse(outcomes["notebooks/ends.md"]!.failed, error(outcomes["notebooks/ends.md"]))
        XCTAssertTrue(error(outcomes["notebooks/crashes.md"]).contains("Fatal error: stop"))
        for name in ["ends.md", "crashes.md"] {
            let pid = try XCTUnwrap(pid_t(read(work + "/pids-" + name)))
            XCTAssertTrue(isDead(pid), "\(name): the process its cell started outlived the program")
        }
    }

    func testSIGINTAndSIGTERMKillTheProgramAndRemoveTheBuildFolder() throws {
        let binary = try ReleaseCommandLine().binary
        for sig in [SIGINT, SIGTERM] {
            let pidFile = work + "/pids-\(sig)"
            let temporary = work + "/tmp-\(sig)"
            try FileBytes.makeDirectory(temporary)
            try write("spin.md", spinningNotebook(pidFile: pidFile, timeout: 300))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["render", "--quiet", "notebooks/spin.md"]
            process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary]) { _, new in new }
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(120)
            while read(pidFile).split(separator: " ").count < 2 && Date() < deadline { usleep(50_000) }
            let pids = read(pidFile).split(separator: " ").compactMap { pid_t($0) }
            XCTAssertEqual(pids.count, 2, "the notebook program started")
            XCTAssertFalse(buildFolders(in: temporary).isEmpty, "the build folder exists while the program runs")
            kill(process.processIdentifier, sig)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal)
            XCTAssertEqual(process.terminationStatus, sig)
            usleep(100_000)
            for pid in pids { XCTAssertTrue(isDead(pid), "process \(pid) outlived signal \(sig) to mixbook") }
            XCTAssertTrue(buildFolders(in: temporary).isEmpty, "signal \(sig): the build folder is removed")
        }
    }

    // MARK: 6. names

    func testNamesWithPercentHashSpacesAndNonASCIIRender() throws {
        let name = "100% a#b é"
        try write(name + ".md", "# N\n\n```swift\nvar f = Figure(width: 2, height: 1.5, dpi: 30)\nf.axes[0].line(x: [0, 1], y: [0, 1])\nshow(f)\n```\n")
        let outcomes = try render([name + ".md"])
        XCTAssertFalse(outcomes["notebooks/\(name).md"]!.failed, error(outcomes["notebooks/\(name).md"]))
        let figures = FileBytes.list("output/\(name)")
        XCTAssertEqual(figures.count, 1)
        XCTAssertTrue(read("output/\(name).html").contains("<img src=\"100%25%20a%23b%20%C3%A9/\(figures[0])\""))
        XCTAssertTrue(read("output/index.html").contains("<a href=\"100%25%20a%23b%20%C3%A9.html\">N</a>") || read("output/index.html").contains("href=\"100%25%20a%23b%20%C3%A9.html\""))
    }

    // MARK: 8. locations

    func testErrorsNameTheirNotebookLineAndColumn() throws {
        try write("inline.md", "# T\n\nValue `{swift} undefinedX + 1` here.\n")
        try write("list.md", "# T\n\n- item\n\n  ```swift\n  let b = undefinedY\n  ```\n")
        try write("brace.md", "# T\n\n```swift\nif true {\nprint(1)\n```\n\n```swift\nprint(2)\n```\n")
        try write("trap.md", "# T\n\n```swift\nlet xs = [1]\nfatalError(\"boom\")\n```\n")
        try write("trapinline.md", "# T\n\n```swift\nlet xs = [1]\n```\n\nInline `{swift} xs[5]`.\n")
        let outcomes = try render(["inline.md", "list.md", "brace.md", "trap.md", "trapinline.md"])
        XCTAssertTrue(error(outcomes["notebooks/inline.md"]).contains("notebooks/inline.md:3:16: error: cannot find 'undefinedX' in scope"), error(outcomes["notebooks/inline.md"]))
        XCTAssertTrue(error(outcomes["notebooks/list.md"]).contains("notebooks/list.md:6:11: error: cannot find 'undefinedY' in scope"), error(outcomes["notebooks/list.md"]))
        let brace = error(outcomes["notebooks/brace.md"])
        XCTAssertTrue(brace.contains("notebooks/brace.md:6:1: error: expected '}'"), brace)
        XCTAssertTrue(brace.contains("notebooks/brace.md:4:9: note: to match this opening '{'"), brace)
        XCTAssertFalse(brace.contains("main.swift"), brace)
        let trap = error(outcomes["notebooks/trap.md"])
        XCTAssertTrue(trap.hasPrefix("notebooks/trap.md:3: error: the notebook crashed in cell 1:\nnotebooks/trap.md:5: Fatal error: boom"), trap)
        XCTAssertFalse(trap.contains(ProgramBuilder.moduleName + "/"), trap)
        XCTAssertFalse(trap.contains("0x0"), "no raw stack trace without --verbose: \(trap)")
        let inlineTrap = error(outcomes["notebooks/trapinline.md"])
        XCTAssertTrue(inlineTrap.hasPrefix("notebooks/trapinline.md:7: error: the notebook crashed:"), inlineTrap)
        XCTAssertTrue(inlineTrap.contains("Index out of range"), inlineTrap)
        XCTAssertTrue(inlineTrap.contains("in the inline expression `{swift} xs[5]` at notebooks/trapinline.md:7:17"), inlineTrap)

        let verbose = try render(["trap.md"], verbose: true)
        XCTAssertTrue(error(verbose["notebooks/trap.md"]).contains("Current stack trace:"), error(verbose["notebooks/trap.md"]))
    }

    // MARK: 9. nothing dropped silently

    func testStandardErrorFailedFiguresAndCROnlyNotebooks() throws {
        try write("err.md", "# E\n\n```swift\nprint(\"out\")\nFileHandle.standardError.write(\"warn: <careful>\\n\".data(using: .utf8)!)\n```\n")
        try write("badfig.md", "# F\n\n```swift\nvar f = Figure(width: 2, height: 1, dpi: 30)\nf.width = -1\nshow(f)\n```\n")
        try write("badfigok.md", "# F\n\n```swift\n//| error: true\nvar f = Figure(width: 2, height: 1, dpi: 30)\nf.width = -1\nshow(f)\nprint(\"after\")\n```\n")
        try write("cr.md", "# CR\r\rtext `{swift} 6 * 7`\r\r```swift\rprint(\"cr works\")\r```\r")
        let outcomes = try render(["err.md", "badfig.md", "badfigok.md", "cr.md"])
        let err = read("output/err.html")
        XCTAssertTrue(err.contains("<pre class=\"output-text\">out\n</pre>\n<pre class=\"output-stderr\" title=\"standard error\">warn: &lt;careful&gt;\n</pre>"), err)
        let badfig = error(outcomes["notebooks/badfig.md"])
        XCTAssertTrue(badfig.hasPrefix("notebooks/badfig.md:3: error: cell 1 could not draw its figure: show(figure) could not draw or write the figure:"), badfig)
        XCTAssertFalse(outcomes["notebooks/badfigok.md"]!.failed)
        XCTAssertTrue(read("output/badfigok.html").contains("<div class=\"output-error\"><div class=\"error-title\">Error</div><pre>show(figure) could not draw or write the figure"))
        XCTAssertTrue(read("output/badfigok.html").contains("after"))
        XCTAssertFalse(outcomes["notebooks/cr.md"]!.failed, error(outcomes["notebooks/cr.md"]))
        XCTAssertTrue(read("output/cr.html").contains("<pre class=\"output-text\">cr works\n</pre>"))
        XCTAssertTrue(read("output/cr.html").contains("<span class=\"inline-value\">42</span>"))
    }

    // MARK: 1. a damaged cache entry heals end to end

    func testADamagedCacheEntryIsRunAgainAndHealed() throws {
        try write("fig.md", "# F\n\n```swift\nprint(\"text\")\nvar f = Figure(width: 2, height: 1.5, dpi: 30)\nf.axes[0].line(x: [0, 1], y: [1, 0])\nshow(f)\n```\n")
        _ = try render(["fig.md"])
        let page = FileBytes.read("output/fig.html")
        let figure = FileBytes.list("output/fig")
        for damage in ["/figure-1.png", "/events.jsonl"] {
            try FileBytes.writeAtomically([0x89], to: ".mixbook-cache/fig/run" + damage)
            let again = try render(["fig.md"])
            guard case .rendered = again["notebooks/fig.md"]!.status else { return XCTFail("a damaged \(damage) must re-run, got \(again["notebooks/fig.md"]!.status)") }
            XCTAssertEqual(FileBytes.read("output/fig.html"), page)
            XCTAssertEqual(FileBytes.list("output/fig"), figure)
            guard case .cached = try render(["fig.md"])["notebooks/fig.md"]!.status else { return XCTFail("the healed entry is used") }
            XCTAssertEqual(FileBytes.list(".mixbook-cache").filter { !$0.hasPrefix(".") && $0 != "compiler-version" && $0 != "library-hash" }, ["fig"])
        }
    }

    // MARK: 11. progress

    func testRenderPrintsALinePerNotebookAndASummaryUnlessQuiet() throws {
        let binary = try ReleaseCommandLine().binary
        try write("a.md", "# A\n\n```swift\nprint(1)\n```\n")
        try write("b.md", "# B\n\n```swift\nprint(undefinedZ)\n```\n")
        func run(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        let first = try run(["render", "notebooks/a.md", "notebooks/b.md"])
        XCTAssertNotNil(first.range(of: #"notebooks/a\.md: compiled and run, \d+\.\d\d s, 0 figures\n"#, options: .regularExpression), first)
        XCTAssertTrue(first.contains("notebooks/b.md: FAILED after "), first)
        XCTAssertNotNil(first.range(of: #"mixbook: 2 notebooks in \d+\.\d\d s: 1 compiled and run, 0 cached, 1 failed"#, options: .regularExpression), first)
        XCTAssertFalse(first.contains("\r"), "no live line when stderr is not a terminal")
        let second = try run(["render", "notebooks/a.md"])
        XCTAssertTrue(second.contains("notebooks/a.md: cached (cells unchanged), "), second)
        XCTAssertTrue(second.contains("mixbook: 1 notebook in "), second)
        XCTAssertEqual(try run(["render", "--quiet", "notebooks/a.md"]), "")
    }
}
