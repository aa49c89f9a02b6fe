import XCTest
import Foundation
import LinearAlgebra
@testable import Mixtures

/// Agreement with scikit-learn 1.9.1's BayesianGaussianMixture on Old Faithful (full
/// covariance, its default priors), from the same starting responsibilities, after the same
/// number of iterations. The reference comes from scripts/vbgmm-sklearn-reference.py, which
/// wrote Fixtures/vbgmm-sklearn-faithful.json.
final class VariationalSklearnAgreementTests: XCTestCase {
    struct Case: Decodable {
        let prior: String
        let components: Int
        let maxIterations: Int
        let regularization: Double
        let labels: [Int]
        let weightConcentration: [Double]
        let stickConcentration: [Double]?
        let meanPrecision: [Double]
        let means: [[Double]]
        let degreesOfFreedom: [Double]
        let covariances: [[[Double]]]
        let weights: [Double]
        let lowerBound: Double
    }
    struct Reference: Decodable { let cases: [Case] }

    static let reference: Reference = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: fixture("vbgmm-sklearn-faithful.json")))
        return try! JSONDecoder().decode(Reference.self, from: data)
    }()

    private func faithful() throws -> Matrix { try DataTable.read(csv: fixture("faithful.csv")).numeric() }

    private func configuration(_ c: Case, rows: Int, iterations: Int? = nil) -> VariationalGaussianMixture {
        var r = Matrix(rows: rows, columns: c.components)
        for (i, label) in c.labels.enumerated() { r[i, label] = 1 }
        return VariationalGaussianMixture(components: c.components, covarianceType: .full,
                                          weightPrior: WeightPrior(rawValue: c.prior)!, startingResponsibilities: r,
                                          maxIterations: iterations ?? c.maxIterations, tolerance: 0,
                                          regularization: c.regularization)
    }

    /// Largest relative difference, relative to max(1, |reference|).
    private func gap(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
    }

    func testPosteriorMatchesScikitLearnForBothWeightPriors() throws {
        let x = try faithful()
        var checked = Set<String>()
        for c in Self.reference.cases where c.regularization > 0 {
            let fitted = try configuration(c, rows: x.rows).fit(x, seed: 0)
            let q = fitted.posterior
            let label = "\(c.prior) K=\(c.components) after \(c.maxIterations)"
            XCTAssertLessThan(gap(q.weightConcentration, c.weightConcentration), 1e-6, label)
            if let b = c.stickConcentration { XCTAssertLessThan(gap(q.stickConcentration!, b), 1e-6, label) }
            XCTAssertLessThan(gap(q.meanPrecision, c.meanPrecision), 1e-6, label)
            XCTAssertLessThan(gap(q.degreesOfFreedom, c.degreesOfFreedom), 1e-6, label)
            XCTAssertLessThan(gap(q.means.storage, c.means.flatMap { $0 }), 1e-6, label)
            XCTAssertLessThan(gap(q.covariances.flatMap(\.storage), c.covariances.flatMap { $0.flatMap { $0 } }), 1e-6, label)
            XCTAssertLessThan(gap(fitted.weights, c.weights), 1e-6, label)
            let worst = [gap(q.weightConcentration, c.weightConcentration), gap(q.meanPrecision, c.meanPrecision),
                         gap(q.degreesOfFreedom, c.degreesOfFreedom), gap(q.means.storage, c.means.flatMap { $0 }),
                         gap(q.covariances.flatMap(\.storage), c.covariances.flatMap { $0.flatMap { $0 } }),
                         gap(fitted.weights, c.weights)].max()!
            print("scikit-learn agreement, \(label): largest relative difference \(worst)")
            checked.insert(c.prior)
        }
        XCTAssertEqual(checked, ["dirichlet", "dirichlet-process"])
    }

    /// scikit-learn's documented Old Faithful fit, BayesianGaussianMixture(n_components=10,
    /// random_state=1): two components carry the weight (0.644, 0.356), the rest < 0.001.
    func testTenComponentDirichletProcessKeepsTwo() throws {
        let x = try faithful()
        let c = Self.reference.cases.last!
        XCTAssertEqual(c.components, 10)
        let weights = try configuration(c, rows: x.rows).fit(x, seed: 0).weights.sorted(by: >)
        XCTAssertEqual(weights[0], 0.644, accuracy: 5e-4)
        XCTAssertEqual(weights[1], 0.356, accuracy: 5e-4)
        XCTAssertTrue(weights.dropFirst(2).allSatisfy { $0 < 0.001 }, "\(weights)")
    }

    /// `lower_bound_` drops constants: where the update is the exact optimum (reg_covar 0), the
    /// full ELBO at scikit-learn's point (the last responsibilities with the factors updated
    /// from them) minus its bound is one number, whatever the iteration.
    func testFullBoundDiffersFromScikitLearnsByAConstant() throws {
        let x = try faithful()
        for prior in ["dirichlet", "dirichlet-process"] {
            for k in [2, 10] {
                let cases = Self.reference.cases.filter { $0.regularization == 0 && $0.prior == prior && $0.components == k }
                XCTAssertEqual(cases.count, 3)
                var differences: [Double] = []
                for c in cases {
                    let configuration = configuration(c, rows: x.rows, iterations: c.maxIterations - 1)
                    let fitted = try configuration.fit(x, seed: 0)
                    let resolved = fitted.prior
                    let model = VariationalEMModel(configuration: configuration, prior: resolved)
                    let r = try model.expectation(x, fitted.posterior).expectations
                    var generator = RandomGenerator(seed: 0)
                    let next = try model.maximization(x, r, previous: fitted.posterior, generator: &generator).parameters
                    XCTAssertLessThan(gap(next.means.storage, c.means.flatMap { $0 }), 1e-6)
                    differences.append(try model.evidenceLowerBound(x, responsibilities: r, next) - c.lowerBound)
                }
                print("full ELBO − scikit-learn lower_bound_, \(prior) K=\(k): \(differences)")
                for v in differences.dropFirst() {
                    XCTAssertEqual(v, differences[0], accuracy: 1e-6 * abs(differences[0]), "\(prior) K=\(k): \(differences)")
                }
            }
        }
    }
}
