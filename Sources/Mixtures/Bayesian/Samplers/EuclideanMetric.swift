import Foundation
import LinearAlgebra

/// The inverse mass matrix M⁻¹ of Euclidean HMC: kinetic energy ½ pᵀM⁻¹p, momenta
/// p ~ N(0, M). Diagonal (n variances) or dense (an n × n covariance and its Cholesky
/// factor L, M⁻¹ = L Lᵀ).
struct EuclideanMetric: Sendable {
    let dimension: Int
    let kind: MetricKind
    /// Diagonal: n entries of M⁻¹. Dense: n×n M⁻¹, row-major.
    private(set) var inverse: [Double]
    /// Dense only: lower Cholesky factor of M⁻¹, row-major.
    private var lower: [Double]

    /// The unit metric.
    init(dimension: Int, kind: MetricKind) {
        self.dimension = dimension
        self.kind = kind
        switch kind {
        case .diagonal:
            inverse = [Double](repeating: 1, count: dimension)
            lower = []
        case .dense:
            inverse = Matrix.identity(dimension).storage
            lower = inverse
        }
    }

    /// The diagonal of M⁻¹ (the variances the metric assumes).
    var inverseDiagonal: [Double] {
        kind == .diagonal ? inverse : (0..<dimension).map { inverse[$0 * dimension + $0] }
    }

    /// Sets M⁻¹ from an estimate (diagonal: variances; dense: covariance, row-major).
    /// A dense estimate that is not positive definite leaves the metric unchanged.
    mutating func update(_ estimate: [Double]) {
        switch kind {
        case .diagonal:
            inverse = estimate
        case .dense:
            let m = Matrix(rows: dimension, columns: dimension, storage: estimate)
            if let c = try? m.cholesky() {
                inverse = estimate
                lower = c.lower.storage
            }
        }
    }

    /// p♯ = M⁻¹ p.
    func sharp(_ p: [Double], into out: inout [Double]) {
        let n = dimension
        switch kind {
        case .diagonal:
            for i in 0..<n { out[i] = inverse[i] * p[i] }
        case .dense:
            for i in 0..<n {
                var s = 0.0
                for j in 0..<n { s += inverse[i * n + j] * p[j] }
                out[i] = s
            }
        }
    }

    /// ½ pᵀ M⁻¹ p.
    func kineticEnergy(_ p: [Double]) -> Double {
        let n = dimension
        var s = 0.0
        switch kind {
        case .diagonal:
            for i in 0..<n { s += inverse[i] * p[i] * p[i] }
        case .dense:
            for i in 0..<n {
                var t = 0.0
                for j in 0..<n { t += inverse[i * n + j] * p[j] }
                s += p[i] * t
            }
        }
        return 0.5 * s
    }

    /// A momentum draw p ~ N(0, M).
    func sampleMomentum(_ generator: inout RandomGenerator, into p: inout [Double]) {
        let n = dimension
        switch kind {
        case .diagonal:
            for i in 0..<n { p[i] = generator.normal() / inverse[i].squareRoot() }
        case .dense:
            // p = L⁻ᵀ z, so that Cov(p) = L⁻ᵀ L⁻¹ = (L Lᵀ)⁻¹ = M.
            for i in 0..<n { p[i] = generator.normal() }
            for i in stride(from: n - 1, through: 0, by: -1) {
                var s = p[i]
                for j in (i + 1)..<n { s -= lower[j * n + i] * p[j] }
                p[i] = s / lower[i * n + i]
            }
        }
    }
}

/// Running (co)variance of warm-up draws (Welford), regularised towards 10⁻³·I as Stan does.
struct MetricEstimator: Sendable {
    let dimension: Int
    let kind: MetricKind
    private var count = 0
    private var mean: [Double]
    private var m2: [Double]

    init(dimension: Int, kind: MetricKind) {
        self.dimension = dimension
        self.kind = kind
        mean = [Double](repeating: 0, count: dimension)
        m2 = [Double](repeating: 0, count: kind == .diagonal ? dimension : dimension * dimension)
    }

    mutating func add(_ q: [Double]) {
        count += 1
        let n = dimension
        var delta = [Double](repeating: 0, count: n)
        for i in 0..<n {
            delta[i] = q[i] - mean[i]
            mean[i] += delta[i] / Double(count)
        }
        switch kind {
        case .diagonal:
            for i in 0..<n { m2[i] += delta[i] * (q[i] - mean[i]) }
        case .dense:
            for i in 0..<n {
                for j in 0..<n { m2[i * n + j] += delta[i] * (q[j] - mean[j]) }
            }
        }
    }

    /// (n/(n+5))·S + 10⁻³·(5/(n+5))·I, S the sample (co)variance; then forgets the draws.
    mutating func regularisedEstimate() -> [Double] {
        let n = Double(count)
        let w = n / (n + 5), shrink = 1e-3 * 5 / (n + 5)
        var out = m2.map { w * $0 / max(n - 1, 1) }
        switch kind {
        case .diagonal: for i in 0..<dimension { out[i] += shrink }
        case .dense: for i in 0..<dimension { out[i * dimension + i] += shrink }
        }
        self = MetricEstimator(dimension: dimension, kind: kind)
        return out
    }
}
