/// The settings of an EM fit, one validated value shared by every model, `ModelSelection`,
/// `KMeans` and the command line (scikit-learn's `n_init`, `max_iter`, `tol`,
/// `reg_covar`, `init_params`).
public struct EMSettings: Sendable, Equatable {
    /// Independent starts (scikit-learn's `n_init`), ≥ 1; the best final lower bound wins.
    public var restarts: Int
    /// Iterations per start (scikit-learn's `max_iter`), ≥ 0.
    public var maxIterations: Int
    /// Stop when the lower bound (mean log-likelihood per row) changes by less than this
    /// between iterations (scikit-learn's `tol`); ≥ 0 and finite, 0 runs every iteration.
    public var tolerance: Double
    /// Added to every covariance diagonal (scikit-learn's `reg_covar`); ≥ 0 and finite.
    public var regularization: Double
    /// How each start's responsibilities are drawn.
    public var initialization: EMInitialization
    /// With several restarts: run every start briefly, then continue only the best
    /// (nil: every start runs to convergence, as scikit-learn's `n_init`).
    public var screening: EMScreening?
    /// Treat a run that ends at a degenerate maximum (the model's `isDegenerate`, e.g. a
    /// Gaussian component whose covariance is held up by the ridge alone) as a failed start:
    /// it wins only when every run does so (scikit-learn keeps it: `false`).
    public var rejectsDegenerate: Bool

    /// Every field given, each defaulting to scikit-learn's `GaussianMixture` (one k-means
    /// start, 100 iterations, tolerance 1e-3 on the mean log-likelihood, `reg_covar` 1e-6,
    /// no screening, degenerate maxima kept). Each model has its own defaults on top
    /// (e.g. `GaussianMixture.defaultSettings`).
    public init(restarts: Int = 1, maxIterations: Int = 100, tolerance: Double = 1e-3,
                regularization: Double = 1e-6, initialization: EMInitialization = .kmeans,
                screening: EMScreening? = nil, rejectsDegenerate: Bool = false) {
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.regularization = regularization
        self.initialization = initialization
        self.screening = screening
        self.rejectsDegenerate = rejectsDegenerate
    }

    /// scikit-learn's defaults, exactly: `EMSettings()`. `GaussianMixture(components: k,
    /// settings: .scikitLearn)` and `mixbook fit gmm --sklearn-defaults` fit as
    /// scikit-learn's `GaussianMixture(n_components=k)` does, local optima included.
    public static let scikitLearn = EMSettings()

    /// These settings with the four counts and tolerances replaced (screening, start and
    /// the degeneracy rule kept).
    public func replacing(restarts: Int, maxIterations: Int, tolerance: Double, regularization: Double) -> EMSettings {
        var copy = self
        copy.restarts = restarts
        copy.maxIterations = maxIterations
        copy.tolerance = tolerance
        copy.regularization = regularization
        return copy
    }

    /// Checks every field.
    /// - Throws: `EMSettingsError` naming the field and its value.
    public func validate() throws {
        guard restarts >= 1 else { throw EMSettingsError(field: "restarts", value: "\(restarts)", requirement: "at least 1") }
        guard maxIterations >= 0 else {
            throw EMSettingsError(field: "maxIterations", value: "\(maxIterations)", requirement: "non-negative")
        }
        guard tolerance >= 0 && tolerance.isFinite else {
            throw EMSettingsError(field: "tolerance", value: "\(tolerance)", requirement: "a non-negative number")
        }
        guard regularization >= 0 && regularization.isFinite else {
            throw EMSettingsError(field: "regularization", value: "\(regularization)", requirement: "a non-negative number")
        }
        if let screening {
            guard screening.iterations >= 1 else {
                throw EMSettingsError(field: "screening.iterations", value: "\(screening.iterations)", requirement: "at least 1")
            }
            guard screening.tolerance >= 0 && screening.tolerance.isFinite else {
                throw EMSettingsError(field: "screening.tolerance", value: "\(screening.tolerance)", requirement: "a non-negative number")
            }
            guard screening.survivors >= 1 else {
                throw EMSettingsError(field: "screening.survivors", value: "\(screening.survivors)", requirement: "at least 1")
            }
        }
    }
}

/// Short runs of every start, compared by their lower bound; only the best `survivors`
/// are continued to the tolerance. Many diverse starts then cost little more than one
/// converged run, and the kept run is still converged tightly.
public struct EMScreening: Sendable, Equatable {
    /// Iterations every start runs at most before the comparison.
    public var iterations: Int
    /// A start stops earlier when its bound changes by less than this (a loose tolerance,
    /// scikit-learn's 1e-3 by default); the survivors then continue to `EMSettings.tolerance`.
    public var tolerance: Double
    /// How many of the best starts are continued.
    public var survivors: Int

    public init(iterations: Int = 100, tolerance: Double = 1e-3, survivors: Int = 1) {
        self.iterations = iterations
        self.tolerance = tolerance
        self.survivors = survivors
    }
}

/// An EM setting out of range: which one, its value and what it must be.
public struct EMSettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field's name, e.g. "restarts".
    public let field: String
    /// The value given, as text.
    public let value: String
    /// What the value must be, e.g. "at least 1".
    public let requirement: String

    public init(field: String, value: String, requirement: String) {
        self.field = field
        self.value = value
        self.requirement = requirement
    }

    public var description: String { "\(field) must be \(requirement), got \(value)" }
}
