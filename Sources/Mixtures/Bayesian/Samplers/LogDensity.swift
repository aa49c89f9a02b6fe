/// An unnormalised log density over ℝⁿ with its gradient, the one thing a gradient-based
/// sampler needs from a model.
///
/// Implementations compute the value and the analytic gradient in one pass (most of the
/// work, such as the per-point log-sum-exp of a mixture, is shared between them). The
/// coordinates are unconstrained: models with constrained parameters map them through
/// `ConstrainingTransform`s and add the log-Jacobians.
public protocol LogDensity: Sendable {
    /// n, the number of unconstrained coordinates.
    var dimension: Int { get }
    /// log p(q) (up to a constant) at `q` (n values); writes ∂ log p / ∂q into `gradient`
    /// (n values). Returns −∞ (gradient left unspecified) where the density is zero or the
    /// computation overflows.
    func logDensity(at q: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double
}

extension LogDensity {
    /// Array convenience for `logDensity(at:gradient:)`: the value and the gradient.
    public func valueAndGradient(_ q: [Double]) -> (value: Double, gradient: [Double]) {
        precondition(q.count == dimension, "valueAndGradient: expected \(dimension) coordinates, got \(q.count)")
        var g = [Double](repeating: 0, count: dimension)
        let v = q.withUnsafeBufferPointer { qp in
            g.withUnsafeMutableBufferPointer { gp in logDensity(at: qp.baseAddress!, gradient: gp.baseAddress!) }
        }
        return (v, g)
    }
}

/// A log density whose unconstrained coordinates map to named model parameters (weights,
/// means, scales …): what a sampler's draws are reported in.
public protocol ParameterizedLogDensity: LogDensity {
    /// Names of the constrained parameters, in the order `constrain` writes them.
    var parameterNames: [String] { get }
    /// The constrained parameters (`parameterNames.count` values) at unconstrained `q`.
    func constrain(_ q: [Double]) -> [Double]
    /// A starting point in unconstrained space (a draw near a sensible guess).
    func initialPoint(generator: inout RandomGenerator) -> [Double]
}
