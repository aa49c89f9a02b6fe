import Foundation

/// Stan's map from ℝ^{D(D−1)/2} to the Cholesky factor L of a D × D correlation matrix
/// (canonical partial correlations zᵢⱼ = tanh yᵢⱼ; row i of L is built from zᵢ₀ … zᵢ,ᵢ₋₁ so
/// that it has unit length). log|J| = Σᵢ>ⱼ [log(1 − zᵢⱼ²) + ½ log(1 − Σₘ<ⱼ Lᵢₘ²)]. The LKJ(1)
/// density of L, Σᵢ (D − 1 − i) log Lᵢᵢ, is added by `constrain` when `lkjUniform` is set,
/// making Ω = LLᵀ uniform over correlation matrices.
public struct CholeskyCorrelationTransform: ConstrainingTransform {
    /// D, the matrix order.
    public let order: Int
    /// Add the LKJ(η = 1) log density of L to the log-Jacobian.
    public let lkjUniform: Bool

    public init(order: Int, lkjUniform: Bool = false) {
        self.order = order
        self.lkjUniform = lkjUniform
    }

    public var unconstrainedCount: Int { order * (order - 1) / 2 }
    /// L, row-major D × D (upper triangle zero).
    public var constrainedCount: Int { order * order }

    public func constrain(_ y: UnsafePointer<Double>, into l: UnsafeMutablePointer<Double>) -> Double {
        let d = order
        var lj = 0.0, at = 0
        for i in 0..<(d * d) { l[i] = 0 }
        if d > 0 { l[0] = 1 }
        for i in 1..<max(d, 1) {
            var sum = 0.0
            for j in 0..<i {
                let z = tanh(y[at]); at += 1
                let remaining = 1 - sum
                l[i * d + j] = z * remaining.squareRoot()
                lj += log1p(-z * z) + 0.5 * log(remaining)
                sum += l[i * d + j] * l[i * d + j]
            }
            l[i * d + i] = max(1 - sum, 0).squareRoot()
            if lkjUniform { lj += Double(d - 1 - i) * 0.5 * log(max(1 - sum, 0)) }
        }
        return lj
    }

    public func pullback(_ y: UnsafePointer<Double>, constrained l: UnsafePointer<Double>,
                         gradientX g: UnsafePointer<Double>, into gy: UnsafeMutablePointer<Double>) {
        let d = order
        var start = 0
        for i in 1..<max(d, 1) {
            // Forward quantities of row i: z and the partial sums before each column.
            var z = [Double](repeating: 0, count: i), before = [Double](repeating: 0, count: i + 1)
            for j in 0..<i {
                z[j] = tanh(y[start + j])
                before[j + 1] = before[j] + l[i * d + j] * l[i * d + j]
            }
            let lii = l[i * d + i]
            // Adjoint of the final sum: through Lᵢᵢ = √(1 − s) and the LKJ term.
            var adjointSum = g[i * d + i] * (-0.5 / lii)
            if lkjUniform { adjointSum += Double(d - 1 - i) * 0.5 * (-1 / (1 - before[i])) }
            for j in stride(from: i - 1, through: 0, by: -1) {
                let lij = l[i * d + j]
                let adjointL = g[i * d + j] + 2 * lij * adjointSum
                let root = (1 - before[j]).squareRoot()
                var adjointZ = adjointL * root - 2 * z[j] / (1 - z[j] * z[j])
                adjointSum += adjointL * z[j] * (-0.5 / root) - 0.5 / (1 - before[j])
                adjointZ *= 1 - z[j] * z[j]
                gy[start + j] = adjointZ
            }
            start += i
        }
    }

    public func unconstrain(_ l: [Double]) -> [Double] {
        let d = order
        var y = [Double]()
        for i in 1..<max(d, 1) {
            var sum = 0.0
            for j in 0..<i {
                let z = l[i * d + j] / max(1 - sum, 1e-300).squareRoot()
                y.append(atanh(min(max(z, -1 + 1e-15), 1 - 1e-15)))
                sum += l[i * d + j] * l[i * d + j]
            }
        }
        return y
    }
}
