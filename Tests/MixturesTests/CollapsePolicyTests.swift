import XCTest
import LinearAlgebra
@testable import Mixtures

/// The one collapse rule, as the Gaussian mixture and the regression mixtures use it.
final class CollapsePolicyTests: XCTestCase {
    func testARegressionNeedsOneMoreEffectiveRowThanCoefficients() {
        let policy = CollapsePolicy.regression(designColumns: 3)
        XCTAssertTrue(policy.isEmpty(count: 3.999, total: 200))
        XCTAssertFalse(policy.isEmpty(count: 4, total: 200))
        // The Gaussian mixture's default needs only a non-negligible weight.
        XCTAssertFalse(CollapsePolicy().isEmpty(count: 1e-9, total: 200))
        XCTAssertTrue(CollapsePolicy().isEmpty(count: 1e-13, total: 200))
        // Empty by count, or rejected by the caller's check, ascending.
        XCTAssertEqual(policy.collapsed(counts: [100, 2, 50, 48]) { $0 == 3 }, [1, 3])
        XCTAssertEqual(policy.flooredVariance(1e-9, floor: 1e-6), 1e-6)
        XCTAssertTrue(policy.isAtFloor(1e-6, floor: 1e-6))
        XCTAssertFalse(policy.isAtFloor(2e-6, floor: 1e-6))
        XCTAssertEqual(policy.replacementWeight(total: 200, components: 4), 50)
    }

    func testACollapsedRegressionComponentIsReinitialisedAndItsNoiseFloored() throws {
        // Twelve rows, K = 5: components fall below P + 1 = 3 effective rows and are refitted
        // to random soft weights; every σ²ₖ stays at or above the floor (noiseFloor · sd(y))².
        let (x, y) = try npreg()
        let few = Matrix(rows: 12, columns: 1, storage: (0..<12).map { x[$0, 0] })
        let yFew = Array(y.prefix(12))
        let mean = yFew.reduce(0, +) / 12
        let floor = 1e-4 * 1e-4 * yFew.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 12
        var reinitialised = false
        for seed in UInt64(0)..<4 {
            let fitted = try MixtureRegression(components: 5, restarts: 1, maxIterations: 50).fit(few, yFew, seed: seed)
            reinitialised = reinitialised || fitted.warnings.contains {
                if case .em(.componentReinitialized) = $0 { return true } else { return false }
            }
            for c in fitted.parameters.regressions {
                XCTAssertGreaterThanOrEqual(c.noiseVariances[0], floor * (1 - 1e-12))
                XCTAssertTrue(c.coefficients.isFinite)
            }
        }
        XCTAssertTrue(reinitialised, "the set-up must collapse a component")
    }
}
