import XCTest
@testable import Notebook

final class CacheAndEscapingTests: XCTestCase {
    func testSHA256KnownVectors() {
        XCTAssertEqual(SHA256.hex(Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1000)), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    func testCacheKeyChangesWithEachInput() throws {
        let doc = try DocumentParser.parse("---\nparams:\n  k: 2\n---\n```swift\nprint(1)\n```\n", path: "n.md")
        let program = try ProgramBuilder.build(doc)
        let key = Cache.key(program: program, compilerVersion: "swift 6.3.1", libraryHash: "abc")
        XCTAssertEqual(key, Cache.key(program: program, compilerVersion: "swift 6.3.1", libraryHash: "abc"))
        XCTAssertNotEqual(key, Cache.key(program: try ProgramBuilder.build(doc, overrides: ["k": "3"]), compilerVersion: "swift 6.3.1", libraryHash: "abc"))
        XCTAssertNotEqual(key, Cache.key(program: program, compilerVersion: "swift 6.3.2", libraryHash: "abc"))
        XCTAssertNotEqual(key, Cache.key(program: program, compilerVersion: "swift 6.3.1", libraryHash: "abd"))
        let edited = try ProgramBuilder.build(DocumentParser.parse("---\nparams:\n  k: 2\n---\n```swift\nprint(2)\n```\n", path: "n.md"))
        XCTAssertNotEqual(key, Cache.key(program: edited, compilerVersion: "swift 6.3.1", libraryHash: "abc"))
    }

    func testCacheLookupChecksTheDataFilesRead() throws {
        let dir = try FileBytes.temporaryDirectory(prefix: "mixbook-cache-test")
        defer { FileBytes.remove(dir) }
        let run = dir + "/run"
        try FileBytes.makeDirectory(run)
        try FileBytes.writeAtomically("a,b\n1,2\n", to: dir + "/data.csv")
        try FileBytes.writeAtomically("data.csv\ndata.csv\n", to: run + "/reads.log")
        try FileBytes.writeAtomically("{\"event\":\"end\"}\n", to: run + "/events.jsonl")
        let cache = Cache(directory: dir + "/cache")
        _ = try cache.store(name: "nb", key: "K", runDirectory: run, notebookDirectory: dir)
        XCTAssertNotNil(cache.lookup(name: "nb", key: "K", notebookDirectory: dir))
        XCTAssertNil(cache.lookup(name: "nb", key: "other", notebookDirectory: dir))
        try FileBytes.writeAtomically("a,b\n1,3\n", to: dir + "/data.csv")
        XCTAssertNil(cache.lookup(name: "nb", key: "K", notebookDirectory: dir), "an edited data file must invalidate the entry")
    }

    func testHeadingSlug() {
        XCTAssertEqual(HTML.slug("The E-step: responsibilities!"), "the-e-step-responsibilities")
    }
}
