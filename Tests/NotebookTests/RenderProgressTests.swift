import XCTest
@testable import Notebook

final class RenderProgressTests: XCTestCase {
    func testTheLineOfAFinishedNotebook() {
        XCTAssertEqual(RenderProgress.line(for: NotebookOutcome(path: "notebooks/a.md", status: .rendered, seconds: 1.234, figures: 2)),
                       "notebooks/a.md: compiled and run, 1.23 s, 2 figures")
        XCTAssertEqual(RenderProgress.line(for: NotebookOutcome(path: "a.md", status: .cached, seconds: 0.05, figures: 1)),
                       "a.md: cached (cells unchanged), 0.05 s, 1 figure")
        let failed = NotebookOutcome(path: "a.md", status: .failed(.unclosedFence(file: "a.md", line: 3, fence: "```")), seconds: 0.5)
        XCTAssertEqual(RenderProgress.line(for: failed),
                       "a.md: FAILED after 0.50 s: a.md:3: error: the code fence '```' opened here is never closed; close it with a line '```'")
    }
}
