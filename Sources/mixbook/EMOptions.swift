import ArgumentParser
import Mixtures

/// The EM defaults of one fit subcommand: shown in its --help and used for every option not given.
protocol EMCommandDefaults {
    /// The settings the command fits with when no EM option is given.
    static var settings: EMSettings { get }
    /// How the default start reads in --help.
    static var initializationName: String { get }
}

extension EMCommandDefaults {
    static var initializationName: String { settings.initialization.rawValue }
}

/// `fit gmm`: `GaussianMixture.defaultSettings` (50 mixed starts screened, the best continued
/// to tolerance 1e-8, degenerate maxima rejected); `--sklearn-defaults` gives `ScikitLearnCommandDefaults`'.
enum GaussianMixtureCommandDefaults: EMCommandDefaults {
    static var settings: EMSettings { GaussianMixture.defaultSettings }
    static var initializationName: String { "mixed: k-means++ or random-from-data, drawn per restart" }
}

/// `fit hmog`, and `fit gmm --sklearn-defaults`: scikit-learn's defaults (`EMSettings.scikitLearn`).
enum ScikitLearnCommandDefaults: EMCommandDefaults {
    static var settings: EMSettings { EMSettings.scikitLearn }
}

/// `fit vbgmm`: `VariationalGaussianMixture.defaultSettings` (500 iterations, tolerance 1e-6).
enum VariationalCommandDefaults: EMCommandDefaults {
    static var settings: EMSettings { VariationalGaussianMixture.defaultSettings }
}

/// `fit mixreg`: `RegressionMixtureDefaults.settings` (10 restarts, 1000 iterations, tolerance 1e-8),
/// mixed starts unless --init is given.
enum RegressionMixtureCommandDefaults: EMCommandDefaults {
    static var settings: EMSettings { RegressionMixtureDefaults.settings }
    static var initializationName: String { "mixed: k-means, a Gaussian mixture on (x, y) or random, per restart" }
}

/// `fit fa`: `FactorAnalysis`'s own defaults (1000 iterations, tolerance 1e-8).
enum FactorAnalysisCommandDefaults: EMCommandDefaults {
    static var settings: EMSettings {
        let model = FactorAnalysis(latent: 1)
        return EMSettings(maxIterations: model.maxIterations, tolerance: model.tolerance)
    }
}

/// The EM options every `mixbook fit MODEL` subcommand shares (`@OptionGroup var em: EMOptions<Defaults>`),
/// parsed once into one validated `EMSettings` over the command's own `Defaults`, and the output flags of a fit.
/// The help text of every option shows the command's default, generated from `Defaults.settings`.
struct EMOptions<Defaults: EMCommandDefaults>: ParsableArguments {
    @Option(parsing: .unconditional,
            help: "EM runs from different starts; the best log-likelihood is kept (scikit-learn n_init; default \(Defaults.settings.restarts)).")
    var restarts: Int?

    @Option(parsing: .unconditional, help: "Seed of the random generator (initialisation of every restart).")
    var seed: UInt64 = 0

    @Option(name: .customLong("max-iter"), parsing: .unconditional,
            help: "Maximum EM iterations per restart (default \(Defaults.settings.maxIterations)).")
    var maxIterations: Int?

    @Option(name: .customLong("tol"), parsing: .unconditional,
            help: "Stop when the mean log-likelihood per sample changes by less than this; 0 runs all --max-iter iterations (default \(Defaults.settings.tolerance)).")
    var tolerance: Double?

    @Option(name: .customLong("reg-covar"), parsing: .unconditional,
            help: "Added to the diagonal of every covariance (scikit-learn reg_covar; default \(Defaults.settings.regularization)).")
    var regularization: Double?

    @Option(name: .customLong("init"),
            help: "Initialisation: kmeans, kmeans++, random (random responsibilities), random-from-data or mixed (kmeans++ or random-from-data, drawn per restart) (default \(Defaults.initializationName)).")
    var initialization: EMInitialization?

    @Option(name: .customLong("screen-iter"), parsing: .unconditional,
            help: "With several restarts, run each start this many iterations and continue only the best (--screen-survivors); 0 runs every start to convergence (default \(Defaults.settings.screening?.iterations ?? 0)).")
    var screeningIterations: Int?

    @Option(name: .customLong("screen-tol"), parsing: .unconditional,
            help: "A screened start stops earlier when its mean log-likelihood changes by less than this (default \(Defaults.settings.screening?.tolerance ?? 1e-3)).")
    var screeningTolerance: Double?

    @Option(name: .customLong("screen-survivors"), parsing: .unconditional,
            help: "With screening, how many of the best starts are continued (default \(Defaults.settings.screening?.survivors ?? 1)).")
    var screeningSurvivors: Int?

    @Flag(help: "Print JSON instead of a readable report.")
    var json = false

    @Flag(help: "Also print each row's most probable component (0-based).")
    var labels = false

    func validate() throws {
        if let restarts, restarts < 1 {
            throw ValidationError("--restarts must be positive (a whole number ≥ 1); got \(restarts).")
        }
        if let maxIterations, maxIterations < 1 {
            throw ValidationError("--max-iter must be positive (a whole number ≥ 1); got \(maxIterations).")
        }
        if let tolerance, !(tolerance >= 0 && tolerance.isFinite) {
            throw ValidationError("--tol must be positive or 0 (a finite number); got \(tolerance).")
        }
        if let screeningIterations, screeningIterations < 0 {
            throw ValidationError("--screen-iter must be positive or 0 (0 turns screening off); got \(screeningIterations).")
        }
        if let screeningTolerance, !(screeningTolerance >= 0 && screeningTolerance.isFinite) {
            throw ValidationError("--screen-tol must be positive or 0 (a finite number); got \(screeningTolerance).")
        }
        if let screeningSurvivors, screeningSurvivors < 1 {
            throw ValidationError("--screen-survivors must be positive (a whole number ≥ 1); got \(screeningSurvivors).")
        }
        if let regularization, !(regularization >= 0 && regularization.isFinite) {
            throw ValidationError("--reg-covar must be positive or 0 (a finite number); got \(regularization).")
        }
    }

    /// The EM settings these options give: what was set on the command line, and
    /// the command's `Defaults.settings` for the rest.
    var settings: EMSettings { settings(over: Defaults.settings) }

    /// What was set on the command line, and `base` for the rest.
    func settings(over base: EMSettings) -> EMSettings {
        var s = base
        if let screeningIterations {
            s.screening = screeningIterations == 0 ? nil
                : EMScreening(iterations: screeningIterations, tolerance: s.screening?.tolerance ?? 1e-3,
                              survivors: s.screening?.survivors ?? 1)
        }
        if let screeningTolerance, s.screening != nil { s.screening?.tolerance = screeningTolerance }
        if let screeningSurvivors, s.screening != nil { s.screening?.survivors = screeningSurvivors }
        if let restarts { s.restarts = restarts }
        if let maxIterations { s.maxIterations = maxIterations }
        if let tolerance { s.tolerance = tolerance }
        if let regularization { s.regularization = regularization }
        if let initialization { s.initialization = initialization }
        return s
    }
}

extension EMInitialization: ExpressibleByArgument {
    /// Accepts the raw values and the spellings `EMInitialization(name:)` knows.
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension CovarianceType: ExpressibleByArgument {
    /// Accepts scikit-learn's names (full, diag, spherical, tied), "diagonal", and mclust's
    /// (VVV, VVI, VII, EEE), any case.
    public init?(argument: String) {
        let value = argument.lowercased()
        if let type = CovarianceType(rawValue: value) ?? CovarianceType(mclustName: value) {
            self = type
        } else if value == "diagonal" {
            self = .diagonal
        } else {
            return nil
        }
    }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
