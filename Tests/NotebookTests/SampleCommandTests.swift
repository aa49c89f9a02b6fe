import Foundation
import XCTest

/// `mixbook sample` as a user runs it: the release binary on Old Faithful and bad input.
/// Needs `swift build -c release --product mixbook` (`make test` does it).
final class SampleCommandTests: XCTestCase {
    /// The release binary and the package root.
    func mixbook() throws -> (binary: String, root: String) {
        let cli = try ReleaseCommandLine()
        return (cli.binary, cli.root)
    }

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) { try ReleaseCommandLine().run(arguments) }

    func testNUTSOnOldFaithfulPrintsSummaryAndProgress() throws {
        let faithful = try mixbook().root + "/notebooks/data/faithful.csv"
        let r = try run(["sample", "gmm", "--data", faithful, "--components", "2", "--chains", "2",
                         "--warmup", "300", "--draws", "300", "--seed", "4"])
        XCTAssertEqual(r.status, 0, r.err)
        for header in ["mean", "std", "median", "5.0%", "95.0%", "n_eff", "r_hat", "w[1]", "mu[2,2]", "sigma[1,1]"] {
            XCTAssertTrue(r.out.contains(header), "missing \(header) in\n\(r.out)")
        }
        XCTAssertTrue(r.out.contains("Number of divergences:"))
        XCTAssertTrue(r.out.contains("Sampling time:"))
        XCTAssertTrue(r.err.contains("chain 2: 600/600 (sampling) step size"), r.err)
        // Waiting times reach 96 minutes, beyond 3 sd of the default Normal(0, 10) prior on the means.
        XCTAssertTrue(r.err.contains("warning: column \"waiting\" has values up to 96.0"), r.err)
    }

    func testPriorScalesAreOptionsInTheDataUnits() throws {
        let faithful = try mixbook().root + "/notebooks/data/faithful.csv"
        let r = try run(["sample", "gmm", "--data", faithful, "--components", "2", "--chains", "1", "--warmup", "100",
                         "--draws", "100", "--mean-scale", "100", "--scale-scale", "20", "--quiet"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.err, "")
        XCTAssertTrue(r.out.contains("priors: weights ~ Dirichlet(1.0), means and coefficients ~ Normal(0, 100.0), scales ~ HalfCauchy(20.0)"), r.out)
        // Gibbs samples the conjugate priors: the NUTS scales would be silently ignored there.
        let gibbs = try run(["sample", "gmm", "--data", faithful, "--components", "2", "--method", "gibbs", "--mean-scale", "100"])
        XCTAssertNotEqual(gibbs.status, 0)
        XCTAssertTrue(gibbs.err.contains("Gibbs and --prior conjugate use the conjugate priors"), gibbs.err)
        let bad = try run(["sample", "mixreg", "--data", faithful, "--target", "waiting", "--components", "2", "--mean-scale", "0"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.err.contains("--mean-scale must be positive"), bad.err)
    }

    func testGibbsJSONOnOldFaithful() throws {
        let faithful = try mixbook().root + "/notebooks/data/faithful.csv"
        let r = try run(["sample", "gmm", "--data", faithful, "--components", "2", "--method", "gibbs", "--covariance", "full",
                         "--chains", "2", "--warmup", "200", "--draws", "400", "--seed", "1", "--json", "--quiet"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.err, "")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(json["parameters"] as? [[String: Any]])
        let w1 = try XCTUnwrap(rows.first { $0["name"] as? String == "w[1]" })
        // Old Faithful's short-eruption component holds about 35 % of the rows (EM: 0.356).
        XCTAssertEqual(try XCTUnwrap(w1["mean"] as? Double), 0.356, accuracy: 0.05)
        XCTAssertLessThan(try XCTUnwrap(json["max_r_hat"] as? Double), 1.05)
    }

    func testBadInputIsOneLineError() throws {
        let dir = NSTemporaryDirectory() + "mixbook-sample-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let bad = dir + "/bad.csv"
        try "a,b\n1,2\n3,x\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try run(["sample", "gmm", "--data", bad, "--components", "2", "--quiet"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("bad.csv:3: column \"b\""), r.err)
        let m = try run(["sample", "mixreg", "--data", bad, "--target", "nope", "--components", "2"])
        XCTAssertNotEqual(m.status, 0)
        XCTAssertTrue(m.err.contains("'nope' is not a column"), m.err)
        let g = try run(["sample", "gmm", "--data", bad, "--components", "2", "--covariance", "full", "--prior", "conjugate"])
        XCTAssertNotEqual(g.status, 0)
        XCTAssertTrue(g.err.contains("--method gibbs"), g.err)
    }
}
