import LinearAlgebra

/// The rows of a data matrix in groups of four, laid out for `SmallRankSweep`, whose SIMD
/// lanes are rows: group g holds rows 4g … 4g + 3, and its column j is four consecutive
/// values, so each column of a group is one vector load instead of four scalar loads and
/// inserts. A fit makes this copy once (the rows do not change between its iterations);
/// a last group of fewer than four rows repeats its first row in the spare lanes, which
/// keeps them finite (the sweep gives them zero weight).
struct RowGroups: Sendable {
    /// Rows per group.
    static let width = SmallRankSweep.Lanes.scalarCount

    /// Rows N and columns p of the matrix.
    let rows: Int, columns: Int
    /// Group g's column j, lane i at [(g p + j) · 4 + i] (⌈N / 4⌉ groups).
    let storage: [Double]

    init(_ x: Matrix) {
        let n = x.rows, p = x.columns, w = Self.width
        let groups = (n + w - 1) / w
        var storage = [Double](repeating: 0, count: groups * p * w)
        x.storage.withUnsafeBufferPointer { xs in
            storage.withUnsafeMutableBufferPointer { out in
                for g in 0..<groups {
                    let first = g * w
                    for lane in 0..<w {
                        let row = first + lane < n ? first + lane : first
                        for j in 0..<p { out[(g * p + j) * w + lane] = xs[row * p + j] }
                    }
                }
            }
        }
        rows = n; columns = p
        self.storage = storage
    }

    /// Whether these can be the groups of `x`: the same shape, first row and last row (a cheap
    /// guard; the caller keeps the groups with their matrix).
    func matches(_ x: Matrix) -> Bool {
        guard x.rows == rows && x.columns == columns else { return false }
        guard rows > 0 else { return true }
        let w = Self.width, last = rows - 1, lastGroup = last / w, lane = last % w
        return (0..<columns).allSatisfy { j in
            storage[j * w].bitPattern == x.storage[j].bitPattern
                && storage[(lastGroup * columns + j) * w + lane].bitPattern == x.storage[last * columns + j].bitPattern
        }
    }
}
