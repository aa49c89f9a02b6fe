import Foundation
import LinearAlgebra

/// Mini-batch Adam ascent on log p(x) in unconstrained coordinates (the gradient variants
/// of the hierarchical mixture). Each epoch visits the rows in a fresh seeded order, in
/// batches; each step follows the analytic gradient of the batch's mean log-likelihood.
///
/// The noise variances are held at the same floor as in EM. Guard: a step that would leave the coordinates non-finite, or (restricted model) make
/// the implied latent prior improper, is not taken and the learning rate is halved.
struct GradientTraining {
    let gradient: HierarchicalMixtureGradient
    let learningRate: Double
    let batchSize: Int
    let epochs: Int
    let tolerance: Double
    /// Noise variances are kept at least these (p, as in EM), so constant columns stay finite.
    let floors: [Double]

    struct Outcome {
        var parameters: HierarchicalMixtureParameters
        /// Mean log-likelihood per row of all the data at the start of every epoch.
        var trace: [Double]
        var epochs: Int
        var converged: Bool
        var rejectedSteps: Int
    }

    func run(_ x: Matrix, from start: HierarchicalMixtureParameters, generator: inout RandomGenerator) throws -> Outcome {
        let n = x.rows, p = x.columns
        var theta = try gradient.coordinates.vector(start)
        var adam = Adam(count: theta.count, learningRate: learningRate)
        var trace: [Double] = []
        var converged = false
        var rejected = 0
        var epoch = 0
        var order = Array(0..<n)
        let size = max(1, min(batchSize, n))
        // The floors of the log noise variances (one per pixel, or their mean for σ²I), fixed for the fit.
        let c = gradient.coordinates, psiOffset = c.offsetPsi
        let logFloors = c.psiCount == c.p ? floors.map { log($0) } : [log(floors.reduce(0, +) / Double(c.p))]
        while epoch < epochs {
            epoch += 1
            let value = try gradient.logLikelihood(x, theta) / Double(n)
            if let last = trace.last, abs(value - last) < tolerance { trace.append(value); converged = true; break }
            trace.append(value)
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, generator.index(below: i + 1)) }
            for first in stride(from: 0, to: n, by: size) {
                let rows = order[first..<min(n, first + size)]
                var batch = Matrix(rows: rows.count, columns: p)
                for (r, i) in rows.enumerated() { for j in 0..<p { batch.storage[r * p + j] = x.storage[i * p + j] } }
                let (_, g) = try gradient.valueAndGradient(batch, theta)
                let scale = 1 / Double(rows.count)
                let step = adam.step(g.map { $0 * scale })
                var candidate = zip(theta, step).map { $0 + $1 }
                for (i, floor) in logFloors.enumerated() {
                    candidate[psiOffset + i] = max(candidate[psiOffset + i], floor)
                }
                if candidate.allSatisfy(\.isFinite), gradient.coordinates.isProper(candidate) {
                    theta = candidate
                } else {
                    rejected += 1
                    adam.learningRate *= 0.5
                }
            }
        }
        let final = try gradient.coordinates.parameters(theta)
        return Outcome(parameters: final, trace: trace, epochs: epoch, converged: converged, rejectedSteps: rejected)
    }
}
