import Foundation
import PropertyBased
import XCTest
@testable import Notebook

/// Seeded property tests of the notebook parser and the front-matter reader: random
/// notebooks built from pieces of the syntax (fences, options, front matter, math,
/// inline expressions, references, private-use and CR characters, bad bytes) never
/// crash them, and every failure is a `NotebookError` that names a line inside the
/// input. `make test` runs a few hundred cases; `scripts/fuzz-parser.sh` runs many more
/// (MIXBOOK_FUZZ_CASES, MIXBOOK_FUZZ_SEED).
final class ParserPropertyTests: XCTestCase {
    static let cases = Int(ProcessInfo.processInfo.environment["MIXBOOK_FUZZ_CASES"] ?? "") ?? 300
    static let seed = UInt64(ProcessInfo.processInfo.environment["MIXBOOK_FUZZ_SEED"] ?? "") ?? 20_261_201

    static let notebookPieces: [String] = [
        "---\n", "...\n", "title: x\n", "title: [\n", "params:\n  k: 2\n  r: 0.5\n", "params: 3\n", "seed: -1\n", "seed: 7\n",
        "order: two\n", "timeout: 0.5\n", ": :\n", "  - a\n", "description: \"q\n", "\n", "\n\n", "text *em* and _u_ ",
        "$x_1$ ", "$$a\\label{eq-a}$$\n", "\\begin{align} a \\label{eq-b} \\\\ b \\label{eq-c}\\end{align}\n", "\\(y\\) ", "\\[z\\]",
        "```swift\n", "```{swift}\n", "```\n", "~~~swift\n", "~~~\n", "````\n", "  ```swift\n", "  ```\n", "```python\n",
        "//| echo: false\n", "//| label: fig-a\n", "//| label: tbl-t\n", "//| fig-width: wide\n", "//| nonsense\n", "//| error: true\n",
        "//| fig-cap: \"a \\\"b\\\"\"\n", "print(1)\n", "let x = 2\n", "{\n", "}\n", "`{swift} x + 1`", "`{swift}`", "`code`", "``a`b``",
        "@fig-a ", "@tbl-t ", "@eq-a.", "@eq-", "\u{E000}", "\u{E001}", "\u{E002}7\u{E003}", "\r", "\r\n", "é ", "- item\n",
        "1. one\n", "> quote\n", "\t", "# Heading\n", "## H2 $m$\n", "$", "`", "\\", "|a|b|\n|-|-|\n",
    ]

    func testRandomNotebooksParseOrFailWithALocation() throws {
        let notebooks = Gen<String?>.element(of: ParserPropertyTests.notebookPieces).map { $0 ?? "" }.array(of: 0...40).map { $0.joined() }
        var rng = Xoshiro(seed: (ParserPropertyTests.seed, 1, 2, 3))
        var parsed = 0, failed = 0
        for k in 0..<ParserPropertyTests.cases {
            let text = notebooks.run(using: &rng)
            let bytes = Array(text.utf8)
            let lineCount = SourceText.lines((try? SourceText.decode(bytes, file: "f.md")) ?? text).count
            do {
                let document = try DocumentParser.parse(SourceText.decode(bytes, file: "fuzz.md"), path: "fuzz.md")
                parsed += 1
                checkInvariants(document, text: text, case: k)
            } catch let error as NotebookError {
                failed += 1
                assertLocated(error, lineCount: lineCount, text: text, case: k)
            } catch {
                XCTFail("case \(k): an untyped error \(error) for \(text.debugDescription)")
            }
        }
        XCTAssertEqual(parsed + failed, ParserPropertyTests.cases)
        XCTAssertGreaterThan(parsed, 0, "some random notebooks parse")
        XCTAssertGreaterThan(failed, 0, "some random notebooks fail")
    }

    func testRandomBytesDecodeOrNameTheirFirstBadByte() throws {
        let chunks: [[UInt8]] = [Array("ab\n".utf8), Array("é".utf8), [0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98, 0x80], [0x0A], [0x0D], [0xEF, 0xBB, 0xBF], [0x00], [0xED, 0xA0, 0x80]]
        let inputs = Gen<[UInt8]?>.element(of: chunks).map { $0 ?? [] }.array(of: 0...20).map { $0.flatMap { $0 } }
        var rng = Xoshiro(seed: (ParserPropertyTests.seed, 4, 5, 6))
        for k in 0..<ParserPropertyTests.cases {
            let bytes = inputs.run(using: &rng)
            do {
                _ = try SourceText.decode(bytes, file: "b.md")
                XCTAssertNotNil(String(validating: bytes, as: UTF8.self), "case \(k): decoded bytes that are not UTF-8: \(bytes)")
            } catch let NotebookError.invalidUTF8(file, offset, line) {
                XCTAssertEqual(file, "b.md")
                XCTAssertTrue(offset >= 0 && offset < bytes.count, "case \(k): offset \(offset) outside \(bytes)")
                XCTAssertEqual(line, bytes[..<offset].filter { $0 == 10 }.count + 1, "case \(k)")
                XCTAssertNotNil(String(validating: bytes[..<offset], as: UTF8.self), "case \(k): the bytes before the reported one are valid")
            } catch {
                XCTFail("case \(k): unexpected \(error)")
            }
        }
    }

    func testRandomFrontMatterReadsOrNamesALine() throws {
        let pieces = ["title: T\n", "title: [a, b\n", "params:\n", "  k: 2\n", "  flag: true\n", "  name: \"s\"\n", "  x: 1.5e3\n",
                      "  bad: [1]\n", "  2: two\n", "seed: 3\n", "seed: -3\n", "seed: 1.5\n", "timeout: 0\n", "timeout: -1\n", "order: 1\n",
                      "order: x\n", "author: A\n", "date: 2024-01-01\n", "unknown: 1\n", "- list\n", "key: {a: 1}\n", "\n", "  \n", "\t\n",
                      ": x\n", "&anchor a\n", "*alias\n", "'open\n", "description: |\n  long\n", "%YAML 1.2\n", "k: v: w\n"]
        let yamls = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 0...12).map { $0.joined() }
        var rng = Xoshiro(seed: (ParserPropertyTests.seed, 7, 8, 9))
        var read = 0, refused = 0
        for k in 0..<ParserPropertyTests.cases {
            let yaml = yamls.run(using: &rng)
            let lines = max(1, SourceText.lines(yaml).count)
            do {
                let fm = try FrontMatter.parse(yaml: yaml, file: "y.md", firstLine: 2)
                read += 1
                XCTAssertGreaterThan(fm.timeout, 0, "case \(k): a timeout that is not positive was accepted: \(yaml.debugDescription)")
            } catch let NotebookError.invalidFrontMatter(file, line, message) {
                refused += 1
                XCTAssertEqual(file, "y.md")
                XCTAssertTrue(line >= 2 && line <= lines + 2, "case \(k): line \(line) outside the front matter (\(lines) lines): \(yaml.debugDescription) — \(message)")
                XCTAssertFalse(message.isEmpty)
            } catch {
                XCTFail("case \(k): unexpected \(error) for \(yaml.debugDescription)")
            }
        }
        XCTAssertGreaterThan(read, 0)
        XCTAssertGreaterThan(refused, 0)
    }

    /// A parsed notebook builds a program and weaves (or names a bad reference's line).
    func checkInvariants(_ document: Document, text: String, case k: Int) {
        for cell in document.cells {
            XCTAssertTrue(cell.fenceLine < cell.codeLine && cell.codeLine <= cell.closingFenceLine, "case \(k): cell lines \(cell) in \(text.debugDescription)")
        }
        let inlineFragments = document.blocks.reduce(0) { sum, block in
            guard case .prose(let p) = block else { return sum }
            return sum + p.protected.fragments.filter { if case .inline = $0 { return true } else { return false } }.count
        }
        XCTAssertEqual(document.inlineExpressions.count, inlineFragments, "case \(k)")
        XCTAssertNoThrow(try ProgramBuilder.build(document), "case \(k)")
        do { _ = try Weaver.weave(document, record: RunRecord()) }
        catch let error as NotebookError { assertLocated(error, lineCount: document.sourceLines.count, text: text, case: k) }
        catch { XCTFail("case \(k): untyped \(error)") }
    }

    /// The error names fuzz.md and a line inside it.
    func assertLocated(_ error: NotebookError, lineCount: Int, text: String, case k: Int) {
        let line: Int
        switch error {
        case let .unclosedFrontMatter(_, l), let .invalidFrontMatter(_, l, _), let .unclosedFence(_, l, _), let .invalidCellOption(_, l, _),
             let .unknownReference(_, l, _), let .duplicateLabel(_, l, _, _), let .referenceWithoutOutput(_, l, _, _), let .invalidUTF8(_, _, l):
            line = l
        default:
            return XCTFail("case \(k): an error without a line: \(error) for \(text.debugDescription)")
        }
        XCTAssertTrue(line >= 1 && line <= lineCount + 1, "case \(k): line \(line) outside 1…\(lineCount + 1): \(error) for \(text.debugDescription)")
        XCTAssertTrue("\(error)".hasPrefix("fuzz.md:\(line): error: "), "case \(k): \(error)")
    }
}
