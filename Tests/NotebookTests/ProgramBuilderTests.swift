import XCTest
@testable import Notebook

final class ProgramBuilderTests: XCTestCase {
    let notebook = """
    ---
    seed: 9
    params:
      components: 2
      rate: 0.5
      name: "a \\"quoted\\" name"
    ---
    Intro `{swift} params.components`.

    ```swift
    //| fig-width: 5
    let k = params.components
    print(k)
    ```

    ```swift
    //| eval: false
    thisIsNotCompiled()
    ```

    ```swift
    //| error: true
    throw MyError()
    ```
    """

    func testLineDirectivesPointAtTheMarkdown() throws {
        let doc = try DocumentParser.parse(notebook, path: "notebooks/x.md")
        let program = try ProgramBuilder.build(doc)
        let lines = program.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertTrue(lines.contains("import Mixbook"))
        XCTAssertTrue(lines.contains("let seed: UInt64 = 9"))
        XCTAssertTrue(lines.contains("    let components: Int = 2"))
        XCTAssertTrue(lines.contains("    let rate: Double = 0.5"))
        XCTAssertTrue(lines.contains("    let name: String = \"a \\\"quoted\\\" name\""))
        // The first code line of cell 1 follows a directive naming its markdown line (12).
        let k = try XCTUnwrap(lines.firstIndex(of: "let k = params.components"))
        XCTAssertEqual(lines[k - 1], "#sourceLocation(file: \"notebooks/x.md\", line: 12)")
        XCTAssertEqual(lines[k - 2], "_mixbookCellStart(1, line: 10, options: [\"fig-width\": \"5.0\"])")
        XCTAssertEqual(lines[k + 2], "#sourceLocation()")
        XCTAssertFalse(program.source.contains("thisIsNotCompiled"))
        XCTAssertTrue(program.source.contains("do {\n#sourceLocation(file: \"notebooks/x.md\", line: 23)\nthrow MyError()\n#sourceLocation()\n} catch {\n    _mixbookCaughtError(error)\n}"))
        // An inline expression stands at its own line and column (line 8, after the directive for line 7).
        XCTAssertTrue(program.source.contains("_mixbookInlineStart(0, line: 8)\n#sourceLocation(file: \"notebooks/x.md\", line: 7)\nlet _mixbookInline0 =\n"), program.source)
        XCTAssertTrue(program.source.contains("_mixbookInlineValue(0, String(describing: _mixbookInline0))"))
    }

    func testOverridesAreTypedFromTheDefault() throws {
        let doc = try DocumentParser.parse(notebook, path: "notebooks/x.md")
        let program = try ProgramBuilder.build(doc, overrides: ["components": "4", "rate": "1e-3"])
        XCTAssertTrue(program.source.contains("let components: Int = 4\n"))
        XCTAssertTrue(program.source.contains("let rate: Double = 0.001\n"))
        XCTAssertThrowsError(try ProgramBuilder.build(doc, overrides: ["components": "four"])) { error in
            XCTAssertEqual("\(error)", "notebooks/x.md: error: -P components=four: parameter 'components' is an Int (its default is 2), and 'four' is not")
        }
        XCTAssertThrowsError(try ProgramBuilder.build(doc, overrides: ["k": "1"])) { error in
            XCTAssertTrue("\(error)".contains("declares no parameter 'k'; its parameters: components, rate, name"), "\(error)")
        }
    }
}
