import Foundation
import LinearAlgebra

/// K Gaussian components with one covariance structure, factored once, whose log
/// densities `log N(xₙ; μₖ, Σₖ)` are then computed for blocks of rows through BLAS.
///
/// For a covariance `Σ = L·Lᵀ` the precision factor is `U = L⁻ᵀ` (upper triangular), so
/// `(x−μ)ᵀ Σ⁻¹ (x−μ) = ‖(x−μ)ᵀ U‖²` and `log|Σ⁻¹|^{1/2} = Σᵢ log Uᵢᵢ`:
///
///     log N(xₙ; μₖ, Σₖ) = −D/2·log 2π + Σᵢ log Uₖ,ᵢᵢ − ½‖xₙUₖ − μₖUₖ‖²
///
/// For a block of rows all components' whitening `X·Uₖ` is a few DGEMMs of the block with
/// the stacked factors, in column panels that skip the zero triangle (`WhiteningPanel`);
/// up to four dimensions, unrolled per-row loops (`SmallDimensionKernels`) beat BLAS.
/// Diagonal and spherical structures scale coordinates instead.
public struct GaussianComponents: Sendable {
    /// The covariance structure (full, diagonal, spherical, tied).
    public let structure: CovarianceType
    /// Number of components K.
    public let components: Int
    /// Dimension D.
    public let dimensions: Int
    /// Means, K × D row-major.
    let means: [Double]
    /// full/tied: K upper-triangular D × D factors; diagonal: K × D inverse standard
    /// deviations; spherical: K inverse standard deviations.
    let factors: [Double]
    /// Σᵢ log Uᵢᵢ per component (half the log-determinant of the precision).
    let logDetFactor: [Double]
    /// full/tied: the factors of all components cut into column panels (see `WhiteningPanel`).
    let panels: [WhiteningPanel]
    /// full/tied: μₖ·Uₖ for every component, K × D.
    let whitenedMeans: [Double]
    /// full with panel biases: the panels' scratch offsets, widths and biases end to end,
    /// for the row loop that takes all components at once.
    let panelOffsets: [Int]
    let panelWidths: [Int]
    let panelBiases: [Double]

    /// Up to this many columns the per-row loops beat BLAS calls on thin blocks.
    static let smallDimension = 4

    /// Factors the components (`means` K × D; `covariances` K matrices D × D in full
    /// form: a diagonal structure reads their diagonals, a spherical one the mean of the
    /// diagonal, a tied one the first matrix).
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when a covariance is not,
    ///   `.dimensionMismatch` when the shapes disagree.
    public init(means: Matrix, covariances: [Matrix], structure: CovarianceType) throws {
        let k = means.rows, d = means.columns
        guard covariances.count == k, covariances.allSatisfy({ $0.rows == d && $0.columns == d }) else {
            throw LinearAlgebraError.dimensionMismatch("\(covariances.count) covariances of \(d) × \(d) expected for \(k) means")
        }
        self.structure = structure
        components = k
        dimensions = d
        self.means = means.storage
        var logDet = [Double](repeating: 0, count: k)
        var factors: [Double]
        var whitened: [Double] = []
        var panels: [WhiteningPanel] = []
        switch structure {
        case .full, .tied:
            factors = [Double](repeating: 0, count: k * d * d)
            for c in 0..<k {
                if structure == .tied && c > 0 {
                    for i in 0..<(d * d) { factors[c * d * d + i] = factors[i] }
                    logDet[c] = logDet[0]
                    continue
                }
                let l = try covariances[c].cholesky().lower
                let lInverse = try l.triangularInverse(lower: true)
                // U = (L⁻¹)ᵀ, upper triangular.
                for i in 0..<d {
                    for j in i..<d { factors[c * d * d + i * d + j] = lInverse.storage[j * d + i] }
                    logDet[c] += Foundation.log(lInverse.storage[i * d + i])
                }
            }
            whitened = [Double](repeating: 0, count: k * d)
            for c in 0..<k {
                for i in 0..<d {
                    for j in i..<d { whitened[c * d + j] += means.storage[c * d + i] * factors[c * d * d + i * d + j] }
                }
            }
            panels = WhiteningPanel.panels(factors: factors, components: structure == .tied ? 1 : k, dimensions: d,
                                           whitenedMeans: structure == .tied ? [] : whitened)
        case .diagonal:
            factors = [Double](repeating: 0, count: k * d)
            for c in 0..<k {
                for j in 0..<d {
                    let v = covariances[c][j, j]
                    guard v > 0 && v.isFinite else { throw LinearAlgebraError.notPositiveDefinite(order: j + 1) }
                    factors[c * d + j] = 1 / v.squareRoot()
                    logDet[c] -= 0.5 * Foundation.log(v)
                }
            }
        case .spherical:
            factors = [Double](repeating: 0, count: k)
            for c in 0..<k {
                let v = covariances[c].diagonalElements.reduce(0, +) / Double(max(1, d))
                guard v > 0 && v.isFinite else { throw LinearAlgebraError.notPositiveDefinite(order: 1) }
                factors[c] = 1 / v.squareRoot()
                logDet[c] = -0.5 * Double(d) * Foundation.log(v)
            }
        }
        self.factors = factors
        logDetFactor = logDet
        whitenedMeans = whitened
        self.panels = panels
        panelOffsets = panels.map { $0.scratchOffset }
        panelWidths = panels.map { $0.width }
        panelBiases = Array(panels.map { $0.bias }.joined())
    }

    /// `offsetₖ + Σᵢ log Uₖ,ᵢᵢ − D/2·log 2π` for every component: the constant part of each
    /// log density, with `offsets` (e.g. log weights) folded in; pass it to `blockLogDensities`.
    public func logDensityConstants(adding offsets: [Double]? = nil) -> [Double] {
        let logTwoPi = Foundation.log(2 * Double.pi)
        return (0..<components).map { c in
            (offsets?[c] ?? 0) + logDetFactor[c] - 0.5 * Double(dimensions) * logTwoPi
        }
    }

    /// Doubles of scratch `blockLogDensities` needs for a block of `rows` rows.
    public func scratchCount(rows: Int) -> Int { rows * max(1, dimensions) * max(1, components) }

    /// N × K: `log N(xₙ; μₖ, Σₖ)` for every row of `x` (no weights).
    public func logDensities(_ x: Matrix) -> Matrix {
        precondition(x.columns == dimensions, "logDensities: data has \(x.columns) columns, the components \(dimensions)")
        var out = Matrix(rows: x.rows, columns: components)
        guard x.rows > 0 else { return out }
        let constants = logDensityConstants()
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: scratchCount(rows: x.rows))
        defer { scratch.deallocate() }
        x.storage.withUnsafeBufferPointer { xs in
            out.storage.withUnsafeMutableBufferPointer { o in
                BLASThreads.withThreads(1) {
                    blockLogDensities(xs.baseAddress!, rows: x.rows, constants: constants, scratch: scratch,
                                      into: o.baseAddress!)
                }
            }
        }
        return out
    }

    /// The hot loop: writes `constantsₖ − ½‖xₙUₖ − μₖUₖ‖²` for the `rows` rows at `x`
    /// (row-major, D columns) into `out` (rows × K, row-major). `constants` comes from
    /// `logDensityConstants(adding:)`; `scratch` holds `scratchCount(rows:)` doubles.
    public func blockLogDensities(_ x: UnsafePointer<Double>, rows: Int, constants: [Double],
                                  scratch z: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let k = components, d = dimensions
        let small = Self.smallDimension
        let biased = panels.first.map { !$0.bias.isEmpty } ?? false
        if (structure == .full || structure == .tied) && d > small {
            // Every component's whitening X_block·Uₖ, one GEMM per column panel.
            for panel in panels {
                let n = panel.stacked * panel.width
                panel.weights.withUnsafeBufferPointer { w in
                    BLAS.gemm(.none, .none, m: rows, n: n, k: panel.hi, a: x, lda: d, b: w.baseAddress!, ldb: n,
                              c: z + rows * panel.scratchOffset, ldc: n)
                }
            }
        }
        constants.withUnsafeBufferPointer { constants in
            if structure == .full && d > small && biased {
                // Row by row, all components at once, the panels' squared distances
                // subtracted in panel order; each panel's row holds all components side by
                // side, as does its bias.
                let panelCount = panels.count
                panelOffsets.withUnsafeBufferPointer { offsets in
                    panelWidths.withUnsafeBufferPointer { widths in
                        panelBiases.withUnsafeBufferPointer { biases in
                            for i in 0..<rows {
                                let row = out + i * k
                                for c in 0..<k { row[c] = constants[c] }
                                for q in 0..<panelCount {
                                    let w = widths[q], n = k * w
                                    let y = z + rows * offsets[q] + i * n
                                    let b = biases.baseAddress! + offsets[q]
                                    for c in 0..<k { row[c] -= 0.5 * VectorKernels.squaredDistance(y + c * w, b + c * w, w) }
                                }
                            }
                        }
                    }
                }
                return
            }
            means.withUnsafeBufferPointer { means in
                factors.withUnsafeBufferPointer { factors in
                    for c in 0..<k {
                        let mu = means.baseAddress! + c * d
                        let constant = constants[c]
                        switch structure {
                        case .full where d <= small, .tied where d <= small:
                            // Few columns: whiten row by row, y = (x − μ)·U, without BLAS calls.
                            SmallDimensionKernels.logDensities(d: d, x: x, rows: rows, mean: mu,
                                                               factor: factors.baseAddress! + c * d * d,
                                                               constant: constant, out: out + c, stride: k)
                        case .full, .tied:
                            // yₙₖ = xₙ·Uₖ − μₖ·Uₖ from the GEMMs above, panel by panel.
                            let b = whitenedMeans.withUnsafeBufferPointer { $0.baseAddress! } + c * d
                            let column = out + c
                            for i in 0..<rows { column[i * k] = constant }
                            for panel in panels {
                                let n = panel.stacked * panel.width
                                let y = z + rows * panel.scratchOffset + (panel.stacked == 1 ? 0 : c * panel.width)
                                let bias = b + panel.lo
                                for i in 0..<rows {
                                    column[i * k] -= 0.5 * VectorKernels.squaredDistance(y + i * n, bias, panel.width)
                                }
                            }
                        case .diagonal:
                            let p = factors.baseAddress! + c * d
                            for i in 0..<rows {
                                var s = 0.0
                                for j in 0..<d { let t = (x[i * d + j] - mu[j]) * p[j]; s += t * t }
                                out[i * k + c] = constant - 0.5 * s
                            }
                        case .spherical:
                            let p2 = factors[c] * factors[c]
                            for i in 0..<rows {
                                var s = 0.0
                                for j in 0..<d { let t = x[i * d + j] - mu[j]; s += t * t }
                                out[i * k + c] = constant - 0.5 * s * p2
                            }
                        }
                    }
                }
            }
        }
    }
}
