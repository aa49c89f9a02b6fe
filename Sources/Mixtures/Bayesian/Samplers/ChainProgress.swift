import Foundation

/// A progress report from one chain while it samples.
public struct ChainProgress: Sendable {
    /// 0-based chain index.
    public var chain: Int
    /// Iterations done, warm-up included.
    public var iteration: Int
    /// Warm-up plus draws.
    public var totalIterations: Int
    /// Whether the chain is still warming up.
    public var warmingUp: Bool
    /// The step size in use (NUTS; nil for Gibbs).
    public var stepSize: Double?
    /// Divergent transitions so far (after warm-up).
    public var divergences: Int

    /// One line such as `chain 2: 1500/2000 (sampling) step 0.231 divergences 0`.
    public var line: String {
        var s = "chain \(chain + 1): \(iteration)/\(totalIterations) (\(warmingUp ? "warm-up" : "sampling"))"
        if let stepSize { s += " step size \(formatSignificant(stepSize, 3))" }
        s += " divergences \(divergences)"
        return s
    }
}

/// `x` with `digits` significant digits, plain notation where sensible.
func formatSignificant(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    if x != 0 && (abs(x) < 1e-3 || abs(x) >= 1e6) { return String(format: "%.\(digits - 1)e", x) }
    return String(format: "%.\(digits)g", x)
}
