import XCTest
import LinearAlgebra
@testable import Mixtures

/// ∂/∂θ of Σₙ log Σₖ exp(log πₖ + offsetₙₖ + log N(yₙ; x̃ₙᵀBₖ, σ²ₖ)), written directly from
/// the responsibilities (Fisher's identity), for checking the closed-form information.
private func scoreVector(_ layout: RegressionStandardErrors.Layout, _ theta: [Double], _ design: Matrix, _ y: Matrix,
                         _ offsets: Matrix?) -> [Double] {
    let p = layout.unpack(theta)
    let n = y.rows, k = layout.k, t = layout.t, q = layout.p
    var r = RegressionMixtureDensity.regressionLogDensities(design: design, targets: y, p)
    for i in 0..<n {
        for c in 0..<k { r.storage[i * k + c] += log(p.weights[c]) + (offsets?.storage[i * k + c] ?? 0) }
    }
    _ = LogSumExp.normalizeRows(&r)
    let means = RegressionMixtureDensity.componentMeans(design, p)
    var g = [Double](repeating: 0, count: layout.count)
    for c in 0..<k {
        let v = p.regressions[c].noiseVariances
        for i in 0..<n {
            let rc = r.storage[i * k + c]
            for j in 0..<t {
                let e = y.storage[i * t + j] - means[c].storage[i * t + j]
                for a in 0..<q { g[layout.coefficientOffset(c) + a * t + j] += rc * e / v[j] * design.storage[i * q + a] }
                g[layout.logVarianceIndex(c, j)] += 0.5 * rc * (e * e / v[j] - 1)
            }
        }
    }
    for c in 0..<(k - 1) {
        var s = 0.0
        for i in 0..<n { s += r.storage[i * k + c] }
        g[layout.logitOffset + c] = s - Double(n) * p.weights[c]
    }
    return g
}

final class RegressionObservedInformationTests: XCTestCase {
    /// The closed form against central differences of the score, entry by entry. Central
    /// differences with step h have error O(h² ‖∇³ℓ‖) + O(ε ‖∇ℓ‖ / h): about 1e-6 of the
    /// largest entry at h = 1e-5 relative.
    private func assertMatchesDifferences(_ layout: RegressionStandardErrors.Layout, _ p: RegressionMixtureParameters,
                                          design: Matrix, targets: Matrix, offsets: Matrix?,
                                          file: StaticString = #filePath, line: UInt = #line) {
        let information = RegressionObservedInformation.matrix(layout, design: design, targets: targets, offsets: offsets,
                                                               parameters: p)
        let theta = layout.pack(p)
        let m = theta.count
        var numeric = Matrix(rows: m, columns: m)
        for j in 0..<m {
            let h = 1e-5 * max(1, abs(theta[j]))
            var plus = theta, minus = theta
            plus[j] += h
            minus[j] -= h
            let gp = scoreVector(layout, plus, design, targets, offsets)
            let gm = scoreVector(layout, minus, design, targets, offsets)
            for i in 0..<m { numeric[i, j] = -(gp[i] - gm[i]) / (2 * h) }
        }
        let scale = information.storage.map(abs).max()!
        for i in 0..<m {
            for j in 0..<m {
                XCTAssertEqual(information[i, j], numeric[i, j], accuracy: 1e-6 * scale, "entry (\(i), \(j))",
                               file: file, line: line)
            }
        }
    }

    func testClosedFormMatchesDifferencesOfTheScoreOnNPreg() throws {
        let (x, y) = try npreg()
        let fitted = try MixtureRegression(components: 2, restarts: 5).fit(x, y, seed: 1)
        var design = Matrix(rows: x.rows, columns: 3)
        for i in 0..<x.rows { design[i, 0] = x[i, 0]; design[i, 1] = x[i, 1]; design[i, 2] = 1 }
        let targets = Matrix(rows: y.count, columns: 1, storage: y)
        let layout = RegressionStandardErrors.Layout(k: 2, p: 3, t: 1, noise: .perComponent)
        assertMatchesDifferences(layout, fitted.parameters, design: design, targets: targets, offsets: nil)
        // Away from the optimum too (the score is not zero there).
        var moved = fitted.parameters
        moved.regressions[0].coefficients[2, 0] += 0.7
        moved.regressions[1].noiseVariances[0] *= 1.3
        moved.weights = [0.4, 0.6]
        assertMatchesDifferences(layout, moved, design: design, targets: targets, offsets: nil)
    }

    func testClosedFormMatchesDifferencesWithSharedNoiseTwoTargetsThreeComponentsAndOffsets() throws {
        let sample = try fourClusterTruth().sample(300, seed: 4)
        var y2 = Matrix(rows: 300, columns: 2)
        for i in 0..<300 { y2[i, 0] = sample.y[i, 0]; y2[i, 1] = 0.5 * sample.y[i, 0] + 0.2 * sin(Double(i)) }
        var design = Matrix(rows: 300, columns: 3)
        for i in 0..<300 { design[i, 0] = sample.x[i, 0]; design[i, 1] = sample.x[i, 1]; design[i, 2] = 1 }
        for noise in NoiseVariance.allCases {
            let fitted = try ClusterWeightedRegression(components: 3, noise: noise, restarts: 2)
                .fit(sample.x, y2, seed: 2)
            let offsets = try RegressionMixtureDensity.covariateLogDensities(sample.x, fitted.parameters, structure: .full)
            let layout = RegressionStandardErrors.Layout(k: 3, p: 3, t: 2, noise: noise)
            var p = fitted.parameters
            p.covariates = nil
            assertMatchesDifferences(layout, p, design: design, targets: y2, offsets: offsets)
        }
    }
}

/// θ ↔ parameters in the layout of the information matrix, for the score oracle above.
extension RegressionStandardErrors.Layout {
        func pack(_ parameters: RegressionMixtureParameters) -> [Double] {
            var theta = [Double](repeating: 0, count: count)
            for c in 0..<k {
                for i in 0..<(p * t) { theta[coefficientOffset(c) + i] = parameters.regressions[c].coefficients.storage[i] }
                for j in 0..<t { theta[logVarianceIndex(c, j)] = Foundation.log(parameters.regressions[c].noiseVariances[j]) }
            }
            let last = Foundation.log(parameters.weights[k - 1])
            for c in 0..<(k - 1) { theta[logitOffset + c] = Foundation.log(parameters.weights[c]) - last }
            return theta
        }

        func unpack(_ theta: [Double]) -> RegressionMixtureParameters {
            let logits = (0..<k).map { $0 < k - 1 ? theta[logitOffset + $0] : 0 }
            let top = logits.max() ?? 0
            let e = logits.map { Foundation.exp($0 - top) }
            let s = e.reduce(0, +)
            let regressions = (0..<k).map { c in
                RegressionComponent(coefficients: Matrix(rows: p, columns: t,
                                                         storage: Array(theta[coefficientOffset(c)..<(coefficientOffset(c) + p * t)])),
                                    noiseVariances: (0..<t).map { Foundation.exp(theta[logVarianceIndex(c, $0)]) })
            }
            return RegressionMixtureParameters(weights: e.map { $0 / s }, regressions: regressions)
        }
}
