import XCTest
@testable import Notebook

/// Issue 13, class 2: a notebook's report changes as one unit. The writer is stopped
/// after every possible step, as a kill would stop it; the folder then holds the whole
/// old report or the whole new one, and the next write cleans up.
final class AtomicReportTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try FileBytes.temporaryDirectory(prefix: "mixbook-atomic") }
    override func tearDown() { FileBytes.remove(dir) }

    /// A report whose page names its figures, from figure files written under `dir/src`.
    func report(_ tag: String, figures: [[UInt8]]) throws -> RenderedNotebook {
        var list: [(source: String, target: String)] = []
        var html = "<html>\(tag)"
        for (k, bytes) in figures.enumerated() {
            let source = dir + "/src-\(tag)-\(k).png"
            try FileBytes.writeAtomically(bytes, to: source)
            let target = "fig-\(k + 1)-\(SHA256.hex(bytes).prefix(12)).png"
            list.append((source, target))
            html += "<img src=\"nb/\(target)\">"
        }
        return RenderedNotebook(name: "nb", html: html + "</html>", figures: list)
    }

    /// The page in `out` and the figures it names, each with the bytes of `report`.
    func isComplete(_ report: RenderedNotebook, in out: String) -> Bool {
        guard FileBytes.read(out + "/nb.html") == Array(report.html.utf8) else { return false }
        return report.figures.allSatisfy { FileBytes.read(out + "/nb/" + $0.target) == FileBytes.read($0.source) }
    }

    func testAStopAfterAnyStepLeavesTheOldOrTheNewReport() throws {
        let old = try report("old", figures: [[1, 1, 1], [2, 2], [3]])
        // Figure 1 unchanged, figure 2 changed, figure 3 gone, figure 4 new.
        let new = try report("new", figures: [[1, 1, 1], [2, 2, 9], [4, 4, 4, 4], [5]])
        var sawOld = false, sawNew = false
        var k = 0
        while true {
            let out = dir + "/out-\(k)"
            try SiteWriter(outputDirectory: out).write(old)
            XCTAssertTrue(isComplete(old, in: out))
            var writer = SiteWriter(outputDirectory: out)
            writer.stopAfterStep = k
            var stopped = false
            do { try writer.write(new) } catch is SiteWriter.Interrupted { stopped = true }
            if !stopped { XCTAssertTrue(isComplete(new, in: out)); break }
            let oldThere = isComplete(old, in: out), newThere = isComplete(new, in: out)
            XCTAssertTrue(oldThere || newThere, "after step \(k) the folder must hold the old or the new report")
            sawOld = sawOld || oldThere
            sawNew = sawNew || newThere
            // The next (uninterrupted) write leaves exactly the new report.
            try SiteWriter(outputDirectory: out).write(new)
            XCTAssertTrue(isComplete(new, in: out))
            XCTAssertEqual(Set(FileBytes.list(out + "/nb")), Set(new.figures.map(\.target)), "after step \(k) the next write removes what no page uses")
            XCTAssertEqual(FileBytes.list(out), ["nb", "nb.html"])
            k += 1
            if k > 20 { break }
        }
        XCTAssertTrue(sawOld && sawNew, "the stops must fall both before and after the switch")
        // 3 new figures to write (figure 1 is unchanged), the page, 2 old figures to delete.
        XCTAssertEqual(k, 7, "one stop per step, plus one after the last step")
    }

    func testLeftoversOfAnInterruptedWriteAreRemoved() throws {
        let out = dir + "/out"
        let new = try report("new", figures: [[1, 2, 3]])
        try FileBytes.makeDirectory(out + "/nb")
        try FileBytes.writeAtomically("half", to: out + "/nb.html.tmp-4242")
        try FileBytes.writeAtomically("half", to: out + "/nb/fig-1-000000000000.png.tmp-4242")
        try FileBytes.writeAtomically("old figure", to: out + "/nb/fig-1.png")
        try FileBytes.makeDirectory(out + "/.nb.new-4242")
        try SiteWriter(outputDirectory: out).write(new)
        XCTAssertEqual(FileBytes.list(out), ["nb", "nb.html"])
        XCTAssertEqual(FileBytes.list(out + "/nb"), [new.figures[0].target])
    }

    func testAReportWithoutFiguresLeavesNoFolder() throws {
        let out = dir + "/out"
        try SiteWriter(outputDirectory: out).write(try report("old", figures: [[1]]))
        try SiteWriter(outputDirectory: out).write(try report("new", figures: []))
        XCTAssertEqual(FileBytes.list(out), ["nb.html"])
    }
}
