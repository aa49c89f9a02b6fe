import Foundation
import LinearAlgebra

/// The hierarchical pass's per-row loop for latent dimensions d ≤ 4, where BLAS calls on
/// blocks d columns wide cost more than their arithmetic (at p = 10, d = 2, K = 3 the
/// blocked path makes a 2,000 × 10 × 2 GEMM, a 2,000 × 2 × 6 GEMM, three SYRKs of rank
/// 2,000 on 2 × 2 and a 10 × 2 × 2,000 GEMM per E-step, and four sweeps over its scratch).
///
/// One sweep over the rows does all of it: the projection aₙ = WᵀΨ⁻¹(xₙ − b) and qₙ, the
/// posterior means m_nk = S_k aₙ + S_k c_k and the logits of every component (the same
/// formulas as `LatentGeometry.evaluate`), the normalisation (`LogSumExp.normalizeRows`'s
/// rules through `LogSumExp.NormalizerSum`, one sum per lane), and the sums the M-step needs (N_k, Σ r m,
/// Σ r m mᵀ, Σ x ȳᵀ).
///
/// The SIMD lanes are rows: a group of `Lanes.scalarCount` rows goes through every step at
/// once, each operation acting on one scalar quantity of all the group's rows (coordinate b
/// of aₙ, the logit of component k, …) with the parameters broadcast, so no lane is wasted
/// whatever d and nothing needs a horizontal reduction until the end. The loops over d are
/// unrolled (`StaticDimension`); the sums are kept per lane (`Accumulators`) and added up
/// once per partition. The rows come as `RowGroups` (each group's column one vector load); a
/// last group with fewer rows repeats its first row in the spare lanes, and the sweep gives
/// them zero responsibilities, so they add nothing. Same quantities and
/// outputs as the blocked path; sums in another order (rounding-level differences, checked
/// in HierarchicalPassTests).
struct SmallRankSweep {
    /// The largest latent dimension the sweep handles.
    static let maximumRank = 4

    /// Whether the E-step of latent dimension d is this sweep (else the blocked BLAS path).
    static func handles(rank d: Int) -> Bool { d <= maximumRank }
    /// One value for each row of a group.
    typealias Lanes = SIMD4<Double>

    let dimensions: Int, rank: Int, components: Int
    /// Whether only the diagonals of Σ r m mᵀ are kept (the restricted model's statistics).
    let diagonal: Bool
    /// Ψ^{-1/2} and the offset b (p each).
    let inverseRoot: [Double], offset: [Double]
    /// Ψ^{-1/2}W, row-major (p × d).
    let loadings: [Double]
    /// S_k, row-major (K of d × d).
    let covariances: [Double]
    /// c_k = Σ_k⁻¹μ_k and S_k c_k (K × d each).
    let shifts: [Double], meanShifts: [Double]
    /// log π_k − ½ (p log 2π + log|Ψ| + log|Σ_k| + log|P_k| + μ_kᵀc_k) (K), and log π_k (K).
    let logitConstants: [Double], logWeights: [Double]

    /// The sweep of a factored geometry, or nil when d > `maximumRank`.
    init?(_ g: LowRankPlusDiagonal.LatentGeometry, logWeights: [Double]) {
        guard Self.handles(rank: g.rank) else { return nil }
        dimensions = g.dimensions; rank = g.rank; components = g.components; diagonal = g.diagonalPosterior
        inverseRoot = g.inverseRootPsi
        offset = g.offset
        loadings = g.scaledLoadings.storage
        covariances = g.posteriorCovariances.flatMap(\.storage)
        shifts = g.shifts
        meanShifts = g.meanShifts
        logitConstants = (0..<g.components).map { -0.5 * g.constants[$0] + logWeights[$0] }
        self.logWeights = logWeights
    }

    /// Entries of the second-moment sums per component: d(d + 1)/2 (lower triangle) or d (diagonal).
    var secondCount: Int { diagonal ? rank : rank * (rank + 1) / 2 }

    /// Per-partition sums, one per lane (rows i, i + 4, i + 8, … of each block in lane i mod 4),
    /// turned into `HierarchicalStatistics` by `add(to:)`.
    struct Accumulators {
        /// N_k (K), Σ r m (K × d), Σ r m mᵀ (K × `secondCount`: lower triangles row by row, or
        /// diagonals), Σ x ȳᵀ (p × d).
        var counts: [Lanes], first: [Lanes], second: [Lanes], cross: [Lanes]

        init(_ sweep: SmallRankSweep) {
            let d = sweep.rank, k = sweep.components
            counts = [Lanes](repeating: Lanes(), count: k)
            first = [Lanes](repeating: Lanes(), count: k * d)
            second = [Lanes](repeating: Lanes(), count: k * sweep.secondCount)
            cross = [Lanes](repeating: Lanes(), count: sweep.dimensions * d)
        }

        /// Adds the lanes' sums into `stats` (lower triangles and diagonals as the blocked path lays them out).
        func add(to stats: inout HierarchicalStatistics) {
            let d = stats.latent, k = stats.components
            for i in counts.indices { stats.counts[i] += counts[i].sum() }
            for i in first.indices { stats.first[i] += first[i].sum() }
            for i in cross.indices { stats.cross[i] += cross[i].sum() }
            if stats.diagonal {
                for i in second.indices { stats.second[i] += second[i].sum() }
                return
            }
            var i = 0
            for c in 0..<k { for a in 0..<d { for b in 0...a {
                stats.second[c * d * d + a * d + b] += second[i].sum()
                i += 1
            } } }
        }
    }

    /// Groups of rows per chunk: their posterior means and logits stay in L1 between the sweep's steps.
    static let chunkGroups = 16

    /// `Lanes` of `work` that `sweep` needs: a chunk's posterior means, logits, largest logits and ȳ.
    var workCount: Int { Self.chunkGroups * (components * (rank + 1) + 1 + rank) }

    /// Sweeps `rows` rows given as `RowGroups` storage from the first row's group on (`x`;
    /// the first row is the first lane of its group); writes the per-row `outputs` (advanced
    /// to the block's first row); adds the sums to `sums` when `statistics`; returns
    /// Σ log p(xₙ) over the rows. `work` holds `workCount` values.
    func sweep(_ x: UnsafePointer<Double>, rows: Int, outputs: HierarchicalPass.Outputs, statistics: Bool,
               sums: inout Accumulators, work: UnsafeMutablePointer<Lanes>) -> Double {
        inverseRoot.withUnsafeBufferPointer { r in offset.withUnsafeBufferPointer { o in
        loadings.withUnsafeBufferPointer { l in covariances.withUnsafeBufferPointer { s in
        shifts.withUnsafeBufferPointer { sh in meanShifts.withUnsafeBufferPointer { ms in
        logitConstants.withUnsafeBufferPointer { cs in logWeights.withUnsafeBufferPointer { lw in
        sums.counts.withUnsafeMutableBufferPointer { counts in sums.first.withUnsafeMutableBufferPointer { first in
        sums.second.withUnsafeMutableBufferPointer { second in sums.cross.withUnsafeMutableBufferPointer { cross in
            let v = Views(inverseRoot: r.baseAddress!, offset: o.baseAddress!, loadings: l.baseAddress!,
                          covariances: s.baseAddress!, shifts: sh.baseAddress!, meanShifts: ms.baseAddress!,
                          logitConstants: cs.baseAddress!, logWeights: lw.baseAddress!, counts: counts.baseAddress!,
                          first: first.baseAddress!, second: second.baseAddress!, cross: cross.baseAddress!)
            // The latent dimension is a type (`StaticDimension`), so the loops over it unroll.
            switch rank {
            case 1: return sweep(Dimension1.self, x, rows: rows, outputs: outputs, statistics: statistics, v, work: work)
            case 2: return sweep(Dimension2.self, x, rows: rows, outputs: outputs, statistics: statistics, v, work: work)
            case 3: return sweep(Dimension3.self, x, rows: rows, outputs: outputs, statistics: statistics, v, work: work)
            default: return sweep(Dimension4.self, x, rows: rows, outputs: outputs, statistics: statistics, v, work: work)
            }
        } } } } } } } } } } } }
    }

    /// The parameters' and the sums' storage during one `sweep` (so the generic loop below
    /// has no closures, which would keep it from being specialised for each d).
    private struct Views {
        let inverseRoot: UnsafePointer<Double>, offset: UnsafePointer<Double>, loadings: UnsafePointer<Double>
        let covariances: UnsafePointer<Double>, shifts: UnsafePointer<Double>, meanShifts: UnsafePointer<Double>
        let logitConstants: UnsafePointer<Double>, logWeights: UnsafePointer<Double>
        let counts: UnsafeMutablePointer<Lanes>, first: UnsafeMutablePointer<Lanes>
        let second: UnsafeMutablePointer<Lanes>, cross: UnsafeMutablePointer<Lanes>
    }

    /// Per chunk of groups: (1) each group's aₙ, qₙ, m_nk, logits and their largest, (2) the
    /// exponentials of all the chunk's shifted logits (`VectorExp`; many independent ones
    /// in a row keep the core busy, where one group's K would wait on each other's latency),
    /// (3) each group's log normalisers, responsibilities, per-row outputs and sums but one,
    /// (4) Σ x ȳᵀ over the chunk, with its p × d sums in registers column by column.
    private func sweep<D: StaticDimension>(_: D.Type, _ x: UnsafePointer<Double>, rows: Int, outputs out: HierarchicalPass.Outputs,
                                           statistics: Bool, _ v: Views, work: UnsafeMutablePointer<Lanes>) -> Double {
        let p = dimensions, d = D.value, k = components, width = Lanes.scalarCount, t = secondCount
        precondition(d == rank, "SmallRankSweep: d = \(d), built for \(rank)")
        // Per group of the chunk: m_nk (K × d), the logits then their shifted exponentials (K), the largest logits, ȳ (d).
        let chunk = Self.chunkGroups, means = work, logits = work + chunk &* k &* d, tops = logits + chunk &* k
        let embeddings = tops + chunk
        var total = LogSumExp.NormalizerSum<Lanes>()
        let r = v.inverseRoot, o = v.offset, l = v.loadings, s = v.covariances
        let sh = v.shifts, ms = v.meanShifts, cs = v.logitConstants, lw = v.logWeights
        let counts = v.counts, first = v.first, second = v.second, cross = v.cross
        var begin = 0
        while begin < rows {
            let groups = min(chunk, (rows &- begin &+ width &- 1) / width)
            // (1) vⱼ = (xⱼ − bⱼ) Ψⱼ^{-1/2}, qₙ = Σⱼ vⱼ², a_b = Σⱼ vⱼ (Ψ^{-1/2}W)ⱼ_b; then
            //     m_k = S_k a + S_k c_k and logit_k = log π_k + log N(xₙ; W μ_k + b, C_k)
            //     = constant_k − ½ (qₙ − (a + c_k)ᵀ m_k).
            for g in 0..<groups {
                let row = begin &+ g &* width
                let group = RowGroup(x + row &* p, rows: min(width, rows &- row))
                var a = LatentLanes(), q = Lanes()
                for j in 0..<p {
                    let v = (group.column(j) - o[j]) * r[j]
                    q += v * v
                    for b in 0..<d { a[b] += v * l[j &* d &+ b] }
                }
                var top = Lanes(repeating: -.infinity)
                for c in 0..<k {
                    var m = LatentLanes(), hm = Lanes()
                    for e in 0..<d {
                        var sum = Lanes(repeating: ms[c &* d &+ e])
                        for b in 0..<d { sum += a[b] * s[(c &* d &+ b) &* d &+ e] }
                        m[e] = sum
                        means[(g &* k &+ c) &* d &+ e] = sum
                    }
                    for b in 0..<d { hm += (a[b] + sh[c &* d &+ b]) * m[b] }
                    let logit = cs[c] - 0.5 * (q - hm)
                    logits[g &* k &+ c] = logit
                    top.replace(with: logit, where: logit .> top)
                    if let densities = out.componentLogDensities {
                        group.store(logit - lw[c], to: densities + (row &* k &+ c), stride: k)
                    }
                }
                tops[g] = top
            }
            // (2) e^(logit − top) ≤ 1.
            for g in 0..<groups {
                for c in 0..<k { logits[g &* k &+ c] = VectorExp.exp(logits[g &* k &+ c] - tops[g]) }
            }
            // (3) sₙ = Σ_k e_k ∈ [1, K], log p(xₙ) = top + log sₙ, r_k = e_k / sₙ, ȳ = Σ_k r_k m_k and the sums.
            for g in 0..<groups {
                let row = begin &+ g &* width
                let group = RowGroup(x + row &* p, rows: min(width, rows &- row))
                let e = logits + g &* k
                var sum = Lanes()
                for c in 0..<k { sum += e[c] }
                // The spare lanes add a neutral row (log(e⁰ · 1) = 0) and get zero responsibilities.
                let largest = tops[g].replacing(with: 0, where: group.spare)
                let sums = sum.replacing(with: 1, where: group.spare)
                if let ll = out.logLikelihoods {
                    group.store(total.add(largest: largest, sum: sums), to: ll + row, stride: 1)
                } else {
                    total.add(largestTimes: largest, sum: sums)
                }
                let inverse = (1 / sum).replacing(with: 0, where: group.spare)
                var ybar = LatentLanes()
                for c in 0..<k {
                    let rc = e[c] * inverse
                    if let resp = out.responsibilities { group.store(rc, to: resp + (row &* k &+ c), stride: k) }
                    var m = LatentLanes()
                    for b in 0..<d {
                        m[b] = means[(g &* k &+ c) &* d &+ b]
                        ybar[b] += rc * m[b]
                        if let mOut = out.means { group.store(m[b], to: mOut + ((row &* k &+ c) &* d &+ b), stride: k &* d) }
                    }
                    guard statistics else { continue }
                    counts[c] += rc
                    var weighted = LatentLanes()
                    for b in 0..<d {
                        weighted[b] = rc * m[b]
                        first[c &* d &+ b] += weighted[b]
                    }
                    let moments = second + c &* t
                    if diagonal {
                        for b in 0..<d { moments[b] += weighted[b] * m[b] }
                    } else {
                        var i = 0
                        for e in 0..<d { for b in 0...e { moments[i] += weighted[e] * m[b]; i &+= 1 } }
                    }
                }
                if let embedding = out.embedding {
                    for b in 0..<d { group.store(ybar[b], to: embedding + (row &* d &+ b), stride: d) }
                }
                for b in 0..<d { embeddings[g &* d &+ b] = ybar[b] }
            }
            // (4) Σₙ xₙⱼ ȳₙ over the chunk's groups (ȳ is zero in the spare lanes).
            if statistics {
                let chunkRows = x + begin &* p
                for j in 0..<p {
                    var sum = LatentLanes()
                    for g in 0..<groups {
                        let xj = UnsafeRawPointer(chunkRows + (g &* p &+ j) &* width).loadUnaligned(as: Lanes.self)
                        for b in 0..<d { sum[b] += xj * embeddings[g &* d &+ b] }
                    }
                    for b in 0..<d { cross[j &* d &+ b] += sum[b] }
                }
            }
            begin &+= groups &* width
        }
        return total.value
    }
}

/// A latent vector of every row of a group: coordinate b (b < d ≤ 4) of all the lanes' rows.
/// Four named values rather than an array, so that with d known they stay in registers.
private struct LatentLanes {
    private var c0 = SmallRankSweep.Lanes(), c1 = SmallRankSweep.Lanes()
    private var c2 = SmallRankSweep.Lanes(), c3 = SmallRankSweep.Lanes()

    subscript(b: Int) -> SmallRankSweep.Lanes {
        @inline(__always) get {
            switch b {
            case 0: return c0
            case 1: return c1
            case 2: return c2
            default: return c3
            }
        }
        @inline(__always) set {
            switch b {
            case 0: c0 = newValue
            case 1: c1 = newValue
            case 2: c2 = newValue
            default: c3 = newValue
            }
        }
    }
}

/// One group of `RowGroups` (its p columns of four lanes at `values`), of which the first
/// `rows` lanes are rows; the spare lanes repeat the first row (finite whenever the rows are).
private struct RowGroup {
    let values: UnsafePointer<Double>
    let rows: Int
    /// The lanes that hold no row of the group.
    let spare: SIMDMask<SIMD4<Int64>>

    @inline(__always)
    init(_ values: UnsafePointer<Double>, rows: Int) {
        self.values = values
        self.rows = rows
        spare = SIMD4<Int64>(0, 1, 2, 3) .>= SIMD4(repeating: Int64(rows))
    }

    /// Column j of the group's rows.
    @inline(__always)
    func column(_ j: Int) -> SmallRankSweep.Lanes {
        UnsafeRawPointer(values + j &* SmallRankSweep.Lanes.scalarCount).loadUnaligned(as: SmallRankSweep.Lanes.self)
    }

    /// Writes lane i of `v` to `to[i · stride]` for the group's rows (not the spare lanes).
    @inline(__always)
    func store(_ v: SmallRankSweep.Lanes, to: UnsafeMutablePointer<Double>, stride: Int) {
        for lane in 0..<rows { to[lane &* stride] = v[lane] }
    }
}
