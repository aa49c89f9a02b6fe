import Foundation
import LinearAlgebra

/// What a Gaussian mixture's E-step needs, prepared once per iteration: the factored
/// components and the constant of each weighted log density `log πₖ + log N(·; μₖ, Σₖ)`.
struct MixtureGeometry: Sendable {
    /// The K components, factored.
    let gaussians: GaussianComponents
    /// `log πₖ − D/2·log 2π + Σᵢ log Uₖ,ᵢᵢ`, K of them (see `GaussianComponents.logDensityConstants`).
    let constants: [Double]

    /// Prepares `parameters`.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when a covariance is not.
    init(_ parameters: GaussianMixtureParameters, covarianceType: CovarianceType) throws {
        gaussians = try GaussianComponents(means: parameters.means, covariances: parameters.covariances,
                                           structure: covarianceType)
        constants = gaussians.logDensityConstants(adding: parameters.weights.map { Foundation.log($0) })
    }

    var covarianceType: CovarianceType { gaussians.structure }
    var components: Int { gaussians.components }
    var dimensions: Int { gaussians.dimensions }
    /// Means, K × D row-major (the centres of a fused iteration's scatter).
    var means: [Double] { gaussians.means }
}
