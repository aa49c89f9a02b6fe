import Foundation

/// Nesterov dual averaging of the log step size (Hoffman & Gelman 2014, §3.2), with
/// Stan's constants: it drives the mean acceptance statistic towards `target`.
struct DualAveraging: Sendable {
    var target: Double
    let gamma = 0.05, kappa = 0.75, t0 = 10.0
    private(set) var mu: Double
    private var counter = 0.0, sBar = 0.0, xBar = 0.0

    init(target: Double, initialStepSize: Double) {
        self.target = target
        self.mu = log(10 * initialStepSize)
    }

    /// Forgets the history and centres the search on 10 × `stepSize`.
    mutating func restart(stepSize: Double) {
        mu = log(10 * stepSize)
        counter = 0; sBar = 0; xBar = 0
    }

    /// One update from an iteration's acceptance statistic; returns the next step size.
    mutating func learn(acceptance: Double) -> Double {
        counter += 1
        let a = min(1, acceptance.isNaN ? 0 : acceptance)
        let eta = 1 / (counter + t0)
        sBar = (1 - eta) * sBar + eta * (target - a)
        let x = mu - sBar * counter.squareRoot() / gamma
        let xEta = pow(counter, -kappa)
        xBar = (1 - xEta) * xBar + xEta * x
        return exp(x)
    }

    /// The step size to sample with after warm-up: exp of the averaged log step size.
    var finalStepSize: Double { exp(xBar) }
}
