import XCTest
import NotebookEvents
@testable import Notebook

/// Issue 13, class 1: a damaged cache entry is never used; it is re-run and replaced.
final class CacheIntegrityTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try FileBytes.temporaryDirectory(prefix: "mixbook-cache-integrity") }
    override func tearDown() { FileBytes.remove(dir) }

    /// A stored run of one cell with one figure.
    func storeRun(_ cache: Cache) throws -> RunFiles {
        let run = dir + "/run"
        FileBytes.remove(run)
        try FileBytes.makeDirectory(run)
        try FileBytes.writeAtomically([NotebookEvent.cellStart(cell: 1, line: 1), .figure(cell: 1, offset: 0, file: "figure-1.png", caption: nil), .end]
            .map(\.line).joined(), to: run + "/events.jsonl")
        try FileBytes.writeAtomically([0x89, 0x50, 0x4E, 0x47] + Array(repeating: 7, count: 100), to: run + "/figure-1.png")
        try FileBytes.writeAtomically("hello\n", to: run + "/cell-1.txt")
        return try cache.store(name: "nb", key: "K", runDirectory: run, notebookDirectory: dir)
    }

    func testTheManifestRecordsEveryFileAndEveryDamageIsAMiss() throws {
        let cache = Cache(directory: dir + "/cache")
        let damages: [(String, (String) throws -> Void)] = [
            ("truncated events", { try FileBytes.writeAtomically("{\"event\":\"cell\",\"ce", to: $0 + "/events.jsonl") }),
            ("empty events", { try FileBytes.writeAtomically("", to: $0 + "/events.jsonl") }),
            ("truncated figure", { try FileBytes.writeAtomically([0x89, 0x50], to: $0 + "/figure-1.png") }),
            ("same size, other bytes", { try FileBytes.writeAtomically([0x89, 0x50, 0x4E, 0x47] + Array(repeating: 8, count: 100), to: $0 + "/figure-1.png") }),
            ("missing figure", { FileBytes.remove($0 + "/figure-1.png") }),
            ("missing text", { FileBytes.remove($0 + "/cell-1.txt") }),
            ("missing manifest", { FileBytes.remove(($0 as NSString).deletingLastPathComponent + "/manifest") }),
            ("emptied manifest", { try FileBytes.writeAtomically("", to: ($0 as NSString).deletingLastPathComponent + "/manifest") }),
        ]
        for (what, damage) in damages {
            let stored = try storeRun(cache)
            XCTAssertEqual(Set(stored.manifest.entries.map(\.name)), ["events.jsonl", "figure-1.png", "cell-1.txt"])
            XCTAssertEqual(stored.manifest.hashes["figure-1.png"], SHA256.hex(FileBytes.read(stored.directory + "/figure-1.png")!))
            XCTAssertNotNil(cache.lookup(name: "nb", key: "K", notebookDirectory: dir), "an intact entry is a hit")
            try damage(stored.directory)
            XCTAssertNil(cache.lookup(name: "nb", key: "K", notebookDirectory: dir), "\(what) must make the lookup a miss")
            // Storing the re-run heals the entry, and leaves no stray folder behind.
            _ = try storeRun(cache)
            XCTAssertNotNil(cache.lookup(name: "nb", key: "K", notebookDirectory: dir), "after \(what) the new run heals the entry")
            XCTAssertEqual(FileBytes.list(dir + "/cache"), ["nb"], what)
        }
    }

    func testLeftoverStagingFoldersAreRemovedByTheNextStore() throws {
        let cache = Cache(directory: dir + "/cache")
        try FileBytes.makeDirectory(dir + "/cache/.nb.staging-99999/run")
        try FileBytes.makeDirectory(dir + "/cache/.nb.old-99998")
        _ = try storeRun(cache)
        XCTAssertEqual(FileBytes.list(dir + "/cache"), ["nb"])
    }
}
