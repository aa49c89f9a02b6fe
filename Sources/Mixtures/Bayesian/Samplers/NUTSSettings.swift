/// The mass-matrix form NUTS adapts during warm-up.
public enum MetricKind: String, Sendable, CaseIterable {
    /// A diagonal inverse mass matrix (the posterior variances), Stan's default.
    case diagonal
    /// A dense inverse mass matrix (the posterior covariance), for strongly correlated posteriors.
    case dense
}

/// Settings of the No-U-Turn sampler, with Stan's defaults.
public struct NUTSSettings: Sendable, Equatable {
    /// Warm-up (adaptation) iterations, discarded.
    public var warmup: Int
    /// Kept draws per chain.
    public var draws: Int
    /// Maximum tree depth: at most 2^depth leapfrog steps per iteration.
    public var maxTreeDepth: Int
    /// Target mean acceptance statistic of the dual-averaging step-size adaptation.
    public var targetAcceptance: Double
    /// Diagonal or dense mass matrix.
    public var metric: MetricKind
    /// Energy error above which a trajectory counts as divergent (Stan: 1000).
    public var maxEnergyError: Double

    public init(warmup: Int = 1000, draws: Int = 1000, maxTreeDepth: Int = 10,
                targetAcceptance: Double = 0.8, metric: MetricKind = .diagonal, maxEnergyError: Double = 1000) {
        self.warmup = warmup
        self.draws = draws
        self.maxTreeDepth = maxTreeDepth
        self.targetAcceptance = targetAcceptance
        self.metric = metric
        self.maxEnergyError = maxEnergyError
    }

    /// Throws `SamplerError.invalidSetting` naming the field and its value.
    public func validate() throws {
        if warmup < 0 { throw SamplerError.invalidSetting("warmup must be ≥ 0, got \(warmup)") }
        if draws < 1 { throw SamplerError.invalidSetting("draws must be ≥ 1, got \(draws)") }
        if maxTreeDepth < 1 || maxTreeDepth > 30 { throw SamplerError.invalidSetting("maxTreeDepth must be in 1…30, got \(maxTreeDepth)") }
        if !(targetAcceptance > 0 && targetAcceptance < 1) {
            throw SamplerError.invalidSetting("targetAcceptance must be in (0, 1), got \(targetAcceptance)")
        }
        if !(maxEnergyError > 0) { throw SamplerError.invalidSetting("maxEnergyError must be > 0, got \(maxEnergyError)") }
    }
}

/// Why a sampler could not run.
public enum SamplerError: Error, Equatable, CustomStringConvertible {
    case invalidSetting(String)
    /// No finite log density near the starting point.
    case noFiniteStart(String)
    /// Step-size search ran away (the density is improper or its gradient is wrong).
    case stepSizeSearchFailed(String)
    /// The model's inputs are unusable (too few rows, a non-finite value …).
    case invalidModelInput(String)

    public var description: String {
        switch self {
        case .invalidSetting(let m): return "invalid sampler setting: \(m)"
        case .noFiniteStart(let m): return "no finite starting point: \(m)"
        case .stepSizeSearchFailed(let m): return "step-size search failed: \(m)"
        case .invalidModelInput(let m): return "invalid model input: \(m)"
        }
    }
}
