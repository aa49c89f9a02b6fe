import Foundation
import LinearAlgebra

/// The posterior of a Gaussian mixture with diagonal covariances, the assignments summed
/// out: log p(w, μ, σ | x) = Σₙ log Σₖ wₖ Πd N(xₙd; μₖd, σₖd) + log priors + log-Jacobians.
///
/// Unconstrained coordinates, in order: K − 1 stick-breaking coordinates of w; the K first
/// mean coordinates (through `OrderedTransform` under `.orderedFirstCoordinate`); the
/// other K·(D − 1) mean coordinates (component-major); K·D log scales. The gradient is
/// analytic: with responsibilities rₙₖ, ∂/∂μₖd = Σₙ rₙₖ(xₙd − μₖd)/σₖd² and
/// ∂/∂σₖd = Σₙ rₙₖ[(xₙd − μₖd)²/σₖd³ − 1/σₖd].
public struct GaussianMixtureLogDensity: ParameterizedLogDensity {
    public let components: Int
    public let dimensions: Int
    /// The README's priors (Dirichlet, Normal, HalfCauchy), or nil under `conjugatePriors`.
    public let priors: GaussianMixturePriors?
    /// The conjugate normal–inverse-gamma priors (those Gibbs samples), or nil.
    public let conjugatePriors: ConjugatePriors?
    public let labels: LabelConstraint
    /// N×D data, row-major.
    let data: [Double]
    let rows: Int
    let kernel: DiagonalMixtureKernel
    let weightTransform: StickBreakingTransform
    let orderTransform: OrderedTransform

    /// - Throws: `SamplerError.invalidModelInput` for fewer rows than components or a
    ///   non-finite value (naming its row and column), `.invalidSetting` for bad priors.
    public init(data x: Matrix, components k: Int, priors: GaussianMixturePriors = GaussianMixturePriors(),
                labels: LabelConstraint = .orderedFirstCoordinate) throws {
        try priors.validate()
        try self.init(data: x, components: k, priors: priors, conjugate: nil, labels: labels)
    }

    /// The conjugate version of the model (w ~ Dirichlet(α), σ²ₖd ~ InvGamma(a₀, b₀),
    /// μₖd | σ²ₖd ~ N(m₀, σ²ₖd/κ₀)), for comparing NUTS with Gibbs on the same posterior.
    public init(data x: Matrix, components k: Int, conjugatePriors: ConjugatePriors,
                labels: LabelConstraint = .orderedFirstCoordinate) throws {
        try conjugatePriors.validate()
        try self.init(data: x, components: k, priors: nil, conjugate: conjugatePriors, labels: labels)
    }

    private init(data x: Matrix, components k: Int, priors: GaussianMixturePriors?, conjugate: ConjugatePriors?,
                 labels: LabelConstraint) throws {
        guard k >= 1 else { throw SamplerError.invalidSetting("components must be ≥ 1, got \(k)") }
        guard x.columns >= 1 else { throw SamplerError.invalidModelInput("the data have no columns") }
        try SamplerInputCheck.rows(x, components: k)
        components = k
        dimensions = x.columns
        self.priors = priors
        self.conjugatePriors = conjugate
        self.labels = labels
        data = x.storage
        rows = x.rows
        kernel = DiagonalMixtureKernel(rowMajor: x.storage, rows: x.rows, dimensions: x.columns)
        weightTransform = StickBreakingTransform(components: k)
        orderTransform = OrderedTransform(count: k)
    }

    public var dimension: Int { (components - 1) + 2 * components * dimensions }

    public var parameterNames: [String] {
        let k = components, d = dimensions
        var names = (1...k).map { "w[\($0)]" }
        for c in 1...k { for j in 1...d { names.append("mu[\(c),\(j)]") } }
        for c in 1...k { for j in 1...d { names.append("sigma[\(c),\(j)]") } }
        return names
    }

    /// Constrained parameters from unconstrained q: (w, μ K×D, σ K×D) and the log-Jacobian.
    func unpack(_ q: UnsafePointer<Double>, weights w: UnsafeMutablePointer<Double>,
                means mu: UnsafeMutablePointer<Double>, scales sigma: UnsafeMutablePointer<Double>) -> Double {
        let k = components, d = dimensions
        var lj = weightTransform.constrain(q, into: w)
        let meanStart = q + (k - 1)
        var first = [Double](repeating: 0, count: k)
        switch labels {
        case .orderedFirstCoordinate:
            lj += first.withUnsafeMutableBufferPointer { orderTransform.constrain(meanStart, into: $0.baseAddress!) }
        case .none:
            for c in 0..<k { first[c] = meanStart[c] }
        }
        let rest = meanStart + k
        for c in 0..<k {
            mu[c * d] = first[c]
            for j in 1..<max(d, 1) where j < d { mu[c * d + j] = rest[c * (d - 1) + j - 1] }
        }
        let logScales = rest + k * (d - 1)
        for i in 0..<(k * d) { sigma[i] = exp(logScales[i]); lj += logScales[i] }
        return lj
    }

    public func constrain(_ q: [Double]) -> [Double] {
        let k = components, d = dimensions
        var out = [Double](repeating: 0, count: k + 2 * k * d)
        q.withUnsafeBufferPointer { qp in
            out.withUnsafeMutableBufferPointer { o in
                _ = unpack(qp.baseAddress!, weights: o.baseAddress!, means: o.baseAddress! + k, scales: o.baseAddress! + k + k * d)
            }
        }
        return out
    }

    /// Unconstrained coordinates of given weights (K), means (K×D, row-major) and scales (K×D).
    /// Under `.orderedFirstCoordinate` the components are sorted by their first mean coordinate.
    public func unconstrain(weights: [Double], means: [Double], scales: [Double]) -> [Double] {
        let k = components, d = dimensions
        var order = Array(0..<k)
        if labels == .orderedFirstCoordinate { order.sort { means[$0 * d] < means[$1 * d] } }
        var q = weightTransform.unconstrain(order.map { weights[$0] })
        let first = order.map { means[$0 * d] }
        q += labels == .orderedFirstCoordinate ? orderTransform.unconstrain(first) : first
        for c in order { for j in 1..<max(d, 1) where j < d { q.append(means[c * d + j]) } }
        for c in order { for j in 0..<d { q.append(log(scales[c * d + j])) } }
        return q
    }

    /// A start near a k-means solution (k-means++ seeding, three restarts, seeded from
    /// `generator`): means at the centres, scales at the clusters' standard deviations,
    /// weights at the cluster fractions, each jittered a little. Random starts often put
    /// two components on one cluster, a local mode NUTS cannot leave.
    public func initialPoint(generator: inout RandomGenerator) -> [Double] {
        let k = components, d = dimensions
        let x = Matrix(rows: rows, columns: d, storage: data)
        let labels: [Int]
        if let fit = try? KMeans(components: k, restarts: 3).fit(x, seed: generator.next()) {
            labels = fit.labels
        } else {
            labels = (0..<rows).map { $0 % k }
        }
        var counts = [Double](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k * d), squares = sums
        for n in 0..<rows {
            let c = labels[n]
            counts[c] += 1
            for j in 0..<d { sums[c * d + j] += data[n * d + j]; squares[c * d + j] += data[n * d + j] * data[n * d + j] }
        }
        var means = [Double](), scales = [Double](), weights = [Double]()
        for c in 0..<k {
            let m = max(counts[c], 1)
            weights.append((counts[c] + 1) / (Double(rows) + Double(k)))
            for j in 0..<d {
                let mean = sums[c * d + j] / m
                let variance = max(squares[c * d + j] / m - mean * mean, 0)
                let sd = max(variance.squareRoot(), 1e-3)
                means.append(mean + 0.05 * sd * generator.normal())
                scales.append(sd * exp(0.05 * generator.normal()))
            }
        }
        return unconstrain(weights: weights, means: means, scales: scales)
    }

    public func logDensity(at q: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
        let k = components, d = dimensions
        let kd = k * d
        // Scratch: w(K) μ(KD) σ(KD) | ∂w(K) ∂μ(KD) ∂σ(KD) | invσ(KD) const(K) | sums S0(K) S1(KD) S2(KD)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * k + 6 * kd + 2 * k + 2 * kd) { buf in
            let base = buf.baseAddress!
            let w = base, mu = w + k, sigma = mu + kd
            let gw = sigma + kd, gmu = gw + k, gsigma = gmu + kd
            let invSigma = gsigma + kd, constant = invSigma + kd
            let s0 = constant + k, s1 = s0 + k, s2 = s1 + kd
            var lp = unpack(q, weights: w, means: mu, scales: sigma)
            let halfLog2Pi = 0.5 * log(2 * Double.pi)
            for c in 0..<k {
                var cst = log(w[c])
                for j in 0..<d {
                    invSigma[c * d + j] = 1 / sigma[c * d + j]
                    cst -= log(sigma[c * d + j]) + halfLog2Pi
                }
                constant[c] = cst
            }
            // Likelihood: per row, the log-sum-exp over components and the responsibility-weighted sums.
            let loglik = kernel.evaluate(components: k, constant: constant, mean: mu, inverseScale: invSigma,
                                         s0: s0, s1: s1, s2: s2)
            lp += loglik
            guard lp.isFinite else { return -.infinity }

            // Gradients with respect to the constrained parameters, priors included.
            let alpha = priors?.dirichletConcentration ?? conjugatePriors!.dirichletConcentration
            for c in 0..<k {
                lp += (alpha - 1) * log(w[c])
                gw[c] = (s0[c] + alpha - 1) / w[c]
            }
            if let priors {
                let meanVar = priors.meanScale * priors.meanScale
                let b = priors.scaleScale
                for i in 0..<kd {
                    let inv = invSigma[i]
                    lp += -0.5 * mu[i] * mu[i] / meanVar
                    gmu[i] = s1[i] * inv * inv - mu[i] / meanVar
                    let t = sigma[i] / b
                    lp += -log1p(t * t)
                    gsigma[i] = s2[i] * inv * inv * inv - s0[i / d] * inv - 2 * t / (b * (1 + t * t))
                }
            } else if let p = conjugatePriors {
                // log N(μ; m₀, σ²/κ₀) + log InvGamma(σ²; a₀, b₀) + log 2σ, as a density of σ.
                for i in 0..<kd {
                    let inv = invSigma[i]
                    let dm = mu[i] - p.meanCenter
                    lp += -0.5 * p.meanPrecision * dm * dm * inv * inv - log(sigma[i])
                        - (2 * p.varianceShape + 1) * log(sigma[i]) - p.varianceScale * inv * inv
                    gmu[i] = s1[i] * inv * inv - p.meanPrecision * dm * inv * inv
                    gsigma[i] = s2[i] * inv * inv * inv - s0[i / d] * inv
                        + p.meanPrecision * dm * dm * inv * inv * inv - (2 * p.varianceShape + 2) * inv
                        + 2 * p.varianceScale * inv * inv * inv
                }
            }

            // Pull back through the transforms.
            weightTransform.pullback(q, constrained: w, gradientX: gw, into: gradient)
            let meanStart = q + (k - 1)
            let gFirst = gradient + (k - 1)
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * k) { tmp in
                let first = tmp.baseAddress!, gx = first + k
                for c in 0..<k { first[c] = mu[c * d]; gx[c] = gmu[c * d] }
                switch labels {
                case .orderedFirstCoordinate:
                    orderTransform.pullback(meanStart, constrained: first, gradientX: gx, into: gFirst)
                case .none:
                    for c in 0..<k { gFirst[c] = gx[c] }
                }
            }
            let gRest = gFirst + k
            for c in 0..<k { for j in 1..<max(d, 1) where j < d { gRest[c * (d - 1) + j - 1] = gmu[c * d + j] } }
            let gLogScale = gRest + k * (d - 1)
            for i in 0..<kd { gLogScale[i] = gsigma[i] * sigma[i] + 1 }
            return lp
        }
    }
}
