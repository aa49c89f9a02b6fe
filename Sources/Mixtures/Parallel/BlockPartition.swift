import Dispatch

/// Rows split into cache-sized blocks, and blocks split into a fixed number of contiguous
/// partitions run in parallel. Partition boundaries depend only on the row count and the
/// block size, and each partition reduces its blocks in order, so results are
/// bit-identical whatever the scheduling.
struct BlockPartition: Sendable {
    let rows: Int
    let blockSize: Int
    let partitions: Int

    /// Partitions used for parallel work. More partitions than cores lets
    /// `concurrentPerform` balance the load when a core is busy with something else; the
    /// count is fixed (not the core count), so the reduction order — and every bit of
    /// the result — is the same on every machine and every run.
    static let parallelPartitions = 8

    /// Rows per block: the block's data and its per-component scratch (D·(K+1) doubles a
    /// row) stay within about 1 MB of cache, between 64 and 8192 rows.
    static func blockSize(columns: Int, components: Int) -> Int {
        let perRow = max(1, columns) * (max(1, components) + 1)
        return min(8192, max(64, 131_072 / perRow))
    }

    /// - Parameter alignment: the block size is rounded down to a multiple of it (blocks that
    ///   start on a group of rows, for kernels that read rows in groups).
    init(rows: Int, columns: Int, components: Int, partitions: Int = BlockPartition.parallelPartitions,
         alignment: Int = 1) {
        self.rows = rows
        let size = BlockPartition.blockSize(columns: columns, components: components)
        self.blockSize = max(alignment, size - size % alignment)
        let blocks = (rows + blockSize - 1) / blockSize
        self.partitions = max(1, min(partitions, blocks))
    }

    var blockCount: Int { (rows + blockSize - 1) / blockSize }

    /// Row range of block `b`.
    func blockRange(_ b: Int) -> Range<Int> { (b * blockSize)..<min(rows, (b + 1) * blockSize) }

    /// Block indices of partition `p`.
    func blocks(ofPartition p: Int) -> Range<Int> {
        let n = blockCount
        return (p * n / partitions)..<((p + 1) * n / partitions)
    }

    /// Runs `body(partition)` for every partition, concurrently when there are several.
    func forEachPartition(_ body: (Int) -> Void) {
        if partitions == 1 { body(0); return }
        withoutActuallyEscaping(body) { escapable in
            let box = UncheckedSendable(escapable)
            DispatchQueue.concurrentPerform(iterations: partitions) { p in box.value(p) }
        }
    }
}

/// Wraps a value (a closure or pointer whose use is race-free by construction) for
/// crossing into `concurrentPerform`.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
