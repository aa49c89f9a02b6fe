/// Draws of several chains: `values[chain][parameter][draw]`, with per-chain sampler
/// statistics. What every sampler returns and every diagnostic reads.
public struct MCMCDraws: Sendable {
    /// Parameter names, in the order of `values[c]`.
    public var parameterNames: [String]
    /// values[chain][parameter][draw].
    public var values: [[[Double]]]
    /// Per-chain statistics (NUTS: step size, divergences, tree depths).
    public var chainStatistics: [ChainStatistics]
    /// Wall-clock seconds spent sampling (all chains).
    public var seconds: Double

    public init(parameterNames: [String], values: [[[Double]]], chainStatistics: [ChainStatistics], seconds: Double) {
        self.parameterNames = parameterNames
        self.values = values
        self.chainStatistics = chainStatistics
        self.seconds = seconds
    }

    public var chainCount: Int { values.count }
    public var drawCount: Int { values.first?.first?.count ?? 0 }

    /// The draws of parameter `name` as chains × draws, or nil if there is no such parameter.
    public func chains(of name: String) -> [[Double]]? {
        guard let j = parameterNames.firstIndex(of: name) else { return nil }
        return values.map { $0[j] }
    }

    /// All draws of parameter `j`, chain after chain.
    public func pooled(_ j: Int) -> [Double] { values.flatMap { $0[j] } }

    /// Total divergent transitions after warm-up, over all chains.
    public var divergences: Int { chainStatistics.reduce(0) { $0 + $1.divergences } }
}

/// What one chain's sampler did.
public struct ChainStatistics: Sendable, Equatable {
    /// Adapted step size (NUTS; nil for Gibbs).
    public var stepSize: Double?
    /// Divergent transitions after warm-up.
    public var divergences: Int
    /// Mean acceptance statistic after warm-up (NUTS).
    public var meanAcceptance: Double?
    /// Iterations that hit the maximum tree depth (NUTS).
    public var maxDepthHits: Int
    /// Gradient evaluations, warm-up included (NUTS).
    public var leapfrogSteps: Int
    /// Adapted inverse mass matrix diagonal (NUTS).
    public var inverseMetricDiagonal: [Double]

    public init(stepSize: Double?, divergences: Int, meanAcceptance: Double?, maxDepthHits: Int,
                leapfrogSteps: Int, inverseMetricDiagonal: [Double]) {
        self.stepSize = stepSize
        self.divergences = divergences
        self.meanAcceptance = meanAcceptance
        self.maxDepthHits = maxDepthHits
        self.leapfrogSteps = leapfrogSteps
        self.inverseMetricDiagonal = inverseMetricDiagonal
    }
}
