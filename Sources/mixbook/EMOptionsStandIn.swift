import ArgumentParser

// STAND-IN for the layer's `EMOptions` (contract, Sources/mixbook), with the same
// spellings; deleted when branch `layer` is merged.

/// Options every `fit X` subcommand shares.
struct EMOptions: ParsableArguments {
    @Option(help: "Runs from different starts; the best log-likelihood is kept.")
    var restarts: Int = 1

    @Option(help: "Seed of the random generator (starts, mini-batch order).")
    var seed: UInt64 = 0

    @Option(name: .customLong("max-iter"), help: "Maximum iterations (EM) or epochs (gradient) per restart.")
    var maxIterations: Int = 200

    @Option(name: .customLong("tol"), help: "Stop when the mean log-likelihood per row changes by less than this; 0 runs every iteration.")
    var tolerance: Double = 1e-4

    @Option(name: .customLong("reg-covar"), help: "Added to the diagonal of every (latent) covariance.")
    var regularization: Double = 1e-6

    @Option(name: .customLong("init"), help: "Initialisation: kmeans, random or (hmog) two-stage.")
    var initialization: String = "kmeans"

    @Flag(help: "Print JSON instead of a readable report.")
    var json = false

    @Flag(help: "Also print each row's most probable component (0-based).")
    var labels = false

    func validate() throws {
        guard restarts >= 1 else { throw ValidationError("--restarts must be at least 1 (got \(restarts)).") }
        guard maxIterations >= 1 else { throw ValidationError("--max-iter must be at least 1 (got \(maxIterations)).") }
        guard tolerance >= 0, tolerance.isFinite else { throw ValidationError("--tol must be a finite number ≥ 0 (got \(tolerance)).") }
        guard regularization >= 0, regularization.isFinite else { throw ValidationError("--reg-covar must be a finite number ≥ 0 (got \(regularization)).") }
    }
}
