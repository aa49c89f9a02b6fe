import Foundation
import XCTest
@testable import Notebook

/// `mixbook fit vbgmm` as a user runs it: the release binary on Old Faithful and on bad input.
/// Needs `swift build -c release --product mixbook` (`make test` does it).
final class FitVBGMMCommandTests: XCTestCase {
    var cli: ReleaseCommandLine!
    var mixbook: String { cli.binary }
    var faithful: String { cli.data("faithful.csv") }

    override func setUpWithError() throws { cli = try ReleaseCommandLine() }

    private func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) { try cli.run(arguments) }

    func testDirichletProcessKeepsTwoComponentsOfTen() throws {
        let r = try run(["fit", "vbgmm", "--data", faithful, "--components", "10", "--seed", "1", "--json", "--labels"])
        XCTAssertEqual(r.status, 0, r.err)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let weights = try XCTUnwrap(json["weights"] as? [Double])
        XCTAssertEqual(weights.count, 10)
        XCTAssertEqual(weights.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(json["effectiveComponents"] as? Int, 2)
        XCTAssertEqual(json["weightPrior"] as? String, "dirichlet-process")
        XCTAssertEqual(json["converged"] as? Bool, true)
        let elbo = try XCTUnwrap(json["elbo"] as? Double)
        XCTAssertLessThan(elbo, try XCTUnwrap(json["logLikelihoodAtPosteriorMean"] as? Double))
        let trace = try XCTUnwrap(json["elboTrace"] as? [Double])
        for t in 1..<trace.count { XCTAssertGreaterThanOrEqual(trace[t] - trace[t - 1], -1e-9 * abs(trace[t])) }
        XCTAssertEqual((json["labels"] as? [Int])?.count, 272)
    }

    func testStochasticAndReadableReport() throws {
        let r = try run(["fit", "vbgmm", "--data", faithful, "--components", "3", "--prior", "dirichlet",
                         "--weight-concentration", "0.01", "--stochastic", "--batch-size", "50", "--epochs", "20"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("dirichlet weight prior (concentration 0.010000)"), r.out)
        XCTAssertTrue(r.out.contains("stochastic VI: batch 50, 20 epochs"), r.out)
        XCTAssertTrue(r.out.contains("a lower bound on log p(X)"), r.out)
        XCTAssertTrue(r.out.contains("effective components"), r.out)
    }

    func testBadInputIsAClearError() throws {
        let prior = try run(["fit", "vbgmm", "--data", faithful, "--components", "3", "--prior", "uniform"])
        XCTAssertNotEqual(prior.status, 0)
        XCTAssertTrue(prior.err.contains("--prior must be dirichlet-process or dirichlet"), prior.err)
        let kappa = try run(["fit", "vbgmm", "--data", faithful, "--components", "3", "--stochastic", "--kappa", "0.4"])
        XCTAssertNotEqual(kappa.status, 0)
        XCTAssertTrue(kappa.err.contains("--kappa must be in (0.5, 1]"), kappa.err)
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("vbgmm-bad-\(getpid()).csv")
        try "a,b\n1,2\n3,oops\n".write(to: csv, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: csv) }
        let data = try run(["fit", "vbgmm", "--data", csv.path, "--components", "1"])
        XCTAssertNotEqual(data.status, 0)
        XCTAssertTrue(data.err.contains(csv.path) && data.err.contains(":3"), data.err)
    }
}
