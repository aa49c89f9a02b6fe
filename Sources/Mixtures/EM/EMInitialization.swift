import LinearAlgebra

/// How a start's responsibilities are drawn, whatever the model (each restart draws
/// afresh; a model then starts from an M-step on them). scikit-learn's `init_params`.
public enum EMInitialization: String, CaseIterable, Sendable {
    /// Run k-means (one k-means++ seeding, Lloyd to convergence) and use its hard labels
    /// (scikit-learn's `"kmeans"`).
    case kmeans
    /// Pick K greedy k-means++ points and assign every row to the nearest
    /// (scikit-learn's `"k-means++"`).
    case kmeansPlusPlus = "kmeans++"
    /// Uniform random responsibilities, normalised per row (scikit-learn's `"random"`).
    case random
    /// K distinct random rows, every row assigned to the nearest (scikit-learn's `"random_from_data"`).
    case randomFromData = "random-from-data"
    /// Each start draws k-means++ or K random data points (`randomFromData`), with equal
    /// probability: spread-out means and unbiased ones, so restarts explore basins one kind
    /// alone misses (`GaussianMixture.defaultSettings`).
    case mixed

    /// Parses a spelling: the raw values and `k-means`, `k-means++`, `random_from_data`,
    /// `random-responsibilities`, any case.
    public init?(name: String) {
        switch name.lowercased() {
        case "kmeans", "k-means": self = .kmeans
        case "kmeans++", "k-means++": self = .kmeansPlusPlus
        case "random", "random-responsibilities": self = .random
        case "random-from-data", "random_from_data": self = .randomFromData
        case "mixed": self = .mixed
        default: return nil
        }
    }

    /// Starting responsibilities N × K for the rows of `x`: one-hot rows for the hard
    /// starts, rows summing to one for `.random`.
    /// - Throws: what k-means throws for data it cannot cluster (K > N, non-finite data).
    public func startingResponsibilities(_ x: Matrix, components k: Int,
                                         generator: inout RandomGenerator) throws -> Matrix {
        let n = x.rows
        var r = Matrix(rows: n, columns: k)
        func oneHot(_ labels: [Int]) { for i in 0..<n { r.storage[i * k + labels[i]] = 1 } }
        func nearest(_ rows: [Int]) {
            let centers = Matrix(rows.map { x.row($0) })
            var labels = [Int](repeating: 0, count: n)
            var distances = [Double](repeating: 0, count: n)
            KMeans.assign(x, centers: centers, labels: &labels, distances: &distances)
            // Each seed row belongs to its own component even when rows coincide.
            for (c, i) in rows.enumerated() { labels[i] = c }
            oneHot(labels)
        }
        switch self {
        case .mixed:
            let kind: EMInitialization = generator.index(below: 2) == 0 ? .kmeansPlusPlus : .randomFromData
            return try kind.startingResponsibilities(x, components: k, generator: &generator)
        case .kmeans:
            let fit = try KMeans(components: k, restarts: 1).fit(x, seed: generator.next())
            oneHot(fit.labels)
        case .kmeansPlusPlus:
            nearest(KMeans.plusPlusSeeds(x, count: k, generator: &generator))
        case .randomFromData:
            nearest(Array(generator.permutation(n).prefix(k)))
        case .random:
            for i in 0..<n {
                var s = 0.0
                for c in 0..<k { let u = generator.uniform(); r.storage[i * k + c] = u; s += u }
                for c in 0..<k { r.storage[i * k + c] /= s }
            }
        }
        return r
    }
}
