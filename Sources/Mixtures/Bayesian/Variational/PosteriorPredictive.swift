import Foundation
import LinearAlgebra

/// The posterior predictive density of a variational Gaussian mixture: a mixture of
/// Student-t distributions (Bishop 10.81–10.82), with the posterior mean weights.
///
/// Full and tied precisions: component k is a multivariate t with dof νₖ + 1 − D, location mₖ
/// and scale matrix (1 + βₖ)/(βₖ(νₖ + 1 − D)) · νₖCₖ. Spherical: a multivariate t with dof Dνₖ
/// and scale (1 + βₖ)/βₖ · Cₖ. Diagonal: independent univariate t's per dimension, dof νₖ,
/// scale² (1 + βₖ)/βₖ · Cₖ,ⱼⱼ.
public struct PosteriorPredictive: Sendable {
    /// Mixing weights (the posterior mean weights).
    public let weights: [Double]
    /// Locations mₖ (K × D).
    public let locations: Matrix
    /// Scale matrices (K of D × D; diagonal for diagonal and spherical precisions).
    public let scales: [Matrix]
    /// Degrees of freedom of each component's t.
    public let degreesOfFreedom: [Double]
    /// Whether each dimension has its own t (diagonal precisions).
    public let independentDimensions: Bool

    let factors: [Matrix]

    init(_ q: VariationalPosterior, covarianceType: CovarianceType) throws {
        let d = q.dimensions, dd = Double(d)
        weights = q.weights
        locations = q.means
        var scales: [Matrix] = [], dofs: [Double] = []
        for c in 0..<q.components {
            let beta = q.meanPrecision[c], nu = q.degreesOfFreedom[c]
            switch covarianceType {
            case .full, .tied:
                let dof = nu + 1 - dd
                dofs.append(dof)
                scales.append(((1 + beta) * nu / (beta * dof)) * q.covariances[c])
            case .spherical:
                dofs.append(dd * nu)
                scales.append(((1 + beta) / beta) * q.covariances[c])
            case .diagonal:
                dofs.append(nu)
                scales.append(((1 + beta) / beta) * q.covariances[c])
            }
        }
        self.scales = scales
        degreesOfFreedom = dofs
        independentDimensions = covarianceType == .diagonal
        factors = try scales.map { try $0.cholesky().lower }
    }

    /// log p(xₙ | X) for every row of `x`.
    public func logDensities(_ x: Matrix) -> [Double] {
        let n = x.rows, d = x.columns, k = weights.count
        precondition(d == locations.columns, "logDensities: data has \(d) columns, the model \(locations.columns)")
        var logTerms = Matrix(rows: n, columns: k)
        for c in 0..<k {
            let nu = degreesOfFreedom[c]
            var centred = x.transposed   // D × N
            for j in 0..<d { for i in 0..<n { centred.storage[j * n + i] -= locations[c, j] } }
            let logWeight = log(weights[c])
            if independentDimensions {
                let unit = SpecialFunctions.logGamma((nu + 1) / 2) - SpecialFunctions.logGamma(nu / 2) - 0.5 * log(nu * Double.pi)
                for i in 0..<n {
                    var s = logWeight
                    for j in 0..<d {
                        let variance = scales[c][j, j]
                        let z = centred.storage[j * n + i]
                        s += unit - 0.5 * log(variance) - (nu + 1) / 2 * log1p(z * z / (variance * nu))
                    }
                    logTerms.storage[i * k + c] = s
                }
            } else {
                let l = factors[c]
                let whitened = l.solveTriangular(centred, lower: true)
                var logDet = 0.0
                for j in 0..<d { logDet += log(l[j, j]) }
                let dd = Double(d)
                let constant = logWeight + SpecialFunctions.logGamma((nu + dd) / 2) - SpecialFunctions.logGamma(nu / 2)
                    - 0.5 * dd * log(nu * Double.pi) - logDet
                for i in 0..<n {
                    var q = 0.0
                    for j in 0..<d { let v = whitened.storage[j * n + i]; q += v * v }
                    logTerms.storage[i * k + c] = constant - (nu + dd) / 2 * log1p(q / nu)
                }
            }
        }
        return (0..<n).map { i in
            var m = -Double.infinity
            for c in 0..<k { m = max(m, logTerms.storage[i * k + c]) }
            guard m.isFinite else { return m }
            var s = 0.0
            for c in 0..<k { s += exp(logTerms.storage[i * k + c] - m) }
            return m + log(s)
        }
    }

    /// `n` draws from the predictive and the component each came from: a t draw is
    /// location + L z / √(g/dof), z standard normal, g ~ χ²(dof).
    public func sample(_ n: Int, seed: UInt64) -> (x: Matrix, labels: [Int]) {
        var generator = RandomGenerator(seed: seed)
        let d = locations.columns
        var x = Matrix(rows: n, columns: d)
        var labels = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let c = generator.categorical(weights)
            labels[i] = c
            let nu = degreesOfFreedom[c]
            if independentDimensions {
                for j in 0..<d {
                    let g = generator.gamma(shape: nu / 2, scale: 2)
                    x.storage[i * d + j] = locations[c, j] + scales[c][j, j].squareRoot() * generator.normal() / (g / nu).squareRoot()
                }
            } else {
                let g = generator.gamma(shape: nu / 2, scale: 2)
                let draw = generator.multivariateNormal(mean: [Double](repeating: 0, count: d), choleskyFactor: factors[c])
                let stretch = 1 / (g / nu).squareRoot()
                for j in 0..<d { x.storage[i * d + j] = locations[c, j] + stretch * draw[j] }
            }
        }
        return (x, labels)
    }
}
