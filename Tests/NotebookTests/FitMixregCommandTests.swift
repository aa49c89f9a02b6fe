import Foundation
import XCTest
@testable import Notebook

/// `mixbook fit mixreg` as a user runs it (the release binary, through FitCommandTests' `run`).
extension FitCommandTests {
    var npreg: String { toolchain.root + "/notebooks/data/NPreg.csv" }

    func testMixregJSONOnNPregIsConsistent() throws {
        // The CSV has x but not x², so the design is (x, intercept), a line per component (the
        // x + x² optimum is checked by the library's tests). The report must be consistent:
        // parameter count, BIC in both signs, labels, standard errors.
        let r = try run(["fit", "mixreg", "--data", npreg, "--target", "yn", "--covariates", "x", "--components", "2",
                         "--restarts", "5", "--seed", "1", "--json", "--labels"])
        XCTAssertEqual(r.status, 0, r.err)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let logL = try XCTUnwrap(json["logLikelihood"] as? Double)
        let p = try XCTUnwrap(json["parameterCount"] as? Int)
        XCTAssertEqual(p, 1 + 2 * 2 + 2)
        XCTAssertEqual(try XCTUnwrap(json["bic"] as? Double), -2 * logL + Double(p) * log(200.0), accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(json["mclustBIC"] as? Double), 2 * logL - Double(p) * log(200.0), accuracy: 1e-6)
        XCTAssertEqual((json["labels"] as? [Int])?.count, 200)
        let components = try XCTUnwrap(json["components"] as? [[String: Any]])
        XCTAssertEqual(components.count, 2)
        XCTAssertNotNil(components[0]["coefficientStandardErrors"] as? [String: Any])
    }

    func testMixregReadableReportAndClearErrors() throws {
        let r = try run(["fit", "mixreg", "--data", npreg, "--target", "yn", "--covariates", "x", "--components", "2",
                         "--cluster-weighted", "--covariance", "VII", "--restarts", "2"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Cluster-weighted regression, spherical"), r.out)
        XCTAssertTrue(r.out.contains("std. error"), r.out)
        XCTAssertTrue(r.out.contains("lower is better") && r.out.contains("higher is better"), r.out)
        let missing = try run(["fit", "mixreg", "--data", npreg, "--target", "nope", "--components", "2"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("\"nope\""), missing.err)
        let clash = try run(["fit", "mixreg", "--data", npreg, "--target", "yn", "--covariates", "x,yn", "--components", "2"])
        XCTAssertNotEqual(clash.status, 0)
        XCTAssertTrue(clash.err.contains("yn"), clash.err)
    }
}

/// Each fit subcommand's --help shows the defaults it really fits with.
extension FitCommandTests {
    func testHelpShowsEachCommandsOwnEMDefaults() throws {
        let mixreg = try run(["fit", "mixreg", "--help"])
        XCTAssertEqual(mixreg.status, 0, mixreg.err)
        let flat = mixreg.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(flat.contains("default 10)"), flat)
        XCTAssertTrue(flat.contains("default 1000)"), flat)
        XCTAssertTrue(flat.contains("default 1e-08)"), flat)
        XCTAssertFalse(flat.contains("default 100)"), flat)
        let vb = try run(["fit", "vbgmm", "--help"])
        XCTAssertEqual(vb.status, 0, vb.err)
        let vbFlat = vb.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(vbFlat.contains("default 500)"), vbFlat)
        XCTAssertTrue(vbFlat.contains("default 1e-06)"), vbFlat)
    }
}
