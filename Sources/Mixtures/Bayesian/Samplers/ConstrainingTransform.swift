import Foundation

/// A smooth bijection from unconstrained coordinates y to a constrained parameter x
/// (positive scales, simplex weights, ordered means), with its log-Jacobian.
///
/// A model samples y and adds `log |det ∂x/∂y|` to its log density so that the draws of x
/// follow the intended posterior. `pullback` turns the gradient with respect to x into
/// the gradient with respect to y, the log-Jacobian's own gradient included.
public protocol ConstrainingTransform: Sendable {
    /// Coordinates of y.
    var unconstrainedCount: Int { get }
    /// Coordinates of x.
    var constrainedCount: Int { get }
    /// Writes x(y) and returns log |det ∂x/∂y| (for a simplex, of the map to its first
    /// K − 1 coordinates).
    func constrain(_ y: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>) -> Double
    /// Writes ∂/∂y [f(x(y)) + log|J(y)|] given ∂f/∂x (`gradientX`) and x = x(y).
    func pullback(_ y: UnsafePointer<Double>, constrained x: UnsafePointer<Double>,
                  gradientX: UnsafePointer<Double>, into gradientY: UnsafeMutablePointer<Double>)
    /// y(x), the inverse map (for starting points); x must satisfy the constraint.
    func unconstrain(_ x: [Double]) -> [Double]
}

extension ConstrainingTransform {
    /// Array form of `constrain`: x and the log-Jacobian.
    public func constrain(_ y: [Double]) -> (x: [Double], logJacobian: Double) {
        precondition(y.count == unconstrainedCount, "constrain: expected \(unconstrainedCount) values, got \(y.count)")
        var x = [Double](repeating: 0, count: constrainedCount)
        let lj = y.withUnsafeBufferPointer { yp in x.withUnsafeMutableBufferPointer { constrain(yp.baseAddress!, into: $0.baseAddress!) } }
        return (x, lj)
    }

    /// Array form of `pullback`.
    public func pullback(_ y: [Double], gradientX: [Double]) -> [Double] {
        let x = constrain(y).x
        precondition(gradientX.count == constrainedCount, "pullback: expected \(constrainedCount) gradient values")
        var gy = [Double](repeating: 0, count: unconstrainedCount)
        y.withUnsafeBufferPointer { yp in
            x.withUnsafeBufferPointer { xp in
                gradientX.withUnsafeBufferPointer { gp in
                    gy.withUnsafeMutableBufferPointer { pullback(yp.baseAddress!, constrained: xp.baseAddress!, gradientX: gp.baseAddress!, into: $0.baseAddress!) }
                }
            }
        }
        return gy
    }
}

/// x = exp(y), coordinate by coordinate: positive scales. log|J| = Σ y.
public struct LogTransform: ConstrainingTransform {
    public let count: Int
    public init(count: Int) { self.count = count }
    public var unconstrainedCount: Int { count }
    public var constrainedCount: Int { count }

    public func constrain(_ y: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>) -> Double {
        var lj = 0.0
        for i in 0..<count { x[i] = exp(y[i]); lj += y[i] }
        return lj
    }

    public func pullback(_ y: UnsafePointer<Double>, constrained x: UnsafePointer<Double>,
                         gradientX: UnsafePointer<Double>, into gradientY: UnsafeMutablePointer<Double>) {
        for i in 0..<count { gradientY[i] = gradientX[i] * x[i] + 1 }
    }

    public func unconstrain(_ x: [Double]) -> [Double] { x.map { log($0) } }
}

/// Stan's stick-breaking map from ℝ^{K−1} to the K-simplex:
/// zₖ = logistic(yₖ − log(K − 1 − k)), xₖ = zₖ·(1 − Σ_{j<k} xⱼ), x_{K−1} the remaining stick.
/// y = 0 gives equal weights. log|J| = Σₖ log zₖ + log(1 − zₖ) + log(stickₖ).
public struct StickBreakingTransform: ConstrainingTransform {
    /// K, the simplex size (≥ 1).
    public let components: Int
    public init(components: Int) {
        precondition(components >= 1, "StickBreakingTransform needs at least one component")
        self.components = components
    }
    public var unconstrainedCount: Int { components - 1 }
    public var constrainedCount: Int { components }

    @inline(__always) private func offset(_ k: Int) -> Double { log(Double(components - 1 - k)) }

    public func constrain(_ y: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>) -> Double {
        var stick = 1.0, lj = 0.0
        for k in 0..<(components - 1) {
            let a = y[k] - offset(k)
            let z = 1 / (1 + exp(-a))
            // log z + log(1 − z) = −|a| − 2 log(1 + e^{−|a|}), stable for large |a|
            lj += -abs(a) - 2 * log1p(exp(-abs(a))) + log(stick)
            x[k] = stick * z
            stick -= x[k]
        }
        x[components - 1] = stick
        return lj
    }

    public func pullback(_ y: UnsafePointer<Double>, constrained x: UnsafePointer<Double>,
                         gradientX: UnsafePointer<Double>, into gradientY: UnsafeMutablePointer<Double>) {
        let m = components - 1
        if m == 0 { return }
        // Forward quantities again (cheap: K is small): z_k and stick_k.
        var z = [Double](repeating: 0, count: m), stick = [Double](repeating: 0, count: m)
        var s = 1.0
        for k in 0..<m {
            stick[k] = s
            z[k] = 1 / (1 + exp(-(y[k] - offset(k))))
            s -= s * z[k]
        }
        // Reverse sweep: adjoint of stick_{k+1}, starting from x_{K−1} = stick_{K−1}.
        var adjointNext = gradientX[m]
        for k in stride(from: m - 1, through: 0, by: -1) {
            let adjointZ = (gradientX[k] - adjointNext) * stick[k] + 1 / z[k] - 1 / (1 - z[k])
            gradientY[k] = adjointZ * z[k] * (1 - z[k])
            adjointNext = adjointNext * (1 - z[k]) + gradientX[k] * z[k] + 1 / stick[k]
        }
    }

    public func unconstrain(_ x: [Double]) -> [Double] {
        precondition(x.count == components, "unconstrain: expected \(components) weights")
        var y = [Double](repeating: 0, count: components - 1)
        var stick = 1.0
        for k in 0..<(components - 1) {
            let z = min(max(x[k] / stick, 1e-12), 1 - 1e-12)
            y[k] = log(z / (1 - z)) + offset(k)
            stick -= x[k]
            stick = max(stick, 1e-300)
        }
        return y
    }
}

/// x₀ = y₀, xₖ = xₖ₋₁ + exp(yₖ): a strictly increasing vector (ordered means, the usual
/// cure for label switching). log|J| = Σ_{k≥1} yₖ.
public struct OrderedTransform: ConstrainingTransform {
    public let count: Int
    public init(count: Int) { self.count = count }
    public var unconstrainedCount: Int { count }
    public var constrainedCount: Int { count }

    public func constrain(_ y: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>) -> Double {
        guard count > 0 else { return 0 }
        x[0] = y[0]
        var lj = 0.0
        if count > 1 { for k in 1..<count { x[k] = x[k - 1] + exp(y[k]); lj += y[k] } }
        return lj
    }

    public func pullback(_ y: UnsafePointer<Double>, constrained x: UnsafePointer<Double>,
                         gradientX: UnsafePointer<Double>, into gradientY: UnsafeMutablePointer<Double>) {
        var tail = 0.0
        for k in stride(from: count - 1, through: 0, by: -1) {
            tail += gradientX[k]
            gradientY[k] = k == 0 ? tail : tail * exp(y[k]) + 1
        }
    }

    public func unconstrain(_ x: [Double]) -> [Double] {
        guard !x.isEmpty else { return [] }
        var y = [x[0]]
        if x.count > 1 { for k in 1..<x.count { y.append(log(max(x[k] - x[k - 1], 1e-12))) } }
        return y
    }
}
