import Foundation
import LinearAlgebra
import Mixtures
import Plotting

/// Figures of MCMC output: traces, posterior histograms, rank plots, posterior predictive density.
extension MixturePlots {
    /// Trace panels, one row per parameter (all, or those named): each chain's draws
    /// against iteration, and each chain's kernel density beside them.
    public static func traces(_ draws: MCMCDraws, parameters: [String]? = nil, width: Double = 6.4) -> Figure {
        let names = parameters ?? draws.parameterNames
        return Figure.traces(names.compactMap { n in draws.chains(of: n).map { (name: n, chains: $0) } }, width: width)
    }

    /// Posterior histograms (all chains pooled, as densities) with a kernel density on
    /// top, one panel per parameter, `columns` panels a row.
    public static func posteriorHistograms(_ draws: MCMCDraws, parameters: [String]? = nil, columns: Int? = nil,
                                           width: Double = 6.4) -> Figure {
        let names = parameters ?? draws.parameterNames
        let cols = max(1, min(columns ?? panelColumns(names.count), names.count))
        let rows = max(1, (names.count + cols - 1) / cols)
        var f = Figure(width: width, height: 1.9 * Double(rows) + 0.4, rows: rows, columns: cols)
        for (i, name) in names.enumerated() {
            guard let chains = draws.chains(of: name) else { continue }
            let pooled = chains.flatMap { $0 }
            f[i / cols, i % cols].histogram(pooled, bins: 30, density: true, color: Color.okabeIto[0], alpha: 0.55)
            f[i / cols, i % cols].kernelDensity(pooled, color: Color.okabeIto[5])
            f[i / cols, i % cols].xLabel = name
        }
        return f
    }

    /// Panels per row for `count` panels: 3, 4, 2 or 5, whichever fills the last row, else 3.
    static func panelColumns(_ count: Int) -> Int { [3, 4, 2, 5].first { count % $0 == 0 } ?? 3 }

    /// Rank plots (Vehtari et al. 2021): the draws of all chains ranked together, and per
    /// chain the count of its ranks in each of `bins` equal bins, against the dashed count
    /// every bin would hold if the chains mixed perfectly. Well-mixed chains scatter around
    /// that line; a chain stuck apart shows a slope.
    public static func rankPlots(_ draws: MCMCDraws, parameters: [String]? = nil, columns: Int? = nil,
                                 bins: Int = 20, width: Double = 6.4) -> Figure {
        let names = parameters ?? draws.parameterNames
        let cols = max(1, min(columns ?? panelColumns(names.count), names.count))
        let rows = max(1, (names.count + cols - 1) / cols)
        var f = Figure(width: width, height: 1.9 * Double(rows) + 0.4, rows: rows, columns: cols)
        for (i, name) in names.enumerated() {
            guard let chains = draws.chains(of: name) else { continue }
            let ranks = rankChains(chains)
            let total = Double(ranks.reduce(0) { $0 + $1.count })
            let centres = (0..<bins).map { (Double($0) + 0.5) * total / Double(bins) }
            for (c, r) in ranks.enumerated() {
                var counts = [Double](repeating: 0, count: bins)
                for v in r { counts[min(bins - 1, Int((v - 1) / total * Double(bins)))] += 1 }
                f[i / cols, i % cols].line(x: centres, y: counts, label: i == 0 ? "chain \(c + 1)" : nil,
                                           color: Color.okabeIto[c % Color.okabeIto.count], width: 1.2, marker: .circle, markerSize: 3)
            }
            f[i / cols, i % cols].horizontalLine(y: total / Double(bins) / Double(max(ranks.count, 1)))
            f[i / cols, i % cols].xLabel = "rank of \(name)"
        }
        return f
    }

    /// Ranks (1…S, ties averaged) of every draw among all chains' draws.
    static func rankChains(_ chains: [[Double]]) -> [[Double]] {
        let flat = chains.flatMap { $0 }
        let order = flat.indices.sorted { flat[$0] < flat[$1] }
        var rank = [Double](repeating: 0, count: flat.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && flat[order[j + 1]] == flat[order[i]] { j += 1 }
            for t in i...j { rank[order[t]] = Double(i + j) / 2 + 1 }
            i = j + 1
        }
        var out = [[Double]](), at = 0
        for c in chains { out.append(Array(rank[at..<(at + c.count)])); at += c.count }
        return out
    }

    /// The posterior predictive density of a diagonal Gaussian mixture sampled by NUTS or
    /// Gibbs (parameters named w[k], mu[k,d], sigma[k,d]), averaged over up to `maxDraws`
    /// evenly thinned draws, over the data: contours (enclosing 25/50/75/90 % of the
    /// points) of two dimensions above a scatter of the rows; a curve over a histogram for
    /// one-dimensional data. `resolution` is the grid size per axis.
    /// - Throws: `SamplerError.invalidModelInput` when the draws lack those parameters.
    public static func posteriorPredictiveDensity(_ draws: MCMCDraws, data x: Matrix, components k: Int,
                                                  dimensions: (Int, Int) = (0, 1), maxDraws: Int = 200,
                                                  resolution: Int = 90, width: Double = 6.4) throws -> Figure {
        let d = x.columns
        func index(_ name: String) throws -> Int {
            guard let i = draws.parameterNames.firstIndex(of: name) else {
                throw SamplerError.invalidModelInput("the draws have no parameter \(name) (a diagonal Gaussian mixture's draws are needed)")
            }
            return i
        }
        let wIndex = try (1...k).map { try index("w[\($0)]") }
        let muIndex = try (1...k).map { c in try (1...d).map { try index("mu[\(c),\($0)]") } }
        let sdIndex = try (1...k).map { c in try (1...d).map { try index("sigma[\(c),\($0)]") } }
        var picks = [(Int, Int)]()
        let total = draws.chainCount * draws.drawCount
        let step = max(1, total / max(maxDraws, 1))
        for t in stride(from: 0, to: total, by: step) { picks.append((t / draws.drawCount, t % draws.drawCount)) }

        /// log of the draw-averaged density at points given per dimension in `dims`.
        func logPredictive(_ points: [[Double]], dims: [Int]) -> [Double] {
            points.map { p in
                var terms = [Double]()
                terms.reserveCapacity(picks.count * k)
                for (c, s) in picks {
                    let v = draws.values[c]
                    for comp in 0..<k {
                        var l = log(v[wIndex[comp]][s])
                        for (slot, dim) in dims.enumerated() {
                            let mu = v[muIndex[comp][dim]][s], sd = v[sdIndex[comp][dim]][s]
                            let z = (p[slot] - mu) / sd
                            l += -0.5 * z * z - log(sd) - 0.5 * log(2 * Double.pi)
                        }
                        terms.append(l)
                    }
                }
                return LogSumExp.value(terms) - log(Double(picks.count))
            }
        }

        var f = Figure(width: width, height: d >= 2 ? width * 0.8 : width * 0.6)
        if d >= 2 {
            let (i, j) = dimensions
            let xs = x.column(i), ys = x.column(j)
            let pad = { (v: [Double]) -> ClosedRange<Double> in
                let lo = v.min()!, hi = v.max()!, m = 0.08 * (hi - lo)
                return (lo - m)...(hi + m)
            }
            let rx = pad(xs), ry = pad(ys)
            let n = max(resolution, 2)
            let gx = (0..<n).map { rx.lowerBound + (rx.upperBound - rx.lowerBound) * Double($0) / Double(n - 1) }
            let gy = (0..<n).map { ry.lowerBound + (ry.upperBound - ry.lowerBound) * Double($0) / Double(n - 1) }
            var points = [[Double]]()
            for b in gy { for a in gx { points.append([a, b]) } }
            let grid = Grid(x: gx, y: gy, values: logPredictive(points, dims: [i, j]))
            let atData = logPredictive(zip(xs, ys).map { [$0, $1] }, dims: [i, j])
            f[0, 0].scatter(x: xs, y: ys, color: .gray, size: 3, alpha: 0.5, label: "data")
            f[0, 0].contour(grid, levels: coverageLevels(pointLogDensities: atData), width: 1.4)
            f[0, 0].xLabel = "x\(i + 1)"
            f[0, 0].yLabel = "x\(j + 1)"
            f[0, 0].title = "posterior predictive density (\(picks.count) draws)"
        } else {
            let v = x.column(0)
            let lo = v.min()!, hi = v.max()!, m = 0.1 * (hi - lo)
            let gx = (0..<200).map { lo - m + (hi - lo + 2 * m) * Double($0) / 199 }
            let density = logPredictive(gx.map { [$0] }, dims: [0]).map(exp)
            f[0, 0].histogram(v, bins: 40, density: true, color: .gray, alpha: 0.4, label: "data")
            f[0, 0].line(x: gx, y: density, label: "posterior predictive", color: Color.okabeIto[5], width: 1.8)
            f[0, 0].xLabel = "x1"
        }
        return f
    }
}
