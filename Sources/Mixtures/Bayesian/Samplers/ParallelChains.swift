import Dispatch
import Foundation

/// Runs independent chains on up to `threads` cores. Chain c gets the c-th generator
/// split, in order, from `RandomGenerator(seed:)`, so every chain's stream — and every
/// draw — is the same whatever the thread count or the scheduling.
enum ParallelChains {
    /// The default number of threads: the active processor count.
    static var defaultThreads: Int { IndependentTasks.defaultThreads }

    static func run<T: Sendable>(chains: Int, seed: UInt64, threads: Int,
                                 _ body: @Sendable (Int, inout RandomGenerator) throws -> T) throws -> [T] {
        precondition(chains >= 1, "at least one chain")
        var root = RandomGenerator(seed: seed)
        let generators = (0..<chains).map { _ in root.split() }
        return try IndependentTasks.map(count: chains, threads: threads) { c in
            var g = generators[c]
            return try body(c, &g)
        }
    }
}
