import Foundation
import LinearAlgebra

/// The E-step of a Gaussian mixture, built from the Gaussian layer's pieces:
///
///     log ρₙₖ = log πₖ + log N(xₙ; μₖ, Σₖ)        (GaussianComponents, weights folded into the constant)
///     log p(xₙ) = logsumexp_k log ρₙₖ              (LogSumExp)
///     rₙₖ = exp(log ρₙₖ − log p(xₙ))               (responsibilities, each row sums to 1)
///
/// The lower bound EM reports is the mean of `log p(xₙ)`. Rows are processed in
/// cache-sized blocks (see `EMPass`), both steps on a block while it is in cache.
public enum GaussianMixtureEM {
    /// Up to this many columns the per-row loops beat BLAS calls on thin blocks.
    static let smallDimension = GaussianComponents.smallDimension

    /// One E-step: responsibilities (N × K, rows sum to one) and the mean log-likelihood
    /// per sample under `parameters`.
    /// - Throws: `GaussianMixtureError` for mismatched shapes, or
    ///   `LinearAlgebraError.notPositiveDefinite` for a covariance that is not.
    public static func eStep(_ x: Matrix, _ parameters: GaussianMixtureParameters,
                             _ covarianceType: CovarianceType) throws -> (responsibilities: Matrix, meanLogLikelihood: Double) {
        guard x.columns == parameters.dimensions else {
            throw GaussianMixtureError.dimensionMismatch(expected: parameters.dimensions, found: x.columns)
        }
        let geometry = try MixtureGeometry(parameters, covarianceType: covarianceType)
        var responsibilities = Matrix(rows: x.rows, columns: parameters.components)
        let total = responsibilities.storage.withUnsafeMutableBufferPointer { r in
            EMPass.run(x, geometry: geometry, responsibilitiesOut: r.baseAddress).logLikelihood
        }
        return (responsibilities, total / Double(max(1, x.rows)))
    }

    /// Per-sample log density `log p(xₙ)` under the mixture.
    public static func logDensities(_ x: Matrix, _ parameters: GaussianMixtureParameters,
                                    _ covarianceType: CovarianceType) throws -> [Double] {
        guard x.columns == parameters.dimensions else {
            throw GaussianMixtureError.dimensionMismatch(expected: parameters.dimensions, found: x.columns)
        }
        let geometry = try MixtureGeometry(parameters, covarianceType: covarianceType)
        var out = [Double](repeating: 0, count: x.rows)
        out.withUnsafeMutableBufferPointer { p in
            _ = EMPass.run(x, geometry: geometry, logDensityOut: p.baseAddress)
        }
        return out
    }

    /// The E-step on one block of `rows` rows at `x`: weighted component log densities
    /// into `responsibilities` (rows × K), normalised there by log-sum-exp; each row's log
    /// density goes to `logDensity` (if non-nil). Returns the block's total
    /// log-likelihood. `scratch` holds `geometry.gaussians.scratchCount(rows:)` doubles.
    static func blockEStep(x: UnsafePointer<Double>, rows: Int, geometry g: MixtureGeometry,
                           scratch: UnsafeMutablePointer<Double>,
                           responsibilities: UnsafeMutablePointer<Double>,
                           logDensity: UnsafeMutablePointer<Double>?) -> Double {
        g.gaussians.blockLogDensities(x, rows: rows, constants: g.constants, scratch: scratch, into: responsibilities)
        return LogSumExp.normalizeRows(responsibilities, rows: rows, columns: g.components, logNormalizers: logDensity)
    }
}
