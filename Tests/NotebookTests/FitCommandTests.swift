import Foundation
import XCTest
@testable import Notebook

/// `mixbook fit gmm` as a user runs it: the release binary on real and broken CSV files.
/// Needs `swift build -c release --product mixbook` (`make test` does it).
final class FitCommandTests: XCTestCase {
    var cli: ReleaseCommandLine!

    override func setUpWithError() throws { cli = try ReleaseCommandLine() }

    var toolchain: Toolchain { cli.toolchain }
    var mixbook: String { cli.binary }
    var faithful: String { toolchain.root + "/notebooks/data/faithful.csv" }

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) { try cli.run(arguments) }

    func testJSONReportOnOldFaithful() throws {
        let r = try run(["fit", "gmm", "--data", faithful, "--components", "2", "--restarts", "5",
                         "--seed", "3", "--json", "--labels"])
        XCTAssertEqual(r.status, 0, r.err)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let logL = try XCTUnwrap(json["logLikelihood"] as? Double)
        XCTAssertEqual(logL, -1130.264, accuracy: 1e-2)        // scikit-learn's and mclust's optimum
        let weights = try XCTUnwrap(json["weights"] as? [Double])
        XCTAssertEqual(weights.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual((json["labels"] as? [Int])?.count, 272)
        XCTAssertNotNil(json["seconds"] as? Double)
        XCTAssertEqual(json["converged"] as? Bool, true)
        // BIC in scikit-learn's sign is −2 log L + p log n with p = 11 for K = 2, D = 2, full.
        let bic = try XCTUnwrap(json["bic"] as? Double)
        XCTAssertEqual(bic, -2 * logL + 11 * log(272.0), accuracy: 1e-6)
    }

    func testReadableReportStatesSignConventions() throws {
        let r = try run(["fit", "gmm", "--data", faithful, "--components", "2", "--covariance", "EEE"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("mclust EEE"), r.out)
        XCTAssertTrue(r.out.contains("lower is better"), r.out)
        XCTAssertTrue(r.out.contains("higher is better"), r.out)
    }

    func testBadInputGivesOneLineErrorAndExitOne() throws {
        let dir = try FileBytes.temporaryDirectory(prefix: "mixbook-fit")
        defer { FileBytes.remove(dir) }
        let cases: [(name: String, text: String, mentions: String)] = [
            ("ragged.csv", "a,b\n1,2\n3\n", "ragged.csv:3"),
            ("text.csv", "a,b\n1,2\n3,x\n", "text.csv:3"),
            ("nan.csv", "a,b\n1,2\nNaN,4\n", "nan.csv:3"),
            ("empty.csv", "", "empty.csv"),
        ]
        for c in cases {
            try FileBytes.writeAtomically(c.text, to: dir + "/" + c.name)
            let r = try run(["fit", "gmm", "--data", dir + "/" + c.name, "--components", "1"])
            XCTAssertEqual(r.status, 1, "\(c.name): \(r.out)\(r.err)")
            XCTAssertTrue(r.err.contains(c.mentions), "\(c.name): \(r.err)")
            XCTAssertFalse(r.err.contains("Fatal error"), r.err)
        }
        // More components than rows: a typed error, not a crash.
        let tooMany = try run(["fit", "gmm", "--data", faithful, "--components", "300"])
        XCTAssertEqual(tooMany.status, 1, tooMany.err)
        XCTAssertFalse(tooMany.err.isEmpty)
        // A missing file names the file.
        let missing = try run(["fit", "gmm", "--data", dir + "/nope.csv", "--components", "2"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("nope.csv"), missing.err)
    }

    func testBadOptionIsAUsageError() throws {
        let r = try run(["fit", "gmm", "--data", faithful, "--components", "2", "--covariance", "wobbly"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.err.contains("wobbly"), r.err)
    }

    func testNegativeCountsAndTolerancesMustBePositive() throws {
        for (option, value) in [("--components", "-2"), ("--restarts", "-1"), ("--max-iter", "-5"), ("--tol", "-1e-3"),
                                ("--reg-covar", "-1"), ("--restarts", "0")] {
            var arguments = ["fit", "gmm", "--data", faithful, "--components", "2", option, value]
            if option == "--components" { arguments = ["fit", "gmm", "--data", faithful, option, value] }
            let r = try run(arguments)
            XCTAssertNotEqual(r.status, 0, "\(option) \(value)")
            XCTAssertTrue(r.err.contains("\(option) must be positive"), "\(option) \(value): \(r.err)")
            XCTAssertFalse(r.err.contains("Missing value"), r.err)
        }
    }

    func testADirectoryAndDevNullAreNotCSVFiles() throws {
        for path in [NSTemporaryDirectory(), "/dev/null"] {
            let r = try run(["fit", "gmm", "--data", path, "--components", "2"])
            XCTAssertEqual(r.status, 1, r.err)
            XCTAssertTrue(r.err.contains("not a CSV file"), r.err)
            XCTAssertFalse(r.err.contains("Fatal error"), r.err)
        }
    }

    func testHexadecimalAndOverlongCellsAreReportedNotParsed() throws {
        let dir = try FileBytes.temporaryDirectory(prefix: "mixbook-fit")
        defer { FileBytes.remove(dir) }
        let long = String(repeating: "9", count: 50_000) + "x"
        for (name, cell, mentions) in [("hex.csv", "0x1p3", "non-numeric cell \"0x1p3\""), ("long.csv", long, "50001 characters")] {
            try FileBytes.writeAtomically("a,b\n1,2\n3,4\n\(cell),5\n", to: dir + "/" + name)
            let r = try run(["fit", "gmm", "--data", dir + "/" + name, "--components", "1"])
            XCTAssertEqual(r.status, 1, r.err)
            XCTAssertTrue(r.err.contains(name + ":4"), r.err)
            XCTAssertTrue(r.err.contains(mentions), r.err)
            XCTAssertLessThan(r.err.count, 400 + dir.count)
        }
    }

    func testExtremeScalesFitOrFailWithAClearError() throws {
        let dir = try FileBytes.temporaryDirectory(prefix: "mixbook-fit")
        defer { FileBytes.remove(dir) }
        let rows = try String(contentsOfFile: faithful, encoding: .utf8).split(separator: "\n").dropFirst()
        for exponent in [-300, -154, 100, 154, 300] {
            let scaled = rows.map { line in
                line.split(separator: ",").suffix(2).map { String(Double($0)! * pow(10, Double(exponent))) }.joined(separator: ",")
            }
            let path = dir + "/scaled.csv"
            try FileBytes.writeAtomically("a,b\n" + scaled.joined(separator: "\n") + "\n", to: path)
            let r = try run(["fit", "gmm", "--data", path, "--components", "2", "--json"])
            XCTAssertFalse(r.err.contains("Fatal error") || r.err.contains("precondition"), "1e\(exponent): \(r.err)")
            if exponent >= 154 {
                XCTAssertEqual(r.status, 1, "1e\(exponent)")
                XCTAssertTrue(r.err.contains("rescale the data"), r.err)
            } else {
                XCTAssertEqual(r.status, 0, "1e\(exponent): \(r.err)")
                let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
                XCTAssertTrue((json["logLikelihood"] as? Double)?.isFinite == true, r.out)
            }
        }
    }
}
