/// Something the EM driver wants the user to know about a fit that still succeeded.
public enum EMWarning: Equatable, Sendable, CustomStringConvertible {
    /// A restart stopped at `maxIterations` with the lower bound still changing by `lastChange`.
    case didNotConverge(restart: Int, iterations: Int, lastChange: Double)
    /// A component collapsed (no weight or a singular covariance) and was re-initialised.
    case componentReinitialized(restart: Int, iteration: Int, component: Int)
    /// The lower bound fell between two iterations by more than rounding explains (should not happen).
    case lowerBoundDecreased(restart: Int, iteration: Int, by: Double)
    /// Every restart ended at a degenerate maximum (e.g. a component whose covariance is held up
    /// by the regularisation alone) and this one, the best of them, was kept
    /// (`EMSettings.rejectsDegenerate`).
    case degenerateMaximum(restart: Int)

    /// The restart (0-based) the warning is about.
    public var restart: Int {
        switch self {
        case .didNotConverge(let r, _, _), .componentReinitialized(let r, _, _), .lowerBoundDecreased(let r, _, _),
             .degenerateMaximum(let r): return r
        }
    }

    public var description: String {
        switch self {
        case .didNotConverge(let r, let n, let change):
            return "restart \(r + 1) did not converge in \(n) iterations (last change of the mean log-likelihood "
                + "\(change)); raise maxIterations or the tolerance"
        case .componentReinitialized(let r, let it, let k):
            return "restart \(r + 1), iteration \(it): component \(k + 1) collapsed and was re-initialised "
                + "(too few points or a singular covariance; consider fewer components or more regularization)"
        case .lowerBoundDecreased(let r, let it, let by):
            return "restart \(r + 1), iteration \(it): the lower bound decreased by \(by)"
        case .degenerateMaximum(let r):
            return "every restart ended degenerate (a component spreads less than the regularization in some "
                + "direction, so its likelihood is the ridge's); restart \(r + 1) was kept (consider fewer components, "
                + "more restarts, or a regularization at the resolution of the data)"
        }
    }
}
