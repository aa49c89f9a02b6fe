import Foundation
import LinearAlgebra

/// The observed information of a regression mixture, −∇²ℓ(θ), in closed form.
///
/// θ is laid out by `RegressionStandardErrors.Layout`: Bₖ, log σ²ₖₜ, and the weights'
/// logits αₖ (α_K = 0). With aₙₖ = log πₖ + offsetₙₖ + log N(yₙ; x̃ₙᵀBₖ, σ²ₖ) and
/// ℓ = Σₙ log Σₖ exp aₙₖ, Louis' identity gives
///
///     −∇²ℓ = Σₙₖ rₙₖ (−∇²aₙₖ)  −  Σₙₖ rₙₖ dₙₖ dₙₖᵀ,    dₙₖ = ∇aₙₖ − Σₘ rₙₘ ∇aₙₘ,
///
/// the complete-data information minus the missing information, with rₙₖ the
/// responsibilities at θ. Per target t, with eₙₖₜ = yₙₜ − x̃ₙᵀBₖ₍·ₜ₎ and vₖₜ = log σ²ₖₜ:
///
///     ∂aₙₖ/∂Bₖ₍·ₜ₎ = x̃ₙ eₙₖₜ / σ²ₖₜ        ∂aₙₖ/∂vₖₜ = ½ (e²ₙₖₜ / σ²ₖₜ − 1)
///     −∂²aₙₖ/∂B∂Bᵀ = x̃ₙx̃ₙᵀ / σ²ₖₜ           −∂²aₙₖ/∂B∂vₖₜ = x̃ₙ eₙₖₜ / σ²ₖₜ
///     −∂²aₙₖ/∂v²ₖₜ = ½ e²ₙₖₜ / σ²ₖₜ           −∂²aₙₖ/∂α∂αᵀ = diag π − ππᵀ (the first K − 1)
///
/// and ∂aₙₖ/∂αᵢ = δᵢₖ − πᵢ, whose πᵢ cancels in dₙₖ. The missing information is one DSYRK
/// per block of rows on the rows √rₙₖ dₙₖ: O(N K m²) for m parameters.
enum RegressionObservedInformation {
    /// Rows per DSYRK block of the missing information.
    static let blockRows = 256

    /// The m × m observed information at `parameters`.
    /// - Parameter offsets: N × K log-density terms held fixed (the covariate Gaussians'
    ///   log N(xₙ; μₖ, Σₖ)), or nil.
    static func matrix(_ layout: RegressionStandardErrors.Layout, design x: Matrix, targets y: Matrix,
                       offsets: Matrix?, parameters p: RegressionMixtureParameters) -> Matrix {
        let n = y.rows, k = layout.k, q = layout.p, t = layout.t, m = layout.count
        var r = RegressionMixtureDensity.regressionLogDensities(design: x, targets: y, p)
        let logWeights = p.weights.map { Foundation.log($0) }
        for i in 0..<n {
            for c in 0..<k { r.storage[i * k + c] += logWeights[c] + (offsets?.storage[i * k + c] ?? 0) }
        }
        _ = LogSumExp.normalizeRows(&r)
        let means = RegressionMixtureDensity.stackedMeans(x, p)   // N × K·T
        let inverse = p.regressions.flatMap { $0.noiseVariances.map { 1 / $0 } }
        var complete = [Double](repeating: 0, count: m * m)       // upper triangle
        var missing = [Double](repeating: 0, count: m * m)        // upper triangle (DSYRK)
        let rowsPerBlock = min(blockRows, max(1, n))
        var block = [Double](repeating: 0, count: rowsPerBlock * k * m)
        var gradients = [Double](repeating: 0, count: k * m)      // ∇aₙₖ of one row, without the −π of the logits
        var mean = [Double](repeating: 0, count: m)               // Σₖ rₙₖ ∇aₙₖ
        x.storage.withUnsafeBufferPointer { xs in
        y.storage.withUnsafeBufferPointer { ys in
        means.storage.withUnsafeBufferPointer { ms in
        r.storage.withUnsafeBufferPointer { rs in
        complete.withUnsafeMutableBufferPointer { a in
        missing.withUnsafeMutableBufferPointer { d in
        block.withUnsafeMutableBufferPointer { rows in
        gradients.withUnsafeMutableBufferPointer { g in
        mean.withUnsafeMutableBufferPointer { s in
            for start in stride(from: 0, to: n, by: rowsPerBlock) {
                let count = min(rowsPerBlock, n - start)
                for i in start..<(start + count) {
                    let xi = xs.baseAddress! + i * q
                    for z in 0..<(k * m) { g[z] = 0 }
                    for z in 0..<m { s[z] = 0 }
                    for c in 0..<k {
                        let rc = rs[i * k + c]
                        let gc = g.baseAddress! + c * m
                        for j in 0..<t {
                            let e = ys[i * t + j] - ms[i * k * t + c * t + j]
                            let scaled = e * inverse[c * t + j]
                            let w = rc * inverse[c * t + j]
                            let b = layout.coefficientOffset(c) + j
                            let v = layout.logVarianceIndex(c, j)
                            for u in 0..<q {
                                gc[b + u * t] = scaled * xi[u]
                                let wu = w * xi[u]
                                for o in u..<q { a[(b + u * t) * m + b + o * t] += wu * xi[o] }
                                a[(b + u * t) * m + v] += wu * e
                            }
                            gc[v] += 0.5 * (e * scaled - 1)
                            a[v * m + v] += 0.5 * w * e * e
                        }
                        if c < k - 1 { gc[layout.logitOffset + c] = 1 }
                        for z in 0..<m { s[z] += rc * gc[z] }
                    }
                    for c in 0..<k {
                        let root = rs[i * k + c].squareRoot()
                        let row = rows.baseAddress! + ((i - start) * k + c) * m
                        for z in 0..<m { row[z] = root * (g[c * m + z] - s[z]) }
                    }
                }
                BLAS.syrk(.upper, .transpose, n: m, k: count * k, a: rows.baseAddress!, lda: m, beta: 1,
                          c: d.baseAddress!, ldc: m)
            }
        }}}}}}}}}
        // Σₙₖ rₙₖ (diag π − ππᵀ) = N (diag π − ππᵀ) on the logits.
        let a0 = layout.logitOffset
        for i in 0..<(k - 1) {
            for l in i..<(k - 1) {
                complete[(a0 + i) * m + a0 + l] += Double(n) * p.weights[i] * ((i == l ? 1 : 0) - p.weights[l])
            }
        }
        // Both sums fill their upper triangles only.
        var information = Matrix(rows: m, columns: m, storage: zip(complete, missing).map { $0 - $1 })
        information.symmetrizeFromUpper()
        return information
    }
}
