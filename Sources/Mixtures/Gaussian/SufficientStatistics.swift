import Foundation
import LinearAlgebra

/// Responsibility-weighted counts, sums and scatter of data rows around given centres,
/// accumulated block by block (DGEMM, DSYRK) and added across partitions in a fixed
/// order; `WeightedMoments(_:)` turns them into means and scatters about the means.
struct SufficientStatistics: Sendable {
    let covarianceType: CovarianceType
    let components: Int
    let dimensions: Int
    /// Nₖ = Σₙ rₙₖ.
    var counts: [Double]
    /// Σₙ rₙₖ xₙ, K × D.
    var sums: [Double]
    /// Centres cₖ the scatter is taken around, K × D.
    var centres: [Double]
    /// full/tied: K upper triangles of Σₙ rₙₖ (xₙ−cₖ)(xₙ−cₖ)ᵀ (D × D each);
    /// diagonal/spherical: K × D of Σₙ rₙₖ (xₙⱼ−cₖⱼ)².
    var scatter: [Double]

    init(covarianceType: CovarianceType, components k: Int, dimensions d: Int, centres: [Double]) {
        self.covarianceType = covarianceType
        components = k
        dimensions = d
        counts = [Double](repeating: 0, count: k)
        sums = [Double](repeating: 0, count: k * d)
        self.centres = centres
        let full = covarianceType == .full || covarianceType == .tied
        scatter = [Double](repeating: 0, count: full ? k * d * d : k * d)
    }

    /// Adds another partition's statistics (same centres).
    mutating func add(_ other: SufficientStatistics) {
        for i in counts.indices { counts[i] += other.counts[i] }
        for i in sums.indices { sums[i] += other.sums[i] }
        for i in scatter.indices { scatter[i] += other.scatter[i] }
    }

    /// Responsibility-weighted means Σₙ rₙₖ xₙ / Nₖ (K × D), for use as exact centres.
    static func weightedMeans(_ x: Matrix, _ r: Matrix) -> [Double] {
        let k = r.columns
        let sums = r.multiplied(by: x, transposeSelf: true).storage
        var counts = [Double](repeating: 0, count: k)
        for i in 0..<r.rows { for c in 0..<k { counts[c] += r.storage[i * k + c] } }
        var means = sums
        let d = x.columns
        for c in 0..<k {
            let nk = counts[c] + 10 * Double.ulpOfOne
            for j in 0..<d { means[c * d + j] /= nk }
        }
        return means
    }

    /// The statistics of `x` under responsibilities `r` (N × K), scatter taken around the
    /// responsibility-weighted means (so the M-step's mean correction is exact): a first
    /// pass for the means, then one blocked pass over the data.
    static func accumulated(_ x: Matrix, responsibilities r: Matrix, covarianceType: CovarianceType) -> SufficientStatistics {
        let centres = weightedMeans(x, r)
        return r.storage.withUnsafeBufferPointer { rp in
            EMPass.run(x, covarianceType: covarianceType, components: r.columns,
                       responsibilitiesIn: rp.baseAddress!, centres: centres).statistics!
        }
    }

    /// A row whose responsibility for a component is below this fraction of the block's
    /// largest for that component is left out of the component's DSYRK (full and tied
    /// covariances above four dimensions). The weight left out is then under
    /// rows × 2⁻¹⁰⁰ ≈ 10⁻²⁷ of the block's largest weight, far below the rounding of the
    /// sums it would join, while with separated components most rows drop out of all but
    /// one or two components' scatter. Counts and sums always take every row.
    static let negligibleShare = 0x1p-100

    /// Accumulates one block's statistics: `rows` rows at `x`, responsibilities rows × K at
    /// `r`. `scratch` holds rows × D.
    mutating func accumulate(x: UnsafePointer<Double>, rows: Int, responsibilities r: UnsafePointer<Double>,
                             scratch z: UnsafeMutablePointer<Double>) {
        let k = components
        withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { largest in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: rows) { keptRows in
                // Nₖ, and each component's largest responsibility in the block (the scatter's floor).
                largest.initialize(repeating: 0)
                counts.withUnsafeMutableBufferPointer { counts in
                    for i in 0..<rows {
                        for c in 0..<k {
                            let w = r[i * k + c]
                            counts[c] += w
                            if w > largest[c] { largest[c] = w }
                        }
                    }
                }
                accumulateSumsAndScatter(x: x, rows: rows, responsibilities: r, largest: largest.baseAddress!,
                                         keptRows: keptRows.baseAddress!, scratch: z)
            }
        }
    }

    /// The sums and scatter of `accumulate`; `largest` holds each component's largest
    /// responsibility in the block, `keptRows` room for `rows` row indices.
    private mutating func accumulateSumsAndScatter(x: UnsafePointer<Double>, rows: Int,
                                                   responsibilities r: UnsafePointer<Double>,
                                                   largest: UnsafeMutablePointer<Double>,
                                                   keptRows: UnsafeMutablePointer<Int32>,
                                                   scratch z: UnsafeMutablePointer<Double>) {
        let k = components, d = dimensions
        let type = covarianceType
        let small = GaussianComponents.smallDimension
        // Σ rₙₖ xₙ for all k at once: Rᵀ·X (K × D), accumulated.
        sums.withUnsafeMutableBufferPointer { sums in
            BLAS.gemm(.transpose, .none, m: k, n: d, k: rows, a: r, lda: k, b: x, ldb: d,
                      beta: 1, c: sums.baseAddress!, ldc: d)
        }
        centres.withUnsafeBufferPointer { centres in
            scatter.withUnsafeMutableBufferPointer { scatter in
                for c in 0..<k {
                    let centre = centres.baseAddress! + c * d
                    switch type {
                    case .full where d <= small, .tied where d <= small:
                        // Few columns: accumulate the upper triangle row by row.
                        SmallDimensionKernels.accumulateScatter(d: d, x: x, rows: rows, weights: r + c, stride: k,
                                                                centre: centre, scatter: scatter.baseAddress! + c * d * d)
                    case .full, .tied:
                        // √rₙₖ (xₙ − cₖ) for the rows that carry weight (see `negligibleShare`),
                        // listed first without branches (which rows do is unpredictable): every
                        // index is written, and the count moves on only for a kept row. Zero and
                        // negative weights fall below the floor; NaN compares false and is kept,
                        // to propagate.
                        let floor = max(largest[c] * Self.negligibleShare, .leastNonzeroMagnitude)
                        var kept = 0
                        for i in 0..<rows {
                            keptRows[kept] = Int32(truncatingIfNeeded: i)
                            kept &+= r[i * k + c] < floor ? 0 : 1
                        }
                        for m in 0..<kept {
                            let i = Int(keptRows[m])
                            VectorKernels.scaledDifference(x + i * d, centre, r[i * k + c].squareRoot(), into: z + m * d, d)
                        }
                        if kept > 0 {
                            BLAS.syrk(.upper, .transpose, n: d, k: kept, a: z, lda: d, beta: 1,
                                      c: scatter.baseAddress! + c * d * d, ldc: d)
                        }
                    case .diagonal, .spherical:
                        let s = scatter.baseAddress! + c * d
                        for i in 0..<rows {
                            let w = r[i * k + c]
                            for j in 0..<d { let t = x[i * d + j] - centre[j]; s[j] += w * t * t }
                        }
                    }
                }
            }
        }
    }
}
