import Foundation
import LinearAlgebra

/// k-means clustering (Lloyd's algorithm) with greedy k-means++ seeding and restarts,
/// keeping the restart with the lowest inertia.
public struct KMeans: Sendable {
    /// Number of clusters K.
    public var components: Int
    /// Independent seedings; the lowest inertia wins.
    public var restarts: Int
    /// Lloyd iterations per restart.
    public var maxIterations: Int
    /// Stop when the total squared centre shift is below `tolerance` × the mean column variance
    /// (scikit-learn's rule).
    public var tolerance: Double

    public init(components: Int, restarts: Int = 1, maxIterations: Int = 300, tolerance: Double = 1e-4) {
        self.components = components
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// k-means with the restarts, iteration limit and tolerance of EM settings (their
    /// regularisation and initialisation do not apply: seeding is always k-means++).
    public init(components: Int, settings: EMSettings) {
        self.init(components: components, restarts: settings.restarts, maxIterations: settings.maxIterations,
                  tolerance: settings.tolerance)
    }

    /// The settings this k-means runs with, as EM settings.
    public var settings: EMSettings {
        EMSettings(restarts: restarts, maxIterations: maxIterations, tolerance: tolerance, initialization: .kmeansPlusPlus)
    }

    /// Clusters the rows of `x`.
    /// - Throws: `GaussianMixtureError` for empty or non-finite data, K < 1, K > N, or
    ///   settings out of range.
    public func fit(_ x: Matrix, seed: UInt64) throws -> FittedKMeans {
        try DataValidation.check(x, components: components)
        do { try settings.validate() } catch let error as EMSettingsError {
            throw GaussianMixtureError.invalidConfiguration("k-means: \(error)")
        }
        guard maxIterations >= 1 else {
            throw GaussianMixtureError.invalidConfiguration("k-means: maxIterations must be at least 1, got \(maxIterations)")
        }
        var master = RandomGenerator(seed: seed)
        let summary = DataSummary(x)
        let threshold = tolerance * summary.variances.reduce(0, +) / Double(x.columns)
        var best: FittedKMeans?
        for _ in 0..<restarts {
            var generator = master.split()
            let seeds = KMeans.plusPlusSeeds(x, count: components, generator: &generator)
            let run = lloyd(x, centers: seeds.map { x.row($0) }, threshold: threshold)
            if best == nil || run.inertia < best!.inertia { best = run }
        }
        return best!
    }

    private func lloyd(_ x: Matrix, centers initial: [[Double]], threshold: Double) -> FittedKMeans {
        let n = x.rows, d = x.columns, k = components
        var centers = Matrix(initial)
        var labels = [Int](repeating: 0, count: n)
        var distances = [Double](repeating: 0, count: n)
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            KMeans.assign(x, centers: centers, labels: &labels, distances: &distances)
            var sums = Matrix(rows: k, columns: d)
            var counts = [Int](repeating: 0, count: k)
            for i in 0..<n {
                counts[labels[i]] += 1
                for j in 0..<d { sums.storage[labels[i] * d + j] += x.storage[i * d + j] }
            }
            var moved = Set<Int>()
            for c in 0..<k where counts[c] == 0 {
                // Empty cluster: move it to the point farthest from its centre.
                var far = 0
                for i in 0..<n where distances[i] > distances[far] && !moved.contains(i) { far = i }
                moved.insert(far)
                distances[far] = 0
                for j in 0..<d { sums.storage[c * d + j] = x.storage[far * d + j] }
                counts[c] = 1
            }
            var shift = 0.0
            for c in 0..<k {
                for j in 0..<d {
                    let v = sums.storage[c * d + j] / Double(counts[c])
                    let t = v - centers.storage[c * d + j]
                    shift += t * t
                    centers.storage[c * d + j] = v
                }
            }
            if shift <= threshold { converged = true; break }
        }
        KMeans.assign(x, centers: centers, labels: &labels, distances: &distances)
        return FittedKMeans(centers: centers, labels: labels, inertia: distances.reduce(0, +),
                            iterations: iterations, converged: converged)
    }

    /// Labels of the nearest centre and the squared distance to it, for every row.
    ///
    /// Rows are processed in blocks over both cores. With more than four columns the
    /// cross products `x·cᵀ` of a block come from one GEMM and the nearest centre is the
    /// smallest `‖c‖² − 2·x·c`; the reported distance is then recomputed exactly.
    static func assign(_ x: Matrix, centers: Matrix, labels: inout [Int], distances: inout [Double]) {
        let d = x.columns, k = centers.rows
        guard x.rows > 0, d > 0, k > 0 else { return }
        let partition = BlockPartition(rows: x.rows, columns: d, components: k)
        var centerNorms = [Double](repeating: 0, count: k)
        for c in 0..<k { for j in 0..<d { centerNorms[c] += centers.storage[c * d + j] * centers.storage[c * d + j] } }
        let useGEMM = d > 4
        BLASThreads.withThreads(useGEMM ? 1 : BLASThreads.current) { x.storage.withUnsafeBufferPointer { xs in
            centers.storage.withUnsafeBufferPointer { cs in
                labels.withUnsafeMutableBufferPointer { ls in
                    distances.withUnsafeMutableBufferPointer { ds in
                        let shared = UncheckedSendable((xs.baseAddress!, cs.baseAddress!, ls.baseAddress!, ds.baseAddress!))
                        partition.forEachPartition { p in
                            let (x, c, labels, distances) = shared.value
                            let cross = UnsafeMutablePointer<Double>.allocate(capacity: partition.blockSize * k)
                            defer { cross.deallocate() }
                            for block in partition.blocks(ofPartition: p) {
                                let range = partition.blockRange(block)
                                let xb = x + range.lowerBound * d
                                if useGEMM {
                                    BLAS.gemm(.none, .transpose, m: range.count, n: k, k: d, a: xb, lda: d,
                                              b: c, ldb: d, c: cross, ldc: k)
                                }
                                for i in 0..<range.count {
                                    var best = 0
                                    if useGEMM {
                                        var bestScore = Double.infinity
                                        for cc in 0..<k {
                                            let score = centerNorms[cc] - 2 * cross[i * k + cc]
                                            if score < bestScore { bestScore = score; best = cc }
                                        }
                                    } else {
                                        var bestDistance = Double.infinity
                                        for cc in 0..<k {
                                            var s = 0.0
                                            for j in 0..<d { let t = xb[i * d + j] - c[cc * d + j]; s += t * t }
                                            if s < bestDistance { bestDistance = s; best = cc }
                                        }
                                    }
                                    var s = 0.0
                                    for j in 0..<d { let t = xb[i * d + j] - c[best * d + j]; s += t * t }
                                    labels[range.lowerBound + i] = best
                                    distances[range.lowerBound + i] = s
                                }
                            }
                        }
                    }
                }
            }
        } }
    }

    /// Row indices of `count` k-means++ seeds (greedy: 2 + ⌊ln K⌋ candidates per step, the
    /// one that lowers the potential most is kept). Falls back to uniform draws when all
    /// remaining points coincide with chosen seeds.
    public static func plusPlusSeeds(_ x: Matrix, count: Int, generator: inout RandomGenerator) -> [Int] {
        let n = x.rows, d = x.columns
        precondition(count >= 1 && count <= n, "plusPlusSeeds needs 1 ≤ count ≤ rows")
        func squaredDistance(_ a: Int, _ b: Int) -> Double {
            var s = 0.0
            for j in 0..<d { let t = x.storage[a * d + j] - x.storage[b * d + j]; s += t * t }
            return s
        }
        var seeds = [generator.index(below: n)]
        var closest = (0..<n).map { squaredDistance($0, seeds[0]) }
        let trials = 2 + Int(Foundation.log(Double(count)))
        while seeds.count < count {
            let potential = closest.reduce(0, +)
            if !(potential > 0) {
                seeds.append(generator.index(below: n))
                continue
            }
            var bestCandidate = -1
            var bestPotential = Double.infinity
            var bestClosest: [Double] = []
            for _ in 0..<trials {
                let candidate = generator.categorical(closest)
                var newClosest = closest
                for i in 0..<n { newClosest[i] = min(newClosest[i], squaredDistance(i, candidate)) }
                let p = newClosest.reduce(0, +)
                if p < bestPotential { bestPotential = p; bestCandidate = candidate; bestClosest = newClosest }
            }
            seeds.append(bestCandidate)
            closest = bestClosest
        }
        return seeds
    }
}

/// The result of k-means.
public struct FittedKMeans: Sendable {
    /// Cluster centres, K × D.
    public let centers: Matrix
    /// Index of the nearest centre for every training row.
    public let labels: [Int]
    /// Sum of squared distances of the rows to their nearest centre.
    public let inertia: Double
    /// Lloyd iterations run.
    public let iterations: Int
    /// Whether the centre shift fell below the tolerance.
    public let converged: Bool

    /// Index of the nearest centre for every row of `x`.
    public func predict(_ x: Matrix) -> [Int] {
        var labels = [Int](repeating: 0, count: x.rows)
        var distances = [Double](repeating: 0, count: x.rows)
        KMeans.assign(x, centers: centers, labels: &labels, distances: &distances)
        return labels
    }
}
