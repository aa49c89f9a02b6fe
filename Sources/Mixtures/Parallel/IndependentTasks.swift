import Dispatch
import Foundation

/// Independent tasks run on several cores with the outcome of running them one after the
/// other: worker w of `min(threads, count)` runs tasks w, w + workers, …; the results come
/// back in task order, and the first error in task order is thrown. A task must depend
/// only on its index (its own generator, its own start), so nothing depends on scheduling.
enum IndependentTasks {
    /// The default number of workers: the active processor count.
    static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    static func map<T>(count: Int, threads: Int = defaultThreads, _ body: (Int) throws -> T) throws -> [T] {
        guard count > 0 else { return [] }
        var slots = [Result<T, Error>?](repeating: nil, count: count)
        let workers = max(1, min(threads, count))
        withoutActuallyEscaping(body) { body in
            slots.withUnsafeMutableBufferPointer { buffer in
                // Each slot is written by exactly one worker, and read only after all are done.
                let shared = UncheckedSendable((body, buffer.baseAddress!))
                let work: @Sendable (Int) -> Void = { w in
                    let (body, out) = shared.value
                    for task in stride(from: w, to: count, by: workers) { out[task] = Result { try body(task) } }
                }
                if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
            }
        }
        return try slots.map { try $0!.get() }
    }
}
