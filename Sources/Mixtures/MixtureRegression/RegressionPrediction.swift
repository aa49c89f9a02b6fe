import Foundation
import LinearAlgebra

/// Predictions of a fitted regression mixture at new covariates: the gated mean
/// E[y|x] = Σₖ gₖ(x) x̃ᵀBₖ, its variance Var[y|x] = Σₖ gₖ (σ²ₖ + mₖ²) − E[y|x]², and the
/// full predictive mixture p(y|x) = Σₖ gₖ(x) N(y; mₖ, σ²ₖ).
public struct RegressionPrediction: Sendable {
    /// E[yₙ|xₙ], N × T.
    public let means: Matrix
    /// Var[yₙ|xₙ], N × T.
    public let variances: Matrix
    /// Gates gₖ(xₙ) = p(z = k | xₙ), N × K (πₖ on every row for a mixture of regressions).
    public let gates: Matrix
    /// Each component's mean x̃ₙᵀBₖ: K matrices N × T.
    public let componentMeans: [Matrix]
    /// σ²ₖₜ, K × T.
    public let componentVariances: [[Double]]

    init(gates: Matrix, componentMeans: [Matrix], componentVariances: [[Double]]) {
        let n = gates.rows, k = gates.columns, t = componentVariances.first?.count ?? 0
        var means = Matrix(rows: n, columns: t), variances = Matrix(rows: n, columns: t)
        for i in 0..<n {
            for j in 0..<t {
                var m = 0.0, second = 0.0
                for c in 0..<k {
                    let g = gates.storage[i * k + c], mc = componentMeans[c].storage[i * t + j]
                    m += g * mc
                    second += g * (componentVariances[c][j] + mc * mc)
                }
                means.storage[i * t + j] = m
                variances.storage[i * t + j] = max(second - m * m, 0)
            }
        }
        self.means = means
        self.variances = variances
        self.gates = gates
        self.componentMeans = componentMeans
        self.componentVariances = componentVariances
    }

    /// The predictive mixture of row `row` and target `target` (both 0-based).
    public func mixture(row: Int, target: Int = 0) -> PredictiveMixture {
        let k = gates.columns, t = means.columns
        return PredictiveMixture(weights: (0..<k).map { gates.storage[row * k + $0] },
                                 means: (0..<k).map { componentMeans[$0].storage[row * t + target] },
                                 standardDeviations: (0..<k).map { componentVariances[$0][target].squareRoot() })
    }
}

/// A univariate Gaussian mixture Σₖ wₖ N(y; mₖ, sₖ²): the predictive distribution of one target at one x.
public struct PredictiveMixture: Sendable, Equatable {
    public let weights: [Double]
    public let means: [Double]
    public let standardDeviations: [Double]

    /// Its mean Σₖ wₖ mₖ.
    public var mean: Double { zip(weights, means).reduce(0) { $0 + $1.0 * $1.1 } }

    /// log p(y).
    public func logDensity(_ y: Double) -> Double {
        LogSumExp.value((0..<weights.count).map { c in
            let s = standardDeviations[c], z = (y - means[c]) / s
            return Foundation.log(weights[c]) - Foundation.log(s) - 0.5 * Foundation.log(2 * Double.pi) - 0.5 * z * z
        })
    }
}
