import Foundation
import LinearAlgebra

/// Validates settings and data, runs the generic `EMDriver`, and assembles the fitted model
/// (final E-step, standard errors, warnings). Shared by both regression-mixture models.
struct RegressionMixtureFitter {
    let options: RegressionMixtureOptions
    let settings: EMSettings

    func fit(_ x: Matrix, _ y: Matrix, covariateNames: [String]?, targetNames: [String]?, intercept: Bool,
             seed: UInt64) throws -> FittedRegressionMixture {
        func bad(_ why: String) -> MixtureRegressionError { .invalidConfiguration(why) }
        do { try settings.validate() } catch let error as EMSettingsError { throw bad(error.description) }
        guard options.noiseFloor > 0, options.noiseFloor.isFinite else {
            throw bad("noiseFloor must be a finite number > 0, got \(options.noiseFloor)")
        }
        guard options.ridge >= 0, options.ridge.isFinite else { throw bad("ridge must be a finite number ≥ 0, got \(options.ridge)") }
        let data = try RegressionData(covariates: x, targets: y, covariateNames: covariateNames, targetNames: targetNames,
                                      intercept: intercept, components: options.components, ridge: options.ridge)
        let model = RegressionMixtureEMModel(options: options)
        let result = try EMDriver(settings: settings).run(model, on: data, seed: seed)
        let parameters = result.parameters
        // The driver skips the bound check exactly where a re-initialisation makes it non-comparable.
        var warnings = result.warnings.map(MixtureRegressionWarning.em)
        let k = options.components
        let policy = CollapsePolicy.regression(designColumns: data.design.columns)
        for c in 0..<k {
            for j in 0..<data.targets.columns
            where policy.isAtFloor(parameters.regressions[c].noiseVariances[j], floor: model.varianceFloor(data, target: j)) {
                warnings.append(.noiseAtFloor(component: c, target: data.targetNames[j]))
            }
            let rows = parameters.weights[c] * Double(data.rows)
            if rows < policy.minimumCount { warnings.append(.smallComponent(component: c, effectiveRows: rows)) }
        }
        let offsets = parameters.covariates == nil ? nil
            : try RegressionMixtureDensity.covariateLogDensities(data.covariates, parameters, structure: options.covariateStructure)
        let errors = RegressionStandardErrors.compute(design: data.design, targets: data.targets, offsets: offsets,
                                                      parameters: parameters, noise: options.noise)
        if errors == nil { warnings.append(.noStandardErrors) }
        return FittedRegressionMixture(
            parameters: parameters, covariateStructure: options.covariateStructure, noise: options.noise,
            intercept: intercept, covariateNames: data.covariateNames, targetNames: data.targetNames,
            logLikelihood: result.lowerBound * Double(data.rows), lowerBoundTrace: result.trace, iterations: result.iterations,
            converged: result.converged, sampleCount: data.rows,
            restartLogLikelihoods: result.restartLowerBounds.map { $0 * Double(data.rows) },
            trainingResponsibilities: result.expectations, standardErrors: errors, warnings: warnings)
    }
}
