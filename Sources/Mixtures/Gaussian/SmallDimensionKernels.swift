/// Per-row loops for full (and tied) covariances in 1–4 dimensions, where BLAS calls on
/// thin blocks cost more than the arithmetic. The dimension is a type, so each loop is
/// specialised with a constant trip count and unrolled by the compiler.
protocol StaticDimension { static var value: Int { get } }
enum Dimension1: StaticDimension { static var value: Int { 1 } }
enum Dimension2: StaticDimension { static var value: Int { 2 } }
enum Dimension3: StaticDimension { static var value: Int { 3 } }
enum Dimension4: StaticDimension { static var value: Int { 4 } }

enum SmallDimensionKernels {
    /// `logDensities` for a runtime `d` in 1…4, dispatched to the specialised loop.
    static func logDensities(d: Int, x: UnsafePointer<Double>, rows: Int, mean: UnsafePointer<Double>,
                             factor: UnsafePointer<Double>, constant: Double, out: UnsafeMutablePointer<Double>, stride: Int) {
        switch d {
        case 1: logDensities(Dimension1.self, x: x, rows: rows, mean: mean, factor: factor, constant: constant, out: out, stride: stride)
        case 2: logDensities(Dimension2.self, x: x, rows: rows, mean: mean, factor: factor, constant: constant, out: out, stride: stride)
        case 3: logDensities(Dimension3.self, x: x, rows: rows, mean: mean, factor: factor, constant: constant, out: out, stride: stride)
        default: logDensities(Dimension4.self, x: x, rows: rows, mean: mean, factor: factor, constant: constant, out: out, stride: stride)
        }
    }

    /// `accumulateScatter` for a runtime `d` in 1…4, dispatched to the specialised loop.
    static func accumulateScatter(d: Int, x: UnsafePointer<Double>, rows: Int, weights: UnsafePointer<Double>, stride: Int,
                                  centre: UnsafePointer<Double>, scatter: UnsafeMutablePointer<Double>) {
        switch d {
        case 1: accumulateScatter(Dimension1.self, x: x, rows: rows, weights: weights, stride: stride, centre: centre, scatter: scatter)
        case 2: accumulateScatter(Dimension2.self, x: x, rows: rows, weights: weights, stride: stride, centre: centre, scatter: scatter)
        case 3: accumulateScatter(Dimension3.self, x: x, rows: rows, weights: weights, stride: stride, centre: centre, scatter: scatter)
        default: accumulateScatter(Dimension4.self, x: x, rows: rows, weights: weights, stride: stride, centre: centre, scatter: scatter)
        }
    }

    /// `out[i·k] = constant − ½‖(xᵢ − μ)·U‖²` for every row (U upper triangular, D × D).
    @inline(__always)
    static func logDensities<D: StaticDimension>(_: D.Type, x: UnsafePointer<Double>, rows: Int, mean mu: UnsafePointer<Double>,
                                                 factor u: UnsafePointer<Double>, constant: Double,
                                                 out: UnsafeMutablePointer<Double>, stride k: Int) {
        let d = D.value
        for i in 0..<rows {
            let xi = x + i * d
            var s = 0.0
            for j in 0..<d {
                var y = 0.0
                for l in 0...j { y += (xi[l] - mu[l]) * u[l * d + j] }
                s += y * y
            }
            out[i * k] = constant - 0.5 * s
        }
    }

    /// Adds `Σᵢ wᵢ (xᵢ − c)(xᵢ − c)ᵀ` (upper triangle) to `scatter`, `wᵢ = r[i·k]`.
    @inline(__always)
    static func accumulateScatter<D: StaticDimension>(_: D.Type, x: UnsafePointer<Double>, rows: Int,
                                                      weights r: UnsafePointer<Double>, stride k: Int,
                                                      centre: UnsafePointer<Double>, scatter: UnsafeMutablePointer<Double>) {
        let d = D.value
        var acc = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        withUnsafeMutableBytes(of: &acc) { raw in
            let a = raw.baseAddress!.assumingMemoryBound(to: Double.self)
            for i in 0..<rows {
                let w = r[i * k]
                let xi = x + i * d
                for p in 0..<d {
                    let wp = w * (xi[p] - centre[p])
                    for q in p..<d { a[p * d + q] += wp * (xi[q] - centre[q]) }
                }
            }
            for p in 0..<d { for q in p..<d { scatter[p * d + q] += a[p * d + q] } }
        }
    }
}
