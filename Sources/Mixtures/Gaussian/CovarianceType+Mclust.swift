/// mclust's names for the four scikit-learn covariance types (`mclustName`, defined
/// with the type) and what they mean.
///
/// mclust names a Gaussian mixture by what its covariances Σ_k = λ_k D_k A_k D_kᵀ share
/// across components, three letters for volume λ, shape A and orientation D:
/// E = equal, V = varying, I = identity (spherical, axis-aligned).
///
/// | scikit-learn | mclust | covariances |
/// |---|---|---|
/// | spherical | VII | σ²_k I — spherical, varying volume |
/// | diag | VVI | diagonal, varying volume and shape, axis-aligned |
/// | tied | EEE | one shared full Σ — equal volume, shape and orientation |
/// | full | VVV | one full Σ_k each — everything varies |
extension CovarianceType {
    /// mclust's description of the model family, e.g. "ellipsoidal, varying volume, shape and orientation".
    public var mclustDescription: String {
        switch self {
        case .full: return "ellipsoidal, varying volume, shape and orientation"
        case .diagonal: return "diagonal, varying volume and shape"
        case .spherical: return "spherical, varying volume"
        case .tied: return "ellipsoidal, equal volume, shape and orientation"
        }
    }

    /// Both names, for tables and legends: "VVV (full)", "VVI (diag)", "VII (spherical)", "EEE (tied)".
    public var displayName: String { "\(mclustName) (\(rawValue))" }

    /// The covariance type for an mclust model name ("VVV", "VVI", "VII", "EEE"); nil for
    /// mclust models scikit-learn has no counterpart for (e.g. "EII", "VEV").
    public init?(mclustName: String) {
        guard let type = CovarianceType.allCases.first(where: { $0.mclustName == mclustName.uppercased() }) else { return nil }
        self = type
    }

    /// Free parameters of a K-component mixture of this type in D dimensions, as counted
    /// by scikit-learn's `_n_parameters` and mclust's `nMclustParams`:
    /// (K − 1) weights + K·D means + the covariance parameters —
    /// full K·D(D+1)/2, diagonal K·D, spherical K, tied D(D+1)/2.
    public func freeParameterCount(components k: Int, dimension d: Int) -> Int {
        (k - 1) + k * d + covarianceParameterCount(components: k, dimensions: d)
    }
}
