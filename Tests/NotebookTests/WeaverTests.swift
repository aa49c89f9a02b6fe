import XCTest
@testable import Notebook

final class WeaverTests: XCTestCase {
    func testTablesCarryTheirNumberInTheirCaption() throws {
        let doc = try DocumentParser.parse("""
        See @tbl-fit.

        ```swift
        //| label: tbl-fit
        print("a")
        ```

        ```swift
        print("b")
        ```
        """, path: "notebooks/t.md")
        var record = RunRecord()
        record.outputs[1] = [.table(html: "<table class=\"mixbook-table\">\n<caption>Fit &amp; data</caption>\n<thead></thead>\n</table>")]
        record.outputs[2] = [.table(html: "<table class=\"mixbook-table\">\n<thead></thead>\n</table>")]
        let body = try Weaver.weave(doc, record: record, figureHashes: [:]).body
        XCTAssertTrue(body.contains("<a class=\"xref\" href=\"#tbl-fit\">Table 1</a>"), body)
        XCTAssertTrue(body.contains("<caption><span class=\"figure-number\">Table 1</span>: Fit &amp; data</caption>"), body)
        XCTAssertTrue(body.contains("<table class=\"mixbook-table\">\n<caption><span class=\"figure-number\">Table 2</span></caption>\n<thead>"), body)
    }

    func testOutputsFollowTheirCellAndFiguresAreNumbered() throws {
        let doc = try DocumentParser.parse("""
        ## Fit *it*

        ```swift
        //| label: fig-density
        //| fig-cap: "Density & data"
        print("a")
        ```

        See @fig-density and `{swift} 1 + 1`.

        ```swift
        //| echo: false
        print("b")
        ```
        """, path: "notebooks/w.md")
        var record = RunRecord()
        record.outputs[1] = [.text("a <b>\n"), .figure(file: "figure-1.png", caption: nil), .text("after\n")]
        record.outputs[2] = [.text("b\n"), .figure(file: "figure-2.png", caption: "Second")]
        record.inlineValues[0] = "2"
        let hashes = ["figure-1.png": String(repeating: "a1", count: 32), "figure-2.png": String(repeating: "b2", count: 32)]
        let page = try Weaver.weave(doc, record: record, figureHashes: hashes)
        let body = page.body
        XCTAssertEqual(page.figures, [FigureFile(source: "figure-1.png", target: "fig-1-a1a1a1a1a1a1.png"), FigureFile(source: "figure-2.png", target: "fig-2-b2b2b2b2b2b2.png")])
        XCTAssertTrue(body.contains("<pre class=\"output-text\">a &lt;b&gt;\n</pre>"))
        XCTAssertTrue(body.contains("<figure class=\"figure\" id=\"fig-density\">\n<img src=\"w/fig-1-a1a1a1a1a1a1.png\" alt=\"Density &amp; data\">\n<figcaption><span class=\"figure-number\">Figure 1</span>: Density &amp; data</figcaption>"), body)
        XCTAssertTrue(body.contains("<a class=\"xref\" href=\"#fig-density\">Figure 1</a>"))
        XCTAssertTrue(body.contains("<span class=\"inline-value\">2</span>"))
        XCTAssertTrue(body.contains("Figure 2</span>: Second"))
        // Order: code, text, figure, text; the echo:false cell shows no code.
        let order = ["print(&quot;a&quot;)", "a &lt;b&gt;", "fig-1-a1a1a1a1a1a1.png", "after", "See", "b\n</pre>"].map { body.range(of: $0)!.lowerBound }
        XCTAssertEqual(order, order.sorted())
        XCTAssertFalse(body.contains("print(&quot;b&quot;)"))
        XCTAssertEqual(page.toc, [TOCEntry(id: "fit-it", html: "Fit <em>it</em>", level: 2)])
        XCTAssertTrue(body.contains("<h2 id=\"fit-it\">"))
    }

    func testUnknownReferenceIsAnError() throws {
        let doc = try DocumentParser.parse("Line one.\nSee @fig-nothing.", path: "n.md")
        XCTAssertThrowsError(try Weaver.weave(doc, record: RunRecord())) { error in
            XCTAssertEqual(error as? NotebookError, .unknownReference(file: "n.md", line: 2, label: "fig-nothing"))
        }
    }

    func testDuplicateLabelsAreErrorsNamingBothLines() throws {
        let cells = try DocumentParser.parse("""
        ```swift
        //| label: fig-a
        print(1)
        ```

        ```swift
        //| label: fig-a
        print(2)
        ```
        """, path: "n.md")
        XCTAssertThrowsError(try Weaver.weave(cells, record: RunRecord())) { error in
            XCTAssertEqual(error as? NotebookError, .duplicateLabel(file: "n.md", line: 6, label: "fig-a", firstLine: 1))
            XCTAssertTrue("\(error)".contains("n.md:6:"), "\(error)")
        }
        let equations = try DocumentParser.parse("$$a \\label{eq-x}$$\n\nText.\n\n$$b \\label{eq-x}$$", path: "n.md")
        XCTAssertThrowsError(try Weaver.weave(equations, record: RunRecord())) { error in
            XCTAssertEqual(error as? NotebookError, .duplicateLabel(file: "n.md", line: 5, label: "eq-x", firstLine: 1))
        }
    }

    func testLabelledEquationsAreNumbered() throws {
        let doc = try DocumentParser.parse("$$a = b \\label{eq-one}$$\n\n$$c$$\n\n$$d \\label{eq-two}$$\n\nBy @eq-two.", path: "n.md")
        let body = try Weaver.weave(doc, record: RunRecord()).body
        XCTAssertTrue(body.contains("id=\"eq-one\">a = b  \\tag{1}</span>"), body)
        XCTAssertTrue(body.contains("id=\"eq-two\">d  \\tag{2}</span>"), body)
        XCTAssertTrue(body.contains("<a class=\"xref\" href=\"#eq-two\">Equation (2)</a>"))
    }

    func testGitHubExtensions() {
        let html = Markdown.html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ www.example.com\n\n- [x] done\n\nNote.[^1]\n\n[^1]: Foot.\n")
        XCTAssertTrue(html.contains("<table>"))
        XCTAssertTrue(html.contains("<del>x</del>"))
        XCTAssertTrue(html.contains("<a href=\"http://www.example.com\">"))
        XCTAssertTrue(html.contains("type=\"checkbox\""))
        XCTAssertTrue(html.contains("footnote"))
    }
}
