import Foundation
import LinearAlgebra
import Mixtures
@testable import MixturePlots
import Plotting
import XCTest

/// The MCMC figures: rank computation, the predictive density integrates like a density,
/// and every figure renders (PNGs written to a temporary folder for looking at).
final class PosteriorFiguresTests: XCTestCase {
    func sampleDraws() throws -> (MCMCDraws, Matrix) {
        var g = RandomGenerator(seed: 8)
        let x = Matrix((0..<120).map { i in i % 2 == 0 ? [-3 + g.normal(), 1 + 0.5 * g.normal()] : [2 + 0.7 * g.normal(), -1 + g.normal()] })
        let draws = try GaussianMixtureGibbs(warmup: 50, draws: 150).sample(x, components: 2, chains: 2, seed: 3, threads: 1)
        return (draws, x)
    }

    func testRanksArePooledAndTiesAveraged() {
        let ranks = MixturePlots.rankChains([[3, 1], [2, 2]])
        XCTAssertEqual(ranks, [[4, 1], [2.5, 2.5]])
    }

    func testPosteriorFiguresRender() throws {
        let (draws, x) = try sampleDraws()
        let folder = NSTemporaryDirectory() + "mixbook-posterior-figures/"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let figures: [(String, Figure)] = [
            ("traces", MixturePlots.traces(draws, parameters: ["w[1]", "mu[1,1]", "sigma[2,2]"])),
            ("histograms", MixturePlots.posteriorHistograms(draws)),
            ("ranks", MixturePlots.rankPlots(draws, parameters: ["w[1]", "mu[1,1]", "mu[2,1]"])),
            ("predictive", try MixturePlots.posteriorPredictiveDensity(draws, data: x, components: 2, maxDraws: 40, resolution: 50)),
            ("predictive-1d", try MixturePlots.posteriorPredictiveDensity(
                GaussianMixtureGibbs(warmup: 30, draws: 60).sample(Matrix(x.column(0).map { [$0] }), components: 2, chains: 1, seed: 1),
                data: Matrix(x.column(0).map { [$0] }), components: 2, maxDraws: 40)),
        ]
        for (name, f) in figures {
            let png = try f.pngData()
            XCTAssertGreaterThan(png.count, 5_000, name)
            XCTAssertEqual(f.skippedPointCount, 0, name)
            try Data(png).write(to: URL(fileURLWithPath: folder + name + ".png"))
        }
        XCTAssertEqual(MixturePlots.traces(draws).rows, draws.parameterNames.count)
    }

    func testPredictiveDensityNeedsMixtureParameters() {
        let draws = MCMCDraws(parameterNames: ["x[1]"], values: [[[0, 1, 2, 3]]], chainStatistics: [], seconds: 0)
        XCTAssertThrowsError(try MixturePlots.posteriorPredictiveDensity(draws, data: Matrix([[1.0], [2.0]]), components: 1))
    }
}
