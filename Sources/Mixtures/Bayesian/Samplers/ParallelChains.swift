import Dispatch
import Foundation

/// Runs independent chains on up to `threads` cores. Chain c gets the c-th generator
/// split, in order, from `RandomGenerator(seed:)`, so every chain's stream — and every
/// draw — is the same whatever the thread count or the scheduling.
enum ParallelChains {
    /// The default number of threads: the active processor count.
    static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    static func run<T: Sendable>(chains: Int, seed: UInt64, threads: Int,
                                 _ body: @Sendable (Int, inout RandomGenerator) throws -> T) throws -> [T] {
        precondition(chains >= 1, "at least one chain")
        var root = RandomGenerator(seed: seed)
        let generators = (0..<chains).map { _ in root.split() }
        let workers = max(1, min(threads, chains))
        let results = ResultSlots<T>(count: chains)
        withoutActuallyEscaping(body) { body in
            let work: @Sendable (Int) -> Void = { w in
                var c = w
                while c < chains {
                    var g = generators[c]
                    results.store(c, Result { try body(c, &g) })
                    c += workers
                }
            }
            if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        }
        return try results.values()
    }
}

/// One slot per chain, each written by exactly one worker.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = DispatchSemaphore(value: 1)
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ i: Int, _ r: Result<T, Error>) {
        lock.wait(); slots[i] = r; lock.signal()
    }
    func values() throws -> [T] { try slots.map { try $0!.get() } }
}

