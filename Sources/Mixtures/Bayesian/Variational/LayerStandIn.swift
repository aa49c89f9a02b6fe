// Stand-in for a piece of the shared-layer contract (issue 8) that branch `layer` has not
// delivered yet. Delete this file when `layer` is merged.
import LinearAlgebra

/// What every fitted family offers (the contract's Sources/Mixtures/Fit/ protocol).
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
