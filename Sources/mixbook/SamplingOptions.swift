import ArgumentParser
import Foundation
import LinearAlgebra
import Mixtures

/// Options every `mixbook sample` subcommand shares: chains, lengths, seed, NUTS tuning, output.
struct SamplingOptions: ParsableArguments {
    @Option(help: "Number of chains (run in parallel on the cores).")
    var chains: Int = 4

    @Option(help: "Warm-up iterations per chain (adaptation; discarded).")
    var warmup: Int = 1000

    @Option(help: "Kept draws per chain.")
    var draws: Int = 1000

    @Option(help: "Seed of the random generator; each chain gets its own stream split from it.")
    var seed: UInt64 = 0

    @Option(help: "Threads for the chains (default: all cores); the draws do not depend on it.")
    var threads: Int?

    @Option(name: .customLong("max-tree-depth"), help: "NUTS: at most 2^depth leapfrog steps per iteration.")
    var maxTreeDepth: Int = 10

    @Option(name: .customLong("target-accept"), help: "NUTS: target mean acceptance statistic of the step-size adaptation.")
    var targetAccept: Double = 0.8

    @Option(help: "NUTS mass matrix: diag or dense.")
    var metric: String = "diag"

    @Flag(help: "Print JSON instead of the summary table.")
    var json = false

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func validate() throws {
        guard chains >= 1 else { throw ValidationError("--chains must be at least 1 (got \(chains)).") }
        guard warmup >= 0 else { throw ValidationError("--warmup must be ≥ 0 (got \(warmup)).") }
        guard draws >= 4 else { throw ValidationError("--draws must be at least 4 for the diagnostics (got \(draws)).") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads)).") }
        _ = try nutsSettings()
    }

    func nutsSettings() throws -> NUTSSettings {
        let kind: MetricKind
        switch metric.lowercased() {
        case "diag", "diagonal": kind = .diagonal
        case "dense", "full": kind = .dense
        default: throw ValidationError("--metric must be diag or dense; got '\(metric)'.")
        }
        let s = NUTSSettings(warmup: warmup, draws: draws, maxTreeDepth: maxTreeDepth, targetAcceptance: targetAccept, metric: kind)
        do { try s.validate() } catch { throw ValidationError("\(error)") }
        return s
    }

    /// Progress lines on stderr, one per report, unless --quiet.
    var progress: (@Sendable (ChainProgress) -> Void)? {
        if quiet { return nil }
        return { p in FileHandle.standardError.write(Data((p.line + "\n").utf8)) }
    }
}
