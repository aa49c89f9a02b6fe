import XCTest
import LinearAlgebra
@testable import Mixtures

/// EM checked against facts that hold whatever the data.
final class GaussianMixtureFactsTests: XCTestCase {
    let truth = GaussianMixtureParameters(
        weights: [0.5, 0.3, 0.2],
        means: Matrix([[0, 0, 0], [10, 10, 0], [-10, 5, 10]]),
        covariances: [Matrix([[1, 0.5, 0], [0.5, 2, 0.3], [0, 0.3, 1]]),
                      Matrix([[2, -0.4, 0], [-0.4, 1, 0], [0, 0, 0.5]]),
                      Matrix([[1.5, 0, 0.2], [0, 1.5, 0], [0.2, 0, 1]])])

    func testLogLikelihoodNeverDecreases() throws {
        let x = drawMixture(truth, n: 1500, seed: 11).x
        for type in CovarianceType.allCases {
            for initialization in [GMMInitialization.randomResponsibilities, .randomFromData] {
                let m = try GaussianMixture(components: 4, covarianceType: type, initialization: initialization,
                                            maxIterations: 60, tolerance: 0).fit(x, seed: 3)
                XCTAssertEqual(m.lowerBoundTrace.count, 60)
                for (a, b) in zip(m.lowerBoundTrace, m.lowerBoundTrace.dropFirst()) {
                    XCTAssertGreaterThanOrEqual(b, a - 1e-10 * abs(a), "\(type) \(initialization.name)")
                }
                XCTAssertGreaterThanOrEqual(m.logLikelihood / 1500, m.lowerBoundTrace.last! - 1e-10)
                XCTAssertFalse(m.warnings.contains { if case .lowerBoundDecreased = $0 { return true } else { return false } })
            }
        }
    }

    func testOneComponentIsSampleMeanAndMaximumLikelihoodCovariance() throws {
        let x = drawMixture(truth, n: 500, seed: 2).x
        let n = Double(x.rows), d = x.columns
        let mean = (0..<d).map { j in x.column(j).reduce(0, +) / n }
        var ml = Matrix(rows: d, columns: d)
        for i in 0..<x.rows { for a in 0..<d { for b in 0..<d {
            ml[a, b] += (x[i, a] - mean[a]) * (x[i, b] - mean[b]) / n
        } } }
        for type in CovarianceType.allCases {
            let m = try GaussianMixture(components: 1, covarianceType: type, regularization: 0).fit(x, seed: 1)
            XCTAssertEqual(m.parameters.weights, [1])
            for j in 0..<d { XCTAssertEqual(m.parameters.means[0, j], mean[j], accuracy: 1e-10) }
            var expected = ml
            switch type {
            case .full, .tied: break
            case .diagonal: expected = Matrix.diagonal(ml.diagonalElements)
            case .spherical:
                expected = Matrix.diagonal([Double](repeating: ml.diagonalElements.reduce(0, +) / Double(d), count: d))
            }
            XCTAssertLessThan(m.parameters.covariances[0].maxAbsDifference(expected), 1e-9, "\(type)")
        }
    }

    func testResponsibilitiesSumToOneAndPredictTakesTheLargest() throws {
        let x = drawMixture(truth, n: 3000, seed: 4).x
        let m = try GaussianMixture(components: 3).fit(x, seed: 1)
        let r = m.responsibilities(x)
        for i in 0..<x.rows {
            XCTAssertEqual(r.row(i).reduce(0, +), 1, accuracy: 1e-12)
        }
        let labels = m.predict(x)
        for i in stride(from: 0, to: x.rows, by: 97) {
            XCTAssertEqual(r[i, labels[i]], r.row(i).max()!)
        }
        let (e, mean) = try GaussianMixtureEM.eStep(x, m.parameters, .full)
        XCTAssertLessThan(e.maxAbsDifference(r), 1e-14)
        XCTAssertEqual(mean * Double(x.rows), m.logLikelihood, accuracy: 1e-8 * abs(m.logLikelihood))
        XCTAssertEqual(m.scoreSamples(x).reduce(0, +), m.logLikelihood, accuracy: 1e-8 * abs(m.logLikelihood))
    }

    func testRecoversWellSeparatedMixtureForEveryCovarianceType() throws {
        for type in CovarianceType.allCases {
            var p = truth
            switch type {
            case .full: break
            case .diagonal: p.covariances = p.covariances.map { Matrix.diagonal($0.diagonalElements) }
            case .spherical: p.covariances = [1.0, 2.0, 0.5].map { Matrix.diagonal([$0, $0, $0]) }
            case .tied: p.covariances = [Matrix](repeating: truth.covariances[0], count: 3)
            }
            let (x, _) = drawMixture(p, n: 4000, seed: 21)
            let m = try GaussianMixture(components: 3, covarianceType: type, restarts: 3).fit(x, seed: 8)
            let match = matchComponents(true: p.means, fitted: m.parameters.means)
            XCTAssertEqual(Set(match).count, 3, "\(type): components not matched one to one")
            for c in 0..<3 {
                let f = match[c]
                XCTAssertEqual(m.parameters.weights[f], p.weights[c], accuracy: 0.03, "\(type)")
                for j in 0..<3 { XCTAssertEqual(m.parameters.means[f, j], p.means[c, j], accuracy: 0.15, "\(type)") }
                XCTAssertLessThan(m.parameters.covariances[f].maxAbsDifference(p.covariances[c]), 0.3, "\(type)")
            }
            XCTAssertTrue(m.converged)
        }
    }

    func testParameterCountsPerType() throws {
        let x = drawMixture(truth, n: 300, seed: 5).x   // D = 3
        let k = 4, d = 3
        let expected: [CovarianceType: Int] = [
            .full: k - 1 + k * d + k * d * (d + 1) / 2,      // 3 + 12 + 24 = 39
            .diagonal: k - 1 + k * d + k * d,                // 27
            .spherical: k - 1 + k * d + k,                   // 19
            .tied: k - 1 + k * d + d * (d + 1) / 2,          // 21
        ]
        XCTAssertEqual(expected, [.full: 39, .diagonal: 27, .spherical: 19, .tied: 21])
        for type in CovarianceType.allCases {
            let m = try GaussianMixture(components: k, covarianceType: type, maxIterations: 5).fit(x, seed: 1)
            XCTAssertEqual(m.parameterCount, expected[type], "\(type)")
            let p = Double(m.parameterCount), n = 300.0
            XCTAssertEqual(m.bic(x), -2 * m.logLikelihood + p * log(n), accuracy: 1e-7)
            XCTAssertEqual(m.aic(x), -2 * m.logLikelihood + 2 * p, accuracy: 1e-7)
            XCTAssertEqual(m.mclustBIC, -m.trainingBIC, accuracy: 1e-9)
        }
    }

    func testSingleStepsMatchTheFusedIteration() throws {
        let x = drawMixture(truth, n: 20_000, seed: 6).x   // several blocks, two partitions
        for type in CovarianceType.allCases {
            let config = GaussianMixture(components: 3, covarianceType: type, restarts: 1, maxIterations: 1, tolerance: 0)
            let start = try config.initialParameters(x, seed: 9)
            let (r, bound) = try GaussianMixtureEM.eStep(x, start, type)
            let stepped = try GaussianMixtureEM.mStep(x, r, type, regularization: config.regularization)
            let fused = try config.fit(x, seed: 9)
            XCTAssertEqual(fused.lowerBoundTrace[0], bound, accuracy: 1e-12)
            XCTAssertLessThan(fused.parameters.means.maxAbsDifference(stepped.means), 1e-9, "\(type)")
            for c in 0..<3 {
                XCTAssertLessThan(fused.parameters.covariances[c].maxAbsDifference(stepped.covariances[c]), 1e-9, "\(type)")
                XCTAssertEqual(fused.parameters.weights[c], stepped.weights[c], accuracy: 1e-12)
            }
        }
    }

    func testSameSeedSameFitDifferentSeedsStillAgree() throws {
        let x = drawMixture(truth, n: 30_000, seed: 7).x
        let config = GaussianMixture(components: 3, restarts: 2)
        let a = try config.fit(x, seed: 5), b = try config.fit(x, seed: 5)
        XCTAssertEqual(a.parameters, b.parameters)
        XCTAssertEqual(a.lowerBoundTrace, b.lowerBoundTrace)
    }

    func testSamplingFollowsTheModel() throws {
        let m = try FittedGaussianMixture(parameters: truth, covarianceType: .full)
        let (x, labels) = m.sample(20_000, seed: 3)
        XCTAssertEqual(x.rows, 20_000)
        let share = Double(labels.filter { $0 == 1 }.count) / 20_000
        XCTAssertEqual(share, 0.3, accuracy: 0.015)
        let rows = labels.indices.filter { labels[$0] == 2 }
        let meanX = rows.map { x[$0, 0] }.reduce(0, +) / Double(rows.count)
        XCTAssertEqual(meanX, -10, accuracy: 0.05)
        XCTAssertEqual(m.sample(5, seed: 1).x, m.sample(5, seed: 1).x)
    }

    func testDescriptionStatesConventions() throws {
        let x = drawMixture(truth, n: 500, seed: 1).x
        let text = "\(try GaussianMixture(components: 3).fit(x, seed: 1))"
        XCTAssertTrue(text.contains("lower is better"))
        XCTAssertTrue(text.contains("mclust BIC"))
        XCTAssertTrue(text.contains("component 3"))
    }
}
