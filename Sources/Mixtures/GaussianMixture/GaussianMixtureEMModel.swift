import LinearAlgebra

/// A Gaussian mixture as seen by the generic `EMDriver`: initialisation, E-step, M-step
/// (with collapsed components re-initialised at a random data row), and a fused
/// iteration that reads the data once.
struct GaussianMixtureEMModel: ExpectationMaximizable {
    let configuration: GaussianMixture
    let summary: DataSummary
    /// The data's rounding variance (`DataResolution`), for `isDegenerate`; computed only
    /// when the settings reject degenerate maxima.
    var roundingVariance = 0.0

    func initialParameters(for x: Matrix, generator: inout RandomGenerator) throws -> GaussianMixtureParameters {
        if let p = configuration.startingParameters { return p }
        let r = try configuration.settings.initialization.startingResponsibilities(
            x, components: configuration.components, generator: &generator)
        return maximize(x, r, generator: &generator).parameters
    }

    func expectation(_ x: Matrix, _ p: GaussianMixtureParameters) throws -> (expectations: Matrix, lowerBound: Double) {
        let (r, bound) = try GaussianMixtureEM.eStep(x, p, configuration.covarianceType)
        return (r, bound)
    }

    func maximization(_ x: Matrix, _ r: Matrix, previous: GaussianMixtureParameters,
                      generator: inout RandomGenerator) throws -> EMUpdate<GaussianMixtureParameters> {
        maximize(x, r, generator: &generator)
    }

    /// The M-step from responsibilities (the previous parameters are not needed).
    private func maximize(_ x: Matrix, _ r: Matrix, generator: inout RandomGenerator) -> EMUpdate<GaussianMixtureParameters> {
        let stats = SufficientStatistics.accumulated(x, responsibilities: r, covarianceType: configuration.covarianceType)
        return finish(stats, x, generator: &generator, lowerBound: nil)
    }

    /// Fused E + M: one pass over the data per iteration.
    func iterate(_ x: Matrix, _ p: GaussianMixtureParameters, generator: inout RandomGenerator) throws
        -> EMUpdate<GaussianMixtureParameters> {
        let geometry = try MixtureGeometry(p, covarianceType: configuration.covarianceType)
        let output = EMPass.fused(x, geometry: geometry)
        return finish(output.statistics!, x, generator: &generator,
                      lowerBound: output.logLikelihood / Double(x.rows))
    }

    func lowerBound(_ x: Matrix, _ p: GaussianMixtureParameters) throws -> Double {
        let geometry = try MixtureGeometry(p, covarianceType: configuration.covarianceType)
        return EMPass.run(x, geometry: geometry).logLikelihood / Double(x.rows)
    }

    /// A component narrower than the data can resolve (`CollapsePolicy.isUnsupported`).
    func isDegenerate(_ x: Matrix, _ p: GaussianMixtureParameters) -> Bool {
        let floor = CollapsePolicy.degeneracyFloor(regularization: configuration.regularization,
                                                   roundingVariance: roundingVariance)
        return !CollapsePolicy().unsupportedComponents(p.covariances, structure: configuration.covarianceType,
                                                       floor: floor).isEmpty
    }

    private func finish(_ stats: SufficientStatistics, _ x: Matrix, generator: inout RandomGenerator,
                        lowerBound: Double?) -> EMUpdate<GaussianMixtureParameters> {
        var draws: [Int: Int] = [:]
        let regularization = configuration.regularization
        let variances = summary.variances.map { $0 + regularization }
        // Rows for re-initialisation are drawn in component order, before use, so the
        // stream does not depend on evaluation order.
        let (parameters, collapsed) = GaussianMixtureEM.parameters(stats, regularization: regularization) { c in
            let row = draws[c] ?? 0
            return (x.row(row), variances)
        }
        guard !collapsed.isEmpty else { return EMUpdate(parameters: parameters, lowerBound: lowerBound) }
        for c in collapsed { draws[c] = CollapsePolicy().replacementRow(rows: x.rows, generator: &generator) }
        let (repaired, _) = GaussianMixtureEM.parameters(stats, regularization: regularization) { c in
            (x.row(draws[c] ?? 0), variances)
        }
        return EMUpdate(parameters: repaired, lowerBound: lowerBound, reinitializedComponents: collapsed)
    }
}
