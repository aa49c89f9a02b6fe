import XCTest
import Foundation
import LinearAlgebra
@testable import Mixtures

/// Wishart and inverse-gamma draws, checked by their moments within five Monte Carlo
/// standard errors (the standard errors from the exact variances).
final class WishartDrawTests: XCTestCase {
    func testWishartMeanAndVariance() throws {
        let v = Matrix([[2, 0.5, 0.1], [0.5, 1, 0.3], [0.1, 0.3, 1.5]])
        let n = 7.0, draws = 20000
        let l = try v.cholesky().lower
        var g = RandomGenerator(seed: 17)
        var sum = Matrix(rows: 3, columns: 3)
        var first: [Double] = []
        for _ in 0..<draws {
            let w = g.wishart(scaleFactor: l, degreesOfFreedom: n)
            sum = sum + w
            first.append(w[0, 0])
        }
        let mean = (1 / Double(draws)) * sum
        for i in 0..<3 {
            for j in 0..<3 {
                // Var(Wᵢⱼ) = n (Vᵢⱼ² + Vᵢᵢ Vⱼⱼ).
                let se = (n * (v[i, j] * v[i, j] + v[i, i] * v[j, j]) / Double(draws)).squareRoot()
                XCTAssertEqual(mean[i, j], n * v[i, j], accuracy: 5 * se, "(\(i), \(j))")
            }
        }
        // W₀₀ = V₀₀ χ²(n): variance 2n V₀₀², and the sample variance has standard error
        // V₀₀² √((μ₄ − σ⁴)/M) with μ₄ = 12n(n + 4), σ⁴ = 4n² for χ²(n).
        let m = first.reduce(0, +) / Double(draws)
        let variance = first.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(draws - 1)
        let se = v[0, 0] * v[0, 0] * ((12 * n * (n + 4) - 4 * n * n) / Double(draws)).squareRoot()
        XCTAssertEqual(variance, 2 * n * v[0, 0] * v[0, 0], accuracy: 5 * se)
    }

    func testInverseGammaMeanAndReciprocalMean() {
        let a = 6.0, b = 3.0, draws = 40000
        var g = RandomGenerator(seed: 5)
        let x = (0..<draws).map { _ in g.inverseGamma(shape: a, scale: b) }
        let mean = x.reduce(0, +) / Double(draws)
        let variance = b * b / ((a - 1) * (a - 1) * (a - 2))
        XCTAssertEqual(mean, b / (a - 1), accuracy: 5 * (variance / Double(draws)).squareRoot())
        // 1/X ~ Gamma(a, rate b): mean a/b, variance a/b².
        let reciprocal = x.map { 1 / $0 }.reduce(0, +) / Double(draws)
        XCTAssertEqual(reciprocal, a / b, accuracy: 5 * (a / (b * b) / Double(draws)).squareRoot())
    }

    /// Parameters drawn from the fitted posterior average to its means: E[π] = α/Σα,
    /// E[μₖ] = mₖ and E[Λₖ] = Cₖ⁻¹ (full), E[σ²ₖⱼ] = νCⱼⱼ/(ν − 2) (diagonal).
    func testPosteriorDrawsAverageToThePosteriorMeans() throws {
        let x = try DataTable.read(csv: fixture("faithful.csv")).numeric()
        let draws = 4000
        for type in [CovarianceType.full, .diagonal] {
            let fitted = try VariationalGaussianMixture(components: 2, covarianceType: type, weightPrior: .dirichlet).fit(x, seed: 1)
            let q = fitted.posterior
            let samples = try fitted.sampleParameters(draws, seed: 8)
            func check(_ values: [Double], _ expected: Double, _ what: String) {
                let m = values.reduce(0, +) / Double(values.count)
                let sd = (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
                XCTAssertEqual(m, expected, accuracy: 5 * sd / Double(values.count).squareRoot() + 1e-12, "\(type) \(what)")
            }
            let weights = fitted.weights
            for c in 0..<2 {
                check(samples.map { $0.weights[c] }, weights[c], "weight \(c)")
                for j in 0..<2 { check(samples.map { $0.means[c, j] }, q.means[c, j], "mean \(c),\(j)") }
                if type == .full {
                    let expected = try q.covariances[c].cholesky().inverse
                    let precisions = try samples.map { try $0.covariances[c].cholesky().inverse }
                    for i in 0..<2 { for j in 0..<2 { check(precisions.map { $0[i, j] }, expected[i, j], "precision \(c) (\(i),\(j))") } }
                } else {
                    let nu = q.degreesOfFreedom[c]
                    for j in 0..<2 {
                        check(samples.map { $0.covariances[c][j, j] }, nu * q.covariances[c][j, j] / (nu - 2), "variance \(c),\(j)")
                    }
                }
            }
        }
    }
}
