/// A model that the generic EM driver (`EMDriver`) can fit, in the manner of
/// scikit-learn's `BaseMixture`: the model supplies initialisation, the E-step, the M-step
/// and the lower bound; the driver supplies restarts, the convergence test, the trace of
/// the lower bound, keeping the best restart and warnings.
///
/// The lower bound is the mean log-likelihood per sample (for exact EM on a mixture the
/// E-step makes the bound tight, so the two coincide).
public protocol ExpectationMaximizable: SendableMetatype {
    /// The data the model is fitted to (e.g. an N × D `Matrix`).
    associatedtype Data
    /// The model's parameters (e.g. weights, means, covariances).
    associatedtype Parameters
    /// What the E-step computes (e.g. an N × K matrix of responsibilities).
    associatedtype Expectations

    /// Starting parameters for one restart, drawn with `generator`.
    func initialParameters(for data: Data, generator: inout RandomGenerator) throws -> Parameters

    /// The E-step: expectations under `parameters`, and the lower bound at `parameters`.
    func expectation(_ data: Data, _ parameters: Parameters) throws -> (expectations: Expectations, lowerBound: Double)

    /// The M-step: parameters maximising the expected complete-data log-likelihood.
    /// Components that collapse are re-initialised with `generator` and listed in the result.
    func maximization(_ data: Data, _ expectations: Expectations, previous: Parameters,
                      generator: inout RandomGenerator) throws -> EMUpdate<Parameters>

    /// One whole iteration (E-step then M-step). The default calls `expectation` then
    /// `maximization`; a model may fuse the two into one pass over the data.
    func iterate(_ data: Data, _ parameters: Parameters, generator: inout RandomGenerator) throws -> EMUpdate<Parameters>

    /// The lower bound (mean log-likelihood per sample) at `parameters`. Defaults to the E-step's.
    func lowerBound(_ data: Data, _ parameters: Parameters) throws -> Double

    /// Whether `parameters` are a degenerate maximum that restarts must not pick (e.g. a
    /// Gaussian component whose covariance is held up by the ridge alone, see
    /// `CollapsePolicy.isUnsupported`). The driver asks only with
    /// `EMSettings.rejectsDegenerate`. Defaults to `false`.
    func isDegenerate(_ data: Data, _ parameters: Parameters) -> Bool
}

/// The outcome of an M-step or of a whole iteration.
public struct EMUpdate<Parameters> {
    /// The new parameters.
    public var parameters: Parameters
    /// The lower bound at the parameters the iteration started from (`nil` from a bare M-step).
    public var lowerBound: Double?
    /// Components re-initialised because they collapsed (no weight, or a singular covariance).
    public var reinitializedComponents: [Int]

    public init(parameters: Parameters, lowerBound: Double? = nil, reinitializedComponents: [Int] = []) {
        self.parameters = parameters
        self.lowerBound = lowerBound
        self.reinitializedComponents = reinitializedComponents
    }
}

extension ExpectationMaximizable {
    public func iterate(_ data: Data, _ parameters: Parameters, generator: inout RandomGenerator) throws -> EMUpdate<Parameters> {
        let (expectations, bound) = try expectation(data, parameters)
        var update = try maximization(data, expectations, previous: parameters, generator: &generator)
        update.lowerBound = bound
        return update
    }

    public func lowerBound(_ data: Data, _ parameters: Parameters) throws -> Double {
        try expectation(data, parameters).lowerBound
    }

    public func isDegenerate(_ data: Data, _ parameters: Parameters) -> Bool { false }
}
