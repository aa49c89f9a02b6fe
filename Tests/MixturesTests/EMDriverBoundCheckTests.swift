import XCTest
@testable import Mixtures

/// A model whose bounds and re-initialisations are scripted, to test what the driver
/// compares: parameters are the iteration count, iteration t reports `bounds[t]` (the
/// bound at the parameters it started from) and re-initialises when `t` is in `reinitialized`.
private struct ScriptedModel: ExpectationMaximizable {
    let bounds: [Double]
    let reinitialized: Set<Int>
    func initialParameters(for data: Void, generator: inout RandomGenerator) throws -> Int { 0 }
    func expectation(_ data: Void, _ t: Int) throws -> (expectations: Void, lowerBound: Double) { ((), bounds[min(t, bounds.count - 1)]) }
    func maximization(_ data: Void, _ e: Void, previous t: Int, generator: inout RandomGenerator) throws -> EMUpdate<Int> {
        EMUpdate(parameters: t + 1, reinitializedComponents: reinitialized.contains(t) ? [0] : [])
    }
}

final class EMDriverBoundCheckTests: XCTestCase {
    private func decreases(_ warnings: [EMWarning]) -> [Int] {
        warnings.compactMap { if case .lowerBoundDecreased(_, let iteration, _) = $0 { return iteration } else { return nil } }
    }

    func testTheBoundAfterAReinitialisationIsNotComparedButLaterDropsAre() throws {
        // Iteration 2 (index 1) re-initialises: iteration 3's bound (−12) is at re-initialised
        // parameters and may be lower; iteration 5's drop (−11 → −11.5) is a real one.
        let model = ScriptedModel(bounds: [-10, -9, -12, -11, -11.5, -11.4, -11.4], reinitialized: [1])
        let result = try EMDriver(restarts: 1, maxIterations: 7, tolerance: 1e-9).run(model, on: (), seed: 1)
        XCTAssertEqual(decreases(result.warnings), [5])
        XCTAssertTrue(result.warnings.contains(.componentReinitialized(restart: 0, iteration: 2, component: 0)))
        // Iteration 2 itself compares its own bound (at the parameters before the re-initialisation).
        let early = ScriptedModel(bounds: [-10, -10.5, -10.4, -10.3], reinitialized: [1])
        XCTAssertEqual(decreases(try EMDriver(maxIterations: 4, tolerance: 0).run(early, on: (), seed: 1).warnings), [2])
    }

    func testNoConvergenceAcrossAReinitialisation() throws {
        // The change into iteration 3 is 0, but across a re-initialisation: not converged there.
        let model = ScriptedModel(bounds: [-10, -9, -9, -8, -8], reinitialized: [1])
        let result = try EMDriver(maxIterations: 10, tolerance: 1e-6).run(model, on: (), seed: 1)
        XCTAssertEqual(result.iterations, 5)
        XCTAssertTrue(result.converged)
    }

    func testScreeningContinuesOnlyTheBestStart() throws {
        // Exponential mixture of EMDriverTests: 6 starts screened for 3 iterations, one continued.
        var g = RandomGenerator(seed: 1)
        let data = (0..<2000).map { _ -> Double in -log(g.uniformPositive()) / (g.uniform() < 0.3 ? 5.0 : 0.5) }
        var settings = EMSettings(restarts: 6, maxIterations: 400, tolerance: 1e-10)
        settings.screening = EMScreening(iterations: 3, tolerance: 1e-3, survivors: 1)
        let screened = try EMDriver(settings: settings).run(ExponentialMixture(components: 2), on: data, seed: 3)
        XCTAssertTrue(screened.converged)
        XCTAssertEqual(screened.restartLowerBounds.count, 6)
        XCTAssertEqual(screened.lowerBound, screened.restartLowerBounds.max()!)
        // The kept run's trace is one run: its first three bounds are the screening's.
        XCTAssertEqual(screened.trace.count, screened.iterations)
        XCTAssertGreaterThan(screened.iterations, 3)
        // Only the survivor reports non-convergence or convergence; the five others stopped at 3.
        XCTAssertFalse(screened.warnings.contains { if case .didNotConverge = $0 { return true } else { return false } })
        // The same optimum as running every start to convergence.
        let full = try EMDriver(restarts: 6, maxIterations: 400, tolerance: 1e-10).run(ExponentialMixture(components: 2), on: data, seed: 3)
        XCTAssertEqual(screened.lowerBound, full.lowerBound, accuracy: 1e-9)
    }
}
