import Foundation
import LinearAlgebra

// STAND-IN for the shared layer of issue 8 (branch `layer`), with the contract's names
// and meanings (/work/briefs/contract.md). This whole file is deleted when `layer` is
// merged; nothing else changes.

/// Stable log-sum-exp.
public enum LogSumExp {
    /// log Σᵢ exp(vᵢ), stable (−∞ for an empty or all −∞ input).
    public static func value(_ values: [Double]) -> Double {
        guard let m = values.max(), m > -.infinity else { return -.infinity }
        return m + log(values.reduce(0) { $0 + exp($1 - m) })
    }

    /// In place: every row of the N×K `logits` becomes probabilities (rows sum to 1);
    /// returns the per-row log normalisers.
    public static func normalizeRows(_ logits: inout Matrix) -> [Double] {
        let n = logits.rows, k = logits.columns
        var out = [Double](repeating: 0, count: n)
        logits.storage.withUnsafeMutableBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                _ = normalizeRows(p.baseAddress!, rows: n, columns: k, logNormalizers: o.baseAddress)
            }
        }
        return out
    }

    /// Pointer form; writes each row's log normaliser when non-nil and returns their sum.
    public static func normalizeRows(_ logits: UnsafeMutablePointer<Double>, rows: Int, columns: Int,
                                     logNormalizers: UnsafeMutablePointer<Double>?) -> Double {
        var total = 0.0
        for i in 0..<rows {
            let row = logits + i * columns
            var m = -Double.infinity
            for j in 0..<columns { m = max(m, row[j]) }
            var s = 0.0
            for j in 0..<columns { let e = exp(row[j] - m); row[j] = e; s += e }
            for j in 0..<columns { row[j] /= s }
            let l = m + log(s)
            logNormalizers?[i] = l
            total += l
        }
        return total
    }
}

/// Responsibility-weighted moments, from data rows or from expected moments.
public struct WeightedMoments: Sendable {
    /// Nₖ = Σₙ rₙₖ (K).
    public var counts: [Double]
    /// μₖ = Σₙ rₙₖ E[vₙ] / Nₖ (K×D).
    public var means: Matrix
    /// Sₖ = Σₙ rₙₖ E[(vₙ−μₖ)(vₙ−μₖ)ᵀ] (K of D×D; unnormalised scatter).
    public var scatters: [Matrix]

    /// From rows x (N×D) and responsibilities r (N×K).
    public init(rows x: Matrix, responsibilities r: Matrix) {
        let k = r.columns, d = x.columns
        let counts = (0..<k).map { c in (0..<r.rows).reduce(0.0) { $0 + r.storage[$1 * k + c] } }
        let first = r.multiplied(by: x, transposeSelf: true)
        var second: [Matrix] = []
        for c in 0..<k {
            var weighted = x
            for i in 0..<x.rows {
                let s = r.storage[i * k + c].squareRoot()
                for j in 0..<d { weighted.storage[i * d + j] *= s }
            }
            second.append(weighted.gram)
        }
        self.init(counts: counts, firstMoments: first, secondMoments: second)
    }

    /// From expected moments: counts Nₖ, Σₙ rₙₖ E[vₙ] (K×D) and Σₙ rₙₖ E[vₙvₙᵀ] (K of D×D).
    public init(counts: [Double], firstMoments: Matrix, secondMoments: [Matrix]) {
        let k = counts.count, d = firstMoments.columns
        self.counts = counts
        var means = firstMoments
        var scatters = secondMoments
        for c in 0..<k {
            let nk = max(counts[c], 10 * Double.leastNormalMagnitude)
            for j in 0..<d { means.storage[c * d + j] /= nk }
            for i in 0..<d {
                for j in 0..<d {
                    scatters[c].storage[i * d + j] -= counts[c] * means.storage[c * d + i] * means.storage[c * d + j]
                }
            }
        }
        self.means = means
        self.scatters = scatters
    }
}

/// Per-structure maximum-likelihood estimators.
public enum GaussianEstimators {
    /// Covariances (K of D×D, full form) from moments, `regularization` added to each diagonal.
    public static func covariances(_ moments: WeightedMoments, structure: CovarianceType,
                                   regularization: Double) -> [Matrix] {
        let k = moments.counts.count, d = moments.means.columns
        let nk = moments.counts.map { max($0, 10 * Double.leastNormalMagnitude) }
        var full = (0..<k).map { (1 / nk[$0]) * moments.scatters[$0] }
        switch structure {
        case .full: break
        case .diagonal:
            full = full.map { .diagonal($0.diagonalElements) }
        case .spherical:
            full = full.map { m in .diagonal([Double](repeating: m.diagonalElements.reduce(0, +) / Double(d), count: d)) }
        case .tied:
            var tied = Matrix(rows: d, columns: d)
            for c in 0..<k { tied = tied + moments.scatters[c] }
            tied = (1 / nk.reduce(0, +)) * tied
            full = [Matrix](repeating: tied, count: k)
        }
        return full.map { m in
            var m = m
            for i in 0..<d { m.storage[i * d + i] += regularization }
            return m
        }
    }
}

/// What every fitted family offers; criteria and selection use it.
public protocol FittedLikelihoodModel {
    /// Total log-likelihood Σₙ log p(dataₙ) of the training data.
    var logLikelihood: Double { get }
    /// Free parameters p.
    var parameterCount: Int { get }
    /// Training rows n.
    var sampleCount: Int { get }
    /// The final E-step's N×K responsibilities on the training data (nil if the model has none).
    var trainingResponsibilities: Matrix? { get }
    /// The lower bound (mean log-likelihood per row) at every iteration of the kept run.
    var lowerBoundTrace: [Double] { get }
}

extension FittedLikelihoodModel {
    /// BIC, AIC and ICL on the training data.
    public var informationCriteria: InformationCriteria {
        InformationCriteria(logLikelihood: logLikelihood, parameterCount: parameterCount, sampleCount: sampleCount,
                            classificationLogLikelihood: trainingResponsibilities.map {
                                InformationCriteria.classificationLogLikelihood(responsibilities: $0) } ?? 0)
    }
    /// BIC on the training data, scikit-learn's sign (lower is better).
    public var trainingBIC: Double { informationCriteria.bic }
    /// AIC on the training data, scikit-learn's sign (lower is better).
    public var trainingAIC: Double { informationCriteria.aic }
    /// BIC in mclust's sign (higher is better).
    public var mclustBIC: Double { informationCriteria.mclustBIC }
}
