import Foundation

/// The observation noise Ψ of a linear Gaussian model x = W y + b + ε, ε ~ N(0, Ψ).
public enum NoiseModel: String, CaseIterable, Sendable {
    /// Ψ diagonal, one variance per column: factor analysis.
    case diagonal
    /// Ψ = σ² I: probabilistic PCA.
    case isotropic

    /// Free parameters of Ψ in p dimensions.
    public func parameterCount(dimensions p: Int) -> Int { self == .diagonal ? p : 1 }

    /// The M-step's noise from the residual variances diag(Cov(x) − W Wᵀ) (p): kept per
    /// column (diagonal) or averaged (isotropic), then raised to `floor` wherever smaller,
    /// which keeps constant columns (residual variance 0) from making the density infinite.
    func noise(fromResiduals residuals: [Double], floor: Double) -> [Double] {
        noise(fromResiduals: residuals, floors: [Double](repeating: floor, count: residuals.count))
    }

    /// The same with a floor per column (`floors`, p): diagonal noise is kept at least
    /// `floors[i]` in column i, isotropic noise at least their mean.
    func noise(fromResiduals residuals: [Double], floors: [Double]) -> [Double] {
        switch self {
        case .diagonal:
            return zip(residuals, floors).map { Swift.max($0, $1) }
        case .isotropic:
            let mean = residuals.reduce(0, +) / Double(Swift.max(1, residuals.count))
            let floor = floors.reduce(0, +) / Double(Swift.max(1, floors.count))
            return [Double](repeating: Swift.max(mean, floor), count: residuals.count)
        }
    }
}
