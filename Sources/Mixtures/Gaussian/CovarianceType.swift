/// How the components' covariance matrices are constrained (scikit-learn's names; the
/// mclust model with the same constraint is given in brackets).
public enum CovarianceType: String, CaseIterable, Sendable {
    /// Each component has its own general covariance matrix (mclust `VVV`).
    case full
    /// Each component has its own diagonal covariance matrix (mclust `VVI`).
    case diagonal = "diag"
    /// Each component has its own single variance, `σ²ₖ·I` (mclust `VII`).
    case spherical
    /// All components share one general covariance matrix (mclust `EEE`).
    case tied

    /// Free covariance parameters for `components` components in `dimensions` dimensions.
    public func covarianceParameterCount(components k: Int, dimensions d: Int) -> Int {
        switch self {
        case .full: return k * d * (d + 1) / 2
        case .diagonal: return k * d
        case .spherical: return k
        case .tied: return d * (d + 1) / 2
        }
    }

    /// The mclust name of the same model.
    public var mclustName: String {
        switch self {
        case .full: return "VVV"
        case .diagonal: return "VVI"
        case .spherical: return "VII"
        case .tied: return "EEE"
        }
    }
}
