import Foundation
import LinearAlgebra

/// Gibbs sampling of the conjugate Gaussian mixture: assignments zₙ | rest, then
/// w | z ~ Dirichlet(α + N), then each component's (μₖ, Σₖ) | z from its normal–inverse-
/// gamma (diagonal) or normal–inverse-Wishart (full) posterior. Several chains in
/// parallel, each seeded from its own split stream.
///
/// Label switching: the draws are relabelled after sampling (`relabelledByFirstMean`) so
/// that the components are in increasing order of their first mean coordinate in every
/// draw (the same identification as the ordering transform NUTS uses).
public struct GaussianMixtureGibbs: Sendable {
    /// `.diagonal` or `.full` component covariances.
    public var covariance: CovarianceType
    public var priors: ConjugatePriors
    public var warmup: Int
    public var draws: Int

    public init(covariance: CovarianceType = .diagonal, priors: ConjugatePriors = ConjugatePriors(),
                warmup: Int = 1000, draws: Int = 1000) {
        self.covariance = covariance
        self.priors = priors
        self.warmup = warmup
        self.draws = draws
    }

    /// Parameter names for K components in D dimensions: w[k], mu[k,d], then sigma[k,d]
    /// (diagonal: standard deviations) or Sigma[k,i,j] for i ≤ j (full).
    public func parameterNames(components k: Int, dimensions d: Int) -> [String] {
        var names = (1...k).map { "w[\($0)]" }
        for c in 1...k { for j in 1...d { names.append("mu[\(c),\(j)]") } }
        for c in 1...k {
            if covariance == .full {
                for i in 1...d { for j in i...d { names.append("Sigma[\(c),\(i),\(j)]") } }
            } else {
                for j in 1...d { names.append("sigma[\(c),\(j)]") }
            }
        }
        return names
    }

    /// Samples `chains` chains on `data` (N×D) with K components.
    /// - Throws: `SamplerError` for unsupported covariance types, bad priors or settings, too few
    ///   rows, non-finite values or values too large.
    public func sample(_ data: Matrix, components k: Int, chains: Int = 4, seed: UInt64, threads: Int? = nil,
                       progress: (@Sendable (ChainProgress) -> Void)? = nil) throws -> MCMCDraws {
        guard covariance == .diagonal || covariance == .full else {
            throw SamplerError.invalidSetting("Gibbs sampling supports diagonal and full covariances, not \(covariance)")
        }
        try priors.validate()
        guard warmup >= 0, draws >= 1, chains >= 1 else {
            throw SamplerError.invalidSetting("need warmup ≥ 0, draws ≥ 1 and chains ≥ 1 (got \(warmup), \(draws), \(chains))")
        }
        guard k >= 1 else { throw SamplerError.invalidSetting("components must be ≥ 1, got \(k)") }
        try SamplerInputCheck.rows(data, components: k)
        let start = DispatchTime.now().uptimeNanoseconds
        let me = self
        let values = try ParallelChains.run(chains: chains, seed: seed, threads: threads ?? ParallelChains.defaultThreads) { chain, g in
            var state = GibbsState(sampler: me, data: data, components: k, generator: &g)
            return state.run(chain: chain, generator: &g, progress: progress)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let stats = ChainStatistics(stepSize: nil, divergences: 0, meanAcceptance: nil, maxDepthHits: 0,
                                    leapfrogSteps: 0, inverseMetricDiagonal: [])
        return MCMCDraws(parameterNames: parameterNames(components: k, dimensions: data.columns), values: values,
                         chainStatistics: Array(repeating: stats, count: chains), seconds: seconds)
            .relabelledByFirstMean(components: k)
    }
}

/// One chain's current parameters and its sweep.
private struct GibbsState {
    let sampler: GaussianMixtureGibbs
    let x: [Double]
    let n: Int, d: Int, k: Int
    var weights: [Double]
    var means: [Double]            // K×D
    var variances: [Double]        // diagonal: K×D
    var covariances: [[Double]]    // full: K of D×D
    var labels: [Int]

    init(sampler: GaussianMixtureGibbs, data: Matrix, components: Int, generator: inout RandomGenerator) {
        self.sampler = sampler
        x = data.storage
        n = data.rows; d = data.columns; k = components
        weights = [Double](repeating: 1 / Double(components), count: components)
        means = [Double](repeating: 0, count: components * d)
        variances = [Double](repeating: 1, count: components * d)
        covariances = Array(repeating: Matrix.identity(d).storage, count: components)
        if let fit = try? KMeans(components: components, restarts: 3).fit(data, seed: generator.next()) {
            labels = fit.labels
        } else {
            labels = (0..<data.rows).map { $0 % components }
        }
        updateParameters(&generator)
    }

    mutating func run(chain: Int, generator g: inout RandomGenerator,
                      progress: (@Sendable (ChainProgress) -> Void)?) -> [[Double]] {
        let names = sampler.parameterNames(components: k, dimensions: d).count
        var out = [[Double]](repeating: [Double](repeating: 0, count: sampler.draws), count: names)
        let total = sampler.warmup + sampler.draws
        let every = max(1, total / 10)
        for it in 0..<total {
            updateAssignments(&g)
            updateParameters(&g)
            if it >= sampler.warmup {
                let row = currentDraw()
                for j in 0..<names { out[j][it - sampler.warmup] = row[j] }
            }
            if let progress, (it + 1) % every == 0 || it + 1 == total {
                progress(ChainProgress(chain: chain, iteration: it + 1, totalIterations: total,
                                       warmingUp: it + 1 < sampler.warmup, stepSize: nil, divergences: 0))
            }
        }
        return out
    }

    /// zₙ ~ Categorical(∝ wₖ N(xₙ; μₖ, Σₖ)): per row the K logits, their exponentials
    /// relative to the largest (which is e⁰ = 1 exactly, so its exp is not computed), and
    /// one uniform draw. The factors are flat (K × D inverse scales, or K lower Cholesky
    /// factors) and the two covariance structures have their own loops.
    mutating func updateAssignments(_ g: inout RandomGenerator) {
        let halfLog2Pi = 0.5 * log(2 * Double.pi)
        let full = sampler.covariance == .full
        var constant = [Double](repeating: 0, count: k)
        var factors = [Double](repeating: 0, count: full ? k * d * d : k * d)   // full: Cholesky factors; diagonal: 1/σ
        for c in 0..<k {
            var cst = log(weights[c]) - Double(d) * halfLog2Pi
            if full {
                let l = (try? Matrix(rows: d, columns: d, storage: covariances[c]).cholesky().lower.storage)
                    ?? Matrix.identity(d).storage
                for i in 0..<d { cst -= log(l[i * d + i]) }
                for t in 0..<(d * d) { factors[c * d * d + t] = l[t] }
            } else {
                for j in 0..<d { cst -= 0.5 * log(variances[c * d + j]) }
                for j in 0..<d { factors[c * d + j] = 1 / variances[c * d + j].squareRoot() }
            }
            constant[c] = cst
        }
        let k = self.k, d = self.d, n = self.n, x = self.x, means = self.means
        var labels = self.labels
        self.labels = []   // mutated below without a copy, then put back
        var logits = [Double](repeating: 0, count: k)
        var z = [Double](repeating: 0, count: d)
        x.withUnsafeBufferPointer { x in
        means.withUnsafeBufferPointer { means in
        factors.withUnsafeBufferPointer { f in
        constant.withUnsafeBufferPointer { constant in
        logits.withUnsafeMutableBufferPointer { logits in
        z.withUnsafeMutableBufferPointer { z in
        labels.withUnsafeMutableBufferPointer { labels in
            for i in 0..<n {
                let xi = x.baseAddress! + i * d
                var m = -Double.infinity
                for c in 0..<k {
                    var quad = 0.0
                    let mu = means.baseAddress! + c * d
                    if full {
                        let fc = f.baseAddress! + c * d * d
                        for a in 0..<d {     // forward substitution L z = x − μ
                            var s = xi[a] - mu[a]
                            for b in 0..<a { s -= fc[a * d + b] * z[b] }
                            z[a] = s / fc[a * d + a]
                            quad += z[a] * z[a]
                        }
                    } else {
                        let fc = f.baseAddress! + c * d
                        for j in 0..<d {
                            let t = (xi[j] - mu[j]) * fc[j]
                            quad += t * t
                        }
                    }
                    let l = constant[c] - 0.5 * quad
                    logits[c] = l
                    m = max(m, l)
                }
                var total = 0.0
                for c in 0..<k {
                    let t = logits[c] - m
                    let e = t == 0 ? 1 : exp(t)
                    logits[c] = e
                    total += e
                }
                let u = g.uniform() * total
                var cumulative = 0.0, pick = k - 1
                for c in 0..<k {
                    cumulative += logits[c]
                    if u < cumulative { pick = c; break }
                }
                labels[i] = pick
            }
        } } } } } } }
        self.labels = labels
    }

    /// w, then (μₖ, Σₖ) from their conjugate posteriors given the assignments.
    mutating func updateParameters(_ g: inout RandomGenerator) {
        let p = sampler.priors
        var counts = [Double](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k * d)     // Σ (x − μ_current), shifted for accuracy
        var scatter = [Double](repeating: 0, count: k * d * d)
        let shift = means
        for i in 0..<n {
            let c = labels[i]
            counts[c] += 1
            for a in 0..<d { sums[c * d + a] += x[i * d + a] - shift[c * d + a] }
            if sampler.covariance == .full {
                for a in 0..<d {
                    let da = x[i * d + a] - shift[c * d + a]
                    for b in 0...a { scatter[c * d * d + a * d + b] += da * (x[i * d + b] - shift[c * d + b]) }
                }
            } else {
                for a in 0..<d {
                    let da = x[i * d + a] - shift[c * d + a]
                    scatter[c * d * d + a * d + a] += da * da
                }
            }
        }
        weights = g.dirichlet(counts.map { $0 + p.dirichletConcentration })
        for c in 0..<k {
            let nk = counts[c]
            let kn = p.meanPrecision + nk
            var xbar = [Double](repeating: p.meanCenter, count: d)
            if nk > 0 { for a in 0..<d { xbar[a] = shift[c * d + a] + sums[c * d + a] / nk } }
            // Centred scatter S = Σ(x − x̄)(x − x̄)ᵀ from the shifted sums.
            var s = [Double](repeating: 0, count: d * d)
            for a in 0..<d {
                for b in 0...a {
                    let ma = nk > 0 ? sums[c * d + a] / nk : 0, mb = nk > 0 ? sums[c * d + b] / nk : 0
                    s[a * d + b] = scatter[c * d * d + a * d + b] - nk * ma * mb
                    s[b * d + a] = s[a * d + b]
                }
            }
            let mn = (0..<d).map { (p.meanPrecision * p.meanCenter + nk * xbar[$0]) / kn }
            let shrink = p.meanPrecision * nk / kn
            if sampler.covariance == .full {
                let nu = 2 * p.varianceShape + Double(d) - 1 + nk
                var psi = s
                for a in 0..<d {
                    psi[a * d + a] += 2 * p.varianceScale
                    for b in 0..<d { psi[a * d + b] += shrink * (xbar[a] - p.meanCenter) * (xbar[b] - p.meanCenter) }
                }
                let sigma = inverseWishart(nu: nu, scale: psi, &g)
                covariances[c] = sigma
                var scaled = sigma
                for t in scaled.indices { scaled[t] /= kn }
                let mu = (try? g.multivariateNormal(mean: mn, covariance: Matrix(rows: d, columns: d, storage: scaled))) ?? mn
                for a in 0..<d { means[c * d + a] = mu[a] }
            } else {
                for a in 0..<d {
                    let an = p.varianceShape + nk / 2
                    let bn = p.varianceScale + 0.5 * s[a * d + a] + 0.5 * shrink * (xbar[a] - p.meanCenter) * (xbar[a] - p.meanCenter)
                    let v = 1 / g.gamma(shape: an, scale: 1 / bn)
                    variances[c * d + a] = v
                    means[c * d + a] = mn[a] + (v / kn).squareRoot() * g.normal()
                }
            }
        }
    }

    /// Σ ~ InvWishart(ν, Ψ) by Bartlett's decomposition: with Ψ = C Cᵀ and A the Bartlett
    /// factor of a Wishart(ν, I), Σ = (C A⁻ᵀ)(C A⁻ᵀ)ᵀ.
    func inverseWishart(nu: Double, scale psi: [Double], _ g: inout RandomGenerator) -> [Double] {
        let c = (try? Matrix(rows: d, columns: d, storage: psi).cholesky().lower.storage) ?? Matrix.identity(d).storage
        var a = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            a[i * d + i] = (2 * g.gamma(shape: (nu - Double(i)) / 2)).squareRoot()
            for j in 0..<i { a[i * d + j] = g.normal() }
        }
        // B = A⁻¹ (lower triangular), then M = C Bᵀ, Σ = M Mᵀ.
        var b = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            b[j * d + j] = 1 / a[j * d + j]
            for i in (j + 1)..<d {
                var s = 0.0
                for t in j..<i { s += a[i * d + t] * b[t * d + j] }
                b[i * d + j] = -s / a[i * d + i]
            }
        }
        var m = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in 0..<d {
            var s = 0.0
            for t in 0..<d { s += c[i * d + t] * b[j * d + t] }
            m[i * d + j] = s
        } }
        var sigma = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in 0..<d {
            var s = 0.0
            for t in 0..<d { s += m[i * d + t] * m[j * d + t] }
            sigma[i * d + j] = s
        } }
        return sigma
    }

    /// The current parameters in the order of `parameterNames` (relabelled after sampling).
    func currentDraw() -> [Double] {
        var row = weights
        for c in 0..<k { for a in 0..<d { row.append(means[c * d + a]) } }
        for c in 0..<k {
            if sampler.covariance == .full {
                for i in 0..<d { for j in i..<d { row.append(covariances[c][i * d + j]) } }
            } else {
                for a in 0..<d { row.append(variances[c * d + a].squareRoot()) }
            }
        }
        return row
    }
}
