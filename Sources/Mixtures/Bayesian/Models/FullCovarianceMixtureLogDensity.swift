import Foundation
import LinearAlgebra

/// The posterior of a Gaussian mixture with full covariances, the assignments summed out:
/// Σₖ = diag(σₖ) Ωₖ diag(σₖ) with σₖd ~ HalfCauchy(scaleScale) (the README's scale prior),
/// Ωₖ ~ LKJ(1) (uniform over correlation matrices, through `CholeskyCorrelationTransform`),
/// μₖd ~ Normal(0, meanScale), w ~ Dirichlet(α); the first mean coordinate is ordered
/// across components.
///
/// Unconstrained coordinates: K − 1 stick-breaking; K ordered first mean coordinates; the
/// other K·(D − 1) mean coordinates; K·D log σ; K·D(D − 1)/2 partial-correlation coordinates.
/// With vₙₖ = Lₖ⁻¹(xₙ − μₖ), Lₖ = diag(σₖ)L_Ωₖ, and responsibilities rₙₖ, the gradient is
/// ∂/∂μₖ = Lₖ⁻ᵀ Σₙ rₙₖ vₙₖ and ∂/∂Lₖ = lower part of Lₖ⁻ᵀ (Σₙ rₙₖ vₙₖvₙₖᵀ) − Nₖ diag(1/Lₖ,ᵢᵢ).
/// Draws are reported as w[k], mu[k,d] and Sigma[k,i,j] (i ≤ j), as `GaussianMixtureGibbs(covariance: .full)`.
public struct FullCovarianceMixtureLogDensity: ParameterizedLogDensity {
    public let components: Int
    public let dimensions: Int
    public let priors: GaussianMixturePriors
    let data: [Double]
    let rows: Int
    let weightTransform: StickBreakingTransform
    let orderTransform: OrderedTransform
    let correlationTransform: CholeskyCorrelationTransform

    /// - Throws: `SamplerError.invalidModelInput` for too few rows, a non-finite value
    ///   (naming its row and column) or values too large, `.invalidSetting` for bad priors.
    public init(data x: Matrix, components k: Int, priors: GaussianMixturePriors = GaussianMixturePriors()) throws {
        try priors.validate()
        guard k >= 1 else { throw SamplerError.invalidSetting("components must be ≥ 1, got \(k)") }
        guard x.columns >= 1 else { throw SamplerError.invalidModelInput("the data have no columns") }
        try SamplerInputCheck.rows(x, components: k)
        components = k
        dimensions = x.columns
        self.priors = priors
        data = x.storage
        rows = x.rows
        weightTransform = StickBreakingTransform(components: k)
        orderTransform = OrderedTransform(count: k)
        correlationTransform = CholeskyCorrelationTransform(order: x.columns, lkjUniform: true)
    }

    private var pairs: Int { dimensions * (dimensions - 1) / 2 }

    public var dimension: Int { (components - 1) + 2 * components * dimensions + components * pairs }

    public var parameterNames: [String] {
        let k = components, d = dimensions
        var names = (1...k).map { "w[\($0)]" }
        for c in 1...k { for j in 1...d { names.append("mu[\(c),\(j)]") } }
        for c in 1...k { for i in 1...d { for j in i...d { names.append("Sigma[\(c),\(i),\(j)]") } } }
        return names
    }

    /// Constrained pieces at q: w (K), μ (K×D), σ (K×D), L_Ω (K of D×D); returns log|J| + log LKJ.
    private func unpack(_ q: UnsafePointer<Double>, w: UnsafeMutablePointer<Double>, mu: UnsafeMutablePointer<Double>,
                        sigma: UnsafeMutablePointer<Double>, lOmega: UnsafeMutablePointer<Double>) -> Double {
        let k = components, d = dimensions
        var lj = weightTransform.constrain(q, into: w)
        var at = q + (k - 1)
        var first = [Double](repeating: 0, count: k)
        lj += first.withUnsafeMutableBufferPointer { orderTransform.constrain(at, into: $0.baseAddress!) }
        at += k
        for c in 0..<k {
            mu[c * d] = first[c]
            for j in 1..<max(d, 1) where j < d { mu[c * d + j] = at[c * (d - 1) + j - 1] }
        }
        at += k * (d - 1)
        for i in 0..<(k * d) { sigma[i] = exp(at[i]); lj += at[i] }
        at += k * d
        for c in 0..<k { lj += correlationTransform.constrain(at + c * pairs, into: lOmega + c * d * d) }
        return lj
    }

    public func constrain(_ q: [Double]) -> [Double] {
        let k = components, d = dimensions
        var w = [Double](repeating: 0, count: k), mu = [Double](repeating: 0, count: k * d)
        var sigma = mu, l = [Double](repeating: 0, count: k * d * d)
        q.withUnsafeBufferPointer { qp in
            _ = unpack(qp.baseAddress!, w: &w, mu: &mu, sigma: &sigma, lOmega: &l)
        }
        var out = w + mu
        for c in 0..<k {
            for i in 0..<d {
                for j in i..<d {
                    var omega = 0.0
                    for m in 0..<d { omega += l[c * d * d + i * d + m] * l[c * d * d + j * d + m] }
                    out.append(sigma[c * d + i] * sigma[c * d + j] * omega)
                }
            }
        }
        return out
    }

    /// A start at a k-means solution (k-means++ seeding, three restarts): cluster means,
    /// standard deviations and correlations (shrunk 10 % towards 0), jittered a little.
    public func initialPoint(generator: inout RandomGenerator) -> [Double] {
        let k = components, d = dimensions
        let x = Matrix(rows: rows, columns: d, storage: data)
        let labels = (try? KMeans(components: k, restarts: 3).fit(x, seed: generator.next()).labels) ?? (0..<rows).map { $0 % k }
        var weights = [Double](), means = [Double](), scales = [Double](), factors = [[Double]]()
        for c in 0..<k {
            let members = (0..<rows).filter { labels[$0] == c }
            let m = Double(max(members.count, 1))
            weights.append((Double(members.count) + 1) / Double(rows + k))
            let mean = (0..<d).map { j in members.reduce(0) { $0 + data[$1 * d + j] } / m }
            var cov = Matrix(rows: d, columns: d)
            for n in members { for i in 0..<d { for j in 0..<d { cov[i, j] += (data[n * d + i] - mean[i]) * (data[n * d + j] - mean[j]) / m } } }
            let sd = (0..<d).map { max(cov[$0, $0].squareRoot(), 1e-3) }
            var corr = Matrix.identity(d)
            for i in 0..<d { for j in 0..<d where i != j { corr[i, j] = 0.9 * cov[i, j] / (sd[i] * sd[j]) } }
            let l = (try? corr.cholesky().lower.storage) ?? Matrix.identity(d).storage
            means += mean.enumerated().map { $0.element + 0.05 * sd[$0.offset] * generator.normal() }
            scales += sd.map { $0 * exp(0.05 * generator.normal()) }
            factors.append(l)
        }
        let order = (0..<k).sorted { means[$0 * d] < means[$1 * d] }
        var q = weightTransform.unconstrain(order.map { weights[$0] })
        q += orderTransform.unconstrain(order.map { means[$0 * d] })
        for c in order { for j in 1..<max(d, 1) where j < d { q.append(means[c * d + j]) } }
        for c in order { for j in 0..<d { q.append(log(scales[c * d + j])) } }
        for c in order { q += correlationTransform.unconstrain(factors[c]) }
        return q
    }

    public func logDensity(at q: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
        let k = components, d = dimensions, kd = k * d, dd = d * d
        var w = [Double](repeating: 0, count: k), mu = [Double](repeating: 0, count: kd), sigma = mu
        var lOmega = [Double](repeating: 0, count: k * dd)
        var lp = unpack(q, w: &w, mu: &mu, sigma: &sigma, lOmega: &lOmega)
        // L = diag(σ) L_Ω per component, and the constants log w − Σ log Lᵢᵢ − D/2 log 2π.
        var l = lOmega
        var constant = [Double](repeating: 0, count: k)
        for c in 0..<k {
            var cst = log(w[c]) - 0.5 * Double(d) * log(2 * Double.pi)
            for i in 0..<d {
                for j in 0...i { l[c * dd + i * d + j] *= sigma[c * d + i] }
                cst -= log(l[c * dd + i * d + i])
            }
            constant[c] = cst
        }
        // Rows in blocks: v = L⁻¹(x − μ), logits, LogSumExp, then Nₖ, Σ r v, Σ r v vᵀ.
        let block = 256
        var logits = [Double](repeating: 0, count: block * k)
        var v = [Double](repeating: 0, count: block * kd)
        var counts = [Double](repeating: 0, count: k), sumV = [Double](repeating: 0, count: kd)
        var sumVV = [Double](repeating: 0, count: k * dd)
        var loglik = 0.0
        var start = 0
        while start < rows {
            let count = min(block, rows - start)
            for b in 0..<count {
                let n = start + b
                for c in 0..<k {
                    var quad = 0.0
                    for i in 0..<d {
                        var s = data[n * d + i] - mu[c * d + i]
                        for j in 0..<i { s -= l[c * dd + i * d + j] * v[(b * k + c) * d + j] }
                        let vi = s / l[c * dd + i * d + i]
                        v[(b * k + c) * d + i] = vi
                        quad += vi * vi
                    }
                    logits[b * k + c] = constant[c] - 0.5 * quad
                }
            }
            loglik += logits.withUnsafeMutableBufferPointer {
                LogSumExp.normalizeRows($0.baseAddress!, rows: count, columns: k, logNormalizers: nil)
            }
            for b in 0..<count {
                for c in 0..<k {
                    let r = logits[b * k + c]
                    counts[c] += r
                    let vb = (b * k + c) * d
                    for i in 0..<d {
                        let rv = r * v[vb + i]
                        sumV[c * d + i] += rv
                        for j in 0...i { sumVV[c * dd + i * d + j] += rv * v[vb + j] }
                    }
                }
            }
            start += count
        }
        lp += loglik
        guard lp.isFinite else { return -.infinity }

        // Gradients with respect to w, μ, σ and L_Ω, priors included.
        let alpha = priors.dirichletConcentration, meanVar = priors.meanScale * priors.meanScale, b = priors.scaleScale
        var gw = [Double](repeating: 0, count: k), gmu = [Double](repeating: 0, count: kd), gsigma = gmu
        var gOmega = [Double](repeating: 0, count: k * dd)
        for c in 0..<k {
            lp += (alpha - 1) * log(w[c])
            gw[c] = (counts[c] + alpha - 1) / w[c]
            let lc = c * dd
            // Lᵀ back substitution: gμ = L⁻ᵀ Σ r v.
            var t = Array(sumV[(c * d)..<(c * d + d)])
            for i in stride(from: d - 1, through: 0, by: -1) {
                var s = t[i]
                for j in (i + 1)..<d { s -= l[lc + j * d + i] * t[j] }
                t[i] = s / l[lc + i * d + i]
            }
            // G = lower part of L⁻ᵀ S − N diag(1/Lᵢᵢ), S = Σ r v vᵀ (symmetric).
            var s = [Double](repeating: 0, count: dd)
            for i in 0..<d { for j in 0...i { s[i * d + j] = sumVV[lc + i * d + j]; s[j * d + i] = sumVV[lc + i * d + j] } }
            for col in 0..<d {
                for i in stride(from: d - 1, through: 0, by: -1) {
                    var acc = s[i * d + col]
                    for j in (i + 1)..<d { acc -= l[lc + j * d + i] * s[j * d + col] }
                    s[i * d + col] = acc / l[lc + i * d + i]
                }
            }
            for i in 0..<d {
                let m = mu[c * d + i]
                lp += -0.5 * m * m / meanVar
                gmu[c * d + i] = t[i] - m / meanVar
                var gs = 0.0
                for j in 0...i {
                    var gij = s[i * d + j]
                    if i == j { gij -= counts[c] / l[lc + i * d + i] }
                    gs += gij * lOmega[lc + i * d + j]
                    gOmega[lc + i * d + j] = gij * sigma[c * d + i]
                }
                let u = sigma[c * d + i] / b
                lp += -log1p(u * u)
                gsigma[c * d + i] = gs - 2 * u / (b * (1 + u * u))
            }
        }

        // Pull back through the transforms, in the unconstrained layout.
        weightTransform.pullback(q, constrained: w, gradientX: gw, into: gradient)
        var at = k - 1
        var first = (0..<k).map { mu[$0 * d] }, gFirst = (0..<k).map { gmu[$0 * d] }
        first.withUnsafeMutableBufferPointer { f in
            gFirst.withUnsafeMutableBufferPointer { g in
                orderTransform.pullback(q + at, constrained: f.baseAddress!, gradientX: g.baseAddress!, into: gradient + at)
            }
        }
        at += k
        for c in 0..<k { for j in 1..<max(d, 1) where j < d { gradient[at] = gmu[c * d + j]; at += 1 } }
        for i in 0..<kd { gradient[at] = gsigma[i] * sigma[i] + 1; at += 1 }
        for c in 0..<k {
            lOmega.withUnsafeBufferPointer { lo in
                gOmega.withUnsafeBufferPointer { go in
                    correlationTransform.pullback(q + at, constrained: lo.baseAddress! + c * dd, gradientX: go.baseAddress! + c * dd,
                                                  into: gradient + at)
                }
            }
            at += pairs
        }
        return lp
    }
}
