import LinearAlgebra

/// The prior on the mixing weights of a variational Gaussian mixture.
public enum WeightPrior: String, CaseIterable, Sendable {
    /// A symmetric Dirichlet(α₀, …, α₀) on the K weights (scikit-learn's `dirichlet_distribution`).
    case dirichlet
    /// A Dirichlet process truncated at K sticks: vₖ ~ Beta(1, γ), πₖ = vₖ Πⱼ₍ⱼ₍ₖ₎ (1 − vⱼ)
    /// (scikit-learn's `dirichlet_process`, the default).
    case dirichletProcess = "dirichlet-process"
}

/// Normal–Wishart (or Normal–Gamma, for diagonal and spherical precisions) priors on the
/// components and the concentration of the weight prior. Every field left `nil` takes
/// scikit-learn's data-driven default when the model is fitted.
public struct VariationalPrior: Sendable, Equatable {
    /// α₀ of the Dirichlet, or γ of the Dirichlet process (default 1/K).
    public var weightConcentration: Double?
    /// β₀: the prior precision of a mean, in units of the component's precision (default 1).
    public var meanPrecision: Double?
    /// m₀: the prior mean of every component mean (default the data mean).
    public var mean: [Double]?
    /// ν₀: degrees of freedom of the precision prior, > D − 1 (default D).
    public var degreesOfFreedom: Double?
    /// Ψ = W₀⁻¹: the prior's covariance scale (default the data covariance, ddof 1). Diagonal
    /// precisions use its diagonal, spherical precisions the mean of its diagonal.
    public var covariance: Matrix?

    public init(weightConcentration: Double? = nil, meanPrecision: Double? = nil, mean: [Double]? = nil,
                degreesOfFreedom: Double? = nil, covariance: Matrix? = nil) {
        self.weightConcentration = weightConcentration
        self.meanPrecision = meanPrecision
        self.mean = mean
        self.degreesOfFreedom = degreesOfFreedom
        self.covariance = covariance
    }

    /// The prior with every default filled in from the data `x`.
    /// - Throws: `VariationalError.invalidPrior` naming the field that is out of range.
    func resolved(_ x: Matrix, components k: Int, covarianceType: CovarianceType) throws -> ResolvedPrior {
        let n = x.rows, d = x.columns
        let alpha = weightConcentration ?? 1 / Double(k)
        guard alpha > 0 && alpha.isFinite else { throw VariationalError.invalidPrior("weight concentration must be > 0, got \(alpha)") }
        let beta = meanPrecision ?? 1
        guard beta > 0 && beta.isFinite else { throw VariationalError.invalidPrior("mean precision must be > 0, got \(beta)") }
        var dataMean = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { dataMean[j] += x.storage[i * d + j] } }
        dataMean = dataMean.map { $0 / Double(n) }
        let m0 = mean ?? dataMean
        guard m0.count == d, m0.allSatisfy(\.isFinite) else {
            throw VariationalError.invalidPrior("mean prior must have \(d) finite values, got \(m0.count)")
        }
        let nu = degreesOfFreedom ?? Double(d)
        guard nu > Double(d) - 1 && nu.isFinite else {
            throw VariationalError.invalidPrior("degrees of freedom must be > D − 1 = \(d - 1), got \(nu)")
        }
        var psi: Matrix
        if let c = covariance {
            guard c.rows == d && c.columns == d && c.isFinite else {
                throw VariationalError.invalidPrior("covariance prior must be a finite \(d)×\(d) matrix, got \(c.rows)×\(c.columns)")
            }
            psi = c
        } else {
            guard n >= 2 else { throw VariationalError.invalidPrior("the default covariance prior needs at least 2 rows; give one") }
            var centred = x
            for i in 0..<n { for j in 0..<d { centred.storage[i * d + j] -= dataMean[j] } }
            psi = (1 / Double(n - 1)) * centred.gram
        }
        switch covarianceType {
        case .full, .tied: break
        case .diagonal: psi = Matrix.diagonal(psi.diagonalElements)
        case .spherical:
            let v = psi.diagonalElements.reduce(0, +) / Double(d)
            psi = Matrix.diagonal([Double](repeating: v, count: d))
        }
        guard (try? psi.cholesky()) != nil else {
            throw VariationalError.invalidPrior("the covariance prior is not positive definite: by default it is the data's "
                + "covariance, which is singular when a column is constant or a linear combination of others; "
                + "drop such columns or give a covariance prior")
        }
        return ResolvedPrior(weightConcentration: alpha, meanPrecision: beta, mean: m0, degreesOfFreedom: nu, covariance: psi)
    }
}

/// A prior with every value known (what the updates and the bound use).
public struct ResolvedPrior: Sendable, Equatable {
    /// α₀ (Dirichlet) or γ (Dirichlet process).
    public let weightConcentration: Double
    /// β₀.
    public let meanPrecision: Double
    /// m₀ (D).
    public let mean: [Double]
    /// ν₀.
    public let degreesOfFreedom: Double
    /// Ψ = W₀⁻¹ in full D × D form (diagonal for diagonal, c·I for spherical precisions).
    public let covariance: Matrix
}

/// Errors of the variational Gaussian mixture, with a message a user can act on.
public enum VariationalError: Error, Equatable, CustomStringConvertible {
    /// A prior value out of its range.
    case invalidPrior(String)
    /// A setting out of its range.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .invalidPrior(let why): return "invalid prior: \(why)"
        case .invalidConfiguration(let why): return "invalid variational settings: \(why)"
        }
    }
}
