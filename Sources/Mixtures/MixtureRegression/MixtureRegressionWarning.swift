/// Something a regression-mixture fit wants the user to know about a fit that still succeeded.
public enum MixtureRegressionWarning: Equatable, Sendable, CustomStringConvertible {
    /// From the EM driver (non-convergence, re-initialised components).
    case em(EMWarning)
    /// Component `component`'s noise standard deviation for `target` stopped at the floor:
    /// it fits its rows (almost) exactly, a degenerate optimum.
    case noiseAtFloor(component: Int, target: String)
    /// Component `component` holds fewer effective rows than it has coefficients + 1.
    case smallComponent(component: Int, effectiveRows: Double)
    /// The observed information was not positive definite: no standard errors.
    case noStandardErrors

    public var description: String {
        switch self {
        case .em(let w): return "\(w)"
        case .noiseAtFloor(let c, let target):
            return "component \(c + 1): the noise standard deviation of \"\(target)\" reached its floor (the component "
                + "fits its rows almost exactly, a degenerate optimum); try fewer components or more restarts"
        case .smallComponent(let c, let rows):
            return "component \(c + 1) holds only \(rows) effective rows, too few for its coefficients; "
                + "consider fewer components"
        case .noStandardErrors:
            return "the observed information is not positive definite (a flat direction of the likelihood), "
                + "so there are no standard errors"
        }
    }
}
