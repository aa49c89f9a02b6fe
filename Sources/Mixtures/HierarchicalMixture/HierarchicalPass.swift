import Foundation
import LinearAlgebra

/// What one E-step of the hierarchical mixture leaves for the M-step (and the gradient):
/// sums over the rows, with r_nk = p(z = k | xₙ), m_nk = E[y | xₙ, z = k] and ȳₙ = Σ_k r_nk m_nk.
struct HierarchicalStatistics: Sendable {
    let dimensions: Int, latent: Int, components: Int
    /// Whether `second` holds only diagonals (the restricted model).
    let diagonal: Bool
    /// Σₙ log p(xₙ).
    var logLikelihood = 0.0
    /// N_k = Σₙ r_nk (K).
    var counts: [Double]
    /// Σₙ r_nk m_nk (K × d).
    var first: [Double]
    /// Σₙ r_nk m_nk m_nkᵀ (K of d × d, lower triangles only), or only their diagonals (K × d)
    /// when `diagonal` (the posterior covariances N_k S_k are not included).
    var second: [Double]
    /// Σₙ xₙ ȳₙᵀ (p × d).
    var cross: [Double]

    init(dimensions p: Int, latent d: Int, components k: Int, diagonal: Bool) {
        dimensions = p; latent = d; components = k; self.diagonal = diagonal
        counts = [Double](repeating: 0, count: k)
        first = [Double](repeating: 0, count: k * d)
        second = [Double](repeating: 0, count: diagonal ? k * d : k * d * d)
        cross = [Double](repeating: 0, count: p * d)
    }

    mutating func add(_ other: HierarchicalStatistics) {
        logLikelihood += other.logLikelihood
        for i in counts.indices { counts[i] += other.counts[i] }
        for i in first.indices { first[i] += other.first[i] }
        for i in second.indices { second[i] += other.second[i] }
        for i in cross.indices { cross[i] += other.cross[i] }
    }

    /// Σₙ ȳₙ (d).
    var latentSum: [Double] {
        (0..<latent).map { j in (0..<components).reduce(0.0) { $0 + first[$1 * latent + j] } }
    }

    /// Σₙ r_nk E[yyᵀ | xₙ, k] = Σₙ r_nk m_nk m_nkᵀ + N_k S_k of component `c` (full statistics only).
    func secondMoment(_ c: Int, posteriorCovariance s: Matrix) -> Matrix {
        let d = latent
        var m = Matrix(rows: d, columns: d, storage: Array(second[(c * d * d)..<((c + 1) * d * d)]))
        m.symmetrizeFromLower()
        for i in 0..<(d * d) { m.storage[i] += counts[c] * s.storage[i] }
        return m
    }
}

/// One pass of the hierarchical mixture's E-step over the data in cache-sized blocks split
/// over the cores (the Gaussian mixture's `BlockPartition`): per block the projection
/// GEMM, the posterior means and log densities of every component (`LatentGeometry`), the
/// responsibilities (`LogSumExp`), then the block's statistics while it is in cache —
/// Σ r, Σ r m, Σ r m mᵀ (one d × d × rows GEMM per component, or O(d) per row and
/// component in the restricted model) and Σ x ȳᵀ (one GEMM). For d ≤ 4 a block is one
/// `SmallRankSweep` instead (the same steps per row, without BLAS on d-wide blocks).
/// Partitions reduce in a fixed order, so results are bit-identical whatever the scheduling.
enum HierarchicalPass {
    /// Optional per-row outputs (row-major, N rows).
    struct Outputs {
        var responsibilities: UnsafeMutablePointer<Double>? = nil   // N × K
        var logLikelihoods: UnsafeMutablePointer<Double>? = nil     // N
        var means: UnsafeMutablePointer<Double>? = nil              // N × K d
        var embedding: UnsafeMutablePointer<Double>? = nil          // N × d
        var componentLogDensities: UnsafeMutablePointer<Double>? = nil   // N × K, log N(xₙ; W μ_k + b, C_k)

        /// The same outputs from row `first` on (for a block that starts there).
        func advanced(toRow first: Int, components k: Int, latent d: Int) -> Outputs {
            Outputs(responsibilities: responsibilities.map { $0 + first * k }, logLikelihoods: logLikelihoods.map { $0 + first },
                    means: means.map { $0 + first * k * d }, embedding: embedding.map { $0 + first * d },
                    componentLogDensities: componentLogDensities.map { $0 + first * k })
        }
    }

    /// How a block is computed: `automatic` takes `SmallRankSweep` for d ≤ 4 and the
    /// blocked BLAS path above; `blocked` always takes the latter (for tests comparing the two).
    enum Kernel { case automatic, blocked }

    /// Runs the pass; with `statistics` false only the log-likelihood (and the outputs) are computed.
    /// `groups`, when given, are `x`'s rows as `RowGroups` (a fit makes them once); otherwise
    /// the small-rank sweep makes them for this call.
    static func run(_ x: Matrix, geometry g: LowRankPlusDiagonal.LatentGeometry, logWeights: [Double],
                    statistics: Bool, outputs: Outputs = Outputs(), kernel: Kernel = .automatic,
                    groups: RowGroups? = nil) -> HierarchicalStatistics {
        let p = g.dimensions, d = g.rank, k = g.components, kd = k * d
        precondition(x.columns == p, "HierarchicalPass: data has \(x.columns) columns, the model \(p)")
        precondition(groups.map { $0.matches(x) } ?? true, "HierarchicalPass: the row groups are not those of the data")
        let empty = HierarchicalStatistics(dimensions: p, latent: d, components: k, diagonal: g.diagonalPosterior)
        guard x.rows > 0 else { return empty }
        let small = kernel == .automatic ? SmallRankSweep(g, logWeights: logWeights) : nil
        // The sweep reads rows by groups, so its blocks start on a group.
        let partition = BlockPartition(rows: x.rows, columns: p + kd, components: 2,
                                       alignment: small == nil ? 1 : RowGroups.width)
        var results = [HierarchicalStatistics](repeating: empty, count: partition.partitions)
        if let small {
            runSmallRank(groups ?? RowGroups(x), small, partition: partition, statistics: statistics, outputs: outputs,
                         into: &results)
        } else {
            runBlocked(x, g, partition: partition, logWeights: logWeights, statistics: statistics, outputs: outputs,
                       into: &results)
        }
        var total = results[0]
        for i in 1..<results.count { total.add(results[i]) }
        return total
    }

    /// The pass through `SmallRankSweep`: no BLAS, no per-block scratch beyond one chunk of rows
    /// (`SmallRankSweep.workCount`). Every block must start on a group of `RowGroups`.
    private static func runSmallRank(_ x: RowGroups, _ small: SmallRankSweep, partition: BlockPartition, statistics: Bool,
                                     outputs: Outputs, into results: inout [HierarchicalStatistics]) {
        let k = small.components, d = small.rank
        precondition(partition.blockSize % RowGroups.width == 0, "HierarchicalPass: blocks must start on a group of rows")
        x.storage.withUnsafeBufferPointer { xs in
            results.withUnsafeMutableBufferPointer { res in
                let shared = UncheckedSendable((xs.baseAddress!, res.baseAddress!, outputs))
                partition.forEachPartition { part in
                    let (base, res, out) = shared.value
                    let work = UnsafeMutablePointer<SmallRankSweep.Lanes>.allocate(capacity: small.workCount)
                    defer { work.deallocate() }
                    var sums = SmallRankSweep.Accumulators(small)
                    var stats = res[part]
                    for block in partition.blocks(ofPartition: part) {
                        let first = partition.blockRange(block).lowerBound
                        let rows = partition.blockRange(block).count
                        stats.logLikelihood += small.sweep(base + first * small.dimensions, rows: rows,
                                                           outputs: out.advanced(toRow: first, components: k, latent: d),
                                                           statistics: statistics, sums: &sums, work: work)
                    }
                    if statistics { sums.add(to: &stats) }
                    res[part] = stats
                }
            }
        }
    }

    /// The pass through `LatentGeometry`'s GEMMs, `LogSumExp` and `accumulate`, block by block.
    private static func runBlocked(_ x: Matrix, _ g: LowRankPlusDiagonal.LatentGeometry, partition: BlockPartition,
                                   logWeights: [Double], statistics: Bool, outputs: Outputs,
                                   into results: inout [HierarchicalStatistics]) {
        let p = g.dimensions, d = g.rank, k = g.components, kd = k * d
        let empty = results[0]
        let threads = partition.partitions > 1 ? 1 : BLASThreads.current
        BLASThreads.withThreads(threads) {
            x.storage.withUnsafeBufferPointer { xs in
                results.withUnsafeMutableBufferPointer { res in
                    let shared = UncheckedSendable((xs.baseAddress!, res.baseAddress!, outputs))
                    partition.forEachPartition { part in
                        let (base, res, out) = shared.value
                        let b = partition.blockSize
                        let perRow = p + d + 1 + kd + k + kd + d
                        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: b * perRow)
                        defer { scratch.deallocate() }
                        let centred = scratch, a = centred + b * p, q = a + b * d, localMeans = q + b
                        let localR = localMeans + b * kd
                        let weighted = localR + b * k, localY = weighted + b * kd
                        var stats = empty
                        for block in partition.blocks(ofPartition: part) {
                            let range = partition.blockRange(block)
                            let rows = range.count, first = range.lowerBound
                            let xb = base + first * p
                            let means = out.means.map { $0 + first * kd } ?? localMeans
                            let r = out.responsibilities.map { $0 + first * k } ?? localR
                            let ll = out.logLikelihoods.map { $0 + first }   // per-row logs only when asked for
                            g.project(xb, rows: rows, scratch: centred, a: a, q: q)
                            g.evaluate(a: a, q: q, rows: rows, logWeights: logWeights, means: means, logDensities: r)
                            if let densities = out.componentLogDensities.map({ $0 + first * k }) {
                                for i in 0..<rows { for c in 0..<k { densities[i * k + c] = r[i * k + c] - logWeights[c] } }
                            }
                            stats.logLikelihood += LogSumExp.normalizeRows(r, rows: rows, columns: k, logNormalizers: ll)
                            if statistics || out.embedding != nil {
                                accumulate(xb, rows: rows, means: means, responsibilities: r, weighted: weighted,
                                           embedding: out.embedding.map { $0 + first * d } ?? localY,
                                           statistics: statistics, into: &stats)
                            }
                        }
                        res[part] = stats
                    }
                }
            }
        }
    }

    /// A block's statistics: ȳ into `embedding` (rows × d), and when `statistics` the sums.
    private static func accumulate(_ x: UnsafePointer<Double>, rows: Int, means: UnsafePointer<Double>,
                                   responsibilities r: UnsafePointer<Double>, weighted: UnsafeMutablePointer<Double>,
                                   embedding y: UnsafeMutablePointer<Double>, statistics: Bool,
                                   into stats: inout HierarchicalStatistics) {
        let p = stats.dimensions, d = stats.latent, k = stats.components, kd = k * d
        let diagonal = stats.diagonal
        var counts: [Double] = [], first: [Double] = [], second: [Double] = [], cross: [Double] = []
        swap(&counts, &stats.counts); swap(&first, &stats.first); swap(&second, &stats.second); swap(&cross, &stats.cross)
        defer { swap(&counts, &stats.counts); swap(&first, &stats.first); swap(&second, &stats.second); swap(&cross, &stats.cross) }
        // One sweep: ȳₙ, and when `statistics` Σ r, Σ r m and (restricted) Σ r m² — with
        // `weighted` = √r m for the full second moments' GEMMs.
        counts.withUnsafeMutableBufferPointer { counts in
            first.withUnsafeMutableBufferPointer { first in
                second.withUnsafeMutableBufferPointer { second in
                    for i in 0..<rows {
                        let mRow = means + i * kd, wRow = weighted + i * kd, yRow = y + i * d, rRow = r + i * k
                        for j in 0..<d { yRow[j] = 0 }
                        for c in 0..<k {
                            let rc = rRow[c], root = rc.squareRoot()
                            let m = mRow + c * d, w = wRow + c * d
                            for j in 0..<d { yRow[j] += rc * m[j] }
                            guard statistics else { continue }
                            counts[c] += rc
                            let f = first.baseAddress! + c * d
                            for j in 0..<d { f[j] += rc * m[j] }
                            if diagonal {
                                let s = second.baseAddress! + c * d
                                for j in 0..<d { s[j] += rc * m[j] * m[j] }
                            } else {
                                for j in 0..<d { w[j] = root * m[j] }
                            }
                        }
                    }
                    if statistics && !diagonal {
                        for c in 0..<k {          // Σ (√r m)(√r m)ᵀ, lower triangle
                            BLAS.syrk(.lower, .transpose, n: d, k: rows, a: weighted + c * d, lda: kd, beta: 1,
                                      c: second.baseAddress! + c * d * d, ldc: d)
                        }
                    }
                }
            }
        }
        guard statistics else { return }
        cross.withUnsafeMutableBufferPointer { cross in
            BLAS.gemm(.transpose, .none, m: p, n: d, k: rows, a: x, lda: p, b: y, ldb: d, beta: 1,
                      c: cross.baseAddress!, ldc: d)
        }
    }
}
