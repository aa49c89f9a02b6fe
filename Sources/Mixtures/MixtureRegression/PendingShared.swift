// STAND-INS for the shared layer of issue 8 (branch `layer`), written to its contract
// (/work/briefs/contract.md) with the same names and meanings, only as much as mixture
// regression needs. This file is deleted when `layer` is merged (LAYER-READY).
import Foundation
import LinearAlgebra

/// Stand-in for the shared layer's `LogSumExp`.
public enum LogSumExp {
    /// log Σᵢ exp(vᵢ), stable (−∞ for an empty or all −∞ input).
    public static func value(_ values: [Double]) -> Double {
        guard let m = values.max(), m > -Double.infinity else { return -Double.infinity }
        if m == .infinity { return .infinity }
        return m + Foundation.log(values.reduce(0) { $0 + Foundation.exp($1 - m) })
    }

    /// In place: every row of the N×K `logits` becomes probabilities; returns each row's
    /// log normaliser log Σₖ exp(logitsₙₖ).
    public static func normalizeRows(_ logits: inout Matrix) -> [Double] {
        let n = logits.rows, k = logits.columns
        var out = [Double](repeating: 0, count: n)
        logits.storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<n {
                let row = p.baseAddress! + i * k
                var m = -Double.infinity
                for c in 0..<k where row[c] > m { m = row[c] }
                var s = 0.0
                for c in 0..<k { let e = Foundation.exp(row[c] - m); row[c] = e; s += e }
                for c in 0..<k { row[c] /= s }
                out[i] = m + Foundation.log(s)
            }
        }
        return out
    }
}

/// Stand-in for the shared layer's `GaussianComponents`: K Gaussians, factored once.
public struct GaussianComponents: Sendable {
    let means: Matrix
    let factors: [Cholesky]

    public init(means: Matrix, covariances: [Matrix], structure: CovarianceType) throws {
        self.means = means
        factors = try covariances.map { try Cholesky($0) }
    }

    public var components: Int { means.rows }
    public var dimensions: Int { means.columns }

    /// N×K: log N(xₙ; μₖ, Σₖ).
    public func logDensities(_ x: Matrix) -> Matrix {
        let n = x.rows, d = dimensions, k = components
        var out = Matrix(rows: n, columns: k)
        let constant = -0.5 * Double(d) * Foundation.log(2 * Double.pi)
        for c in 0..<k {
            var centred = x
            for i in 0..<n { for j in 0..<d { centred.storage[i * d + j] -= means.storage[c * d + j] } }
            // Rows of (x − μ)·L⁻ᵀ: solve Z·Lᵀ = X − μ.
            let z = factors[c].lower.solveTriangularFromRight(centred, lower: true, transpose: true)
            let logDet = factors[c].logDeterminant
            for i in 0..<n {
                var s = 0.0
                for j in 0..<d { s += z.storage[i * d + j] * z.storage[i * d + j] }
                out.storage[i * k + c] = constant - 0.5 * logDet - 0.5 * s
            }
        }
        return out
    }
}

/// Stand-in for the shared layer's `WeightedMoments`.
public struct WeightedMoments: Sendable {
    public var counts: [Double]
    public var means: Matrix
    public var scatters: [Matrix]

    public init(rows x: Matrix, responsibilities r: Matrix) {
        let n = x.rows, d = x.columns, k = r.columns
        counts = (0..<k).map { c in (0..<n).reduce(0.0) { $0 + r.storage[$1 * k + c] } }
        var m = r.multiplied(by: x, transposeSelf: true)
        for c in 0..<k { for j in 0..<d { m.storage[c * d + j] /= max(counts[c], Double.leastNormalMagnitude) } }
        means = m
        scatters = (0..<k).map { c in
            var centred = Matrix(rows: n, columns: d)
            for i in 0..<n {
                let s = r.storage[i * k + c].squareRoot()
                for j in 0..<d { centred.storage[i * d + j] = s * (x.storage[i * d + j] - m.storage[c * d + j]) }
            }
            return centred.gram
        }
    }
}

/// Stand-in for the shared layer's `GaussianEstimators`.
public enum GaussianEstimators {
    public static func covariances(_ moments: WeightedMoments, structure: CovarianceType,
                                   regularization: Double) -> [Matrix] {
        let k = moments.counts.count, d = moments.means.columns
        let n = max(moments.counts.reduce(0, +), Double.leastNormalMagnitude)
        func scaled(_ s: Matrix, _ c: Double) -> Matrix { (1 / max(c, Double.leastNormalMagnitude)) * s }
        var out: [Matrix]
        switch structure {
        case .full:
            out = (0..<k).map { scaled(moments.scatters[$0], moments.counts[$0]) }
        case .tied:
            var total = Matrix(rows: d, columns: d)
            for s in moments.scatters { total = total + s }
            out = Array(repeating: scaled(total, n), count: k)
        case .diagonal:
            out = (0..<k).map { Matrix.diagonal(scaled(moments.scatters[$0], moments.counts[$0]).diagonalElements) }
        case .spherical:
            out = (0..<k).map { c in
                let v = scaled(moments.scatters[c], moments.counts[c]).diagonalElements.reduce(0, +) / Double(max(1, d))
                return Matrix.diagonal([Double](repeating: v, count: d))
            }
        }
        for c in 0..<k { for j in 0..<d { out[c].storage[j * d + j] += regularization } }
        return out
    }
}

/// Stand-in for the shared layer's `FittedLikelihoodModel`.
public protocol FittedLikelihoodModel {
    var logLikelihood: Double { get }
    var parameterCount: Int { get }
    var sampleCount: Int { get }
    var trainingResponsibilities: Matrix? { get }
    var lowerBoundTrace: [Double] { get }
}

extension FittedLikelihoodModel {
    public var informationCriteria: InformationCriteria {
        InformationCriteria(logLikelihood: logLikelihood, parameterCount: parameterCount, sampleCount: sampleCount,
                            classificationLogLikelihood: trainingResponsibilities.map {
                                InformationCriteria.classificationLogLikelihood(responsibilities: $0)
                            } ?? 0)
    }
    public var trainingBIC: Double { informationCriteria.bic }
    public var trainingAIC: Double { informationCriteria.aic }
    public var mclustBIC: Double { informationCriteria.mclustBIC }
}
