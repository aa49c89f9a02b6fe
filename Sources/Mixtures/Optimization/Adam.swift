import Foundation

/// Adam (Kingma & Ba 2015) for gradient *ascent* on a flat parameter vector: bias-corrected
/// running means of the gradient and of its square, step `learningRate · m̂ / (√v̂ + ε)`.
public struct Adam: Sendable {
    /// Step size α.
    public var learningRate: Double
    /// Decay of the first-moment estimate β₁.
    public var beta1: Double
    /// Decay of the second-moment estimate β₂.
    public var beta2: Double
    /// ε added to √v̂.
    public var epsilon: Double
    private var m: [Double]
    private var v: [Double]
    /// Steps taken.
    public private(set) var steps: Int = 0

    /// An optimiser for `count` parameters.
    public init(count: Int, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        m = [Double](repeating: 0, count: count)
        v = [Double](repeating: 0, count: count)
    }

    /// The step to add to the parameters to ascend along `gradient` (the state advances).
    public mutating func step(_ gradient: [Double]) -> [Double] {
        precondition(gradient.count == m.count, "Adam: gradient has \(gradient.count) entries, expected \(m.count)")
        steps += 1
        let c1 = 1 - pow(beta1, Double(steps)), c2 = 1 - pow(beta2, Double(steps))
        var delta = [Double](repeating: 0, count: gradient.count)
        for i in 0..<gradient.count {
            m[i] = beta1 * m[i] + (1 - beta1) * gradient[i]
            v[i] = beta2 * v[i] + (1 - beta2) * gradient[i] * gradient[i]
            delta[i] = learningRate * (m[i] / c1) / ((v[i] / c2).squareRoot() + epsilon)
        }
        return delta
    }
}
