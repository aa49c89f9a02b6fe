import LinearAlgebra

/// One component's regression y | x, z=k ~ N(x̃ᵀBₖ, diag σ²ₖ): its coefficients and noise
/// variances (one per target).
public struct RegressionComponent: Sendable, Equatable {
    /// Bₖ, P × T: one row per design column (covariates in order, then the intercept when
    /// there is one), one column per target.
    public var coefficients: Matrix
    /// σ²ₖₜ, one per target.
    public var noiseVariances: [Double]

    public init(coefficients: Matrix, noiseVariances: [Double]) {
        self.coefficients = coefficients
        self.noiseVariances = noiseVariances
    }

    /// σₖₜ, one per target.
    public var noiseStandardDeviations: [Double] { noiseVariances.map { $0.squareRoot() } }
}

/// The Gaussian over the covariates of each component of a cluster-weighted model.
public struct CovariateGaussians: Sendable, Equatable {
    /// μₖ, K × D.
    public var means: Matrix
    /// Σₖ, K matrices D × D (full form for every structure).
    public var covariances: [Matrix]

    public init(means: Matrix, covariances: [Matrix]) {
        self.means = means
        self.covariances = covariances
    }
}

/// Everything a regression mixture's EM updates: weights, regressions and (for the
/// cluster-weighted model) the covariate Gaussians.
public struct RegressionMixtureParameters: Sendable, Equatable {
    /// πₖ, summing to one.
    public var weights: [Double]
    /// The K regressions.
    public var regressions: [RegressionComponent]
    /// The covariate Gaussians (nil for a mixture of regressions, whose p(z|x) is π).
    public var covariates: CovariateGaussians?

    public init(weights: [Double], regressions: [RegressionComponent], covariates: CovariateGaussians? = nil) {
        self.weights = weights
        self.regressions = regressions
        self.covariates = covariates
    }

    /// Number of components K.
    public var components: Int { weights.count }
}

/// Whether each component has its own noise variance or all share one (per target).
public enum NoiseVariance: String, Sendable, CaseIterable {
    /// σ²ₖ per component (flexmix's and mixtools' default).
    case perComponent = "per-component"
    /// One σ² shared by every component (mixtools' `arbvar = FALSE`).
    case shared
}

/// How each restart's starting responsibilities are chosen. EM for mixtures of
/// regressions is very sensitive to its start, so fits default to many restarts from
/// mixed starts. Every start is computed on the standardised columns (x, y).
public enum RegressionMixtureInitialization: String, Sendable, CaseIterable {
    /// k-means (one k-means++ seeding per restart): hard labels (the shared `EMInitialization.kmeans`).
    case kmeans
    /// K greedy k-means++ points, every row to the nearest (`EMInitialization.kmeansPlusPlus`).
    case kmeansPlusPlus = "kmeans++"
    /// Uniform random soft responsibilities (`EMInitialization.random`).
    case random
    /// K random rows, every row to the nearest (`EMInitialization.randomFromData`).
    case randomFromData = "random-from-data"
    /// A full-covariance Gaussian mixture (started from k-means): its soft responsibilities.
    case gaussianMixture = "gmm"
    /// Each restart draws k-means, a Gaussian mixture or random soft responsibilities, with
    /// equal probability (the default).
    case mixed

    /// The same start as a shared EM initialisation.
    public init(_ shared: EMInitialization) {
        switch shared {
        case .kmeans: self = .kmeans
        case .kmeansPlusPlus: self = .kmeansPlusPlus
        case .random: self = .random
        case .randomFromData: self = .randomFromData
        case .mixed: self = .mixed   // this family's own mix of diverse starts
        }
    }

    /// The shared EM initialisation this start is, if it is one.
    var shared: EMInitialization? {
        switch self {
        case .kmeans: return .kmeans
        case .kmeansPlusPlus: return .kmeansPlusPlus
        case .random: return .random
        case .randomFromData: return .randomFromData
        case .gaussianMixture, .mixed: return nil
        }
    }
}

/// The EM settings regression mixtures start from.
public enum RegressionMixtureDefaults {
    /// 10 restarts, up to 1000 iterations, tolerance 1e-8 on the mean log-likelihood per
    /// row, covariance regularisation 1e-6 (cluster-weighted only).
    public static let settings = EMSettings(restarts: 10, maxIterations: 1000, tolerance: 1e-8, regularization: 1e-6)
}

extension NoiseVariance: ModelVariant {
    /// "per-component" or "shared".
    public var shortName: String { rawValue }
    /// "per-component" or "shared".
    public var name: String { rawValue }
}
