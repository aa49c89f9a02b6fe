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
        let rows = logits.rows, columns = logits.columns
        let total = logits.storage.withUnsafeMutableBufferPointer {
            LogSumExp.normalizeRows($0.baseAddress!, rows: rows, columns: columns, logNormalizers: nil)
        }
        return (logits, total / Double(data.rows))
    }

    func maximization(_ data: RegressionData, _ r: Matrix, previous: RegressionMixtureParameters,
                      generator: inout RandomGenerator) throws -> EMUpdate<RegressionMixtureParameters> {
        try maximize(data, r, generator: &generator)
    }

    /// The smallest noise variance allowed for target t.
    func varianceFloor(_ data: RegressionData, target t: Int) -> Double {
        max(options.noiseFloor * options.noiseFloor * data.targetVariances[t], Double.leastNormalMagnitude)
    }

    /// The M-step from responsibilities. Which components collapsed and what replaces them is
    /// `CollapsePolicy.regression(designColumns:)`'s decision: fewer effective rows than
    /// design columns + 1, a rank-deficient weighted design, or a covariate covariance that
    /// is not positive definite; such a component is refitted to random soft weights (its
    /// covariate mean at a random row), and every noise variance is floored.
    func maximize(_ data: RegressionData, _ r: Matrix, generator: inout RandomGenerator) throws
        -> EMUpdate<RegressionMixtureParameters> {
        let n = data.rows, k = options.components, p = data.design.columns, t = data.targets.columns
        let policy = CollapsePolicy.regression(designColumns: p)
        var counts = [Double](repeating: 0, count: k)
        r.storage.withUnsafeBufferPointer { rs in
            for i in 0..<n { for c in 0..<k { counts[c] += rs[i * k + c] } }
        }
        let countTotal = counts.reduce(0, +)
        // All K weighted least-squares problems in one pass over the rows (responsibilities that
        // are not finite make every component collapse, as a failed fit does).
        let fits = (try? LeastSquares.weighted(data.design, data.targets, weightColumns: r, ridge: options.ridge,
                                               include: counts.map { !policy.isEmpty(count: $0, total: countTotal) }))
            ?? [Result<WeightedLeastSquares, LeastSquaresError>?](repeating: nil, count: k)
        var coefficients = [Matrix?](repeating: nil, count: k)
        var squaredErrors = [[Double]](repeating: [Double](repeating: 0, count: t), count: k)
        r.storage.withUnsafeBufferPointer { rs in
            for c in 0..<k {
                guard case .success(let fit)? = fits[c] else { continue }
                coefficients[c] = fit.coefficients
                squaredErrors[c] = weightedSquaredErrors(data, fit.coefficients, weights: rs.baseAddress! + c, stride: k)
            }
        }
        // The data's variances (plus the regularisation), for replacement covariances only:
        // computed at most once per M-step, and only when something is replaced.
        var replacementVariances: [Double]?
        func dataVariances() -> [Double] {
            if let replacementVariances { return replacementVariances }
            let v = DataSummary(data.covariates).variances.map { $0 + options.regularization }
            replacementVariances = v
            return v
        }
        var covariates: CovariateGaussians?
        if let structure = options.covariateStructure {
            let moments = WeightedMoments(rows: data.covariates, responsibilities: r)
            var covariances = GaussianEstimators.covariances(moments, structure: structure, regularization: options.regularization)
            policy.replacingDegenerateTied(&covariances, structure: structure, variances: dataVariances,
                                           regularization: options.regularization)
            covariates = CovariateGaussians(means: moments.means, covariances: covariances)
        }
        let perComponentCovariances = options.covariateStructure != nil && options.covariateStructure != .tied
        let collapsed = policy.collapsed(counts: counts) { c in
            coefficients[c] == nil || (perComponentCovariances && policy.isDegenerate(covariates!.covariances[c]))
        }
        // Re-initialise collapsed components from random soft weights (drawn in component order).
        for c in collapsed {
            let w = policy.replacementWeights(rows: n, generator: &generator)
            let fit = try LeastSquares.weighted(data.design, data.targets, weights: w, ridge: options.ridge)
            let total = w.reduce(0, +)
            coefficients[c] = fit.coefficients
            // Scaled so that squaredErrors / counts is the random-weighted residual variance.
            squaredErrors[c] = w.withUnsafeBufferPointer {
                weightedSquaredErrors(data, fit.coefficients, weights: $0.baseAddress!, stride: 1)
            }.map { $0 * Double(n) / total }
            counts[c] = Double(n)
            if var g = covariates, let structure = options.covariateStructure {
                let row = policy.replacementRow(rows: n, generator: &generator)
                let d = data.covariates.columns
                for j in 0..<d { g.means.storage[c * d + j] = data.covariates.storage[row * d + j] }
                if structure != .tied {
                    g.covariances[c] = policy.replacementCovariance(variances: dataVariances(), structure: structure,
                                                                    regularization: options.regularization)
                }
                covariates = g
            }
        }
        // Noise variances (collapsed ones from their random weights, each over N rows), floored.
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
        for c in 0..<k {
            for j in 0..<t { variances[c][j] = policy.flooredVariance(variances[c][j], floor: varianceFloor(data, target: j)) }
        }
        var weights = counts
        for c in collapsed { weights[c] = policy.replacementWeight(total: Double(n), components: k) }
        let sum = weights.reduce(0, +)
        weights = weights.map { $0 / sum }
        let components = (0..<k).map { c in
            RegressionComponent(coefficients: coefficients[c]!, noiseVariances: variances[c])
        }
        return EMUpdate(parameters: RegressionMixtureParameters(weights: weights, regressions: components, covariates: covariates),
                        reinitializedComponents: collapsed)
    }

    /// Σₙ wₙ eₙₜ² per target for coefficients B (P × T), with wₙ = weights[n · stride].
    private func weightedSquaredErrors(_ data: RegressionData, _ b: Matrix, weights w: UnsafePointer<Double>,
                                       stride: Int) -> [Double] {
        let n = data.rows, t = data.targets.columns, q = data.design.columns
        var errors = [Double](repeating: 0, count: t)
        data.design.storage.withUnsafeBufferPointer { x in
            data.targets.storage.withUnsafeBufferPointer { y in
                b.storage.withUnsafeBufferPointer { bp in
                    for j in 0..<t {
                        var sum = 0.0
                        for i in 0..<n {   // index arithmetic wraps: every index is within the matrices
                            let wi = w[i &* stride]
                            if wi == 0 { continue }
                            var m = 0.0
                            for a in 0..<q { m += x[i &* q &+ a] * bp[a &* t &+ j] }
                            let e = y[i &* t &+ j] - m
                            sum += wi * e * e
                        }
                        errors[j] = sum
                    }
                }
            }
        }
        return errors
    }
}
