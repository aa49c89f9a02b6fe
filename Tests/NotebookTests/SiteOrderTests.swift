import XCTest
@testable import Notebook

final class SiteOrderTests: XCTestCase {
    func testOrderIsReadFromFrontMatter() throws {
        let doc = try DocumentParser.parse("---\ntitle: A\norder: 3\n---\nText.\n", path: "notebooks/a.md")
        XCTAssertEqual(doc.frontMatter.order, 3)
        XCTAssertNil(try DocumentParser.parse("---\ntitle: B\n---\n", path: "notebooks/b.md").frontMatter.order)
    }

    func testOrderMustBeAnInteger() {
        XCTAssertThrowsError(try DocumentParser.parse("---\ntitle: A\norder: first\n---\n", path: "notebooks/a.md")) { error in
            guard case let NotebookError.invalidFrontMatter(file, line, message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "notebooks/a.md")
            XCTAssertEqual(line, 3)
            XCTAssertTrue(message.contains("'order' must be an integer"), message)
        }
    }

    func testOrderedNotebooksComeFirstThenTheOthersByTitle() {
        typealias E = SiteIndex.Entry
        let entries = [
            E(name: "a-zeta", title: "Zeta", description: nil, order: nil),
            E(name: "b-second", title: "Second", description: nil, order: 2),
            E(name: "c-alpha", title: "Alpha", description: nil, order: nil),
            E(name: "d-first", title: "First", description: nil, order: -1),
            E(name: "e-tie-b", title: "Tie", description: nil, order: 5),
            E(name: "e-tie-a", title: "Tie", description: nil, order: 5),
        ]
        XCTAssertEqual(SiteIndex.ordered(entries).map(\.name), ["d-first", "b-second", "e-tie-a", "e-tie-b", "c-alpha", "a-zeta"])
    }

    func testIndexAndNeighboursFollowTheOrder() throws {
        let dir = try FileBytes.temporaryDirectory(prefix: "mixbook-order")
        defer { FileBytes.remove(dir) }
        try FileBytes.writeAtomically("---\ntitle: Appendix\n---\n", to: dir + "/a.md")
        try FileBytes.writeAtomically("---\ntitle: Basics\norder: 1\n---\n", to: dir + "/z.md")
        try FileBytes.writeAtomically("---\ntitle: More\norder: 2\n---\n", to: dir + "/m.md")
        let site = ParsedNotebooks.load([dir + "/z.md"]).index
        XCTAssertEqual(site.entries.map(\.name), ["z", "m", "a"])
        let middle = site.neighbours(of: "m")
        XCTAssertEqual(middle.previous?.href, "z.html")
        XCTAssertEqual(middle.next?.href, "a.html")
        XCTAssertNil(site.neighbours(of: "z").previous)
    }
}
