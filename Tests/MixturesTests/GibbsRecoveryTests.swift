import XCTest
import LinearAlgebra
@testable import Mixtures

final class GibbsRecoveryTests: XCTestCase {
    func testDiagonalGibbsRecoversWellSeparatedMixture() throws {
        let truth = SyntheticMixture.wellSeparated
        let x = truth.draw(n: 300, seed: 21)
        let draws = try GaussianMixtureGibbs(covariance: .diagonal, warmup: 200, draws: 400)
            .sample(x, components: 3, chains: 2, seed: 4, threads: 2)
        truth.assertRecovered(PosteriorSummary(draws))
    }

    func testFullCovarianceGibbsRecoversWellSeparatedMixture() throws {
        let truth = SyntheticMixture.wellSeparated
        let x = truth.draw(n: 300, seed: 22)
        let draws = try GaussianMixtureGibbs(covariance: .full, warmup: 200, draws: 400)
            .sample(x, components: 3, chains: 2, seed: 5, threads: 2)
        let s = PosteriorSummary(draws)
        for k in 0..<3 {
            let w = try XCTUnwrap(s["w[\(k + 1)]"])
            XCTAssertEqual(w.mean, truth.weights[k], accuracy: 5 * w.sd)
            for d in 0..<2 {
                let mu = try XCTUnwrap(s["mu[\(k + 1),\(d + 1)]"])
                XCTAssertEqual(mu.mean, truth.means[k][d], accuracy: 5 * mu.sd)
                let v = try XCTUnwrap(s["Sigma[\(k + 1),\(d + 1),\(d + 1)]"])
                XCTAssertEqual(v.mean, truth.scales[k][d] * truth.scales[k][d], accuracy: 5 * v.sd)
                XCTAssertLessThan(v.rHat, 1.05)
            }
            // The components are independent across coordinates: the covariance is near 0.
            let c = try XCTUnwrap(s["Sigma[\(k + 1),1,2]"])
            XCTAssertEqual(c.mean, 0, accuracy: 5 * c.sd)
        }
    }

    func testGibbsIsReproducibleAcrossThreadCounts() throws {
        let x = SyntheticMixture.wellSeparated.draw(n: 100, seed: 2)
        let gibbs = GaussianMixtureGibbs(warmup: 20, draws: 30)
        let one = try gibbs.sample(x, components: 3, chains: 3, seed: 9, threads: 1)
        let two = try gibbs.sample(x, components: 3, chains: 3, seed: 9, threads: 2)
        XCTAssertEqual(one.values, two.values)
    }

    func testGibbsRejectsBadInput() {
        let x = Matrix([[1, 2], [.nan, 3], [4, 5]])
        XCTAssertThrowsError(try GaussianMixtureGibbs().sample(x, components: 2, seed: 1)) { error in
            XCTAssertEqual("\(error)", "invalid model input: non-finite value at row 2, column 1")
        }
        XCTAssertThrowsError(try GaussianMixtureGibbs(covariance: .spherical).sample(Matrix([[1], [2]]), components: 1, seed: 1))
    }
}

final class GibbsAgainstNUTSTests: XCTestCase {
    /// Gibbs and NUTS sample the same conjugate posterior: every posterior mean agrees
    /// within four combined Monte Carlo standard errors.
    func testGibbsAndNUTSAgreeOnTheConjugatePosterior() throws {
        let x = SyntheticMixture.wellSeparated.draw(n: 120, seed: 51)
        let priors = ConjugatePriors()
        let gibbs = try GaussianMixtureGibbs(covariance: .diagonal, priors: priors, warmup: 200, draws: 1000)
            .sample(x, components: 3, chains: 2, seed: 1, threads: 2)
        let model = try GaussianMixtureLogDensity(data: x, components: 3, conjugatePriors: priors)
        let nuts = try NUTSSampler(settings: NUTSSettings(warmup: 150, draws: 250)).sample(model, chains: 2, seed: 2, threads: 2)
        XCTAssertEqual(gibbs.parameterNames, nuts.parameterNames)
        for (j, name) in gibbs.parameterNames.enumerated() {
            let a = gibbs.values.map { $0[j] }, b = nuts.values.map { $0[j] }
            let meanA = a.flatMap { $0 }.reduce(0, +) / Double(a.count * a[0].count)
            let meanB = b.flatMap { $0 }.reduce(0, +) / Double(b.count * b[0].count)
            let error = (pow(MonteCarloStandardError.mean(a), 2) + pow(MonteCarloStandardError.mean(b), 2)).squareRoot()
            XCTAssertEqual(meanA, meanB, accuracy: 4 * error, name)
        }
    }
}

final class RelabellingTests: XCTestCase {
    func testRelabellingSortsEveryDrawByTheFirstMean() {
        // Two components whose labels swap at the second draw; "tau" has no component index.
        let names = ["w[1]", "w[2]", "mu[1,1]", "mu[1,2]", "mu[2,1]", "mu[2,2]", "tau"]
        let values: [[[Double]]] = [[[0.3, 0.7], [0.7, 0.3], [-1, 2], [5, 6], [2, -1], [6, 5], [9, 8]]]
        let draws = MCMCDraws(parameterNames: names, values: values, chainStatistics: [], seconds: 0)
        let r = draws.relabelledByFirstMean(components: 2)
        XCTAssertEqual(r.values[0][0], [0.3, 0.3])
        XCTAssertEqual(r.values[0][1], [0.7, 0.7])
        XCTAssertEqual(r.values[0][2], [-1, -1])
        XCTAssertEqual(r.values[0][3], [5, 5])
        XCTAssertEqual(r.values[0][4], [2, 2])
        XCTAssertEqual(r.values[0][5], [6, 6])
        XCTAssertEqual(r.values[0][6], [9, 8])
    }

    func testComponentIndexParsing() {
        XCTAssertEqual(MCMCDraws.componentIndex("Sigma[3,1,2]")?.component, 2)
        XCTAssertEqual(MCMCDraws.componentIndex("Sigma[3,1,2]")?.rest, ",1,2")
        XCTAssertNil(MCMCDraws.componentIndex("tau"))
    }
}
