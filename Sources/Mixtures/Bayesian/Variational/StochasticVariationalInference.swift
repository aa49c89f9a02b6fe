import Foundation
import LinearAlgebra

/// Stochastic variational inference for the Gaussian mixture on mini-batches (Hoffman,
/// Blei, Wang & Paisley 2013): a Robbins–Monro schedule of natural-gradient steps on the
/// global factors.
///
/// The natural parameters of q(π) and q(μₖ, Λₖ) are affine in the expected sufficient
/// statistics Nₖ, Σₙ rₙₖxₙ and Σₙ rₙₖxₙxₙᵀ, so a natural-gradient step of size ρₜ is
///
///     sₜ = (1 − ρₜ) sₜ₋₁ + ρₜ · (N/|B|) s(B),     ρₜ = (t + τ)^(−κ),
///
/// where s(B) are the statistics of the batch under q(z) from the current factors, and the
/// factors are the batch update applied to sₜ. Rows are visited in a fresh random order
/// every epoch.
public struct StochasticVariationalInference: Sendable, Equatable {
    /// Rows per mini-batch |B|.
    public var batchSize: Int
    /// Passes over the data.
    public var epochs: Int
    /// τ ≥ 0: delays the schedule, damping the first steps.
    public var delay: Double
    /// κ ∈ (0.5, 1]: the forgetting rate (Robbins–Monro needs Σρ = ∞ and Σρ² < ∞).
    public var forgettingRate: Double

    public init(batchSize: Int = 1000, epochs: Int = 5, delay: Double = 1, forgettingRate: Double = 0.7) {
        self.batchSize = batchSize
        self.epochs = epochs
        self.delay = delay
        self.forgettingRate = forgettingRate
    }

    /// ρₜ for step t = 1, 2, …
    public func stepSize(_ t: Int) -> Double { pow(Double(t) + delay, -forgettingRate) }

    func validate() throws {
        func bad(_ why: String) -> VariationalError { .invalidConfiguration(why) }
        guard batchSize >= 1 else { throw bad("batch size must be at least 1, got \(batchSize)") }
        guard epochs >= 1 else { throw bad("epochs must be at least 1, got \(epochs)") }
        guard delay >= 0 && delay.isFinite else { throw bad("delay τ must be a finite number ≥ 0, got \(delay)") }
        guard forgettingRate > 0.5 && forgettingRate <= 1 else {
            throw bad("forgetting rate κ must be in (0.5, 1], got \(forgettingRate)")
        }
    }
}

extension VariationalGaussianMixture {
    /// Fits the posterior by stochastic variational inference on mini-batches of `x`.
    ///
    /// Each restart starts from `initialization` on a random subset of max(|B|, 20K) rows (its
    /// statistics scaled up to N rows), then takes `epochs · ⌈N/|B|⌉` steps. The trace holds
    /// each step's noisy ELBO per row: (N/|B|) Σ_{n∈B} log Σₖ ρₙₖ minus the global KL, over N,
    /// at the factors the step started from. `evidenceLowerBound` is the exact ELBO of the final
    /// factors on all of `x` (one more pass), and the restart with the highest one is kept.
    /// `maxIterations` and `tolerance` are not used.
    public func fitStochastic(_ x: Matrix, seed: UInt64, schedule: StochasticVariationalInference)
        throws -> FittedVariationalGaussianMixture {
        try validate(x)
        try schedule.validate()
        if startingResponsibilities != nil {
            throw VariationalError.invalidConfiguration("stochastic VI starts on a subset of rows; use a data-driven initialization")
        }
        return try BLASThreads.withThreads(1) { try stochastic(x, seed: seed, schedule: schedule) }
    }

    private func stochastic(_ x: Matrix, seed: UInt64, schedule: StochasticVariationalInference)
        throws -> FittedVariationalGaussianMixture {
        let resolved = try prior.resolved(x, components: components, covarianceType: covarianceType)
        let model = VariationalEMModel(configuration: self, prior: resolved)
        let n = x.rows, k = components
        let batch = min(schedule.batchSize, n)
        let origin = [Double](repeating: 0, count: k).indices.flatMap { _ in resolved.mean }
        var master = RandomGenerator(seed: seed)
        var best: (q: VariationalPosterior, bound: Double, trace: [Double], steps: Int)?
        var restartBounds: [Double] = []
        for _ in 0..<restarts {
            var generator = master.split()
            let subsetSize = min(n, max(batch, 20 * k))
            let subset = rows(x, Array(generator.permutation(n).prefix(subsetSize)))
            let r = try startingResponsibilities(subset, generator: &generator)
            var state = SufficientStatistics.accumulated(subset, responsibilities: r, covarianceType: covarianceType)
                .recentred(to: origin).scaled(by: Double(n) / Double(subsetSize))
            var q = model.update(WeightedMoments(state))
            var trace: [Double] = []
            var step = 0
            for _ in 0..<schedule.epochs {
                let order = generator.permutation(n)
                var start = 0
                while start < n {
                    let indices = Array(order[start..<min(n, start + batch)])
                    start += batch
                    let xb = rows(x, indices)
                    let geometry = try VariationalEMModel.geometry(q, covarianceType: covarianceType)
                    let output = EMPass.fused(xb, geometry: geometry)
                    let batchScale = Double(n) / Double(indices.count)
                    let divergence = try q.globalDivergence(prior: resolved, covarianceType: covarianceType)
                    trace.append((batchScale * output.logLikelihood - divergence) / Double(n))
                    step += 1
                    let rho = schedule.stepSize(step)
                    let estimate = output.statistics!.recentred(to: origin).scaled(by: batchScale)
                    state = state.scaled(by: 1 - rho).adding(estimate.scaled(by: rho))
                    q = model.update(WeightedMoments(state))
                }
            }
            let bound = try model.lowerBound(x, q) * Double(n)
            restartBounds.append(bound)
            if let current = best, !(bound > current.bound) { continue }
            best = (q, bound, trace, step)
        }
        let kept = best!
        let responsibilities = try model.expectation(x, kept.q).expectations   // one more pass, for q(z) on all rows
        return try FittedVariationalGaussianMixture(
            posterior: kept.q, prior: resolved, weightPrior: weightPrior, covarianceType: covarianceType,
            evidenceLowerBound: kept.bound, lowerBoundTrace: kept.trace, iterations: kept.steps, converged: true,
            training: x, trainingResponsibilities: responsibilities, restartLowerBounds: restartBounds, warnings: [])
    }

    private func rows(_ x: Matrix, _ indices: [Int]) -> Matrix {
        let d = x.columns
        var out = Matrix(rows: indices.count, columns: d)
        for (i, row) in indices.enumerated() {
            for j in 0..<d { out.storage[i * d + j] = x.storage[row * d + j] }
        }
        return out
    }
}

extension SufficientStatistics {
    /// The same statistics with the scatter taken around `centres` (K × D) instead.
    /// With e = c − c′ and Σₙ rₙₖ(xₙ − c) = sums − Nₖc, the scatter around c′ is
    /// scatter + (Σ r(x − c)) eᵀ + e (Σ r(x − c))ᵀ + Nₖ e eᵀ (diagonal only for diagonal and spherical).
    func recentred(to newCentres: [Double]) -> SufficientStatistics {
        var out = SufficientStatistics(covarianceType: covarianceType, components: components, dimensions: dimensions,
                                       centres: newCentres)
        let k = components, d = dimensions
        out.counts = counts
        out.sums = sums
        let full = covarianceType == .full || covarianceType == .tied
        for c in 0..<k {
            let e = (0..<d).map { centres[c * d + $0] - newCentres[c * d + $0] }
            let first = (0..<d).map { sums[c * d + $0] - counts[c] * centres[c * d + $0] }
            if full {
                for i in 0..<d {
                    for j in 0..<d {
                        out.scatter[c * d * d + i * d + j] = scatter[c * d * d + i * d + j]
                            + first[i] * e[j] + e[i] * first[j] + counts[c] * e[i] * e[j]
                    }
                }
            } else {
                for j in 0..<d {
                    out.scatter[c * d + j] = scatter[c * d + j] + 2 * first[j] * e[j] + counts[c] * e[j] * e[j]
                }
            }
        }
        return out
    }

    /// Every statistic times `factor` (they are all sums over rows).
    func scaled(by factor: Double) -> SufficientStatistics {
        var out = self
        out.counts = counts.map { $0 * factor }
        out.sums = sums.map { $0 * factor }
        out.scatter = scatter.map { $0 * factor }
        return out
    }

    /// The element-wise sum with `other` (same centres).
    func adding(_ other: SufficientStatistics) -> SufficientStatistics {
        var out = self
        out.add(other)
        return out
    }
}
