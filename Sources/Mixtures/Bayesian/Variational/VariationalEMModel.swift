import Foundation
import LinearAlgebra

/// Mean-field VB for a Gaussian mixture as seen by the generic `EMDriver`: coordinate
/// ascent is an EM-shaped loop whose E-step updates the local factor q(z) (the
/// responsibilities) and whose M-step updates the global factors q(π) Πₖ q(μₖ, Λₖ). The
/// driver's lower bound is the ELBO per row, with every constant, so it bounds
/// log p(X)/N.
///
/// The E-step is the Gaussian mixture's blocked pass with unnormalised log "weights":
/// log ρₙₖ = constantₖ + log N(xₙ; mₖ, Cₖ) (see `VariationalPosterior.eStepConstants`), so its
/// per-row log normaliser is log Σₖ ρₙₖ and, with rₙₖ = ρₙₖ / Σⱼ ρₙⱼ,
/// E_q[log p(X, Z | θ)] − E_q[log q(Z)] = Σₙ log Σₖ ρₙₖ; the ELBO subtracts the global KL.
struct VariationalEMModel: ExpectationMaximizable {
    let configuration: VariationalGaussianMixture
    let prior: ResolvedPrior

    private var covarianceType: CovarianceType { configuration.covarianceType }

    func initialParameters(for x: Matrix, generator: inout RandomGenerator) throws -> VariationalPosterior {
        let r = try configuration.startingResponsibilities(x, generator: &generator)
        return update(moments(x, r))
    }

    func expectation(_ x: Matrix, _ q: VariationalPosterior) throws -> (expectations: Matrix, lowerBound: Double) {
        let geometry = try Self.geometry(q, covarianceType: covarianceType)
        var r = Matrix(rows: x.rows, columns: q.components)
        let total = r.storage.withUnsafeMutableBufferPointer { p in
            EMPass.run(x, geometry: geometry, responsibilitiesOut: p.baseAddress).logLikelihood
        }
        return (r, try bound(total, q, rows: x.rows))
    }

    func maximization(_ x: Matrix, _ r: Matrix, previous: VariationalPosterior,
                      generator: inout RandomGenerator) throws -> EMUpdate<VariationalPosterior> {
        EMUpdate(parameters: update(moments(x, r)))
    }

    /// E-step and M-step fused into one pass over the data.
    func iterate(_ x: Matrix, _ q: VariationalPosterior, generator: inout RandomGenerator) throws
        -> EMUpdate<VariationalPosterior> {
        let geometry = try Self.geometry(q, covarianceType: covarianceType)
        let output = EMPass.fused(x, geometry: geometry)
        return EMUpdate(parameters: update(WeightedMoments(output.statistics!)),
                        lowerBound: try bound(output.logLikelihood, q, rows: x.rows))
    }

    func lowerBound(_ x: Matrix, _ q: VariationalPosterior) throws -> Double {
        let geometry = try Self.geometry(q, covarianceType: covarianceType)
        return try bound(EMPass.run(x, geometry: geometry).logLikelihood, q, rows: x.rows)
    }

    /// The total ELBO for any q(z) = `r` (N × K) with the global factors `q`:
    /// Σₙₖ rₙₖ (log ρₙₖ − log rₙₖ) − KL(global), where log ρₙₖ = log r*ₙₖ + log Σⱼ ρₙⱼ from the
    /// E-step under `q` (r* the optimal q(z)); it equals N × `lowerBound` when r = r*.
    func evidenceLowerBound(_ x: Matrix, responsibilities r: Matrix, _ q: VariationalPosterior) throws -> Double {
        let geometry = try Self.geometry(q, covarianceType: covarianceType)
        let k = q.components
        var optimal = Matrix(rows: x.rows, columns: k)
        var logNormalizers = [Double](repeating: 0, count: x.rows)
        optimal.storage.withUnsafeMutableBufferPointer { rp in
            logNormalizers.withUnsafeMutableBufferPointer { lp in
                _ = EMPass.run(x, geometry: geometry, responsibilitiesOut: rp.baseAddress, logDensityOut: lp.baseAddress)
            }
        }
        var total = 0.0
        for i in 0..<x.rows {
            for c in 0..<k {
                let given = r.storage[i * k + c]
                guard given > 0 else { continue }
                total += given * (log(optimal.storage[i * k + c]) + logNormalizers[i] - log(given))
            }
        }
        return total - (try q.globalDivergence(prior: prior, covarianceType: covarianceType))
    }

    /// ELBO per row from Σₙ log Σₖ ρₙₖ.
    private func bound(_ logNormalizers: Double, _ q: VariationalPosterior, rows: Int) throws -> Double {
        (logNormalizers - (try q.globalDivergence(prior: prior, covarianceType: covarianceType))) / Double(rows)
    }

    func update(_ moments: WeightedMoments) -> VariationalPosterior {
        VariationalUpdate.posterior(moments, regularization: configuration.regularization, prior: prior,
                                    weightPrior: configuration.weightPrior, covarianceType: covarianceType)
    }

    /// The weighted moments of `x` under responsibilities `r` (one blocked pass).
    func moments(_ x: Matrix, _ r: Matrix) -> WeightedMoments {
        WeightedMoments(SufficientStatistics.accumulated(x, responsibilities: r, covarianceType: covarianceType))
    }

    /// The E-step's components (see `MixtureGeometry.init(_:covarianceType:)`).
    static func geometry(_ q: VariationalPosterior, covarianceType: CovarianceType) throws -> MixtureGeometry {
        try MixtureGeometry(q, covarianceType: covarianceType)
    }
}
