import XCTest
import Foundation
import LinearAlgebra
@testable import Mixtures

/// Facts of mean-field VB for Gaussian mixtures that follow from the mathematics.
final class VariationalGaussianMixtureTests: XCTestCase {
    private func faithful() throws -> Matrix { try DataTable.read(csv: fixture("faithful.csv")).numeric() }

    /// Four unit-variance clusters in the plane, 4 apart.
    private func fourClusters(n: Int, seed: UInt64) -> Matrix {
        let truth = GaussianMixtureParameters(weights: [0.3, 0.3, 0.2, 0.2], means: Matrix([[0, 0], [4, 0], [0, 4], [4, 4]]),
                                              covariances: [Matrix](repeating: Matrix.identity(2), count: 4))
        return drawMixture(truth, n: n, seed: seed).x
    }

    /// With one component the mean-field posterior is the exact Normal–Wishart (Normal–Gamma)
    /// posterior, so the ELBO equals the closed-form log marginal likelihood log p(X): this
    /// checks every constant of the bound.
    func testOneComponentBoundIsTheExactMarginalLikelihood() throws {
        let x = try faithful()
        let n = x.rows, d = x.columns, nn = Double(n), dd = Double(d)
        for type in CovarianceType.allCases {
            let fitted = try VariationalGaussianMixture(components: 1, covarianceType: type, weightPrior: .dirichlet,
                                                        maxIterations: 3, tolerance: 0, regularization: 0).fit(x, seed: 1)
            let p = fitted.prior
            let beta0 = p.meanPrecision, nu0 = p.degreesOfFreedom, betaN = beta0 + nn
            let mean = (0..<d).map { j in (0..<n).map { x[$0, j] }.reduce(0, +) / nn }
            var scatter = Matrix(rows: d, columns: d)
            for i in 0..<n { for a in 0..<d { for b in 0..<d { scatter[a, b] += (x[i, a] - mean[a]) * (x[i, b] - mean[b]) } } }
            let diff = (0..<d).map { mean[$0] - p.mean[$0] }
            let shrink = beta0 * nn / betaN
            var expected: Double
            switch type {
            case .full, .tied:
                var psiN = p.covariance + scatter
                for a in 0..<d { for b in 0..<d { psiN[a, b] += shrink * diff[a] * diff[b] } }
                expected = -nn * dd / 2 * log(Double.pi)
                    + SpecialFunctions.logMultivariateGamma((nu0 + nn) / 2, dimension: d)
                    - SpecialFunctions.logMultivariateGamma(nu0 / 2, dimension: d)
                    + nu0 / 2 * (try p.covariance.logDeterminantSPD()) - (nu0 + nn) / 2 * (try psiN.logDeterminantSPD())
                    + dd / 2 * log(beta0 / betaN)
            case .diagonal:
                expected = 0
                for j in 0..<d {
                    let a0 = nu0 / 2, b0 = p.covariance[j, j] / 2, aN = a0 + nn / 2
                    let bN = b0 + 0.5 * (scatter[j, j] + shrink * diff[j] * diff[j])
                    expected += SpecialFunctions.logGamma(aN) - SpecialFunctions.logGamma(a0) + a0 * log(b0) - aN * log(bN)
                        + 0.5 * log(beta0 / betaN) - nn / 2 * log(2 * Double.pi)
                }
            case .spherical:
                let a0 = dd * nu0 / 2, b0 = dd * p.covariance[0, 0] / 2, aN = a0 + nn * dd / 2
                let trace = (0..<d).reduce(0.0) { $0 + scatter[$1, $1] }
                let bN = b0 + 0.5 * (trace + shrink * diff.reduce(0) { $0 + $1 * $1 })
                expected = SpecialFunctions.logGamma(aN) - SpecialFunctions.logGamma(a0) + a0 * log(b0) - aN * log(bN)
                    + dd / 2 * log(beta0 / betaN) - nn * dd / 2 * log(2 * Double.pi)
            }
            XCTAssertEqual(fitted.evidenceLowerBound, expected, accuracy: 1e-9 * abs(expected), "\(type)")
        }
    }

    /// Coordinate ascent never lowers the ELBO (every covariance type, both weight priors).
    func testBoundNeverDecreases() throws {
        let x = try faithful()
        for type in CovarianceType.allCases {
            for prior in WeightPrior.allCases {
                let fitted = try VariationalGaussianMixture(components: 6, covarianceType: type, weightPrior: prior,
                                                            initialization: .random, maxIterations: 150, tolerance: 0,
                                                            regularization: 0).fit(x, seed: 7)
                let trace = fitted.lowerBoundTrace
                XCTAssertEqual(trace.count, 150)
                for t in 1..<trace.count {
                    XCTAssertGreaterThanOrEqual(trace[t] - trace[t - 1], -1e-12 * abs(trace[t]), "\(type) \(prior) at \(t)")
                }
                XCTAssertFalse(fitted.warnings.contains { if case .lowerBoundDecreased = $0 { return true }; return false })
                XCTAssertLessThanOrEqual(trace.last!, fitted.evidenceLowerBound / Double(x.rows) + 1e-12)
            }
        }
    }

    /// The ELBO bounds log p(X), which is below the likelihood at the posterior mean
    /// parameters here (the KL terms are the price of the prior).
    func testBoundIsBelowTheLikelihoodAtThePosteriorMean() throws {
        let x = try faithful()
        for type in CovarianceType.allCases {
            for prior in WeightPrior.allCases {
                let fitted = try VariationalGaussianMixture(components: 10, covarianceType: type, weightPrior: prior,
                                                            maxIterations: 500).fit(x, seed: 3)
                XCTAssertTrue(fitted.evidenceLowerBound.isFinite)
                XCTAssertLessThan(fitted.evidenceLowerBound, fitted.logLikelihood, "\(type) \(prior)")
            }
        }
    }

    /// As the prior vanishes (β₀, Ψ → 0, ν₀ → D − 1, a flat Dirichlet), the posterior means and
    /// covariances approach the EM solution; what is left is of order D/Nₖ and ν₀/Nₖ.
    func testVanishingPriorApproachesExpectationMaximization() throws {
        let x = fourClusters(n: 20000, seed: 11)
        let em = try GaussianMixture(components: 4, maxIterations: 1000, tolerance: 1e-12).fit(x, seed: 2)
        let prior = VariationalPrior(weightConcentration: 1, meanPrecision: 1e-10, degreesOfFreedom: 1 + 1e-6,
                                     covariance: 1e-10 * Matrix.identity(2))
        let vb = try VariationalGaussianMixture(components: 4, weightPrior: .dirichlet, prior: prior, maxIterations: 1000,
                                                tolerance: 1e-12).fit(x, seed: 2)
        let smallest = em.parameters.weights.min()! * Double(x.rows)
        let tolerance = 10 * 2 / smallest
        let match = matchComponents(true: em.parameters.means, fitted: vb.posterior.means)
        XCTAssertEqual(Set(match).count, 4)
        for (c, v) in match.enumerated() {
            XCTAssertEqual(vb.weights[v], em.parameters.weights[c], accuracy: tolerance)
            for j in 0..<2 { XCTAssertEqual(vb.posterior.means[v, j], em.parameters.means[c, j], accuracy: tolerance) }
            let gap = vb.posterior.covariances[v].maxAbsDifference(em.parameters.covariances[c])
            XCTAssertLessThan(gap, tolerance, "component \(c)")
        }
    }

    /// Under a Dirichlet prior, the number of components the data use falls with the
    /// concentration α₀: large α₀ spreads weight over all K, small α₀ switches the extras off.
    func testEffectiveComponentsShrinkAsTheConcentrationFalls() throws {
        let x = fourClusters(n: 800, seed: 5)
        var counts: [Int] = []
        for alpha in [1e4, 1e2, 1, 1e-2, 1e-4] {
            let fitted = try VariationalGaussianMixture(components: 10, weightPrior: .dirichlet,
                                                        prior: VariationalPrior(weightConcentration: alpha),
                                                        maxIterations: 1000, tolerance: 1e-8).fit(x, seed: 3)
            counts.append(fitted.effectiveComponents())
        }
        for t in 1..<counts.count { XCTAssertLessThanOrEqual(counts[t], counts[t - 1], "\(counts)") }
        XCTAssertEqual(counts.first, 10)
        XCTAssertEqual(counts.last, 4)
    }

    /// Stochastic VI on 10⁵ rows reaches the batch ELBO to within 1 %.
    func testStochasticInferenceReachesTheBatchBound() throws {
        let x = fourClusters(n: 100_000, seed: 21)
        let model = VariationalGaussianMixture(components: 4, maxIterations: 500, tolerance: 1e-6)
        let batch = try model.fit(x, seed: 4)
        let svi = try model.fitStochastic(x, seed: 4, schedule: StochasticVariationalInference(batchSize: 1000, epochs: 3))
        XCTAssertEqual(svi.iterations, 300)
        XCTAssertEqual(svi.lowerBoundTrace.count, 300)
        XCTAssertEqual(svi.evidenceLowerBound, batch.evidenceLowerBound, accuracy: 0.01 * abs(batch.evidenceLowerBound))
        XCTAssertEqual(svi.effectiveComponents(), batch.effectiveComponents())
    }

    /// The posterior predictive (a Student-t mixture) is a density: it integrates to one.
    func testPredictiveDensityIntegratesToOne() throws {
        let x = try faithful()
        for type in [CovarianceType.full, .diagonal, .spherical] {
            let fitted = try VariationalGaussianMixture(components: 2, covarianceType: type).fit(x, seed: 1)
            // A grid over ±12 standard deviations of the data; step h: the Riemann sum is exact to O(h²).
            let (lo, hi, steps) = ([1.6 - 12 * 1.14, 70.9 - 12 * 13.6], [3.5 + 12 * 1.14, 70.9 + 12 * 13.6], 400)
            var grid = Matrix(rows: steps * steps, columns: 2)
            let h = [(hi[0] - lo[0]) / Double(steps), (hi[1] - lo[1]) / Double(steps)]
            for i in 0..<steps { for j in 0..<steps {
                grid[i * steps + j, 0] = lo[0] + (Double(i) + 0.5) * h[0]
                grid[i * steps + j, 1] = lo[1] + (Double(j) + 0.5) * h[1]
            } }
            let mass = try fitted.scoreSamples(grid).reduce(0) { $0 + exp($1) } * h[0] * h[1]
            XCTAssertEqual(mass, 1, accuracy: 2e-3, "\(type)")
        }
    }

    /// Draws from the predictive have its mean Σₖ wₖ mₖ, within five standard errors.
    func testPredictiveSamplesHaveThePredictiveMean() throws {
        let x = try faithful()
        let fitted = try VariationalGaussianMixture(components: 2).fit(x, seed: 1)
        let n = 20000
        let (draws, labels) = fitted.sample(n, seed: 9)
        XCTAssertEqual(labels.count, n)
        for j in 0..<2 {
            let column = draws.column(j)
            let mean = column.reduce(0, +) / Double(n)
            let sd = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)).squareRoot()
            let expected = (0..<2).reduce(0.0) { $0 + fitted.weights[$1] * fitted.posterior.means[$1, j] }
            XCTAssertEqual(mean, expected, accuracy: 5 * sd / Double(n).squareRoot())
        }
    }

    func testResponsibilitiesAndLabels() throws {
        let x = try faithful()
        let fitted = try VariationalGaussianMixture(components: 3).fit(x, seed: 1)
        let r = try fitted.responsibilities(x)
        for i in 0..<x.rows { XCTAssertEqual(r.row(i).reduce(0, +), 1, accuracy: 1e-12) }
        XCTAssertEqual(r, fitted.trainingResponsibilities)
        XCTAssertEqual(try fitted.predict(x).count, x.rows)
        XCTAssertGreaterThan(fitted.posterior.weights.reduce(0, +), 1 - 1e-12)
    }

    func testDigammaAtKnownValues() {
        let eulerGamma = 0.57721566490153286061
        XCTAssertEqual(SpecialFunctions.digamma(1), -eulerGamma, accuracy: 1e-15)
        XCTAssertEqual(SpecialFunctions.digamma(0.5), -eulerGamma - 2 * log(2.0), accuracy: 1e-14)
        XCTAssertEqual(SpecialFunctions.digamma(10), 2.251752589066721, accuracy: 1e-14)
        for v in [0.01, 0.3, 2.5, 17.0, 1e3] {
            XCTAssertEqual(SpecialFunctions.digamma(v + 1), SpecialFunctions.digamma(v) + 1 / v, accuracy: 1e-12 * max(1, 1 / v))
        }
    }

    func testBadSettingsAreTypedErrors() throws {
        let x = try faithful()
        XCTAssertThrowsError(try VariationalGaussianMixture(components: 2, prior: VariationalPrior(degreesOfFreedom: 0.5)).fit(x, seed: 1)) {
            XCTAssertTrue("\($0)".contains("degrees of freedom"), "\($0)")
        }
        XCTAssertThrowsError(try VariationalGaussianMixture(components: 2, prior: VariationalPrior(weightConcentration: 0)).fit(x, seed: 1))
        XCTAssertThrowsError(try VariationalGaussianMixture(components: 2, startingResponsibilities: Matrix(rows: 3, columns: 2)).fit(x, seed: 1)) {
            XCTAssertTrue("\($0)".contains("272×2"), "\($0)")
        }
        XCTAssertThrowsError(try VariationalGaussianMixture(components: 2).fitStochastic(
            x, seed: 1, schedule: StochasticVariationalInference(forgettingRate: 0.4))) {
            XCTAssertTrue("\($0)".contains("forgetting rate"), "\($0)")
        }
        var bad = x
        bad[5, 1] = .nan
        XCTAssertThrowsError(try VariationalGaussianMixture(components: 2).fit(bad, seed: 1))
    }
}
