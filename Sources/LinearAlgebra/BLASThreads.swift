import CLinearAlgebra

/// Control of OpenBLAS's own thread pool, for a scope.
public enum BLASThreads {
    /// The number of threads OpenBLAS uses for one call now.
    public static var current: Int { Int(openblas_get_num_threads()) }

    /// Runs `body` with OpenBLAS using `count` threads per call, then restores the count
    /// it had before (also when `body` throws). Use 1 around code that runs BLAS calls from
    /// several threads of its own, so the cores are not oversubscribed.
    public static func withThreads<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
        let previous = openblas_get_num_threads()
        let wanted = Int32(max(1, count))
        if wanted != previous { openblas_set_num_threads(wanted) }
        defer { if wanted != previous { openblas_set_num_threads(previous) } }
        return try body()
    }
}
