import Foundation
import LinearAlgebra

/// The penalised-likelihood criteria of one fitted mixture: BIC, AIC and ICL.
///
/// Two sign conventions are in use and both are given, so numbers can be compared with
/// either tool:
/// - **scikit-learn** (`bic`, `aic`, `icl`): BIC = −2 log L + p log n, AIC = −2 log L + 2p,
///   ICL = BIC − 2 Σ_n log ẑ_n. **Lower is better.**
/// - **mclust** (`mclustBIC`, `mclustAIC`, `mclustICL`): the negatives,
///   BIC = 2 log L − p log n, ICL = BIC + 2 Σ_n Σ_k C_nk log z_nk. **Higher is better.**
///
/// Here L is the likelihood of the n training points, p the number of free parameters,
/// z_nk the responsibilities (posterior membership probabilities) and C the hard MAP
/// classification (C_nk = 1 for the component with the largest z_nk). This is mclust's
/// `icl()` exactly: ICL = BIC plus twice the log-likelihood of the MAP classification,
/// `classificationLogLikelihood` = Σ_n log max_k z_nk ≤ 0 (Biernacki, Celeux & Govaert,
/// 2000). So ICL is never better than BIC, and it is worse the less certain the
/// assignments are: it prefers well-separated clusters.
public struct InformationCriteria: Equatable, Sendable {
    /// Total log-likelihood log L of the training data under the fitted parameters.
    public let logLikelihood: Double
    /// Number of free parameters p.
    public let parameterCount: Int
    /// Number of training points n.
    public let sampleCount: Int
    /// Σ_n log max_k z_nk: the log-probability of the hard (MAP) classification, ≤ 0.
    public let classificationLogLikelihood: Double

    /// - Parameters:
    ///   - classificationLogLikelihood: Σ_n log max_k z_nk (see
    ///     `classificationLogLikelihood(responsibilities:)`); 0 for a one-component model.
    public init(logLikelihood: Double, parameterCount: Int, sampleCount: Int, classificationLogLikelihood: Double) {
        self.logLikelihood = logLikelihood
        self.parameterCount = parameterCount
        self.sampleCount = sampleCount
        self.classificationLogLikelihood = classificationLogLikelihood
    }

    /// Bayesian information criterion, scikit-learn's sign: −2 log L + p log n. Lower is better.
    public var bic: Double { -2 * logLikelihood + Double(parameterCount) * log(Double(sampleCount)) }
    /// Akaike information criterion, scikit-learn's sign: −2 log L + 2p. Lower is better.
    public var aic: Double { -2 * logLikelihood + 2 * Double(parameterCount) }
    /// Integrated completed likelihood, scikit-learn's sign (the negative of mclust's):
    /// BIC − 2 Σ_n log max_k z_nk ≥ `bic`. Lower is better.
    public var icl: Double { bic - 2 * classificationLogLikelihood }

    /// BIC in mclust's sign: 2 log L − p log n. Higher is better.
    public var mclustBIC: Double { -bic }
    /// AIC in mclust's sign: 2 log L − 2p. Higher is better.
    public var mclustAIC: Double { -aic }
    /// ICL as mclust's `icl()`: mclust BIC + 2 Σ_n Σ_k C_nk log z_nk ≤ `mclustBIC`. Higher is better.
    public var mclustICL: Double { -icl }

    /// The value of a criterion in a sign convention.
    public func value(_ criterion: ModelSelectionCriterion, convention: CriterionConvention) -> Double {
        let lowerIsBetter: Double
        switch criterion {
        case .bic: lowerIsBetter = bic
        case .aic: lowerIsBetter = aic
        case .icl: lowerIsBetter = icl
        }
        return convention == .scikitLearn ? lowerIsBetter : -lowerIsBetter
    }

    /// Σ_n log max_k z_nk for an N×K matrix of responsibilities (rows sum to 1): the
    /// log-probability of the hard MAP classification, as mclust's `icl()` sums it
    /// (zero responsibilities contribute 0). Always ≤ 0; 0 when every point is assigned
    /// with certainty.
    public static func classificationLogLikelihood(responsibilities z: Matrix) -> Double {
        var total = 0.0
        for n in 0..<z.rows {
            var best = 0.0
            for k in 0..<z.columns { best = max(best, z.storage[n * z.columns + k]) }
            if best > 0 { total += log(best) }
        }
        return total
    }
}

/// Which way round a criterion is written.
public enum CriterionConvention: String, CaseIterable, Sendable {
    /// −2 log L + penalty: lower is better (scikit-learn's `bic()`/`aic()`).
    case scikitLearn
    /// 2 log L − penalty: higher is better (mclust's BIC tables and plots).
    case mclust

    /// Whether a larger value means a better model in this convention.
    public var higherIsBetter: Bool { self == .mclust }
}

/// The criteria a model-selection table reports.
public enum ModelSelectionCriterion: String, CaseIterable, Sendable {
    /// Bayesian information criterion: penalty p log n.
    case bic
    /// Akaike information criterion: penalty 2p (prefers larger models than BIC).
    case aic
    /// Integrated completed likelihood: BIC plus a penalty for uncertain assignments.
    case icl

    /// "BIC", "AIC" or "ICL".
    public var name: String { rawValue.uppercased() }
}

extension FittedGaussianMixture {
    /// BIC, AIC and ICL of this model on its training data `x` (ICL needs the
    /// responsibilities, hence the data). Uses the model's `logLikelihood`, so pass the
    /// data it was fitted to.
    public func informationCriteria(_ x: Matrix) -> InformationCriteria {
        InformationCriteria(
            logLikelihood: logLikelihood,
            parameterCount: parameterCount,
            sampleCount: x.rows,
            classificationLogLikelihood: InformationCriteria.classificationLogLikelihood(responsibilities: responsibilities(x)))
    }

    /// Integrated completed likelihood on the training data, scikit-learn's sign
    /// (lower is better): BIC − 2 Σ_n log max_k z_nk. mclust's `icl()` is its negative.
    public func icl(_ x: Matrix) -> Double { informationCriteria(x).icl }
}
