import XCTest
import LinearAlgebra
@testable import Mixtures

/// Facts of the hierarchical mixture of Gaussians fitted by closed-form EM.
final class HierarchicalMixtureTests: XCTestCase {
    /// A synthetic HMoG: p = 10, d = 2, K = 3, well-separated latent components.
    static func syntheticParameters() -> HierarchicalMixtureParameters {
        var g = RandomGenerator(seed: 2026)
        let p = 10, d = 2
        let w = Matrix(rows: p, columns: d, storage: (0..<(p * d)).map { _ in g.normal() })
        let psi = (0..<p).map { _ in 0.2 + 0.3 * g.uniform() }
        let means = Matrix([[-3, 0], [3, 1], [0, -3.5]])
        let covariances = [Matrix([[1, 0.3], [0.3, 0.5]]), Matrix([[0.6, -0.2], [-0.2, 0.8]]), Matrix([[0.4, 0], [0, 1.2]])]
        return HierarchicalMixtureParameters(loadings: w, offset: (0..<p).map { Double($0) - 4 }, psi: psi,
                                             weights: [0.3, 0.45, 0.25], latentMeans: means, latentCovariances: covariances)
    }

    static func draw(_ parameters: HierarchicalMixtureParameters, n: Int, seed: UInt64) throws -> (x: Matrix, labels: [Int]) {
        let model = try FittedHierarchicalMixture(parameters: parameters, noise: .diagonal,
                                                  trainingData: Matrix(rows: 0, columns: parameters.dimensions))
        var g = RandomGenerator(seed: seed)
        let s = model.sample(n, generator: &g)
        return (s.x, s.labels)
    }

    /// log Σ_k π_k N(x; W μ_k + b, W Σ_k Wᵀ + Ψ) with dense p × p Cholesky factorisations.
    static func directLogDensity(_ x: [Double], _ p: HierarchicalMixtureParameters) -> Double {
        LogSumExp.value((0..<p.components).map { k in
            log(p.weights[k]) + LowRankPlusDiagonalTests.denseLogDensity(x, mean: p.observedMean(k), covariance: p.observedCovariance(k))
        })
    }

    func testMarginalEqualsTheDirectMixtureOfGaussians() throws {
        let parameters = Self.syntheticParameters()
        let (x, _) = try Self.draw(parameters, n: 40, seed: 1)
        let model = try FittedHierarchicalMixture(parameters: parameters, noise: .diagonal, trainingData: x)
        let got = model.scoreSamples(x)
        for i in 0..<x.rows {
            let want = Self.directLogDensity(x.row(i), parameters)
            XCTAssertEqual(got[i], want, accuracy: 1e-10 * max(1, abs(want)))
        }
        XCTAssertEqual(model.logLikelihood, got.reduce(0, +), accuracy: 1e-9)
    }

    func testWhiteningLeavesTheMarginalUnchanged() throws {
        let parameters = Self.syntheticParameters()
        let (x, _) = try Self.draw(parameters, n: 200, seed: 2)
        let before = try HierarchicalPosterior(x, parameters).logLikelihoods
        let white = try parameters.whitened()
        let after = try HierarchicalPosterior(x, white).logLikelihoods
        for i in 0..<x.rows { XCTAssertEqual(after[i], before[i], accuracy: 1e-9) }
        // The latent marginal is now standard: Σπμ = 0, Σπ(Σ + μμᵀ) = I.
        var mean = [0.0, 0.0], second = Matrix(rows: 2, columns: 2)
        for k in 0..<3 {
            let mu = white.latentMeans.row(k)
            for a in 0..<2 {
                mean[a] += white.weights[k] * mu[a]
                for b in 0..<2 { second[a, b] += white.weights[k] * (white.latentCovariances[k][a, b] + mu[a] * mu[b]) }
            }
        }
        XCTAssertEqual(mean[0], 0, accuracy: 1e-12)
        XCTAssertEqual(mean[1], 0, accuracy: 1e-12)
        XCTAssertLessThan(second.maxAbsDifference(.identity(2)), 1e-12)
        // Component means and covariances in the data space are the same.
        for k in 0..<3 {
            XCTAssertLessThan(white.observedCovariance(k).maxAbsDifference(parameters.observedCovariance(k)), 1e-10)
            for (a, b) in zip(white.observedMean(k), parameters.observedMean(k)) { XCTAssertEqual(a, b, accuracy: 1e-10) }
        }
    }

    func testFullLatentDimensionWithVanishingNoiseIsAGaussianMixture() throws {
        // d = p: the marginal is the GMM with covariances W Σ_k Wᵀ + Ψ; as Ψ = εI → 0 the
        // log densities approach the GMM's with W Σ_k Wᵀ, the gap at most
        // ½ ε (tr C⁻¹ + rᵀC⁻²r) to first order (r = x − mean).
        let w = Matrix([[1.0, 0.4, 0], [0.2, 1.1, 0.3], [-0.3, 0, 0.9]])
        let gmm = try FittedGaussianMixture(
            parameters: GaussianMixtureParameters(weights: [0.6, 0.4], means: Matrix([[0, 0, 0], [2, -1, 1]]),
                                                  covariances: [w * Matrix([[1, 0.2, 0], [0.2, 0.7, 0], [0, 0, 0.5]]) * w.transposed,
                                                                w * Matrix.diagonal([0.4, 0.9, 1.3]) * w.transposed]),
            covarianceType: .full)
        var g = RandomGenerator(seed: 3)
        let x = Matrix(rows: 30, columns: 3, storage: (0..<90).map { _ in 1.5 * g.normal() })
        let want = gmm.scoreSamples(x)
        for epsilon in [1e-3, 1e-5] {
            // Latent means solving W μ_k = gmm mean (b = 0).
            let means = try Matrix((0..<2).map { k in try Self.solve(w, gmm.parameters.means.row(k)) })
            let parameters = HierarchicalMixtureParameters(
                loadings: w, offset: [0, 0, 0], psi: [epsilon, epsilon, epsilon], weights: [0.6, 0.4], latentMeans: means,
                latentCovariances: [Matrix([[1, 0.2, 0], [0.2, 0.7, 0], [0, 0, 0.5]]), .diagonal([0.4, 0.9, 1.3])])
            let got = try HierarchicalPosterior(x, parameters).logLikelihoods
            for i in 0..<x.rows {
                var bound = 0.0
                for k in 0..<2 {
                    let c = gmm.parameters.covariances[k], chol = try c.cholesky()
                    let r = zip(x.row(i), gmm.parameters.means.row(k)).map { $0 - $1 }
                    let cr = chol.solve(r)
                    bound = max(bound, 0.5 * epsilon * (chol.inverse.diagonalElements.reduce(0, +) + dot(cr, cr)))
                }
                XCTAssertEqual(got[i], want[i], accuracy: 1.5 * bound + 1e-9)
            }
        }
    }

    static func solve(_ a: Matrix, _ b: [Double]) throws -> [Double] {
        // Normal equations with a Cholesky factorisation (a is small and well conditioned).
        let ata = a.gram
        return try ata.cholesky().solve(a.transposed.multiplied(by: b))
    }

    func testEMNeverDecreasesTheLogLikelihood() throws {
        let (x, _) = try Self.draw(Self.syntheticParameters(), n: 600, seed: 4)
        for start in [HierarchicalMixtureStart.kmeans, .random] {
            let fit = try HierarchicalMixture(latent: 2, components: 3, start: start, maxIterations: 80, tolerance: 0)
                .fit(x, seed: 7)
            XCTAssertEqual(fit.lowerBoundTrace.count, 80)
            for (a, b) in zip(fit.lowerBoundTrace, fit.lowerBoundTrace.dropFirst()) {
                XCTAssertGreaterThanOrEqual(b, a - 1e-12 * abs(a), "EM decreased the log-likelihood from \(a) to \(b)")
            }
            XCTAssertFalse(fit.warnings.contains { if case .lowerBoundDecreased = $0 { return true } else { return false } })
        }
    }

    func testSyntheticModelIsRecoveredUpToTheLatentAffineAmbiguity() throws {
        let truth = Self.syntheticParameters()
        let n = 3000
        let (x, labels) = try Self.draw(truth, n: n, seed: 5)
        let fit = try HierarchicalMixture(latent: 2, components: 3, restarts: 3, maxIterations: 500, tolerance: 1e-8)
            .fit(x, seed: 11)
        let fitted = fit.parameters
        XCTAssertGreaterThan(adjustedRandIndex(labels, fit.predict(x)), 0.95)
        for k in 0..<3 {
            let trueMean = truth.observedMean(k)
            let match = (0..<3).min { a, b in
                zip(fitted.observedMean(a), trueMean).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
                    < zip(fitted.observedMean(b), trueMean).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
            }!
            let count = truth.weights[k] * Double(n)
            let c = truth.observedCovariance(k), cHat = fitted.observedCovariance(match)
            let mHat = fitted.observedMean(match)
            // Five standard errors of a sample mean, sqrt(C_ii / N_k), and of a sample
            // covariance, sqrt((C_ii C_jj + C_ij²) / N_k).
            for i in 0..<10 {
                XCTAssertEqual(mHat[i], trueMean[i], accuracy: 5 * (c[i, i] / count).squareRoot())
                for j in 0..<10 {
                    XCTAssertEqual(cHat[i, j], c[i, j], accuracy: 5 * ((c[i, i] * c[j, j] + c[i, j] * c[i, j]) / count).squareRoot())
                }
            }
            let pi = truth.weights[k]
            XCTAssertEqual(fitted.weights[match], pi, accuracy: 5 * (pi * (1 - pi) / Double(n)).squareRoot())
        }
        // The maximum-likelihood fit is at least as likely as the truth, and not by more than
        // the parameters can explain (a likelihood-ratio statistic of order the parameter count).
        let truthScore = try FittedHierarchicalMixture(parameters: truth, noise: .diagonal, trainingData: x).logLikelihood
        XCTAssertGreaterThanOrEqual(fit.logLikelihood, truthScore)
        XCTAssertLessThan(2 * (fit.logLikelihood - truthScore), 4 * Double(fit.parameterCount))
    }

    func testPosteriorPiecesAreConsistent() throws {
        let (x, _) = try Self.draw(Self.syntheticParameters(), n: 300, seed: 6)
        let fit = try HierarchicalMixture(latent: 2, components: 3).fit(x, seed: 1)
        let post = fit.latentPosterior(x)
        let embedding = fit.embed(x)
        for i in [0, 17, 299] {
            var sum = 0.0
            for k in 0..<3 { sum += post.responsibilities[i, k] }
            XCTAssertEqual(sum, 1, accuracy: 1e-12)
            for j in 0..<2 {
                let mixture = (0..<3).reduce(0.0) { $0 + post.responsibilities[i, $1] * post.means[$1][i, j] }
                XCTAssertEqual(embedding[i, j], mixture, accuracy: 1e-12)
            }
        }
        XCTAssertEqual(fit.predict(x).count, 300)
        // Cov(y | x) of the mixture posterior: symmetric, positive definite, and at least the
        // smallest within-component posterior covariance (law of total variance).
        let covariances = fit.latentCovariances(x)
        for i in [0, 17, 299] {
            let c = covariances[i]
            XCTAssertEqual(c[0, 1], c[1, 0], accuracy: 1e-12)
            XCTAssertNoThrow(try c.cholesky())
            let smallest = post.covariances.map { $0[0, 0] }.min()!
            XCTAssertGreaterThanOrEqual(c[0, 0], smallest - 1e-12)
        }
        // p d + 2p + (K − 1) + K d + K d(d+1)/2 − d² − d = 20 + 20 + 2 + 6 + 9 − 4 − 2.
        XCTAssertEqual(fit.parameterCount, 51)
        XCTAssertEqual(fit.trainingBIC, -2 * fit.logLikelihood + 51 * log(300.0), accuracy: 1e-8)
    }

    func testBadInput() throws {
        let (x, _) = try Self.draw(Self.syntheticParameters(), n: 100, seed: 8)
        XCTAssertThrowsError(try HierarchicalMixture(latent: 10, components: 2).fit(x, seed: 0)) {
            XCTAssertEqual($0 as? HierarchicalMixtureError, .latentDimension(latent: 10, observed: 10))
        }
        XCTAssertThrowsError(try HierarchicalMixture(latent: 2, components: 101).fit(x, seed: 0)) {
            XCTAssertEqual($0 as? GaussianMixtureError, .tooFewSamples(samples: 100, components: 101))
        }
        var nan = x
        nan[7, 3] = .nan
        XCTAssertThrowsError(try HierarchicalMixture(latent: 2, components: 2).fit(nan, seed: 0)) {
            XCTAssertEqual($0 as? GaussianMixtureError, .nonFiniteData(row: 7, column: 3))
        }
        // A constant column: its noise sits at the floor, the fit stays finite.
        var constant = x
        for i in 0..<x.rows { constant[i, 4] = 2.5 }
        let fit = try HierarchicalMixture(latent: 2, components: 3, maxIterations: 50).fit(constant, seed: 0)
        XCTAssertTrue(fit.logLikelihood.isFinite)
        XCTAssertTrue(fit.parameters.psi.allSatisfy { $0 > 0 && $0.isFinite })
    }
}
