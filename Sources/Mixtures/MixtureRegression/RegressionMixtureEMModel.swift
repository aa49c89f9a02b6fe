import Foundation
import LinearAlgebra

/// Settings shared by `MixtureRegression` and `ClusterWeightedRegression`, as the EM model sees them.
struct RegressionMixtureOptions: Sendable {
    var components: Int
    var noise: NoiseVariance
    /// σₖₜ ≥ noiseFloor · sd(yₜ).
    var noiseFloor: Double
    var ridge: Double
    var initialization: RegressionMixtureInitialization
    /// nil: a mixture of regressions; otherwise the covariate Gaussians' structure.
    var covariateStructure: CovarianceType?
    /// Added to each covariate covariance diagonal.
    var regularization: Double
}

/// A regression mixture as seen by the generic `EMDriver`.
///
/// E-step: rₙₖ ∝ πₖ [N(xₙ; μₖ, Σₖ)] N(yₙ; x̃ₙᵀBₖ, σ²ₖ). M-step (the complete-data
/// likelihood factorises): πₖ = Nₖ/N; Bₖ by weighted least squares with weights r·ₖ;
/// σ²ₖₜ = Σₙ rₙₖ eₙₖₜ² / Nₖ (shared: Σₖ Σₙ rₙₖ eₙₖₜ² / N), floored; and, cluster-weighted,
/// the Gaussian-mixture update of (μₖ, Σₖ) through the shared Gaussian layer.
struct RegressionMixtureEMModel: ExpectationMaximizable {
    let options: RegressionMixtureOptions

    func initialParameters(for data: RegressionData, generator: inout RandomGenerator) throws -> RegressionMixtureParameters {
        let r = try RegressionMixtureStart.responsibilities(data, components: options.components,
                                                            initialization: options.initialization, generator: &generator)
        return try maximize(data, r, generator: &generator).parameters
    }

    func expectation(_ data: RegressionData, _ p: RegressionMixtureParameters) throws -> (expectations: Matrix, lowerBound: Double) {
        var logits = try RegressionMixtureDensity.logJoint(data, p, structure: options.covariateStructure)
        let normalizers = LogSumExp.normalizeRows(&logits)
        return (logits, normalizers.reduce(0, +) / Double(data.rows))
    }

    func maximization(_ data: RegressionData, _ r: Matrix, previous: RegressionMixtureParameters,
                      generator: inout RandomGenerator) throws -> EMUpdate<RegressionMixtureParameters> {
        try maximize(data, r, generator: &generator)
    }

    /// The smallest noise variance allowed for target t.
    func varianceFloor(_ data: RegressionData, target t: Int) -> Double {
        max(options.noiseFloor * options.noiseFloor * data.targetVariances[t], Double.leastNormalMagnitude)
    }

    /// The M-step from responsibilities; collapsed components (fewer effective rows than
    /// design columns + 1, a rank-deficient weighted design, a covariate covariance that
    /// is not positive definite) are re-initialised from random soft weights.
    func maximize(_ data: RegressionData, _ r: Matrix, generator: inout RandomGenerator) throws
        -> EMUpdate<RegressionMixtureParameters> {
        let n = data.rows, k = options.components, p = data.design.columns, t = data.targets.columns
        var counts = [Double](repeating: 0, count: k)
        for i in 0..<n { for c in 0..<k { counts[c] += r.storage[i * k + c] } }
        var regressions: [RegressionComponent?] = []
        var squaredErrors = [[Double]](repeating: [Double](repeating: 0, count: t), count: k)
        var collapsed: [Int] = []
        for c in 0..<k {
            let w = (0..<n).map { r.storage[$0 * k + c] }
            guard counts[c] >= Double(p) + 1, let fit = try? weightedFit(data, weights: w) else {
                collapsed.append(c)
                regressions.append(nil)
                continue
            }
            squaredErrors[c] = fit.squaredErrors
            regressions.append(RegressionComponent(coefficients: fit.coefficients, noiseVariances: []))
        }
        var covariates: CovariateGaussians?
        if let structure = options.covariateStructure {
            let moments = WeightedMoments(rows: data.covariates, responsibilities: r)
            let covariances = GaussianEstimators.covariances(moments, structure: structure, regularization: options.regularization)
            for c in 0..<k where !collapsed.contains(c) && (try? covariances[c].cholesky()) == nil { collapsed.append(c) }
            covariates = CovariateGaussians(means: moments.means, covariances: covariances)
        }
        collapsed.sort()
        // Re-initialise collapsed components from random soft weights (drawn in component order).
        for c in collapsed {
            let w = (0..<n).map { _ in generator.uniform() }
            let fit = try weightedFit(data, weights: w)
            let total = w.reduce(0, +)
            regressions[c] = RegressionComponent(coefficients: fit.coefficients, noiseVariances: [])
            // Scaled so that squaredErrors / counts is the random-weighted residual variance.
            squaredErrors[c] = fit.squaredErrors.map { $0 * Double(n) / total }
            counts[c] = Double(n)
            if var g = covariates {
                let row = generator.index(below: n)
                let d = data.covariates.columns
                for j in 0..<d { g.means.storage[c * d + j] = data.covariates.storage[row * d + j] }
                let summary = DataSummary(data.covariates)
                g.covariances[c] = Matrix.diagonal(summary.variances.map { $0 + options.regularization })
                covariates = g
            }
        }
        // Noise variances (collapsed ones from their random weights, each over N rows).
        var variances = [[Double]](repeating: [Double](repeating: 0, count: t), count: k)
        switch options.noise {
        case .perComponent:
            for c in 0..<k { for j in 0..<t { variances[c][j] = squaredErrors[c][j] / counts[c] } }
        case .shared:
            let total = counts.reduce(0, +)
            for j in 0..<t {
                let v = (0..<k).reduce(0.0) { $0 + squaredErrors[$1][j] } / total
                for c in 0..<k { variances[c][j] = v }
            }
        }
        for c in 0..<k { for j in 0..<t { variances[c][j] = max(variances[c][j], varianceFloor(data, target: j)) } }
        var weights = counts
        for c in collapsed { weights[c] = Double(n) / Double(k) }
        let sum = weights.reduce(0, +)
        weights = weights.map { $0 / sum }
        let components = (0..<k).map { c in
            RegressionComponent(coefficients: regressions[c]!.coefficients, noiseVariances: variances[c])
        }
        return EMUpdate(parameters: RegressionMixtureParameters(weights: weights, regressions: components, covariates: covariates),
                        reinitializedComponents: collapsed)
    }

    /// Bₖ by weighted least squares and Σₙ wₙ eₙₜ² per target.
    private func weightedFit(_ data: RegressionData, weights w: [Double]) throws -> (coefficients: Matrix, squaredErrors: [Double]) {
        let fit = try LeastSquares.weighted(data.design, data.targets, weights: w, ridge: options.ridge)
        let n = data.rows, t = data.targets.columns, q = data.design.columns
        var errors = [Double](repeating: 0, count: t)
        data.design.storage.withUnsafeBufferPointer { x in
            data.targets.storage.withUnsafeBufferPointer { y in
                fit.coefficients.storage.withUnsafeBufferPointer { b in
                    w.withUnsafeBufferPointer { wp in
                        for j in 0..<t {
                            var sum = 0.0
                            for i in 0..<n where wp[i] != 0 {
                                var m = 0.0
                                for a in 0..<q { m += x[i * q + a] * b[a * t + j] }
                                let e = y[i * t + j] - m
                                sum += wp[i] * e * e
                            }
                            errors[j] = sum
                        }
                    }
                }
            }
        }
        return (fit.coefficients, errors)
    }
}
