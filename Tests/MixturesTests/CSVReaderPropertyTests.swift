import XCTest
import LinearAlgebra
@testable import Mixtures

/// A seeded fuzz test of the CSV reader: a few hundred random texts built from the
/// characters that matter to CSV (separators, quotes, line ends, digits, signs, exponents,
/// hexadecimal and missing-value spellings, non-ASCII), parsed and converted. No case may
/// crash; every failure must be a `DataError` naming the file and, where it has one, a
/// line that exists in the text. `FUZZ_CASES=N swift test --filter CSVReaderPropertyTests`
/// runs a longer campaign.
final class CSVReaderPropertyTests: XCTestCase {
    private static let pieces = [",", ",", "\"", "\"\"", "\n", "\n", "\r\n", "\r", " ", "1", "2.5", "-3", "1e308", "1e309",
                                 "e", ".", "+", "0x1p3", "NA", "nan", "inf", "a", "b", "é", "\u{FEFF}", "\t", "12345678901234567890"]

    private static let cells = ["1", "2.5", "-3", "+4e-2", "1e309", "0x10", "NA", "", " 7 ", "\"8\"", "\"a,b\"", "\"x\"\"y\"", "é", "nan", "1.2.3"]

    /// Half the cases are tables of two columns with random cells (some rows ragged),
    /// the other half any sequence of CSV pieces.
    private func randomText(_ g: inout RandomGenerator) -> String {
        if g.uniform() < 0.5 {
            var text = g.uniform() < 0.5 ? "a,b\n" : "\"a\",b\r\n"
            for _ in 0..<(1 + g.index(below: 5)) {
                let count = g.uniform() < 0.9 ? 2 : 1 + g.index(below: 3)
                text += (0..<count).map { _ in Self.cells[g.index(below: Self.cells.count)] }.joined(separator: ",")
                text += g.uniform() < 0.8 ? "\n" : "\r\n"
            }
            return text
        }
        var text = g.uniform() < 0.7 ? "a,b\n" : ""
        for _ in 0..<g.index(below: 40) { text += Self.pieces[g.index(below: Self.pieces.count)] }
        return text
    }

    /// The line numbers a message may name: 1 … (lines in the text + 1).
    private func lineCount(_ text: String) -> Int { text.utf8.filter { $0 == UInt8(ascii: "\n") }.count + 1 }

    private func check(_ error: Error, text: String, file: String) {
        guard let error = error as? DataError else { return XCTFail("untyped error \(error) for \(text.debugDescription)") }
        XCTAssertTrue(error.description.hasPrefix(file), "\(error) for \(text.debugDescription)")
        let line: Int?
        switch error {
        case .raggedRow(_, let l, _, _), .unterminatedQuote(_, let l), .nonNumericCell(_, let l, _, _),
             .missingOrNonFinite(_, let l, _, _): line = l
        default: line = nil
        }
        if let line {
            XCTAssertTrue((1...lineCount(text)).contains(line), "line \(line) of \(text.debugDescription): \(error)")
            XCTAssertTrue(error.description.hasPrefix("\(file):\(line):"), "\(error)")
        }
    }

    func testRandomTextsParseOrFailWithALocatedTypedError() {
        let cases = Int(ProcessInfo.processInfo.environment["FUZZ_CASES"] ?? "") ?? 400
        var g = RandomGenerator(seed: 20261201)
        var parsed = 0, converted = 0
        for index in 0..<cases {
            let text = randomText(&g)
            let file = "case-\(index).csv"
            do {
                let table = try DataTable.parse(csv: text, file: file)
                parsed += 1
                XCTAssertEqual(table.lines.count, table.rowCount)
                XCTAssertTrue(table.lines.allSatisfy { (1...lineCount(text)).contains($0) }, text.debugDescription)
                let x = try table.numeric()
                converted += 1
                XCTAssertTrue(x.isFinite, text.debugDescription)
                XCTAssertEqual(x.rows, table.rowCount)
            } catch {
                check(error, text: text, file: file)
            }
        }
        // The generator reaches every branch: some texts parse, some convert, some fail.
        XCTAssertGreaterThan(parsed, cases / 10)
        XCTAssertGreaterThan(converted, 0)
        XCTAssertLessThan(converted, cases)
    }
}
