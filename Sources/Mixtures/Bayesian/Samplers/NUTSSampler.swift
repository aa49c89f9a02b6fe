import Foundation

/// The No-U-Turn sampler with Stan's warm-up: dual-averaging step size, a diagonal or
/// dense mass matrix estimated in doubling windows, several chains in parallel.
///
/// ```swift
/// let draws = try NUTSSampler(settings: NUTSSettings(warmup: 1000, draws: 1000))
///     .sample(model, chains: 4, seed: 1)
/// print(PosteriorSummary(draws).table)
/// ```
public struct NUTSSampler: Sendable {
    public var settings: NUTSSettings

    public init(settings: NUTSSettings = NUTSSettings()) { self.settings = settings }

    /// Samples `chains` chains of `model` (draws reported as its constrained parameters).
    /// - Parameters:
    ///   - threads: cores to use (default: all); the draws do not depend on it.
    ///   - progress: called from the chains' threads about every 10 % of iterations.
    /// - Throws: `SamplerError` for invalid settings, a model with no finite start or a
    ///   runaway step-size search.
    public func sample<Model: ParameterizedLogDensity>(
        _ model: Model, chains: Int = 4, seed: UInt64, threads: Int? = nil,
        progress: (@Sendable (ChainProgress) -> Void)? = nil
    ) throws -> MCMCDraws {
        try settings.validate()
        guard chains >= 1 else { throw SamplerError.invalidSetting("chains must be ≥ 1, got \(chains)") }
        let start = DispatchTime.now().uptimeNanoseconds
        let settings = self.settings
        let results = try ParallelChains.run(chains: chains, seed: seed, threads: threads ?? ParallelChains.defaultThreads) {
            chain, generator in
            try NUTSChainRunner(model: model, settings: settings, chain: chain, progress: progress).run(&generator)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return MCMCDraws(parameterNames: model.parameterNames, values: results.map(\.values),
                         chainStatistics: results.map(\.statistics), seconds: seconds)
    }
}

/// One chain: start, warm-up with adaptation, then the kept draws.
struct NUTSChainRunner<Model: ParameterizedLogDensity> {
    let model: Model
    let settings: NUTSSettings
    let chain: Int
    let progress: (@Sendable (ChainProgress) -> Void)?

    struct Output: Sendable {
        var values: [[Double]]
        var statistics: ChainStatistics
    }

    func run(_ generator: inout RandomGenerator) throws -> Output {
        let n = model.dimension
        var z = try startingPoint(&generator)
        var metric = EuclideanMetric(dimension: n, kind: settings.metric)
        var stepSize = try findReasonableStepSize(z, metric: metric, initial: 1, generator: &generator)
        var averaging = DualAveraging(target: settings.targetAcceptance, initialStepSize: stepSize)
        var windows = AdaptationWindows(warmup: settings.warmup)
        var estimator = MetricEstimator(dimension: n, kind: settings.metric)

        let names = model.parameterNames.count
        var values = [[Double]](repeating: [Double](repeating: 0, count: settings.draws), count: names)
        var divergences = 0, depthHits = 0, leapfrogs = 0
        var acceptanceSum = 0.0
        let total = settings.warmup + settings.draws
        let reportEvery = max(1, total / 10)

        for iteration in 0..<total {
            let warming = iteration < settings.warmup
            let step = NUTSTransition(density: model, metric: metric, stepSize: stepSize,
                                      maxDepth: settings.maxTreeDepth, maxEnergyError: settings.maxEnergyError)
            let (next, stats) = step.transition(from: z, generator: &generator)
            z = next
            leapfrogs += stats.leapfrogSteps
            if warming {
                stepSize = averaging.learn(acceptance: stats.acceptance)
                if windows.inSlowWindow { estimator.add(z.q) }
                if windows.endsSlowWindow {
                    metric.update(estimator.regularisedEstimate())
                    stepSize = try findReasonableStepSize(z, metric: metric, initial: stepSize, generator: &generator)
                    averaging.restart(stepSize: stepSize)
                }
                windows.advance()
                if iteration == settings.warmup - 1 { stepSize = averaging.finalStepSize }
            } else {
                let d = iteration - settings.warmup
                let x = model.constrain(z.q)
                for j in 0..<names { values[j][d] = x[j] }
                if stats.divergent { divergences += 1 }
                if stats.treeDepth >= settings.maxTreeDepth { depthHits += 1 }
                acceptanceSum += stats.acceptance
            }
            if let progress, (iteration + 1) % reportEvery == 0 || iteration + 1 == total {
                progress(ChainProgress(chain: chain, iteration: iteration + 1, totalIterations: total,
                                       warmingUp: iteration + 1 < settings.warmup, stepSize: stepSize,
                                       divergences: divergences))
            }
        }
        let statistics = ChainStatistics(stepSize: stepSize, divergences: divergences,
                                         meanAcceptance: acceptanceSum / Double(settings.draws),
                                         maxDepthHits: depthHits, leapfrogSteps: leapfrogs,
                                         inverseMetricDiagonal: metric.inverseDiagonal)
        return Output(values: values, statistics: statistics)
    }

    /// The model's initial point, retried (up to 100 draws) until the log density and its
    /// gradient are finite.
    func startingPoint(_ generator: inout RandomGenerator) throws -> PhasePoint {
        let n = model.dimension
        for _ in 0..<100 {
            let q = model.initialPoint(generator: &generator)
            let (lp, g) = model.valueAndGradient(q)
            if lp.isFinite && g.allSatisfy({ $0.isFinite }) {
                return PhasePoint(q: q, p: [Double](repeating: 0, count: n), logDensity: lp, gradient: g)
            }
        }
        throw SamplerError.noFiniteStart("chain \(chain + 1): 100 initial points all gave a non-finite log density or gradient")
    }

    /// Stan's heuristic: double or halve the step size until one leapfrog step's
    /// acceptance probability crosses 0.8.
    func findReasonableStepSize(_ z0: PhasePoint, metric: EuclideanMetric, initial: Double,
                                generator: inout RandomGenerator) throws -> Double {
        var epsilon = initial
        let step = NUTSTransition(density: model, metric: metric, stepSize: epsilon, maxDepth: 1,
                                  maxEnergyError: settings.maxEnergyError)
        var velocity = [Double](repeating: 0, count: model.dimension)
        func energyChange(_ eps: Double) -> Double {
            var z = z0
            metric.sampleMomentum(&generator, into: &z.p)
            let h0 = step.hamiltonian(z)
            step.leapfrog(&z, epsilon: eps, velocity: &velocity)
            let h = step.hamiltonian(z)
            return h.isNaN ? -.infinity : h0 - h
        }
        let threshold = log(0.8)
        let direction = energyChange(epsilon) > threshold ? 1 : -1
        for _ in 0..<200 {
            let delta = energyChange(epsilon)
            if direction == 1 && !(delta > threshold) { break }
            if direction == -1 && !(delta < threshold) { break }
            epsilon = direction == 1 ? 2 * epsilon : 0.5 * epsilon
            if epsilon > 1e7 {
                throw SamplerError.stepSizeSearchFailed("chain \(chain + 1): step size above 1e7; the posterior may be improper")
            }
            if epsilon < 1e-12 {
                throw SamplerError.stepSizeSearchFailed("chain \(chain + 1): step size below 1e-12; the gradient may be wrong or the density not smooth")
            }
        }
        return epsilon
    }
}
