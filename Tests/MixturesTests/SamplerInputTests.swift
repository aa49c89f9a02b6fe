import XCTest
import LinearAlgebra
@testable import Mixtures

/// Every sampled model refuses unusable data with a message that says what is wrong,
/// before any chain starts (a sampler that finds no finite start explains nothing).
final class SamplerInputTests: XCTestCase {
    private let x = Matrix(rows: 6, columns: 2, storage: [1, 2, 2, 1, 3, 5, 4, 4, 5, 2, 6, 3])

    func testValuesWhoseSquaresOverflowAreRefusedByColumn() {
        let huge = Matrix(rows: 6, columns: 2, storage: x.storage.enumerated().map { $0.offset % 2 == 1 ? $0.element * 1e300 : $0.element })
        let models: [() throws -> Void] = [
            { _ = try GaussianMixtureLogDensity(data: huge, components: 2) },
            { _ = try FullCovarianceMixtureLogDensity(data: huge, components: 2) },
            { _ = try MixtureRegressionLogDensity(x: huge, y: [1, 2, 3, 4, 5, 6], components: 2) },
            // Gibbs trapped in its gamma draw on these data before.
            { _ = try GaussianMixtureGibbs(warmup: 5, draws: 5).sample(huge, components: 2, chains: 1, seed: 1) },
            { _ = try GaussianMixtureGibbs(covariance: .full, warmup: 5, draws: 5).sample(huge, components: 2, chains: 1, seed: 1) },
        ]
        for (i, model) in models.enumerated() {
            XCTAssertThrowsError(try model(), "model \(i)") {
                XCTAssertTrue("\($0)".contains("column 2") && "\($0)".contains("rescale"), "\($0)")
            }
        }
        XCTAssertThrowsError(try MixtureRegressionLogDensity(x: x, y: [1, 2, 3, 4, 5, 6].map { $0 * 1e300 }, components: 2)) {
            XCTAssertTrue("\($0)".contains("the target") && "\($0)".contains("rescale"), "\($0)")
        }
    }

    func testAConstantTargetIsRefused() {
        for kind in [MixtureRegressionLogDensity.Kind.mixtureOfRegressions, .clusterWeighted] {
            XCTAssertThrowsError(try MixtureRegressionLogDensity(x: x, y: [Double](repeating: 5, count: 6), components: 2, kind: kind)) {
                XCTAssertEqual("\($0)", "invalid model input: the target is constant (every row is 5.0): there is nothing to regress")
            }
        }
    }

    func testTooFewRowsSaysSo() {
        XCTAssertThrowsError(try GaussianMixtureLogDensity(data: x, components: 7)) {
            XCTAssertTrue("\($0)".contains("cannot sample 7 components with 6 data rows"), "\($0)")
        }
    }
}
