import Foundation
import XCTest
@testable import Notebook

/// Renders small notebooks through the whole pipeline (swiftc against the release
/// library). Needs `swift build -c release --product Mixbook` (`make test` does it).
final class EndToEndTests: XCTestCase {
    var toolchain: Toolchain!
    var work = ""
    var savedDirectory = ""

    override func setUpWithError() throws {
        toolchain = try ReleaseCommandLine().toolchain
        work = try FileBytes.temporaryDirectory(prefix: "mixbook-e2e")
        try FileBytes.makeDirectory(work + "/notebooks/data")
        savedDirectory = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(work) else { throw CocoaError(.fileNoSuchFile) }
    }

    override func tearDown() {
        if !savedDirectory.isEmpty { _ = FileManager.default.changeCurrentDirectoryPath(savedDirectory) }
        if !work.isEmpty { FileBytes.remove(work) }
    }

    func write(_ name: String, _ text: String) throws {
        try FileBytes.writeAtomically(text, to: "notebooks/\(name)")
    }

    func renderer(force: Bool = false) -> SiteRenderer {
        var options = RenderOptions()
        options.force = force
        options.templateDirectory = toolchain.root + "/Templates"
        return SiteRenderer(toolchain: toolchain, options: options)
    }

    func read(_ path: String) -> String { String(decoding: FileBytes.read(path) ?? [], as: UTF8.self) }

    func testRenderCacheAndDataFileInvalidation() throws {
        try FileBytes.writeAtomically("3.5\n", to: "notebooks/data/value.txt")
        try write("good.md", """
        ---
        title: Good <one>
        description: Reads a data file.
        params:
          factor: 2
        ---
        ## Reading

        ```swift
        //| label: fig-tiny
        //| fig-cap: "Tiny"
        // What the library's CSV reader does: log each data file it opens.
        let path = "data/value.txt"
        if let log = ProcessInfo.processInfo.environment["MIXBOOK_READ_LOG"] {
            let line = path + "\\n"
            if let h = FileHandle(forWritingAtPath: log) { h.seekToEndOfFile(); h.write(line.data(using: .utf8)!) }
            else { FileManager.default.createFile(atPath: log, contents: line.data(using: .utf8)) }
        }
        let value = Double(try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        print("value <", value * Double(params.factor))
        var figure = Figure(width: 2, height: 1.5, dpi: 40)
        figure.axes[0].line(x: [0, 1], y: [0, value])
        show(figure)
        ```

        Twice is `{swift} value * 2`; see @fig-tiny.
        """)
        var outcomes = try renderer().render(["notebooks/good.md"])
        XCTAssertEqual(outcomes.count, 1)
        guard case .rendered = outcomes[0].status else { return XCTFail("\(outcomes[0].status)") }
        let html = read("output/good.html")
        XCTAssertTrue(html.contains("<pre class=\"output-text\">value &lt; 7.0\n</pre>"), html)
        XCTAssertTrue(html.contains("<span class=\"inline-value\">7.0</span>"))
        XCTAssertTrue(html.contains("<a class=\"xref\" href=\"#fig-tiny\">Figure 1</a>"))
        XCTAssertTrue(html.contains("<title>Good &lt;one&gt;</title>"))
        // Figures are content-addressed: fig-N-HASH.png, HASH the first 12 hex digits of the PNG's SHA-256.
        let figures = FileBytes.list("output/good")
        XCTAssertEqual(figures.count, 1)
        let figure = try XCTUnwrap(FileBytes.read("output/good/" + (figures.first ?? "")))
        XCTAssertEqual(figure.prefix(4), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertEqual(figures.first, "fig-1-\(SHA256.hex(figure).prefix(12)).png")
        XCTAssertTrue(html.contains("<img src=\"good/\(figures[0])\""))
        XCTAssertTrue(read("output/index.html").contains("Reads a data file."))
        XCTAssertTrue(FileBytes.exists("output/assets/katex/katex.min.js"))
        XCTAssertTrue(FileBytes.exists("output/assets/highlight/highlight.min.js"))

        // Unchanged: neither compiled nor run, and byte-identical.
        let before = FileBytes.read("output/good.html")
        outcomes = try renderer().render(["notebooks/good.md"])
        guard case .cached = outcomes[0].status else { return XCTFail("expected a cache hit, got \(outcomes[0].status)") }
        XCTAssertEqual(FileBytes.read("output/good.html"), before)

        // --force re-runs and still gives the same bytes.
        outcomes = try renderer(force: true).render(["notebooks/good.md"])
        guard case .rendered = outcomes[0].status else { return XCTFail("\(outcomes[0].status)") }
        XCTAssertEqual(FileBytes.read("output/good.html"), before)

        // Editing the data file the notebook read re-runs it.
        try FileBytes.writeAtomically("4\n", to: "notebooks/data/value.txt")
        outcomes = try renderer().render(["notebooks/good.md"])
        guard case .rendered = outcomes[0].status else { return XCTFail("a changed data file must re-run the notebook") }
        XCTAssertTrue(read("output/good.html").contains("value &lt; 8.0"))
    }

    func testFailingNotebooksGiveClearErrorsAndLeaveOutputUntouched() throws {
        let failing: [(String, String)] = [
            ("unclosed.md", "# T\n\ntext\n\n```swift\nprint(1)\n"),
            ("yaml.md", "---\ntitle: x\nparams: [1, 2\n---\ntext\n"),
            ("compile.md", "---\ntitle: C\n---\n\n```swift\nlet a = 1\nprint(undefinedThing)\n```\n"),
            ("trap.md", "# Trap\n\n```swift\nlet xs = [1, 2, 3]\n```\n\n```swift\nprint(\"before\")\nprint(xs[7])\n```\n"),
            ("loop.md", "---\ntimeout: 1\n---\n\n```swift\nvar i = 0\nwhile true { i &+= 1 }\n```\n"),
            ("throws.md", "# Throws\n\n```swift\nprint(1)\n```\n\n```swift\nstruct Refused: Error, CustomStringConvertible { var description: String { \"no rows in table.csv\" } }\nFileHandle.standardError.write(\"warning: the table looks short\\n\".data(using: .utf8)!)\nthrow Refused()\n```\n"),
        ]
        for (name, text) in failing { try write(name, text) }
        try FileBytes.writeAtomically(Array("# ok\nbad byte: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8), to: "notebooks/binary.md")
        try write("fine.md", "# Fine\n\n```swift\nprint(\"fine\")\n```\n")
        try FileBytes.makeDirectory("output")
        let names = failing.map(\.0) + ["binary.md"]
        for name in names { try FileBytes.writeAtomically("OLD", to: "output/\(name.dropLast(3)).html") }
        try FileBytes.writeAtomically("OLD INDEX", to: "output/index.html")

        let outcomes = try renderer().render((names + ["fine.md"]).map { "notebooks/" + $0 })
        var messages: [String: NotebookError] = [:]
        for o in outcomes { if case .failed(let e) = o.status { messages[o.path] = e } }
        XCTAssertEqual(Set(messages.keys), Set(names.map { "notebooks/" + $0 }))

        XCTAssertTrue("\(messages["notebooks/unclosed.md"]!)".hasPrefix("notebooks/unclosed.md:5: error: the code fence '```' opened here is never closed"))
        XCTAssertTrue("\(messages["notebooks/yaml.md"]!)".hasPrefix("notebooks/yaml.md:"), "\(messages["notebooks/yaml.md"]!)")
        XCTAssertTrue("\(messages["notebooks/yaml.md"]!)".contains("invalid front matter"))
        let compile = "\(messages["notebooks/compile.md"]!)"
        XCTAssertTrue(compile.contains("notebooks/compile.md:7:7: error: cannot find 'undefinedThing' in scope"), compile)
        XCTAssertTrue(compile.contains("> 7 | print(undefinedThing)"), compile)
        guard case let .runtimeFailed(_, cell, line, message)? = messages["notebooks/trap.md"] else { return XCTFail("\(String(describing: messages["notebooks/trap.md"]))") }
        XCTAssertEqual(cell, 2)
        XCTAssertEqual(line, 7)
        XCTAssertTrue(message.contains("Index out of range"), message)
        XCTAssertTrue("\(messages["notebooks/trap.md"]!)".contains("crashed in cell 2"))
        XCTAssertEqual(messages["notebooks/loop.md"], .timedOut(file: "notebooks/loop.md", seconds: 1, cell: 1, line: 5))
        // A thrown error is reported as the error it is, not as a crash by signal.
        let thrown = "\(messages["notebooks/throws.md"]!)"
        XCTAssertTrue(thrown.hasPrefix("notebooks/throws.md:7: error: cell 2 threw an error: no rows in table.csv\n"), thrown)
        XCTAssertTrue(thrown.contains("  10 | throw Refused()") && thrown.contains("//| error: true"), thrown)
        // What the cell wrote to standard error before it threw is kept.
        XCTAssertTrue(thrown.contains("the cell's standard error before the error:\nwarning: the table looks short"), thrown)
        XCTAssertFalse(thrown.contains("signal") || thrown.contains("stack trace"), thrown)
        XCTAssertEqual(messages["notebooks/binary.md"], .invalidUTF8(file: "notebooks/binary.md", byteOffset: 15, line: 2))

        for name in names { XCTAssertEqual(read("output/\(name.dropLast(3)).html"), "OLD", name) }
        // The index is rewritten even so, each failed notebook marked failed with its error.
        let index = read("output/index.html")
        XCTAssertEqual(index.components(separatedBy: "<li class=\"failed\">").count - 1, names.count, index)
        XCTAssertTrue(index.contains("notebooks/trap.md:7: error: the notebook crashed in cell 2"), index)
        XCTAssertTrue(read("output/fine.html").contains("fine\n</pre>"), "one notebook's failure must not stop the others")
    }

    func testCommandLineExitsNonZeroOnFailure() throws {
        let binary = try ReleaseCommandLine().binary
        try write("unclosed.md", "text\n\n~~~swift\nprint(1)\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["render", "notebooks/unclosed.md"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertTrue(text.contains("notebooks/unclosed.md:3: error: the code fence '~~~' opened here is never closed"), text)
        XCTAssertFalse(FileBytes.exists("output/unclosed.html"))
    }
}
