import Foundation
import LinearAlgebra

extension MixtureGeometry {
    /// The VB E-step's components: means mₖ, covariances Cₖ = E[Λₖ]⁻¹, and in place of log
    /// weights the constants of log ρₙₖ (see `VariationalPosterior.eStepConstants`), so the
    /// Gaussian mixture's blocked pass computes q(z) and Σₙ log Σₖ ρₙₖ unchanged.
    init(_ q: VariationalPosterior, covarianceType: CovarianceType) throws {
        gaussians = try GaussianComponents(means: q.means, covariances: q.covariances, structure: covarianceType)
        constants = gaussians.logDensityConstants(adding: q.eStepConstants(covarianceType: covarianceType))
    }
}
