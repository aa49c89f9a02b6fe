import Foundation
import LinearAlgebra

/// The posterior of a mixture of regressions or of a cluster-weighted model (the
/// equations of ../shared/notes/mixture-regression.md), the assignments summed out:
///
/// - mixture of regressions: log p = Σₙ log Σₖ πₖ N(yₙ; x̃ₙᵀβₖ, σₖ²)
/// - cluster-weighted: log p = Σₙ log Σₖ πₖ N(xₙ; μₖ, diag τₖ²) N(yₙ; x̃ₙᵀβₖ, σₖ²)
///
/// with x̃ = [1; x] (βₖ₀ the intercept). Priors: π ~ Dirichlet(α), every βₖⱼ and μₖⱼ ~
/// Normal(0, meanScale), every σₖ and τₖⱼ ~ HalfCauchy(scaleScale). Labels are identified
/// by ordering one coordinate across components: the first slope βₖ₁ for the mixture of
/// regressions, the first covariate mean μₖ₁ for the cluster-weighted model.
///
/// Unconstrained coordinates: K − 1 stick-breaking; the K ordered coordinates; the free
/// coefficients (component-major: K·P for the mixture of regressions, K·(P + 1) for the
/// cluster-weighted model); K log σ; then, cluster-weighted only, the other K·(D − 1)
/// means and K·D log τ. Gradients are analytic, from the responsibilities rₙₖ:
/// ∂/∂βₖ = Σₙ rₙₖ eₙₖ x̃ₙ/σₖ², ∂/∂σₖ = Σₙ rₙₖ(eₙₖ²/σₖ³ − 1/σₖ), eₙₖ = yₙ − x̃ₙᵀβₖ.
public struct MixtureRegressionLogDensity: ParameterizedLogDensity {
    public enum Kind: String, Sendable, CaseIterable {
        /// p(y | x) only (DeSarbo & Cron; flexmix).
        case mixtureOfRegressions = "mixreg"
        /// p(x, y): a diagonal Gaussian density of the covariates per component (Gershenfeld; flexCWM).
        case clusterWeighted = "cwm"
    }

    public let kind: Kind
    public let components: Int
    /// P, the covariates (columns of x).
    public let covariates: Int
    public let priors: GaussianMixturePriors
    /// Whether the components are ordered by their first slope βₖ₁ (always for the mixture
    /// of regressions; an option for the cluster-weighted model, whose default orders μₖ₁ —
    /// the slope is the better key when clusters share their first covariate mean).
    public let ordersFirstSlope: Bool
    let x: [Double]          // N×P row-major
    let y: [Double]
    let rows: Int
    let kernel: DiagonalMixtureKernel
    let weightTransform: StickBreakingTransform
    let orderTransform: OrderedTransform

    /// - Throws: `SamplerError.invalidModelInput` for mismatched sizes, too few rows, a
    ///   non-finite value (naming row and column), values too large or a constant target,
    ///   `.invalidSetting` for bad priors or K.
    public init(x: Matrix, y: [Double], components k: Int, kind: Kind = .mixtureOfRegressions,
                priors: GaussianMixturePriors = GaussianMixturePriors(), orderByFirstSlope: Bool = false) throws {
        try priors.validate()
        guard k >= 1 else { throw SamplerError.invalidSetting("components must be ≥ 1, got \(k)") }
        guard x.rows == y.count else { throw SamplerError.invalidModelInput("x has \(x.rows) rows but y has \(y.count) values") }
        if kind == .clusterWeighted && x.columns < 1 {
            throw SamplerError.invalidModelInput("the cluster-weighted model needs at least one covariate")
        }
        try SamplerInputCheck.rows(x, components: k, what: "covariate")
        try SamplerInputCheck.target(y)
        self.kind = kind
        ordersFirstSlope = kind == .mixtureOfRegressions || (orderByFirstSlope && x.columns >= 1)
        components = k
        covariates = x.columns
        self.priors = priors
        self.x = x.storage
        self.y = y
        rows = x.rows
        kernel = DiagonalMixtureKernel(rowMajor: kind == .clusterWeighted ? x.storage : [],
                                       rows: x.rows, dimensions: kind == .clusterWeighted ? x.columns : 0)
        weightTransform = StickBreakingTransform(components: k)
        orderTransform = OrderedTransform(count: k)
    }

    private var p: Int { covariates }
    private var d: Int { kind == .clusterWeighted ? covariates : 0 }
    /// The coefficient ordered across components (mixture of regressions): the first slope, or the intercept.
    private var orderedCoefficient: Int { p >= 1 ? 1 : 0 }

    public var dimension: Int {
        let k = components
        // Mixture of regressions: one coefficient per component is the ordered coordinate;
        // cluster-weighted: the first covariate mean is, and all P + 1 coefficients are free.
        let coefficients = ordersFirstSlope ? k * p : k * (p + 1)
        let means = kind == .clusterWeighted ? (ordersFirstSlope ? k * d : k * (d - 1)) + k * d : 0
        return (k - 1) + k + coefficients + k + means
    }

    public var parameterNames: [String] {
        let k = components
        var names = (1...k).map { "w[\($0)]" }
        for c in 1...k { names.append("intercept[\(c)]"); for j in 0..<p { names.append("beta[\(c),\(j + 1)]") } }
        for c in 1...k { names.append("sigma_y[\(c)]") }
        if kind == .clusterWeighted {
            for c in 1...k { for j in 1...d { names.append("mu[\(c),\(j)]") } }
            for c in 1...k { for j in 1...d { names.append("sigma_x[\(c),\(j)]") } }
        }
        return names
    }

    /// Constrained values: w (K), β (K×(P+1)), σ (K), μ (K×D), τ (K×D); returns log|J|.
    private func unpack(_ q: UnsafePointer<Double>, w: UnsafeMutablePointer<Double>, beta: UnsafeMutablePointer<Double>,
                        sigma: UnsafeMutablePointer<Double>, mu: UnsafeMutablePointer<Double>, tau: UnsafeMutablePointer<Double>) -> Double {
        let k = components, pp = p + 1
        var lj = weightTransform.constrain(q, into: w)
        var at = q + (k - 1)
        var ordered = [Double](repeating: 0, count: k)
        lj += ordered.withUnsafeMutableBufferPointer { orderTransform.constrain(at, into: $0.baseAddress!) }
        at += k
        if ordersFirstSlope {
            let o = orderedCoefficient
            for c in 0..<k {
                var free = 0
                for j in 0..<pp {
                    if j == o { beta[c * pp + j] = ordered[c] } else { beta[c * pp + j] = at[c * p + free]; free += 1 }
                }
            }
            at += k * p
        } else {
            for i in 0..<(k * pp) { beta[i] = at[i] }
            at += k * pp
        }
        for c in 0..<k { sigma[c] = exp(at[c]); lj += at[c] }
        at += k
        if kind == .clusterWeighted {
            if ordersFirstSlope {
                for i in 0..<(k * d) { mu[i] = at[i] }
                at += k * d
            } else {
                for c in 0..<k {
                    mu[c * d] = ordered[c]
                    for j in 1..<max(d, 1) where j < d { mu[c * d + j] = at[c * (d - 1) + j - 1] }
                }
                at += k * (d - 1)
            }
            for i in 0..<(k * d) { tau[i] = exp(at[i]); lj += at[i] }
        }
        return lj
    }

    public func constrain(_ q: [Double]) -> [Double] {
        let k = components, pp = p + 1
        var out = [Double](repeating: 0, count: k + k * pp + k + 2 * k * d)
        q.withUnsafeBufferPointer { qp in
            out.withUnsafeMutableBufferPointer { o in
                let b = o.baseAddress!
                _ = unpack(qp.baseAddress!, w: b, beta: b + k, sigma: b + k + k * pp, mu: b + 2 * k + k * pp, tau: b + 2 * k + k * pp + k * d)
            }
        }
        return out
    }

    /// Unconstrained coordinates of given parameters (components sorted by the ordered coordinate).
    public func unconstrain(weights: [Double], coefficients beta: [Double], sigma: [Double],
                            means mu: [Double] = [], covariateScales tau: [Double] = []) -> [Double] {
        let k = components, pp = p + 1
        let key: (Int) -> Double = ordersFirstSlope ? { beta[$0 * pp + self.orderedCoefficient] } : { mu[$0 * self.d] }
        let order = (0..<k).sorted { key($0) < key($1) }
        var q = weightTransform.unconstrain(order.map { weights[$0] })
        q += orderTransform.unconstrain(order.map(key))
        for c in order {
            for j in 0..<pp where !ordersFirstSlope || j != orderedCoefficient { q.append(beta[c * pp + j]) }
        }
        for c in order { q.append(log(sigma[c])) }
        if kind == .clusterWeighted {
            for c in order { for j in (ordersFirstSlope ? 0 : 1)..<max(d, 1) where j < d { q.append(mu[c * d + j]) } }
            for c in order { for j in 0..<d { q.append(log(tau[c * d + j])) } }
        }
        return q
    }

    /// A start from k-means (k-means++ seeding, five restarts) on x for the cluster-weighted
    /// model and on the rows [x, y] for the mixture of regressions: per
    /// cluster, least-squares coefficients (ridge 10⁻⁶), residual sd, covariate means and sds.
    public func initialPoint(generator: inout RandomGenerator) -> [Double] {
        let k = components, pp = p + 1
        // The cluster-weighted model's clusters live in x, so k-means runs on x alone; the
        // mixture of regressions has only the lines, so it runs on [x, y].
        let columns = kind == .clusterWeighted ? p : p + 1
        var joined = Matrix(rows: rows, columns: columns)
        for n in 0..<rows { for j in 0..<p { joined[n, j] = x[n * p + j] }; if columns > p { joined[n, p] = y[n] } }
        let labels = (try? KMeans(components: k, restarts: 5).fit(joined, seed: generator.next()).labels) ?? (0..<rows).map { $0 % k }
        var weights = [Double](), beta = [Double](), sigma = [Double](), mu = [Double](), tau = [Double]()
        for c in 0..<k {
            let members = (0..<rows).filter { labels[$0] == c }
            weights.append((Double(members.count) + 1) / Double(rows + k))
            // Normal equations of the cluster's least squares (P + 1 unknowns, small).
            var a = Matrix(rows: pp, columns: pp), b = [Double](repeating: 0, count: pp)
            for n in members {
                let xt = [1.0] + (0..<p).map { x[n * p + $0] }
                for i in 0..<pp { b[i] += xt[i] * y[n]; for j in 0..<pp { a[i, j] += xt[i] * xt[j] } }
            }
            for i in 0..<pp { a[i, i] += 1e-6 + (members.count < pp ? 1 : 0) }
            let coef = (try? a.cholesky().solve(b)) ?? [Double](repeating: 0, count: pp)
            var sse = 0.0
            for n in members {
                var f = coef[0]
                for j in 0..<p { f += coef[j + 1] * x[n * p + j] }
                sse += (y[n] - f) * (y[n] - f)
            }
            beta += coef.map { $0 + 0.01 * generator.normal() }
            sigma.append(max((sse / Double(max(members.count, 1))).squareRoot(), 1e-2) * exp(0.05 * generator.normal()))
            for j in 0..<d {
                let v = members.map { x[$0 * p + j] }
                let m = v.isEmpty ? 0 : v.reduce(0, +) / Double(v.count)
                let sd = v.isEmpty ? 1 : (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count)).squareRoot()
                mu.append(m + 0.01 * generator.normal())
                tau.append(max(sd, 1e-2))
            }
        }
        return unconstrain(weights: weights, coefficients: beta, sigma: sigma, means: mu, covariateScales: tau)
    }

    public func logDensity(at q: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
        let k = components, pp = p + 1, kd = k * d
        let n = rows
        let size = k + k * pp + k + 2 * kd     // constrained values
        var buffer = [Double](repeating: 0, count: 2 * size + 2 * k + 2 * kd + n * k * 2)
        return buffer.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress!
            let w = base, beta = w + k, sigma = beta + k * pp, mu = sigma + k, tau = mu + kd
            let gw = tau + kd, gbeta = gw + k, gsigma = gbeta + k * pp, gmu = gsigma + k, gtau = gmu + kd
            let constant = gtau + kd, s0 = constant + k, s1 = s0 + k, s2 = s1 + kd
            let logits = s2 + kd, resp = logits + n * k
            var lp = unpack(q, w: w, beta: beta, sigma: sigma, mu: mu, tau: tau)
            let halfLog2Pi = 0.5 * log(2 * Double.pi)

            // Per-row regression terms log N(yₙ; x̃ₙᵀβₖ, σₖ²).
            for row in 0..<n {
                for c in 0..<k {
                    var f = beta[c * pp]
                    for j in 0..<p { f += beta[c * pp + j + 1] * x[row * p + j] }
                    let e = (y[row] - f) / sigma[c]
                    logits[row * k + c] = -0.5 * e * e
                }
            }
            var invTau = [Double](repeating: 0, count: max(kd, 1))
            for c in 0..<k {
                var cst = log(w[c]) - log(sigma[c]) - halfLog2Pi
                for j in 0..<d { invTau[c * d + j] = 1 / tau[c * d + j]; cst -= log(tau[c * d + j]) + halfLog2Pi }
                constant[c] = cst
            }
            let loglik = invTau.withUnsafeBufferPointer { it in
                kernel.evaluate(components: k, constant: constant, mean: mu, inverseScale: it.baseAddress!,
                                s0: s0, s1: s1, s2: s2, extraLogits: logits, responsibilities: resp)
            }
            lp += loglik
            guard lp.isFinite else { return -.infinity }

            // Regression gradients from the responsibilities.
            for i in 0..<(k * pp) { gbeta[i] = 0 }
            for c in 0..<k { gsigma[c] = 0 }
            for row in 0..<n {
                for c in 0..<k {
                    let r = resp[row * k + c]
                    var f = beta[c * pp]
                    for j in 0..<p { f += beta[c * pp + j + 1] * x[row * p + j] }
                    let e = y[row] - f
                    let inv2 = 1 / (sigma[c] * sigma[c])
                    let g = r * e * inv2
                    gbeta[c * pp] += g
                    for j in 0..<p { gbeta[c * pp + j + 1] += g * x[row * p + j] }
                    gsigma[c] += r * (e * e * inv2 - 1) / sigma[c]
                }
            }
            // Priors.
            let alpha = priors.dirichletConcentration, v = priors.meanScale * priors.meanScale, b = priors.scaleScale
            for c in 0..<k { lp += (alpha - 1) * log(w[c]); gw[c] = (s0[c] + alpha - 1) / w[c] }
            for i in 0..<(k * pp) { lp -= 0.5 * beta[i] * beta[i] / v; gbeta[i] -= beta[i] / v }
            for c in 0..<k {
                let t = sigma[c] / b
                lp -= log1p(t * t)
                gsigma[c] -= 2 * t / (b * (1 + t * t))
            }
            for i in 0..<kd {
                let inv = invTau[i]
                lp -= 0.5 * mu[i] * mu[i] / v
                gmu[i] = s1[i] * inv * inv - mu[i] / v
                let t = tau[i] / b
                lp -= log1p(t * t)
                gtau[i] = s2[i] * inv * inv * inv - s0[i / d] * inv - 2 * t / (b * (1 + t * t))
            }

            // Pull back through the transforms, in the unconstrained layout.
            weightTransform.pullback(q, constrained: w, gradientX: gw, into: gradient)
            var qAt = k - 1
            var orderedValues = [Double](repeating: 0, count: k), orderedGradient = orderedValues
            for c in 0..<k {
                if !ordersFirstSlope { orderedValues[c] = mu[c * d]; orderedGradient[c] = gmu[c * d] } else {
                    orderedValues[c] = beta[c * pp + orderedCoefficient]; orderedGradient[c] = gbeta[c * pp + orderedCoefficient]
                }
            }
            orderedValues.withUnsafeBufferPointer { ov in
                orderedGradient.withUnsafeBufferPointer { og in
                    orderTransform.pullback(q + qAt, constrained: ov.baseAddress!, gradientX: og.baseAddress!, into: gradient + qAt)
                }
            }
            qAt += k
            for c in 0..<k {
                for j in 0..<pp where !ordersFirstSlope || j != orderedCoefficient { gradient[qAt] = gbeta[c * pp + j]; qAt += 1 }
            }
            for c in 0..<k { gradient[qAt] = gsigma[c] * sigma[c] + 1; qAt += 1 }
            if kind == .clusterWeighted {
                for c in 0..<k { for j in (ordersFirstSlope ? 0 : 1)..<max(d, 1) where j < d { gradient[qAt] = gmu[c * d + j]; qAt += 1 } }
                for i in 0..<kd { gradient[qAt] = gtau[i] * tau[i] + 1; qAt += 1 }
            }
            return lp
        }
    }
}
