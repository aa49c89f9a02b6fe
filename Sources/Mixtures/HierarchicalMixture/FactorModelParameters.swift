import LinearAlgebra

/// The parameters of a linear Gaussian (factor) model x = W y + b + ε, y ~ N(0, I),
/// ε ~ N(0, Ψ), Ψ diagonal.
public struct FactorModelParameters: Sendable, Equatable {
    /// The loadings W (p × d).
    public var loadings: Matrix
    /// The mean b of x (p).
    public var mean: [Double]
    /// The diagonal of Ψ (p); all equal for probabilistic PCA.
    public var psi: [Double]

    public init(loadings: Matrix, mean: [Double], psi: [Double]) {
        self.loadings = loadings
        self.mean = mean
        self.psi = psi
    }
}
