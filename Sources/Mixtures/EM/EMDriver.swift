import Dispatch
import LinearAlgebra

/// The generic EM loop shared by every mixture model: restarts keeping the best run,
/// the convergence test on the change of the lower bound, the trace, and warnings.
public struct EMDriver: Sendable, EMConfigurable {
    /// The settings (restarts, iterations, tolerance; the model reads the rest). The
    /// lower bound the tolerance is tested on is the model's, per row.
    public var settings: EMSettings


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
    /// (as scikit-learn does), then updates them; a run stops when two consecutive bounds
    /// differ by less than `tolerance`. With `settings.screening` and several restarts,
    /// every start first runs `screening.iterations` iterations, and only the
    /// `screening.survivors` with the highest bound continue (up to `maxIterations` in all).
    /// A continued run's final bound comes from one more E-step at its final parameters,
    /// whose expectations the result keeps; the highest final bound wins.
    ///
    /// With `settings.rejectsDegenerate`, a run the model calls degenerate
    /// (`ExpectationMaximizable.isDegenerate`) is a failed start: it ranks below every
    /// other run in the screening and in the final choice, and a screened-in survivor that
    /// ends degenerate is replaced by the next-best start. Only when every run ends
    /// degenerate does one win, with `EMWarning.degenerateMaximum`.
    ///
    /// The bound is compared between iterations (for the convergence test and the
    /// "lower bound decreased" warning) except across a re-initialisation: the bound of
    /// the iteration after one is taken at re-initialised parameters, which EM's
    /// monotonicity says nothing about.
    /// - Throws: `EMSettingsError` for invalid settings, and whatever the model throws.
    public func run<Model: ExpectationMaximizable>(_ model: Model, on data: Model.Data, seed: UInt64) throws
        -> EMResult<Model.Parameters, Model.Expectations> {
        try settings.validate()
        var master = RandomGenerator(seed: seed)
        let generators = (0..<restarts).map { _ in master.split() }
        var warnings: [EMWarning] = []
        var runs = try eachRestart(restarts) { restart in
            var generator = generators[restart]
            let parameters = try model.initialParameters(for: data, generator: &generator)
            return EMRun(restart: restart, parameters: parameters, generator: generator)
        }
        // The order in which starts are continued, and how many acceptable ones are wanted.
        var order = Array(runs.indices)
        var wanted = restarts
        if let screening = settings.screening, restarts > 1 {
            let limit = min(screening.iterations, maxIterations)
            try advanceAll(&runs, model, data, upTo: limit, tolerance: screening.tolerance, warnings: &warnings)
            for i in runs.indices { runs[i].converged = false }   // survivors continue to the tolerance proper
            let rejected = runs.map { settings.rejectsDegenerate && model.isDegenerate(data, $0.parameters) }
            order = runs.indices.sorted {   // acceptable first, then highest bound, then restart order
                (rejected[$0] ? 0 : 1, runs[$0].previous, -$0) > (rejected[$1] ? 0 : 1, runs[$1].previous, -$1)
            }
            wanted = screening.survivors
        } else {
            // Every start is continued: run them all to the tolerance side by side first.
            try advanceAll(&runs, model, data, upTo: maxIterations, tolerance: tolerance, warnings: &warnings)
        }
        var finals = [Double](repeating: -.infinity, count: restarts)
        var continued: [Int] = []
        var best: EMResult<Model.Parameters, Model.Expectations>?
        var bestIsDegenerate = true
        var accepted = 0
        for i in order where accepted < wanted {
            try advance(&runs[i], model, data, upTo: maxIterations, tolerance: tolerance, warnings: &warnings)
            continued.append(i)
            let run = runs[i]
            if !run.converged && maxIterations > 0 {
                warnings.append(.didNotConverge(restart: run.restart, iterations: run.iteration, lastChange: run.lastChange))
            }
            let (expectations, final) = try model.expectation(data, run.parameters)
            finals[i] = final
            let degenerate = settings.rejectsDegenerate && model.isDegenerate(data, run.parameters)
            if !degenerate { accepted += 1 }
            // An acceptable run beats a degenerate one; then the higher bound, then the earlier restart.
            if let current = best {
                let better = (degenerate ? 0 : 1, final, -run.restart)
                    > (bestIsDegenerate ? 0 : 1, current.lowerBound, -current.bestRestart)
                if !better { continue }
            }
            bestIsDegenerate = degenerate
            best = EMResult(parameters: run.parameters, lowerBound: final, trace: run.trace, iterations: run.iteration,
                            converged: run.converged, bestRestart: run.restart, restartLowerBounds: [], warnings: [],
                            expectations: expectations)
        }
        var result = best!
        // A start dropped by the screening reports the last bound it reached.
        result.restartLowerBounds = runs.indices.map { continued.contains($0) ? finals[$0] : runs[$0].previous }
        if bestIsDegenerate && settings.rejectsDegenerate { warnings.append(.degenerateMaximum(restart: result.bestRestart)) }
        result.warnings = (0..<restarts).flatMap { r in warnings.filter { $0.restart == r } }   // by restart, in order
        return result
    }

    /// Advances every run to `limit` iterations (or `tolerance`), side by side (`eachRestart`).
    /// A run depends only on its own parameters and generator, so the result is that of
    /// advancing them one after the other; the warnings come back in restart order.
    private func advanceAll<Model: ExpectationMaximizable>(_ runs: inout [EMRun<Model.Parameters>], _ model: Model,
                                                          _ data: Model.Data, upTo limit: Int, tolerance: Double,
                                                          warnings: inout [EMWarning]) throws {
        let started = runs
        let advanced = try eachRestart(started.count) { i in
            var run = started[i], found: [EMWarning] = []
            try advance(&run, model, data, upTo: limit, tolerance: tolerance, warnings: &found)
            return (run, found)
        }
        runs = advanced.map(\.0)
        warnings += advanced.flatMap(\.1)
    }

    /// `body(r)` for every restart r: in order when there is one (with OpenBLAS's own
    /// threads), else side by side on the cores with one OpenBLAS thread each.
    private func eachRestart<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
        if count == 1 { return [try body(0)] }
        return try BLASThreads.withThreads(1) { try IndependentTasks.map(count: count, body) }
    }

    /// Runs iterations of `run` until it converges or has run `limit` in all.
    private func advance<Model: ExpectationMaximizable>(_ run: inout EMRun<Model.Parameters>, _ model: Model,
                                                       _ data: Model.Data, upTo limit: Int, tolerance: Double,
                                                       warnings: inout [EMWarning]) throws {
        while run.iteration < limit && !run.converged {
            run.iteration += 1
            let update = try model.iterate(data, run.parameters, generator: &run.generator)
            run.parameters = update.parameters
            for k in update.reinitializedComponents {
                warnings.append(.componentReinitialized(restart: run.restart, iteration: run.iteration, component: k))
            }
            let bound = try update.lowerBound ?? model.lowerBound(data, run.parameters)
            run.trace.append(bound)
            run.lastChange = bound - run.previous
            // This bound is at the parameters the previous iteration produced: not comparable
            // with the one before when that iteration re-initialised a component.
            let comparable = !run.reinitializedLast && run.previous.isFinite
            if comparable, run.lastChange < -1e-9 * max(1, abs(run.previous)) {
                warnings.append(.lowerBoundDecreased(restart: run.restart, iteration: run.iteration, by: -run.lastChange))
            }
            run.previous = bound
            run.reinitializedLast = !update.reinitializedComponents.isEmpty
            if abs(run.lastChange) < tolerance && update.reinitializedComponents.isEmpty && comparable {
                run.converged = true
            }
        }
    }
}

/// One restart's state between the screening and the continuation.
struct EMRun<Parameters> {
    let restart: Int
    var parameters: Parameters
    var generator: RandomGenerator
    var trace: [Double] = []
    var iteration = 0
    var converged = false
    var previous = -Double.infinity
    var lastChange = Double.infinity
    var reinitializedLast = false

    init(restart: Int, parameters: Parameters, generator: RandomGenerator) {
        self.restart = restart
        self.parameters = parameters
        self.generator = generator
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
