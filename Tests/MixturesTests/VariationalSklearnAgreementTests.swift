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

    /// What `lower_bound_` drops. Where the global factors are the exact update from q(z), the
    /// full ELBO collapses to −Σ r log r plus the log normalisers of the posterior factors
    /// minus the prior's, minus N·D/2·log 2π; scikit-learn keeps the posterior part without
    /// log π terms of the multivariate gamma, so the rest is
    /// −N·D/2·log 2π + K·D(D−1)/4·log π + K·D/2·log β₀ + K·log B(W₀, ν₀) plus, for the weights,
    /// log Γ(Kα₀) − K log Γ(α₀) (Dirichlet) or K log γ (the sticks, −K log B(1, γ)).
    private func droppedConstant(_ prior: ResolvedPrior, rows n: Int, components k: Int, weightPrior: String) throws -> Double {
        let d = Double(prior.mean.count), kk = Double(k), nu0 = prior.degreesOfFreedom
        let logB0 = 0.5 * nu0 * (try prior.covariance.logDeterminantSPD()) - 0.5 * nu0 * d * log(2.0)
            - SpecialFunctions.logMultivariateGamma(nu0 / 2, dimension: prior.mean.count)
        var c = -Double(n) * d / 2 * log(2 * Double.pi) + kk * d * (d - 1) / 4 * log(Double.pi)
            + kk * d / 2 * log(prior.meanPrecision) + kk * logB0
        let a0 = prior.weightConcentration
        c += weightPrior == "dirichlet" ? SpecialFunctions.logGamma(kk * a0) - kk * SpecialFunctions.logGamma(a0) : kk * log(a0)
        return c
    }

    /// `lower_bound_` drops constants: where the update is the exact optimum (reg_covar 0), the
    /// full ELBO at scikit-learn's point (the last responsibilities with the factors updated
    /// from them) minus its bound is the constant above, whatever the iteration.
    func testFullBoundDiffersFromScikitLearnsByAConstant() throws {
        let x = try faithful()
        for prior in ["dirichlet", "dirichlet-process"] {
            for k in [2, 10] {
                let cases = Self.reference.cases.filter { $0.regularization == 0 && $0.prior == prior && $0.components == k }
                XCTAssertEqual(cases.count, 3)
                var differences: [Double] = []
                var constant = 0.0
                for c in cases {
                    let configuration = configuration(c, rows: x.rows, iterations: c.maxIterations - 1)
                    let fitted = try configuration.fit(x, seed: 0)
                    let resolved = fitted.prior
                    constant = try droppedConstant(resolved, rows: x.rows, components: k, weightPrior: prior)
                    let model = VariationalEMModel(configuration: configuration, prior: resolved)
                    let r = try model.expectation(x, fitted.posterior).expectations
                    var generator = RandomGenerator(seed: 0)
                    let next = try model.maximization(x, r, previous: fitted.posterior, generator: &generator).parameters
                    XCTAssertLessThan(gap(next.means.storage, c.means.flatMap { $0 }), 1e-6)
                    differences.append(try model.evidenceLowerBound(x, responsibilities: r, next) - c.lowerBound)
                }
                print("full ELBO − scikit-learn lower_bound_, \(prior) K=\(k): \(differences); dropped constant \(constant)")
                for v in differences {
                    XCTAssertEqual(v, constant, accuracy: 1e-9 * abs(constant), "\(prior) K=\(k): \(differences)")
                }
            }
        }
    }
}
