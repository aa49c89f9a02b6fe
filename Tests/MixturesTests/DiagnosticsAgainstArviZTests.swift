import XCTest
@testable import Mixtures

/// Split R̂, bulk/tail/mean ESS and MCSE against ArviZ on fixed chains.
/// Fixtures/arviz/arviz-diagnostics.json was written once by make_arviz_fixture.py
/// (ArviZ 0.23.4, numpy 2.4.6); the chains are stored with 17 significant digits, so the
/// only differences left are floating-point summation order (ArviZ's autocovariance goes
/// through an FFT): agreement to 1e-9 relative is demanded.
final class DiagnosticsAgainstArviZTests: XCTestCase {
    struct Case: Decodable {
        var name: String
        var chains: [[Double]]
        var ess_bulk: Double
        var ess_tail: Double
        var ess_mean: Double
        var mcse_mean: Double
        var mcse_sd: Double
        var rhat_rank: Double?
        var rhat_split: Double?
    }
    struct File: Decodable { var arviz_version: String; var cases: [Case] }

    func loadCases() throws -> [Case] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture("arviz/arviz-diagnostics.json")))
        return try JSONDecoder().decode(File.self, from: data).cases
    }

    func assertClose(_ a: Double, _ b: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a, b, accuracy: 1e-9 * max(1, abs(b)), what, file: file, line: line)
    }

    func testAgreesWithArviZOnEveryFixture() throws {
        let cases = try loadCases()
        XCTAssertEqual(cases.count, 9)
        for c in cases {
            assertClose(EffectiveSampleSize.bulk(c.chains), c.ess_bulk, "\(c.name) ess_bulk")
            assertClose(EffectiveSampleSize.tail(c.chains), c.ess_tail, "\(c.name) ess_tail")
            assertClose(EffectiveSampleSize.mean(c.chains), c.ess_mean, "\(c.name) ess_mean")
            assertClose(MonteCarloStandardError.mean(c.chains), c.mcse_mean, "\(c.name) mcse_mean")
            assertClose(MonteCarloStandardError.standardDeviation(c.chains), c.mcse_sd, "\(c.name) mcse_sd")
            if let r = c.rhat_rank {
                assertClose(SplitRHat.rankNormalized(c.chains), r, "\(c.name) rhat_rank")
            } else {
                XCTAssertTrue(SplitRHat.rankNormalized(c.chains).isNaN, "\(c.name): R-hat needs two chains")
            }
            if let r = c.rhat_split {
                assertClose(SplitRHat.basic(ChainOperations.split(c.chains)), r, "\(c.name) rhat_split")
            }
        }
    }

    func testShiftedChainsAreFlagged() throws {
        let shifted = try XCTUnwrap(loadCases().first { $0.name == "shifted" })
        XCTAssertGreaterThan(SplitRHat.rankNormalized(shifted.chains), 1.01)
    }

    func testNormalQuantileMatchesKnownValues() {
        XCTAssertEqual(normalQuantile(0.975), 1.959963984540054, accuracy: 1e-15)
        XCTAssertEqual(normalQuantile(0.5), 0, accuracy: 1e-16)
        XCTAssertEqual(normalQuantile(1e-10), -6.361340902404056, accuracy: 1e-12)
    }
}
