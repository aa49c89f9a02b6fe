/// A column of a model-selection table: one variant of a model family (for Gaussian
/// mixtures, a covariance structure), named the way the field names it.
public protocol ModelVariant: Hashable, Sendable {
    /// The short name, e.g. mclust's "VVV".
    var shortName: String { get }
    /// The long name, e.g. scikit-learn's "full".
    var name: String { get }
    /// Both, for legends and table headers, e.g. "VVV (full)".
    var displayName: String { get }
}

extension ModelVariant {
    public var displayName: String { shortName == name ? name : "\(shortName) (\(name))" }
}

/// A family with a single variant names its one column by a string.
extension String: ModelVariant {
    public var shortName: String { self }
    public var name: String { self }
}

extension CovarianceType: ModelVariant {
    /// mclust's name ("VVV", "VVI", "VII", "EEE").
    public var shortName: String { mclustName }
    /// scikit-learn's name ("full", "diag", "spherical", "tied").
    public var name: String { rawValue }
}
