/// One column panel of the precision factors of all components, side by side.
///
/// Whitening `yₖ = x·Uₖ` with `Uₖ` upper triangular: columns `lo ..< hi` of `yₖ` depend
/// only on `x₀ ..< x_hi`. Cutting the columns into panels and multiplying each by only
/// the leading `hi` columns of the block skips most of the zero triangle: with four
/// panels the GEMMs do 5/8 of the flops of a full product, while each stays large
/// enough to run at full speed.
struct WhiteningPanel: Sendable {
    /// First column of the panel in each component's factor.
    let lo: Int
    /// One past the last column; also the number of leading data columns used.
    let hi: Int
    /// Stacked components in the panel (K, or 1 for a tied covariance).
    let stacked: Int
    /// `hi × (stacked · width)`, row-major: rows `0 ..< hi` of `Uₖ[:, lo ..< hi]` side by side.
    let weights: [Double]
    /// Offset of this panel's output in the scratch block, per row of the block.
    let scratchOffset: Int
    /// `stacked · width`: `(μₖ·Uₖ)[lo ..< hi]` side by side (full covariance), laid out as a
    /// row of the panel's output, so a row's whitened distances for all components are read
    /// contiguously. Empty for a tied covariance (one stacked factor, K different means).
    let bias: [Double]

    var width: Int { hi - lo }

    /// Panels for factors `K × D × D` (upper triangular, row-major).
    /// `whitenedMeans` (K × D, μₖ·Uₖ) gives each panel's `bias` when `stacked` is K.
    static func panels(factors: [Double], components stacked: Int, dimensions d: Int,
                       whitenedMeans: [Double]) -> [WhiteningPanel] {
        let count = d >= 32 ? 4 : (d >= 8 ? 2 : 1)
        var result: [WhiteningPanel] = []
        var offset = 0
        for q in 0..<count {
            let lo = q * d / count, hi = (q + 1) * d / count
            let width = hi - lo
            var w = [Double](repeating: 0, count: hi * stacked * width)
            for c in 0..<stacked {
                for i in 0..<hi {
                    for j in lo..<hi { w[i * stacked * width + c * width + (j - lo)] = factors[c * d * d + i * d + j] }
                }
            }
            var bias: [Double] = []
            if stacked > 1 || whitenedMeans.count == d {
                bias = [Double](repeating: 0, count: stacked * width)
                for c in 0..<stacked {
                    for j in lo..<hi { bias[c * width + (j - lo)] = whitenedMeans[c * d + j] }
                }
            }
            result.append(WhiteningPanel(lo: lo, hi: hi, stacked: stacked, weights: w, scratchOffset: offset, bias: bias))
            offset += stacked * width
        }
        return result
    }
}
