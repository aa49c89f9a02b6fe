import XCTest
import NotebookEvents
@testable import Notebook

/// The runtime and the runner share `NotebookEvent`; a malformed line is an error.
final class EventLogTests: XCTestCase {
    func testEveryEventRoundTripsThroughItsLine() throws {
        let events: [NotebookEvent] = [
            .cellStart(cell: 1, line: 5), .inlineStart(index: 0, line: 9), .inlineValue(index: 0, text: "a \"b\"\n\u{1}é"),
            .figure(cell: 1, offset: 12, file: "figure-1.png", caption: "x/y"), .figure(cell: 2, offset: 0, file: "figure-2.png", caption: nil),
            .figureFailed(cell: 2, offset: 3, message: "bad"), .table(cell: 3, offset: 4, html: "<table></table>"),
            .error(cell: 4, offset: 0, message: "oops"), .end,
        ]
        let text = events.map(\.line).joined()
        let parsed = NotebookEvent.parseLog(text)
        XCTAssertNil(parsed.error)
        XCTAssertEqual(parsed.events, events)
    }

    func testAMalformedLineIsAnErrorNamingItsLine() throws {
        let good = NotebookEvent.cellStart(cell: 1, line: 3).line
        for (bad, reason) in [("{\"event\":\"figure\",\"cell\":1}\n", "without 'offset'"), ("not json\n", "not a JSON"),
                              ("{\"event\":\"launch\"}\n", "unknown event"), ("{\"event\":\"end\"", "incomplete")] {
            let parsed = NotebookEvent.parseLog(good + bad)
            XCTAssertEqual(parsed.events, [.cellStart(cell: 1, line: 3)])
            XCTAssertEqual(parsed.error?.line, 2, bad)
            XCTAssertTrue(parsed.error?.reason.contains(reason) == true, "\(String(describing: parsed.error))")
        }
        let dir = try FileBytes.temporaryDirectory(prefix: "mixbook-events")
        defer { FileBytes.remove(dir) }
        try FileBytes.writeAtomically(good + "{\"event\":\"table\"}\n" + NotebookEvent.end.line, to: dir + "/events.jsonl")
        XCTAssertThrowsError(try RunRecord.read(from: dir, file: "notebooks/x.md")) { error in
            XCTAssertEqual(error as? NotebookError, .malformedEvents(file: "notebooks/x.md", line: 2, reason: "a 'table' event without 'cell'"))
        }
    }

    func testACellsStandardErrorFollowsItsOutput() throws {
        let dir = try FileBytes.temporaryDirectory(prefix: "mixbook-events")
        defer { FileBytes.remove(dir) }
        try FileBytes.writeAtomically([NotebookEvent.cellStart(cell: 1, line: 3), .end].map(\.line).joined(), to: dir + "/events.jsonl")
        try FileBytes.writeAtomically("printed\n", to: dir + "/cell-1.txt")
        try FileBytes.writeAtomically("warning: careful\n", to: dir + "/cell-1.err")
        let record = try RunRecord.read(from: dir, file: "x.md")
        XCTAssertEqual(record.outputs[1], [.text("printed\n"), .standardError("warning: careful\n")])
        XCTAssertTrue(record.finished)
    }
}
