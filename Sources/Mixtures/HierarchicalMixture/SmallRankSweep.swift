import Foundation
import LinearAlgebra

/// The hierarchical pass's per-row loop for latent dimensions d ≤ 4, where BLAS calls on
/// blocks d columns wide cost more than their arithmetic (at p = 10, d = 2, K = 3 the
/// blocked path makes a 2,000 × 10 × 2 GEMM, a 2,000 × 2 × 6 GEMM, three SYRKs of rank
/// 2,000 on 2 × 2 and a 10 × 2 × 2,000 GEMM per E-step, and four sweeps over its scratch).
///
/// One sweep over each row does all of it: the projection aₙ = WᵀΨ⁻¹(xₙ − b) and qₙ, the
/// posterior means m_nk = S_k aₙ + S_k c_k and the logits of every component (the same
/// formulas as `LatentGeometry.evaluate`), the normalisation (`LogSumExp.normalizeRows`'s
/// rules, one log per 32 rows when no per-row log is asked for), and the sums the M-step
/// needs (N_k, Σ r m, Σ r m mᵀ, Σ x ȳᵀ). The latent vectors are SIMD vectors of two or four
/// lanes (unused lanes zero), so nothing goes to memory between the steps. Same
/// quantities and outputs as the blocked path; sums in another order (rounding-level
/// differences, checked in HierarchicalPassTests).
struct SmallRankSweep {
    /// The largest latent dimension the sweep handles.
    static let maximumRank = 4

    let dimensions: Int, rank: Int, components: Int
    /// SIMD lanes of the latent vectors: 2 for d ≤ 2, else 4.
    let lanes: Int
    /// Whether only the diagonals of Σ r m mᵀ are kept (the restricted model's statistics).
    let diagonal: Bool
    /// Ψ^{-1/2} and the offset b (p each).
    let inverseRoot: [Double], offset: [Double]
    /// Row j of Ψ^{-1/2}W, padded to `lanes` (p × lanes).
    let loadings: [Double]
    /// Row a of S_k at (k d + a) × lanes (K d × lanes).
    let covariances: [Double]
    /// c_k = Σ_k⁻¹μ_k and S_k c_k (K × lanes each).
    let shifts: [Double], meanShifts: [Double]
    /// log π_k − ½ (p log 2π + log|Ψ| + log|Σ_k| + log|P_k| + μ_kᵀc_k) (K), and log π_k (K).
    let logitConstants: [Double], logWeights: [Double]

    /// The sweep of a factored geometry, or nil when d > `maximumRank`.
    init?(_ g: LowRankPlusDiagonal.LatentGeometry, logWeights: [Double]) {
        let p = g.dimensions, d = g.rank, k = g.components
        guard d <= Self.maximumRank else { return nil }
        let w = d <= 2 ? 2 : 4
        dimensions = p; rank = d; components = k; lanes = w; diagonal = g.diagonalPosterior
        inverseRoot = g.inverseRootPsi
        offset = g.offset
        var loadings = [Double](repeating: 0, count: p * w)
        for j in 0..<p { for b in 0..<d { loadings[j * w + b] = g.scaledLoadings.storage[j * d + b] } }
        var covariances = [Double](repeating: 0, count: k * d * w)
        var shifts = [Double](repeating: 0, count: k * w), meanShifts = shifts
        for c in 0..<k {
            let s = g.posteriorCovariances[c].storage
            for a in 0..<d { for b in 0..<d { covariances[(c * d + a) * w + b] = s[a * d + b] } }
            for b in 0..<d { shifts[c * w + b] = g.shifts[c * d + b]; meanShifts[c * w + b] = g.meanShifts[c * d + b] }
        }
        self.loadings = loadings
        self.covariances = covariances
        self.shifts = shifts
        self.meanShifts = meanShifts
        logitConstants = (0..<k).map { -0.5 * g.constants[$0] + logWeights[$0] }
        self.logWeights = logWeights
    }

    /// Per-partition sums in the sweep's padded layout, turned into `HierarchicalStatistics` by `add(to:)`.
    struct Accumulators {
        let lanes: Int
        /// N_k (K), Σ r m (K × lanes), rows of Σ r m mᵀ (K d × lanes), Σ x ȳᵀ (p × lanes).
        var counts: [Double], first: [Double], second: [Double], cross: [Double]

        init(_ sweep: SmallRankSweep) {
            let w = sweep.lanes, k = sweep.components
            lanes = w
            counts = [Double](repeating: 0, count: k)
            first = [Double](repeating: 0, count: k * w)
            second = [Double](repeating: 0, count: k * sweep.rank * w)
            cross = [Double](repeating: 0, count: sweep.dimensions * w)
        }

        /// Adds the sums into `stats` (lower triangles and diagonals as the blocked path lays them out).
        func add(to stats: inout HierarchicalStatistics) {
            let d = stats.latent, k = stats.components, w = lanes
            for c in 0..<k {
                stats.counts[c] += counts[c]
                for b in 0..<d { stats.first[c * d + b] += first[c * w + b] }
                for a in 0..<d {
                    if stats.diagonal {
                        stats.second[c * d + a] += second[(c * d + a) * w + a]
                    } else {
                        for b in 0...a { stats.second[c * d * d + a * d + b] += second[(c * d + a) * w + b] }
                    }
                }
            }
            for j in 0..<stats.dimensions { for b in 0..<d { stats.cross[j * d + b] += cross[j * w + b] } }
        }
    }

    /// Where a block writes its per-row results (each optional; row-major, offset to the block's first row).
    struct RowOutputs {
        var responsibilities: UnsafeMutablePointer<Double>?   // rows × K
        var logLikelihoods: UnsafeMutablePointer<Double>?     // rows
        var means: UnsafeMutablePointer<Double>?              // rows × K d
        var embedding: UnsafeMutablePointer<Double>?          // rows × d
        var componentLogDensities: UnsafeMutablePointer<Double>?   // rows × K
    }

    /// Rows per chunk: their posterior means and logits stay in L1 between the sweep's three steps.
    static let chunkRows = 64

    /// Doubles of `work` that `sweep` needs.
    var workCount: Int { Self.chunkRows * (components * (lanes + 1) + 1) }

    /// Sweeps `rows` rows of `x` (row-major, p columns); adds the sums to `sums` when
    /// `statistics`; returns Σ log p(xₙ) over the rows. `work` holds `workCount` doubles.
    func sweep(_ x: UnsafePointer<Double>, rows: Int, outputs: RowOutputs, statistics: Bool,
               sums: inout Accumulators, work: UnsafeMutablePointer<Double>) -> Double {
        // The latent dimension is a type (`StaticDimension`), so the loops over it unroll.
        switch rank {
        case 1: return sweep(Dimension1.self, SIMD2<Double>.self, x, rows: rows, outputs: outputs, statistics: statistics,
                             sums: &sums, work: work)
        case 2: return sweep(Dimension2.self, SIMD2<Double>.self, x, rows: rows, outputs: outputs, statistics: statistics,
                             sums: &sums, work: work)
        case 3: return sweep(Dimension3.self, SIMD4<Double>.self, x, rows: rows, outputs: outputs, statistics: statistics,
                             sums: &sums, work: work)
        default: return sweep(Dimension4.self, SIMD4<Double>.self, x, rows: rows, outputs: outputs, statistics: statistics,
                              sums: &sums, work: work)
        }
    }

    @inline(__always)
    private static func load<V: SIMD>(_: V.Type, _ p: UnsafePointer<Double>) -> V where V.Scalar == Double {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always)
    private static func store<V: SIMD>(_ v: V, _ p: UnsafeMutablePointer<Double>) where V.Scalar == Double {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// Per chunk of rows: (1) projections, posterior means and logits, (2) the exponentials
    /// of all the chunk's shifted logits at once (`VectorExp`), (3) responsibilities, log
    /// normalisers and the sums.
    private func sweep<D: StaticDimension, V: SIMD>(_: D.Type, _: V.Type, _ x: UnsafePointer<Double>, rows: Int,
                                                    outputs out: RowOutputs, statistics: Bool, sums: inout Accumulators,
                                                    work: UnsafeMutablePointer<Double>) -> Double where V.Scalar == Double {
        let p = dimensions, d = D.value, k = components, w = V.scalarCount, chunk = Self.chunkRows
        precondition(d == rank && w == lanes, "SmallRankSweep: d = \(d) and \(w) lanes, built for \(rank) and \(lanes)")
        // m_nk (chunk × K × lanes), the shifted logits then their exponentials (chunk × K), the rows' largest logits.
        let means = work, shifted = work + chunk * k * w, tops = shifted + chunk * k
        var total = LogSumExp.NormalizerSum()
        inverseRoot.withUnsafeBufferPointer { r in offset.withUnsafeBufferPointer { o in
        loadings.withUnsafeBufferPointer { l in covariances.withUnsafeBufferPointer { s in
        shifts.withUnsafeBufferPointer { sh in meanShifts.withUnsafeBufferPointer { ms in
        logitConstants.withUnsafeBufferPointer { cs in logWeights.withUnsafeBufferPointer { lw in
        sums.counts.withUnsafeMutableBufferPointer { counts in sums.first.withUnsafeMutableBufferPointer { first in
        sums.second.withUnsafeMutableBufferPointer { second in sums.cross.withUnsafeMutableBufferPointer { cross in
            let r = r.baseAddress!, o = o.baseAddress!, l = l.baseAddress!, s = s.baseAddress!
            let sh = sh.baseAddress!, ms = ms.baseAddress!, cs = cs.baseAddress!, lw = lw.baseAddress!
            let counts = counts.baseAddress!, first = first.baseAddress!
            let second = second.baseAddress!, cross = cross.baseAddress!
            var begin = 0
            while begin < rows {
                let size = min(chunk, rows - begin)
                // (1) aₙ, qₙ, m_nk = S_k aₙ + S_k c_k and the logits log π_k + log N(xₙ; W μ_k + b, C_k).
                for u in 0..<size {
                    let i = begin &+ u, row = x + i &* p
                    var a0 = V(), a1 = V(), q0 = 0.0, q1 = 0.0     // two partial sums each
                    var j = 0
                    while j &+ 2 <= p {
                        let v0 = (row[j] - o[j]) * r[j], v1 = (row[j &+ 1] - o[j &+ 1]) * r[j &+ 1]
                        q0 += v0 * v0; q1 += v1 * v1
                        a0 += v0 * Self.load(V.self, l + j &* w)
                        a1 += v1 * Self.load(V.self, l + (j &+ 1) &* w)
                        j &+= 2
                    }
                    if j < p {
                        let v = (row[j] - o[j]) * r[j]
                        q0 += v * v
                        a0 += v * Self.load(V.self, l + j &* w)
                    }
                    let a = a0 + a1, q = q0 + q1
                    let logits = shifted + u &* k
                    var top = -Double.infinity
                    for c in 0..<k {
                        var m = Self.load(V.self, ms + c &* w)
                        for b in 0..<d { m += a[b] * Self.load(V.self, s + (c &* d &+ b) &* w) }
                        Self.store(m, means + (u &* k &+ c) &* w)
                        let h = a + Self.load(V.self, sh + c &* w)
                        let logit = cs[c] - 0.5 * (q - (h * m).sum())
                        logits[c] = logit
                        if logit > top { top = logit }
                    }
                    if let densities = out.componentLogDensities {
                        for c in 0..<k { densities[i &* k &+ c] = logits[c] - lw[c] }
                    }
                    for c in 0..<k { logits[c] -= top }
                    tops[u] = top
                }
                // (2) e^(logit − top), ≤ 1, for the whole chunk.
                VectorExp.exponentiate(shifted, count: size &* k)
                // (3) Responsibilities, the log normaliser (`LogSumExp.normalizeRows`' rules) and the sums.
                for u in 0..<size {
                    let i = begin &+ u, row = x + i &* p, e = shifted + u &* k
                    var sum = 0.0
                    for c in 0..<k { sum += e[c] }
                    let inverse = 1 / sum
                    if let ll = out.logLikelihoods {
                        ll[i] = total.add(largest: tops[u], sum: sum)
                    } else {
                        total.add(largestTimes: tops[u], sum: sum)
                    }
                    var ybar = V()
                    for c in 0..<k {
                        let rc = e[c] * inverse
                        let m = Self.load(V.self, means + (u &* k &+ c) &* w)
                        ybar += rc * m
                        if let resp = out.responsibilities { resp[i &* k &+ c] = rc }
                        if let mOut = out.means { for b in 0..<d { mOut[(i &* k &+ c) &* d &+ b] = m[b] } }
                        guard statistics else { continue }
                        counts[c] += rc
                        let weighted = rc * m
                        Self.store(Self.load(V.self, first + c &* w) + weighted, first + c &* w)
                        for b in 0..<d {
                            let at = second + (c &* d &+ b) &* w
                            Self.store(Self.load(V.self, at) + weighted[b] * m, at)
                        }
                    }
                    if let embedding = out.embedding { for b in 0..<d { embedding[i &* d &+ b] = ybar[b] } }
                    if statistics {
                        for j in 0..<p {
                            let at = cross + j &* w
                            Self.store(Self.load(V.self, at) + row[j] * ybar, at)
                        }
                    }
                }
                begin &+= size
            }
        } } } } } } } } } } } }
        return total.value
    }
}
