import XCTest
import LinearAlgebra
@testable import Mixtures

/// The question's set-up: four clusters at (±1, ±1) with covariance 0.1·I, coefficients
/// θ = (1, 4), (3, 2), (4, 1), (−3, −2), no intercept in the truth, noise sd 0.1.
func fourClusterTruth(noiseSD: Double = 0.1) -> RegressionMixtureParameters {
    let thetas: [[Double]] = [[1, 4], [3, 2], [4, 1], [-3, -2]]
    return RegressionMixtureParameters(
        weights: [0.25, 0.25, 0.25, 0.25],
        regressions: thetas.map { RegressionComponent(coefficients: Matrix([[$0[0]], [$0[1]], [0]]),
                                                      noiseVariances: [noiseSD * noiseSD]) },
        covariates: CovariateGaussians(means: Matrix([[-1, -1], [1, -1], [-1, 1], [1, 1]]),
                                       covariances: Array(repeating: 0.1 * Matrix.identity(2), count: 4)))
}

/// NPreg (flexmix): x, and the design columns x, x².
func npreg() throws -> (x: Matrix, y: [Double]) {
    let table = try DataTable.read(csv: fixture("NPreg.csv"))
    let x = try table.numeric(["x"]).storage
    let y = try table.numeric(["yn"]).storage
    return (Matrix(rows: x.count, columns: 2, storage: x.flatMap { [$0, $0 * $0] }), y)
}

/// Ordinary least squares by Gauss–Jordan elimination on the normal equations (an
/// independent path from LeastSquares.weighted), with the ML noise variance RSS/n.
func ordinaryLeastSquares(_ design: Matrix, _ y: [Double]) -> (beta: [Double], variance: Double) {
    let p = design.columns, n = design.rows
    var a = [[Double]](repeating: [Double](repeating: 0, count: p + 1), count: p)
    for i in 0..<n {
        for r in 0..<p {
            for c in 0..<p { a[r][c] += design[i, r] * design[i, c] }
            a[r][p] += design[i, r] * y[i]
        }
    }
    for col in 0..<p {
        let pivot = (col..<p).max { abs(a[$0][col]) < abs(a[$1][col]) }!
        a.swapAt(col, pivot)
        for r in 0..<p where r != col {
            let f = a[r][col] / a[col][col]
            for c in col...p { a[r][c] -= f * a[col][c] }
        }
    }
    let beta = (0..<p).map { a[$0][p] / a[$0][$0] }
    var rss = 0.0
    for i in 0..<n {
        let e = y[i] - (0..<p).reduce(0.0) { $0 + design[i, $1] * beta[$1] }
        rss += e * e
    }
    return (beta, rss / Double(n))
}

final class MixtureRegressionTests: XCTestCase {
    func testNPregRestartsReachTheExactMLOptimum() throws {
        // mixtools' regmixEM (exact ML σ) reaches −642.5320137 on NPreg, yn ~ x + x², K = 2;
        // flexmix's df-corrected σ stops at −642.5451. The maximum is at least mixtools' value.
        let (x, y) = try npreg()
        let fitted = try MixtureRegression(components: 2, restarts: 20).fit(x, y, covariateNames: ["x", "x2"],
                                                                             targetName: "yn", seed: 1)
        XCTAssertGreaterThanOrEqual(fitted.logLikelihood, -642.5320137 - 1e-6, "\(fitted)")
        XCTAssertTrue(fitted.converged)
        XCTAssertNotNil(fitted.standardErrors)
    }

    func testEMNeverDecreasesTheLogLikelihood() throws {
        let (x, y) = try npreg()
        let truth = fourClusterTruth()
        let sample = try truth.sample(400, intercept: true, seed: 3)
        for seed in UInt64(0)..<3 {
            for initialization in [RegressionMixtureInitialization.kmeans, .gaussianMixture, .random] {
                let m = try MixtureRegression(components: 2, initialization: initialization, restarts: 1, maxIterations: 300)
                    .fit(x, y, seed: seed)
                let c = try ClusterWeightedRegression(components: 4, covarianceType: seed % 2 == 0 ? .full : .diagonal,
                                                      initialization: initialization, restarts: 1, maxIterations: 300)
                    .fit(sample.x, sample.y, seed: seed)
                for fit in [m, c] {
                    let reinitialized = fit.warnings.contains {
                        if case .em(.componentReinitialized) = $0 { return true } else { return false }
                    }
                    if reinitialized { continue }
                    for (a, b) in zip(fit.lowerBoundTrace, fit.lowerBoundTrace.dropFirst()) {
                        // Rounding of a mean of N log densities: a few ulps of |log L|.
                        XCTAssertGreaterThanOrEqual(b, a - 1e-12 * max(1, abs(a)), "seed \(seed) \(initialization)")
                    }
                }
            }
        }
    }

    func testOneComponentIsOrdinaryLeastSquares() throws {
        let (x, y) = try npreg()
        var design = Matrix(rows: x.rows, columns: 3)
        for i in 0..<x.rows { design[i, 0] = x[i, 0]; design[i, 1] = x[i, 1]; design[i, 2] = 1 }
        let ols = ordinaryLeastSquares(design, y)
        let n = Double(x.rows)
        let olsLogLikelihood = -0.5 * n * (log(2 * Double.pi * ols.variance) + 1)
        let fitted = try MixtureRegression(components: 1, restarts: 1).fit(x, y, seed: 0)
        let b = fitted.parameters.regressions[0]
        for j in 0..<3 { XCTAssertEqual(b.coefficients[j, 0], ols.beta[j], accuracy: 1e-10 * max(1, abs(ols.beta[j]))) }
        XCTAssertEqual(b.noiseVariances[0], ols.variance, accuracy: 1e-10 * ols.variance)
        XCTAssertEqual(fitted.logLikelihood, olsLogLikelihood, accuracy: 1e-10 * abs(olsLogLikelihood))
        // Observed information of the one-component model: SE(β) = σ_ML √diag((XᵀX)⁻¹). Both sides
        // are closed forms; they differ by the rounding of two inverses of XᵀX, whose condition
        // number is 2.2e4 on NPreg: relative error ≲ 2.2e4 · 2.2e-16 ≈ 5e-12, checked at 1e-10.
        let se = fitted.standardErrors!.coefficients[0]
        let inverse = try design.gram.cholesky().inverse
        for j in 0..<3 {
            XCTAssertEqual(se[j, 0], (ols.variance * inverse[j, j]).squareRoot(), accuracy: 1e-10 * se[j, 0])
        }

        // Cluster-weighted with K = 1: the same regression plus one Gaussian over x (ML mean
        // and covariance), whose log-likelihoods add.
        let sample = try fourClusterTruth().sample(500, seed: 11)
        var d2 = Matrix(rows: 500, columns: 3)
        for i in 0..<500 { d2[i, 0] = sample.x[i, 0]; d2[i, 1] = sample.x[i, 1]; d2[i, 2] = 1 }
        let ols2 = ordinaryLeastSquares(d2, sample.y.storage)
        let gaussian = try GaussianMixture(components: 1, regularization: 0).fit(sample.x, seed: 0)
        let cwm = try ClusterWeightedRegression(components: 1, restarts: 1, regularization: 0).fit(sample.x, sample.y, seed: 0)
        let joint = -0.5 * 500 * (log(2 * Double.pi * ols2.variance) + 1) + gaussian.logLikelihood
        for j in 0..<3 {
            XCTAssertEqual(cwm.parameters.regressions[0].coefficients[j, 0], ols2.beta[j], accuracy: 1e-10 * max(1, abs(ols2.beta[j])))
        }
        XCTAssertEqual(cwm.logLikelihood, joint, accuracy: 1e-10 * abs(joint))
        XCTAssertLessThan(cwm.parameters.covariates!.means.maxAbsDifference(gaussian.parameters.means), 1e-10)
        XCTAssertLessThan(cwm.parameters.covariates!.covariances[0].maxAbsDifference(gaussian.parameters.covariances[0]), 1e-10)
    }

    func testCoefficientsAreRecoveredWithinTheirStandardErrors() throws {
        let truth = fourClusterTruth()
        let sample = try truth.sample(1000, seed: 7)
        let fitted = try ClusterWeightedRegression(components: 4, restarts: 5).fit(sample.x, sample.y, seed: 2)
        let errors = try XCTUnwrap(fitted.standardErrors)
        let match = matchComponents(true: truth.covariates!.means, fitted: fitted.parameters.covariates!.means)
        XCTAssertEqual(Set(match).count, 4, "components matched one to one")
        for (c, k) in match.enumerated() {
            for j in 0..<3 {
                let estimate = fitted.parameters.regressions[k].coefficients[j, 0]
                let expected = truth.regressions[c].coefficients[j, 0]
                let se = errors.coefficients[k][j, 0]
                // 12 coefficients: P(any |z| > 4.5) < 12 · 7e-6 under the asymptotic normal law.
                XCTAssertLessThan(abs(estimate - expected), 4.5 * se, "component \(c), coefficient \(j): \(estimate) ± \(se)")
                XCTAssertLessThan(se, 0.05, "standard errors are small at N = 1000, σ = 0.1")
            }
        }
    }

    func testMixtureOfRegressionsRecoversTwoLinesWithinTheirStandardErrors() throws {
        // Two lines y = 1 + 2x and y = 4 − x over x ~ U[0, 10], σ = 0.5, half the rows each.
        var g = RandomGenerator(seed: 5)
        let n = 600
        var x = Matrix(rows: n, columns: 1)
        var y = [Double](repeating: 0, count: n)
        let truth: [[Double]] = [[2, 1], [-1, 4]]
        for i in 0..<n {
            let z = i % 2
            x[i, 0] = 10 * g.uniform()
            y[i] = truth[z][0] * x[i, 0] + truth[z][1] + g.normal(mean: 0, standardDeviation: 0.5)
        }
        let fitted = try MixtureRegression(components: 2).fit(x, y, seed: 4)
        let errors = try XCTUnwrap(fitted.standardErrors)
        for c in 0..<2 {
            let k = (0..<2).min { abs(fitted.parameters.regressions[$0].coefficients[0, 0] - truth[c][0])
                < abs(fitted.parameters.regressions[$1].coefficients[0, 0] - truth[c][0]) }!
            for j in 0..<2 {
                let estimate = fitted.parameters.regressions[k].coefficients[j, 0]
                XCTAssertLessThan(abs(estimate - truth[c][j]), 4.5 * errors.coefficients[k][j, 0], "line \(c) coefficient \(j)")
            }
            XCTAssertLessThan(abs(fitted.parameters.regressions[k].noiseStandardDeviations[0] - 0.5),
                              4.5 * errors.noiseStandardDeviations[k][0])
        }
    }

    func testGatedMeanBeatsASingleRegressionHeldOut() throws {
        let truth = fourClusterTruth()
        let train = try truth.sample(1000, seed: 21)
        let test = try truth.sample(1000, seed: 22)
        let cwm = try ClusterWeightedRegression(components: 4, initialization: .kmeans, restarts: 3).fit(train.x, train.y, seed: 1)
        let single = try MixtureRegression(components: 1, restarts: 1).fit(train.x, train.y, seed: 1)
        let mixture = try MixtureRegression(components: 4, initialization: .random, restarts: 3, maxIterations: 300)
            .fit(train.x, train.y, seed: 1)
        func rmse(_ f: FittedRegressionMixture) throws -> Double {
            let m = try f.predict(test.x).means
            return (zip(m.storage, test.y.storage).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 1000).squareRoot()
        }
        let (c, s, r) = (try rmse(cwm), try rmse(single), try rmse(mixture))
        XCTAssertLessThan(c, s, "gated mean \(c) against a single regression \(s)")
        XCTAssertLessThan(c, r, "gated mean \(c) against the π-gated mixture of regressions \(r)")
        // The predictive variance is the mixture's: never negative, and the predictive
        // mixture's mean is the gated mean.
        let prediction = try cwm.predict(test.x)
        XCTAssertTrue(prediction.variances.storage.allSatisfy { $0 >= 0 && $0.isFinite })
        XCTAssertEqual(prediction.mixture(row: 3).mean, prediction.means[3, 0], accuracy: 1e-12)
        // p(z|x) for new rows sums to one; p(z|x,y) agrees with the training responsibilities.
        let gates = try cwm.gates(test.x)
        for i in 0..<10 { XCTAssertEqual(gates.row(i).reduce(0, +), 1, accuracy: 1e-12) }
        let r2 = try cwm.responsibilities(train.x, train.y)
        XCTAssertLessThan(r2.maxAbsDifference(cwm.trainingResponsibilities!), 1e-12)
    }

    func testSeveralTargetsAndSharedNoise() throws {
        let sample = try fourClusterTruth().sample(400, seed: 9)
        var y2 = Matrix(rows: 400, columns: 2)
        for i in 0..<400 { y2[i, 0] = sample.y[i, 0]; y2[i, 1] = -sample.y[i, 0] + 0.01 * Double(i % 7) }
        let fitted = try ClusterWeightedRegression(components: 4, noise: .shared, restarts: 3)
            .fit(sample.x, y2, targetNames: ["a", "b"], seed: 1)
        XCTAssertEqual(fitted.parameters.regressions[0].coefficients.columns, 2)
        let v = fitted.parameters.regressions.map { $0.noiseVariances }
        for c in 1..<4 { XCTAssertEqual(v[c], v[0]) }
        XCTAssertTrue(fitted.logLikelihood.isFinite)
        // K·P·T + T + K − 1 + K·D + K·D(D+1)/2 = 24 + 2 + 3 + 8 + 12.
        XCTAssertEqual(fitted.parameterCount, 49)
        XCTAssertEqual(fitted.informationCriteria.bic, -2 * fitted.logLikelihood + 49 * log(400), accuracy: 1e-9)
    }

    func testNoInterceptAndCovarianceTypes() throws {
        let sample = try fourClusterTruth().sample(600, seed: 13)
        for type in CovarianceType.allCases {
            let fitted = try ClusterWeightedRegression(components: 4, covarianceType: type, intercept: false, restarts: 4)
                .fit(sample.x, sample.y, covariateNames: ["a", "b"], seed: 3)
            XCTAssertEqual(fitted.designNames, ["a", "b"])
            XCTAssertTrue(fitted.logLikelihood.isFinite, "\(type)")
            XCTAssertTrue(fitted.parameters.regressions.allSatisfy { $0.coefficients.isFinite })
        }
    }

    func testBadInputGetsClearErrors() throws {
        let (x, y) = try npreg()
        var nanY = y
        nanY[17] = .nan
        XCTAssertThrowsError(try MixtureRegression(components: 2).fit(x, nanY, covariateNames: ["x", "x2"], targetName: "yn", seed: 0)) {
            XCTAssertEqual($0 as? MixtureRegressionError, .nonFinite(row: 17, column: "yn"))
            XCTAssertTrue("\($0)".contains("\"yn\"") && "\($0)".contains("row 18"))
        }
        XCTAssertThrowsError(try MixtureRegression(components: 2).fit(x, [Double](repeating: 3, count: x.rows), seed: 0)) {
            XCTAssertEqual($0 as? MixtureRegressionError, .constantTarget(column: "y", value: 3))
        }
        // Values whose squares overflow are refused by name, not reported as collinear.
        let huge = Matrix(rows: x.rows, columns: x.columns, storage: x.storage.map { $0 * 1e300 })
        XCTAssertThrowsError(try MixtureRegression(components: 2).fit(huge, y, covariateNames: ["x", "x2"], seed: 0)) {
            guard case .dataOutOfRange(let column, _)? = $0 as? MixtureRegressionError else { return XCTFail("\($0)") }
            XCTAssertTrue(["x", "x2"].contains(column))
            XCTAssertTrue("\($0)".contains("rescale"), "\($0)")
        }
        XCTAssertThrowsError(try MixtureRegression(components: 2).fit(x, y.map { $0 * 1e300 }, seed: 0)) {
            XCTAssertTrue("\($0)".contains("\"y\"") && "\($0)".contains("rescale"), "\($0)")
        }
        var collinear = Matrix(rows: x.rows, columns: 3)
        for i in 0..<x.rows { collinear[i, 0] = x[i, 0]; collinear[i, 1] = x[i, 1]; collinear[i, 2] = 2 * x[i, 0] - x[i, 1] }
        XCTAssertThrowsError(try MixtureRegression(components: 2).fit(collinear, y, covariateNames: ["a", "b", "c"], seed: 0)) {
            XCTAssertEqual($0 as? MixtureRegressionError, .collinear(column: "c", earlier: ["a", "b"]))
            XCTAssertTrue("\($0)".contains("\"c\""), "\($0)")
        }
        // A documented ridge accepts the collinear design.
        let ridged = try MixtureRegression(components: 2, restarts: 2, ridge: 1e-6).fit(collinear, y, seed: 0)
        XCTAssertTrue(ridged.logLikelihood.isFinite)
        let tiny = Matrix(rows: 2, columns: 1, storage: [1, 2])
        XCTAssertThrowsError(try MixtureRegression(components: 3).fit(tiny, [1, 2], seed: 0)) {
            XCTAssertEqual($0 as? MixtureRegressionError, .tooFewRows(rows: 2, components: 3))
        }
        XCTAssertThrowsError(try ClusterWeightedRegression(components: 2).fit(Matrix(rows: 5, columns: 0), [1, 2, 3, 4, 5], seed: 0))
        XCTAssertThrowsError(try MixtureRegression(components: 2, restarts: 0).fit(x, y, seed: 0))
        let fitted = try MixtureRegression(components: 2, restarts: 2).fit(x, y, seed: 0)
        XCTAssertThrowsError(try fitted.predict(Matrix(rows: 3, columns: 1)))
    }

    func testAsManyComponentsAsRowsNeverGivesNaN() throws {
        // K close to N: components collapse, are re-initialised or floored, and say so.
        let (x, y) = try npreg()
        let few = Matrix(rows: 12, columns: 2, storage: Array(x.storage.prefix(24)))
        let fitted = try MixtureRegression(components: 5, restarts: 2, maxIterations: 50).fit(few, Array(y.prefix(12)), seed: 0)
        XCTAssertTrue(fitted.logLikelihood.isFinite)
        XCTAssertTrue(fitted.parameters.regressions.allSatisfy { $0.coefficients.isFinite && $0.noiseVariances.allSatisfy(\.isFinite) })
        XCTAssertFalse(fitted.warnings.isEmpty)
    }

    func testAReinitialisedFitReportsNoFalseDecrease() throws {
        // Components collapse on 12 rows with K = 5 and are re-initialised; EM's bound is
        // monotone between re-initialisations, so the driver (which skips exactly the
        // iteration whose bound is taken at re-initialised parameters) must report no decrease.
        let (x, y) = try npreg()
        let few = Matrix(rows: 12, columns: 2, storage: Array(x.storage.prefix(24)))
        var reinitialisations = 0
        for seed in UInt64(0)..<4 {
            let fitted = try MixtureRegression(components: 5, restarts: 1, maxIterations: 50).fit(few, Array(y.prefix(12)), seed: seed)
            let restarted = Set(fitted.warnings.compactMap { w -> Int? in
                if case .em(.componentReinitialized(_, let iteration, _)) = w { return iteration } else { return nil }
            })
            reinitialisations += restarted.count
            for w in fitted.warnings {
                if case .em(.lowerBoundDecreased) = w { XCTFail("seed \(seed): \(w)") }
            }
            // trace[i] is the bound after iteration i + 1; the one after a re-initialising
            // iteration i is the only one allowed to fall.
            for i in 1..<fitted.lowerBoundTrace.count where !restarted.contains(i) {
                let (a, b) = (fitted.lowerBoundTrace[i - 1], fitted.lowerBoundTrace[i])
                XCTAssertGreaterThanOrEqual(b, a - 1e-9 * max(1, abs(a)), "seed \(seed), iteration \(i + 1)")
            }
        }
        XCTAssertGreaterThan(reinitialisations, 0, "the set-up must re-initialise a component")
    }

    func testSameSeedSameFit() throws {
        let (x, y) = try npreg()
        let a = try MixtureRegression(components: 2, restarts: 4).fit(x, y, seed: 9)
        let b = try MixtureRegression(components: 2, restarts: 4).fit(x, y, seed: 9)
        XCTAssertEqual(a.parameters, b.parameters)
        XCTAssertEqual(a.lowerBoundTrace, b.lowerBoundTrace)
    }

    func testSelectionTableOverKAndNoiseSharingPicksTwoComponentsOnNPreg() throws {
        // The shared selection table takes any FittedLikelihoodModel. NPreg was drawn from
        // two regressions with one noise level (σ = 3): BIC picks K = 2.
        let (x, y) = try npreg()
        let table = SelectionTable<FittedRegressionMixture, NoiseVariance>.evaluate(
            componentCounts: [1, 2, 3], variants: NoiseVariance.allCases) { k, noise in
            try MixtureRegression(components: k, noise: noise, initialization: .random, restarts: 5, maxIterations: 300).fit(x, y, seed: 5)
        }
        XCTAssertTrue(table.failures.isEmpty, "\(table.failures)")
        XCTAssertEqual(table.best(by: .bic).components, 2, table.text())
        let shared = try XCTUnwrap(table.entry(components: 2, variant: .shared))
        XCTAssertEqual(shared.parameterCount, 1 + 2 * 3 + 1)
    }
}
