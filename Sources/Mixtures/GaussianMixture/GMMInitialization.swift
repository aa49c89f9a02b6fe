import LinearAlgebra

/// How EM's starting parameters of a Gaussian mixture are chosen: one of the
/// model-agnostic starts (`EMInitialization`) followed by an M-step, or given parameters.
public enum GMMInitialization: Sendable {
    /// Run k-means (one k-means++ seeding) and start from an M-step on its hard labels
    /// (scikit-learn's `"kmeans"`, its default).
    case kmeans
    /// Pick K greedy k-means++ points as means, assign every row to the nearest one, and
    /// start from an M-step on those labels (scikit-learn's `"k-means++"`).
    case kmeansPlusPlus
    /// Uniform random responsibilities, normalised per row, then an M-step
    /// (scikit-learn's `"random"`).
    case randomResponsibilities
    /// K distinct random rows as means, every row assigned to the nearest one, then an
    /// M-step (scikit-learn's `"random_from_data"`).
    case randomFromData
    /// Each restart draws k-means++ or K random data points (`EMInitialization.mixed`,
    /// the default of `GaussianMixture.defaultSettings`).
    case mixed
    /// Start from these parameters (validated; restarts then all start here).
    case given(GaussianMixtureParameters)

    /// The model-agnostic start behind this one (nil for `.given`).
    public var start: EMInitialization? {
        switch self {
        case .kmeans: return .kmeans
        case .kmeansPlusPlus: return .kmeansPlusPlus
        case .randomResponsibilities: return .random
        case .randomFromData: return .randomFromData
        case .mixed: return .mixed
        case .given: return nil
        }
    }

    /// The Gaussian-mixture start of a model-agnostic one.
    public init(_ start: EMInitialization) {
        switch start {
        case .kmeans: self = .kmeans
        case .kmeansPlusPlus: self = .kmeansPlusPlus
        case .random: self = .randomResponsibilities
        case .randomFromData: self = .randomFromData
        case .mixed: self = .mixed
        }
    }

    /// The command-line spelling (`kmeans`, `kmeans++`, `random`, `random-from-data`, `mixed`, `given`).
    public var name: String { start?.rawValue ?? "given" }

    /// Parses a command-line spelling (`kmeans`, `kmeans++`/`k-means++`, `random`, `random-from-data`, `mixed`).
    public init?(name: String) {
        guard let start = EMInitialization(name: name) else { return nil }
        self.init(start)
    }
}
