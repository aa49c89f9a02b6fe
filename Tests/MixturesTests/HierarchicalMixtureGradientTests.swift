import XCTest
import LinearAlgebra
@testable import Mixtures

/// The gradient variants: analytic gradients against central finite differences, and
/// the three training methods against each other.
final class HierarchicalMixtureGradientTests: XCTestCase {
    private func checkGradient(structure: HierarchicalMixtureCoordinates.Structure, noise: NoiseModel) throws {
        let truth = HierarchicalMixtureTests.syntheticParameters()
        let (x, _) = try HierarchicalMixtureTests.draw(truth, n: 60, seed: 21)
        let coordinates = HierarchicalMixtureCoordinates(dimensions: 10, latent: 2, components: 3, noise: noise, structure: structure)
        var start = truth
        start.psi = noise == .diagonal ? truth.psi : [Double](repeating: 0.3, count: 10)
        if structure == .diagonalPosteriorPrecision { start = try HierarchicalMixtureCoordinates.restrictedStart(start) }
        var theta = try coordinates.vector(start)
        var g = RandomGenerator(seed: 5)
        for i in 0..<theta.count { theta[i] += 0.05 * g.normal() }   // away from any special point
        let gradient = HierarchicalMixtureGradient(coordinates: coordinates)
        let (_, analytic) = try gradient.valueAndGradient(x, theta)
        func central(_ i: Int, _ h: Double) throws -> Double {
            var plus = theta, minus = theta
            plus[i] += h
            minus[i] -= h
            return (try gradient.logLikelihood(x, plus) - gradient.logLikelihood(x, minus)) / (2 * h)
        }
        let h = 1e-4
        for i in 0..<theta.count {
            // Richardson's extrapolation of central differences: truncation error O(h⁴), rounding
            // ~ 1e-16·|f|/h ≈ 1e-9 (|f| ≈ 10³): 1e-6 relative plus 1e-5 absolute covers both with room.
            let numeric = (4 * (try central(i, h / 2)) - (try central(i, h))) / 3
            XCTAssertEqual(analytic[i], numeric, accuracy: 1e-6 * abs(numeric) + 1e-5, "coordinate \(i) (\(structure), \(noise))")
        }
    }

    func testFullGradientMatchesFiniteDifferences() throws {
        try checkGradient(structure: .full, noise: .diagonal)
        try checkGradient(structure: .full, noise: .isotropic)
    }

    func testRestrictedGradientMatchesFiniteDifferences() throws {
        try checkGradient(structure: .diagonalPosteriorPrecision, noise: .diagonal)
    }

    func testRestrictedCoordinatesHaveDiagonalPosteriorPrecision() throws {
        let start = try HierarchicalMixtureCoordinates.restrictedStart(HierarchicalMixtureTests.syntheticParameters())
        let coordinates = HierarchicalMixtureCoordinates(dimensions: 10, latent: 2, components: 3, noise: .diagonal,
                                                         structure: .diagonalPosteriorPrecision)
        let parameters = try coordinates.parameters(coordinates.vector(start))
        let structure = try LowRankPlusDiagonal(loadings: parameters.loadings, psi: parameters.psi)
        for k in 0..<3 {
            let precision = try parameters.latentCovariances[k].cholesky().inverse + structure.precisionGram
            XCTAssertEqual(precision[0, 1], 0, accuracy: 1e-9 * abs(precision[0, 0]))
        }
    }

    func testAnImproperImpliedPriorIsAnErrorNotNaN() throws {
        let start = try HierarchicalMixtureCoordinates.restrictedStart(HierarchicalMixtureTests.syntheticParameters())
        let coordinates = HierarchicalMixtureCoordinates(dimensions: 10, latent: 2, components: 3, noise: .diagonal,
                                                         structure: .diagonalPosteriorPrecision)
        var theta = try coordinates.vector(start)
        // A posterior precision below WᵀΨ⁻¹W (e.g. a random start) would imply an improper prior.
        theta[coordinates.offsetCovariance] = log(1e-6)
        XCTAssertThrowsError(try coordinates.parameters(theta)) {
            XCTAssertEqual($0 as? HierarchicalMixtureError, .improperPrior(component: 0))
        }
    }

    func testTheThreeMethodsAgreeWithinOnePercent() throws {
        let (x, _) = try HierarchicalMixtureTests.draw(HierarchicalMixtureTests.syntheticParameters(), n: 600, seed: 22)
        var em = HierarchicalMixture(latent: 2, components: 3, maxIterations: 300, tolerance: 1e-7)
        let emFit = try em.fit(x, seed: 3)
        em.maxIterations = 100
        em.tolerance = 0
        em.learningRate = 1e-2
        em.batchSize = 100
        for method in [HierarchicalMixture.Method.gradient, .diagonal] {
            em.method = method
            let fit = try em.fit(x, seed: 3)
            let gap = abs(fit.score(x) - emFit.score(x)) / abs(emFit.score(x))
            XCTAssertLessThan(gap, 0.01, "\(method): \(fit.score(x)) vs EM \(emFit.score(x))")
            XCTAssertTrue(fit.logLikelihood.isFinite)
        }
    }
}
