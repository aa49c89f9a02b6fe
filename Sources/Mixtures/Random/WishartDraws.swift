import Foundation
import LinearAlgebra

/// Draws for conjugate Bayesian models of Gaussian precisions and variances.
extension RandomGenerator {
    /// A Wishart draw W(V, n) (mean n·V) by Bartlett's decomposition: with V = L·Lᵀ and A lower
    /// triangular, Aᵢᵢ = √χ²(n − i) (i = 0…D−1) and Aᵢⱼ ~ N(0, 1) below the diagonal, the draw
    /// is (L·A)(L·A)ᵀ.
    /// - Parameters:
    ///   - scaleFactor: the lower Cholesky factor L of the scale matrix V.
    ///   - degreesOfFreedom: n > D − 1.
    public mutating func wishart(scaleFactor l: Matrix, degreesOfFreedom n: Double) -> Matrix {
        let d = l.rows
        precondition(l.columns == d, "wishart: the scale factor must be square")
        precondition(n > Double(d) - 1, "wishart needs degrees of freedom > D − 1 = \(d - 1), got \(n)")
        var a = Matrix(rows: d, columns: d)
        for i in 0..<d {
            a.storage[i * d + i] = gamma(shape: (n - Double(i)) / 2, scale: 2).squareRoot()   // √χ²(n − i)
            for j in 0..<i { a.storage[i * d + j] = normal() }
        }
        return (l * a).outerGram
    }

    /// An inverse-gamma draw with shape a > 0 and scale b > 0 (mean b/(a − 1) for a > 1):
    /// b / G with G ~ Gamma(a, 1).
    public mutating func inverseGamma(shape a: Double, scale b: Double) -> Double {
        precondition(a > 0 && b > 0, "inverseGamma needs shape > 0 and scale > 0")
        return b / gamma(shape: a)
    }
}
