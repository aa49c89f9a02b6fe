import LinearAlgebra

/// A canonical numbering of mixture components, so that the same cluster gets the same
/// number (and, in figures, the same colour) whatever start or seed EM ran from.
///
/// EM's component labels are arbitrary: two fits of the same data from different seeds
/// can find the same clusters in a different order (label switching). Sorting the
/// components by their means — the first coordinate, then the second, and so on, with
/// the weight as the last tie-breaker — gives every fit of the same clusters the same
/// labels. On Old Faithful (eruption length first) this makes the short-eruption cluster
/// component 1.
extension GaussianMixtureParameters {
    /// The component indices in canonical order: `canonicalOrder[0]` is the component that
    /// becomes number 1 (the one with the smallest first mean coordinate).
    public var canonicalOrder: [Int] {
        let d = dimensions
        return (0..<components).sorted { a, b in
            for j in 0..<d where means[a, j] != means[b, j] { return means[a, j] < means[b, j] }
            if weights[a] != weights[b] { return weights[a] > weights[b] }
            return a < b
        }
    }

    /// The same mixture with its components taken in the order `order` (a permutation of
    /// `0..<components`): component `i` of the result is component `order[i]` of this one.
    public func reordered(_ order: [Int]) -> GaussianMixtureParameters {
        precondition(order.sorted() == Array(0..<components),
                     "reordered: \(order) is not a permutation of the \(components) components")
        return GaussianMixtureParameters(
            weights: order.map { weights[$0] },
            means: Matrix(order.map { means.row($0) }),
            covariances: order.map { covariances[$0] })
    }

    /// The same mixture with its components in canonical order (see `canonicalOrder`).
    public func canonicallyOrdered() -> GaussianMixtureParameters { reordered(canonicalOrder) }
}

extension FittedGaussianMixture {
    /// The same fit with its components numbered canonically (by their means, first
    /// coordinate first; see `GaussianMixtureParameters.canonicalOrder`). The likelihood,
    /// the trace and the other fit history are unchanged; only the labels are permuted,
    /// so `predict`, `responsibilities` and `trainingResponsibilities` columns follow the
    /// new numbering.
    /// - Throws: never for a fitted model (its parameters were valid); rethrows the
    ///   validation error of the permuted parameters otherwise.
    public func canonicallyOrdered() throws -> FittedGaussianMixture {
        let order = parameters.canonicalOrder
        // The kept training responsibilities follow the new numbering column by column.
        let responsibilities = trainingResponsibilities.map { r in
            Matrix((0..<r.rows).map { n in order.map { r[n, $0] } })
        }
        return try FittedGaussianMixture(
            parameters: parameters.reordered(order), covarianceType: covarianceType,
            logLikelihood: logLikelihood, lowerBoundTrace: lowerBoundTrace,
            iterations: iterations, converged: converged, sampleCount: sampleCount,
            restartLogLikelihoods: restartLogLikelihoods, warnings: warnings,
            trainingResponsibilities: responsibilities)
    }
}
