import XCTest
import LinearAlgebra
@testable import Mixtures

/// `GaussianMixture.defaultSettings` reach the best known maxima with no options: facts
/// of the data, as in `GaussianMixtureFaithfulTests`.
///
/// Reference values (total log-likelihood, full covariances) were measured with
/// scikit-learn 1.9.1, `GaussianMixture(n_components=K, n_init=1, tol=1e-12,
/// max_iter=5000, init_params=I, random_state=s)`, best over I ∈ {random,
/// random_from_data, k-means++} and s = 0…19 among fits with no degenerate component
/// (`CollapsePolicy.isUnsupported`): Old Faithful K = 3 (−1114.440), K = 4 (−1106.03); iris's four
/// measurements K = 4 (−157.77). scikit-learn's defaults (one k-means start, tolerance
/// 1e-3) stop at −1126.8, −1116.55 and −167.1.
final class GaussianMixtureDefaultsTests: XCTestCase {
    static let faithfulThree = -1114.4398753
    static let faithfulFour = -1106.03
    static let irisFour = -157.7673

    private func faithful() throws -> Matrix { try DataTable.read(csv: fixture("faithful.csv")).numeric() }
    private func iris() throws -> Matrix {
        try DataTable.read(csv: fixture("iris.csv"))
            .numeric(["Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width"])
    }

    /// The cases the defaults reach from every seed measured (0…19), each to half a unit of
    /// the last digit the issue prints.
    private func cases() throws -> [(name: String, x: Matrix, k: Int, best: Double, accuracy: Double)] {
        [("Old Faithful, K = 3", try faithful(), 3, Self.faithfulThree, 5e-4),
         ("iris, K = 4", try iris(), 4, Self.irisFour, 5e-3)]
    }

    func testDefaultsReachTheBestKnownMaximaForAFixedSeed() throws {
        for c in try cases() {
            let m = try GaussianMixture(components: c.k).fit(c.x, seed: 42)
            XCTAssertEqual(m.logLikelihood, c.best, accuracy: c.accuracy, c.name)
            XCTAssertTrue(m.converged, c.name)
        }
    }

    func testDefaultsReachTheBestKnownMaximaFromSeveralSeeds() throws {
        for c in try cases() {
            for seed: UInt64 in 1...5 {
                let m = try GaussianMixture(components: c.k).fit(c.x, seed: seed)
                XCTAssertEqual(m.logLikelihood, c.best, accuracy: c.accuracy, "\(c.name), seed \(seed)")
            }
        }
    }

    func testOldFaithfulFourComponentsReachTheBestKnownMaximumFromAlmostEverySeed() throws {
        // 19 of seeds 0…19 reach −1106.03 or a higher maximum (−1103.88 or −1103.39, whose
        // thin component holds nine short eruptions); seed 17 stops at −1108.03. Seeds 0…8
        // are all among the 19, and no seed ends below −1108.03.
        let x = try faithful()
        for seed in UInt64(0)...8 {
            let value = try GaussianMixture(components: 4).fit(x, seed: seed).logLikelihood
            XCTAssertGreaterThan(value, Self.faithfulFour - 5e-3, "seed \(seed)")
        }
        XCTAssertGreaterThan(try GaussianMixture(components: 4).fit(x, seed: 17).logLikelihood, -1108.03 - 5e-3)
    }

    func testScikitLearnSettingsStillStopAtTheirLocalMaxima() throws {
        // One k-means start and tolerance 1e-3: the misses the issue reports.
        let m = try GaussianMixture(components: 3, settings: .scikitLearn).fit(try faithful(), seed: 0)
        XCTAssertLessThan(m.logLikelihood, Self.faithfulThree - 1)
        XCTAssertEqual(m.restartLogLikelihoods.count, 1)
    }

    func testTheDegenerateIrisMaximumIsRejected() throws {
        let x = try iris()
        // Plain EM from random data points, run tightly, finds a maximum far above the best
        // known one (−65.0), with a component on setosa flowers of one petal width, its
        // covariance held up by the ridge alone in that direction.
        var plain = EMSettings(restarts: 20, maxIterations: 1000, tolerance: 1e-8, initialization: .randomFromData)
        let spurious = try GaussianMixture(components: 4, settings: plain).fit(x, seed: 1)
        XCTAssertGreaterThan(spurious.logLikelihood, Self.irisFour + 10)
        let policy = CollapsePolicy()
        // Iris is recorded to 0.1 cm: rounding variance 0.1² / 12.
        XCTAssertEqual(DataResolution.roundingVariance(x), 0.01 / 12, accuracy: 1e-12)
        let floor = CollapsePolicy.degeneracyFloor(regularization: 1e-6, roundingVariance: DataResolution.roundingVariance(x))
        XCTAssertFalse(policy.unsupportedComponents(spurious.parameters.covariances, structure: .full, floor: floor).isEmpty)
        // The same starts with the rule on: the degenerate runs are failed starts.
        plain.rejectsDegenerate = true
        let kept = try GaussianMixture(components: 4, settings: plain).fit(x, seed: 1)
        XCTAssertLessThanOrEqual(kept.logLikelihood, Self.irisFour + 5e-3)
        XCTAssertTrue(policy.unsupportedComponents(kept.parameters.covariances, structure: .full, floor: floor).isEmpty)
        XCTAssertFalse(kept.warnings.contains { if case .degenerateMaximum = $0 { return true } else { return false } })
        // The defaults' fit is not degenerate either.
        let byDefault = try GaussianMixture(components: 4).fit(x, seed: 1)
        XCTAssertTrue(policy.unsupportedComponents(byDefault.parameters.covariances, structure: .full,
                                                   floor: floor).isEmpty)
    }

    func testUnsupportedMeansNarrowerThanTheDataCanResolve() {
        let policy = CollapsePolicy(), ridge = 1e-6
        let floor = CollapsePolicy.degeneracyFloor(regularization: ridge, roundingVariance: 0)
        XCTAssertEqual(floor, 2e-6)
        XCTAssertEqual(CollapsePolicy.degeneracyFloor(regularization: ridge, roundingVariance: 1.0 / 12), 1.0 / 12)
        // Three distinct points in the plane span it; four on one line (two repeated) do not.
        let spanning = Matrix([[0, 0], [1, 0], [0, 1]]), aligned = Matrix([[0, 0], [1, 0], [1, 0], [2, 0]])
        func covariance(_ x: Matrix) -> Matrix {
            let n = Double(x.rows)
            let mean = (0..<2).map { j in x.column(j).reduce(0, +) / n }
            var s = ridge * Matrix.identity(2)
            for i in 0..<x.rows { for a in 0..<2 { for b in 0..<2 {
                s[a, b] += (x[i, a] - mean[a]) * (x[i, b] - mean[b]) / n
            } } }
            return s
        }
        XCTAssertFalse(policy.isUnsupported(covariance(spanning), floor: floor))
        XCTAssertTrue(policy.isUnsupported(covariance(aligned), floor: floor))
        XCTAssertTrue(policy.isUnsupported(Matrix.diagonal([1.9e-6, 1]), floor: floor))
        XCTAssertFalse(policy.isUnsupported(Matrix.diagonal([2.1e-6, 1]), floor: floor))
        XCTAssertEqual(policy.unsupportedComponents([Matrix.diagonal([1, 1]), Matrix.diagonal([1e-6, 1])],
                                                    structure: .full, floor: floor), [1])
        // A tied matrix decides for every component.
        XCTAssertEqual(policy.unsupportedComponents([Matrix.diagonal([1e-6, 1]), Matrix.diagonal([1e-6, 1])],
                                                    structure: .tied, floor: floor), [0, 1])
        // Rounding: values on a grid of step 0.5 (and a constant column, which does not count).
        XCTAssertEqual(DataResolution.roundingVariance(Matrix([[0, 3], [0.5, 3], [2, 3]])), 0.25 / 12, accuracy: 1e-15)
    }

    func testEveryStartDegenerateKeepsTheBestWithAWarning() throws {
        // Four components on five points in the plane: no component can span it.
        let x = Matrix([[0, 0], [1, 0], [0, 1], [5, 5], [6, 5]])
        let m = try GaussianMixture(components: 4).fit(x, seed: 1)
        XCTAssertTrue(m.logLikelihood.isFinite)
        XCTAssertTrue(m.warnings.contains { if case .degenerateMaximum = $0 { return true } else { return false } })
    }
}
