import LinearAlgebra

extension RegressionMixtureParameters {
    /// `n` draws (x, y, z) from the generative story of a cluster-weighted model:
    /// z ~ Categorical(π), x | z ~ N(μ_z, Σ_z), y | x, z ~ N(x̃ᵀB_z, diag σ²_z), with x̃ = [x, 1]
    /// when `intercept` (the last coefficient row is then the intercept).
    /// - Throws: `MixtureRegressionError.invalidConfiguration` without covariate Gaussians or
    ///   with a covariance that is not positive definite.
    public func sample(_ n: Int, intercept: Bool = true, seed: UInt64) throws -> (x: Matrix, y: Matrix, labels: [Int]) {
        guard let g = covariates else {
            throw MixtureRegressionError.invalidConfiguration("sampling needs covariate Gaussians (a cluster-weighted model)")
        }
        let d = g.means.columns, t = regressions[0].noiseVariances.count
        let factors = try g.covariances.map { m -> Matrix in
            do { return try m.cholesky().lower } catch {
                throw MixtureRegressionError.invalidConfiguration("a covariate covariance is not positive definite")
            }
        }
        var generator = RandomGenerator(seed: seed)
        var x = Matrix(rows: n, columns: d), y = Matrix(rows: n, columns: t)
        var labels = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let z = generator.categorical(weights)
            labels[i] = z
            let row = generator.multivariateNormal(mean: g.means.row(z), choleskyFactor: factors[z])
            let tilde = row + (intercept ? [1] : [])
            let b = regressions[z].coefficients
            for j in 0..<d { x.storage[i * d + j] = row[j] }
            for s in 0..<t {
                var m = 0.0
                for a in 0..<tilde.count { m += tilde[a] * b[a, s] }
                y.storage[i * t + s] = generator.normal(mean: m, standardDeviation: regressions[z].noiseVariances[s].squareRoot())
            }
        }
        return (x, y, labels)
    }
}
