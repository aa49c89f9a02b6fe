/// The generic EM loop shared by every mixture model: restarts keeping the best run,
/// the convergence test on the change of the lower bound, the trace, and warnings.
public struct EMDriver: Sendable {
    /// The settings (restarts, iterations, tolerance; the model reads the rest).
    public var settings: EMSettings

    /// Number of independent starts (scikit-learn's `n_init`); the best final lower bound wins.
    public var restarts: Int {
        get { settings.restarts }
        set { settings.restarts = newValue }
    }
    /// Iterations per start (scikit-learn's `max_iter`).
    public var maxIterations: Int {
        get { settings.maxIterations }
        set { settings.maxIterations = newValue }
    }
    /// Stop when the lower bound (mean log-likelihood per sample) changes by less than this.
    public var tolerance: Double {
        get { settings.tolerance }
        set { settings.tolerance = newValue }
    }

    public init(settings: EMSettings) {
        self.settings = settings
    }

    public init(restarts: Int = 1, maxIterations: Int = 100, tolerance: Double = 1e-3) {
        settings = EMSettings(restarts: restarts, maxIterations: maxIterations, tolerance: tolerance)
    }

    /// Fits `model` to `data`. Restart `r` draws from its own generator, split in order from
    /// `RandomGenerator(seed:)`, so results depend only on the seed.
    ///
    /// Iteration `t` records in the trace the lower bound at the parameters it started from
    /// (as scikit-learn does), then updates them; the run stops when two consecutive bounds
    /// differ by less than `tolerance`. The run's final bound comes from one more E-step at
    /// its final parameters, whose expectations the result keeps; the restart with the
    /// highest final bound is returned.
    /// - Throws: `EMSettingsError` for invalid settings, and whatever the model throws.
    public func run<Model: ExpectationMaximizable>(_ model: Model, on data: Model.Data, seed: UInt64) throws
        -> EMResult<Model.Parameters, Model.Expectations> {
        try settings.validate()
        var master = RandomGenerator(seed: seed)
        var best: EMResult<Model.Parameters, Model.Expectations>?
        var allBounds: [Double] = []
        var warnings: [EMWarning] = []
        for restart in 0..<restarts {
            var generator = master.split()
            var parameters = try model.initialParameters(for: data, generator: &generator)
            var trace: [Double] = []
            var converged = false
            var previous = -Double.infinity
            var lastChange = Double.infinity
            var iteration = 0
            while iteration < maxIterations {
                iteration += 1
                let update = try model.iterate(data, parameters, generator: &generator)
                parameters = update.parameters
                for k in update.reinitializedComponents {
                    warnings.append(.componentReinitialized(restart: restart, iteration: iteration, component: k))
                }
                let bound = try update.lowerBound ?? model.lowerBound(data, parameters)
                trace.append(bound)
                lastChange = bound - previous
                if update.reinitializedComponents.isEmpty, previous.isFinite,
                   lastChange < -1e-9 * max(1, abs(previous)) {
                    warnings.append(.lowerBoundDecreased(restart: restart, iteration: iteration, by: -lastChange))
                }
                previous = bound
                if abs(lastChange) < tolerance && update.reinitializedComponents.isEmpty {
                    converged = true
                    break
                }
            }
            if !converged && maxIterations > 0 {
                warnings.append(.didNotConverge(restart: restart, iterations: iteration, lastChange: lastChange))
            }
            let (expectations, final) = try model.expectation(data, parameters)
            allBounds.append(final)
            if let current = best, !(final > current.lowerBound) { continue }
            best = EMResult(parameters: parameters, lowerBound: final, trace: trace, iterations: iteration,
                            converged: converged, bestRestart: restart, restartLowerBounds: [], warnings: [],
                            expectations: expectations)
        }
        var result = best!
        result.restartLowerBounds = allBounds
        result.warnings = warnings
        return result
    }
}

/// The outcome of `EMDriver.run`: the best restart's parameters and its history.
public struct EMResult<Parameters, Expectations> {
    /// Parameters of the best restart.
    public var parameters: Parameters
    /// Lower bound (mean log-likelihood per sample) at `parameters`.
    public var lowerBound: Double
    /// Lower bound at the start of every iteration of the best restart.
    public var trace: [Double]
    /// Iterations the best restart ran.
    public var iterations: Int
    /// Whether the best restart met the tolerance.
    public var converged: Bool
    /// Index (0-based) of the best restart.
    public var bestRestart: Int
    /// Final lower bound of every restart, in order.
    public var restartLowerBounds: [Double]
    /// Warnings from all restarts.
    public var warnings: [EMWarning]
    /// The final E-step's expectations at `parameters` (e.g. the N × K responsibilities),
    /// so a fitted model need not compute them again.
    public var expectations: Expectations
}

extension EMResult: Sendable where Parameters: Sendable, Expectations: Sendable {}
