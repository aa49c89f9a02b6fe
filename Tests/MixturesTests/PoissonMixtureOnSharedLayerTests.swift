import XCTest
import LinearAlgebra
import Mixtures

/// A Poisson mixture on the shared layer only (starts, LogSumExp, EMDriver, criteria, selection table).
struct PoissonMixture: ExpectationMaximizable {
    struct Parameters: Sendable { var weights: [Double]; var rates: [Double] }
    let components: Int
    func initialParameters(for x: [Double], generator: inout RandomGenerator) throws -> Parameters {
        maximize(x, try EMInitialization.kmeans.startingResponsibilities(
            Matrix(rows: x.count, columns: 1, storage: x), components: components, generator: &generator))
    }
    func expectation(_ x: [Double], _ p: Parameters) throws -> (expectations: Matrix, lowerBound: Double) {
        var r = Matrix(rows: x.count, columns: components)   // log πₖ + log Poisson(xₙ; λₖ)
        for (n, xn) in x.enumerated() { for k in 0..<components { r.storage[n * components + k] = log(p.weights[k]) + xn * log(p.rates[k]) - p.rates[k] - lgamma(xn + 1) } }
        let logLikelihood = LogSumExp.normalizeRows(&r).reduce(0, +)   // r now holds responsibilities
        return (r, logLikelihood / Double(x.count))
    }
    func maximization(_ x: [Double], _ r: Matrix, previous: Parameters,
                      generator: inout RandomGenerator) throws -> EMUpdate<Parameters> { EMUpdate(parameters: maximize(x, r)) }
    func maximize(_ x: [Double], _ r: Matrix) -> Parameters {   // Nₖ = Σ rₙₖ, λₖ = Σ rₙₖ xₙ / Nₖ
        var n = [Double](repeating: 0, count: components), s = n
        for (i, xi) in x.enumerated() { for k in 0..<components { n[k] += r.storage[i * components + k]; s[k] += r.storage[i * components + k] * xi } }
        return Parameters(weights: n.map { $0 / Double(x.count) }, rates: zip(s, n).map { $0 / $1 })
    }
}

struct FittedPoissonMixture: FittedLikelihoodModel {
    let result: EMResult<PoissonMixture.Parameters, Matrix>, sampleCount: Int
    var logLikelihood: Double { result.lowerBound * Double(sampleCount) }
    var parameterCount: Int { 2 * result.parameters.rates.count - 1 }
    var trainingResponsibilities: Matrix? { result.expectations }
    var lowerBoundTrace: [Double] { result.trace }
}

final class PoissonMixtureOnSharedLayerTests: XCTestCase {
    func testPoissonMixtureFitsAndIsSelectedByBIC() throws {
        var g = RandomGenerator(seed: 11)   // 40 % Poisson(2), 60 % Poisson(12) by Knuth's product of uniforms
        let x = (0..<2000).map { _ -> Double in
            var (limit, count, product) = (exp(-(g.uniform() < 0.4 ? 2.0 : 12.0)), 0.0, g.uniform())
            while product > limit { count += 1; product *= g.uniform() }
            return count
        }
        let table = SelectionTable<FittedPoissonMixture, String>.evaluate(componentCounts: [1, 2, 3], variants: ["Poisson"]) { k, _ in
            FittedPoissonMixture(result: try EMDriver(settings: EMSettings(restarts: 2, maxIterations: 300, tolerance: 1e-8)).run(PoissonMixture(components: k), on: x, seed: 5),
                                 sampleCount: x.count)
        }
        let best = table.best(by: .bic), p = best.fitted.result.parameters
        guard best.components == 2 else { return XCTFail("BIC chose K = \(best.components), not 2") }
        let slow = p.rates[0] < p.rates[1] ? 0 : 1
        // Five standard errors: √(λ / (n·w)) = 0.05 and 0.1 for the rates, √(w(1−w)/n) = 0.011 for the weight.
        XCTAssertEqual(p.rates[slow], 2, accuracy: 0.25)
        XCTAssertEqual(p.rates[1 - slow], 12, accuracy: 0.5)
        XCTAssertEqual(p.weights[slow], 0.4, accuracy: 0.055)
        XCTAssertEqual(best.bic, -2 * best.fitted.logLikelihood + 3 * log(2000), accuracy: 1e-9)
        XCTAssertGreaterThanOrEqual(best.icl, best.bic)
        XCTAssertTrue(zip(best.fitted.lowerBoundTrace, best.fitted.lowerBoundTrace.dropFirst()).allSatisfy { $1 >= $0 - 1e-12 })
    }
}
