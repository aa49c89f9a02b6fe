import Foundation
import LinearAlgebra

/// What every fitted model of a family offers, so that information criteria, model
/// selection tables and their charts, and lower-bound traces work for it without new code.
public protocol FittedLikelihoodModel {
    /// Total log-likelihood Σₙ log p(dataₙ) of the training data.
    var logLikelihood: Double { get }
    /// Free parameters p.
    var parameterCount: Int { get }
    /// Training rows n.
    var sampleCount: Int { get }
    /// The final E-step's N × K responsibilities on the training data (nil if the model has none).
    var trainingResponsibilities: Matrix? { get }
    /// The lower bound (mean log-likelihood per row) at every iteration of the kept run.
    var lowerBoundTrace: [Double] { get }
}

extension FittedLikelihoodModel {
    /// BIC, AIC and ICL on the training data in both sign conventions; ICL uses the
    /// training responsibilities (it equals BIC for a model without them).
    public var informationCriteria: InformationCriteria {
        InformationCriteria(
            logLikelihood: logLikelihood, parameterCount: parameterCount, sampleCount: sampleCount,
            classificationLogLikelihood: trainingResponsibilities.map {
                InformationCriteria.classificationLogLikelihood(responsibilities: $0)
            } ?? 0)
    }

    /// BIC on the training data in scikit-learn's convention: −2 log L + p log n (lower is better).
    public var trainingBIC: Double { -2 * logLikelihood + Double(parameterCount) * Foundation.log(Double(sampleCount)) }

    /// AIC on the training data in scikit-learn's convention: −2 log L + 2p (lower is better).
    public var trainingAIC: Double { -2 * logLikelihood + 2 * Double(parameterCount) }

    /// BIC in mclust's convention on the training data: `2·logL − p·log n` — higher is
    /// better; it equals `−trainingBIC`.
    public var mclustBIC: Double { 2 * logLikelihood - Double(parameterCount) * Foundation.log(Double(sampleCount)) }
}
