import XCTest
import LinearAlgebra
@testable import Mixtures

/// The blocked E-step pass of the hierarchical mixture against per-row sums, over several
/// blocks and partitions, and its O(d) restricted path against the general one.
final class HierarchicalPassTests: XCTestCase {
    func testStatisticsEqualPerRowSumsOverManyBlocks() throws {
        let parameters = HierarchicalMixtureTests.syntheticParameters()
        // p = 10, K d = 6: blocks of 2,730 rows, so 7,000 rows make three blocks and three partitions.
        let (x, _) = try HierarchicalMixtureTests.draw(parameters, n: 7000, seed: 31)
        let partition = BlockPartition(rows: x.rows, columns: 10 + 6, components: 2)
        XCTAssertGreaterThan(partition.partitions, 1)
        let post = try HierarchicalPosterior(x, parameters)
        let moments = post.expectedLatentMoments
        let components = post.components
        let n = x.rows, d = 2, p = 10
        var counts = [Double](repeating: 0, count: 3), first = Matrix(rows: 3, columns: d)
        var second = (0..<3).map { c in Double(0) * components[c].posteriorCovariance }
        var cross = Matrix(rows: p, columns: d)
        for i in 0..<n {
            var ybar = [0.0, 0.0]
            for c in 0..<3 {
                let r = post.responsibilities[i, c]
                let m = components[c].posteriorMeans.row(i)
                counts[c] += r
                for a in 0..<d {
                    first[c, a] += r * m[a]
                    ybar[a] += r * m[a]
                    for b in 0..<d { second[c][a, b] += r * (m[a] * m[b] + components[c].posteriorCovariance[a, b]) }
                }
            }
            for j in 0..<p { for a in 0..<d { cross[j, a] += x[i, j] * ybar[a] } }
            for a in 0..<d { XCTAssertEqual(moments.embedding[i, a], ybar[a], accuracy: 1e-12 * max(1, abs(ybar[a]))) }
        }
        // Sums of 7,000 terms of size ≤ 10²: rounding well below 1e-9 relative.
        for c in 0..<3 {
            XCTAssertEqual(moments.counts[c], counts[c], accuracy: 1e-9 * counts[c])
            XCTAssertLessThan(moments.first.maxAbsDifference(first), 1e-9 * Double(n))
            XCTAssertLessThan(moments.second[c].maxAbsDifference(second[c]), 1e-9 * Double(n) * 10)
        }
        let passCross = Matrix(rows: p, columns: d, storage: post.statistics.cross)
        XCTAssertLessThan(passCross.maxAbsDifference(cross), 1e-9 * Double(n) * 100)
        // Component log densities against the dense evaluation.
        for i in [0, 2730, 6999] {
            for c in 0..<3 {
                let want = LowRankPlusDiagonalTests.denseLogDensity(x.row(i), mean: parameters.observedMean(c),
                                                                    covariance: parameters.observedCovariance(c))
                XCTAssertEqual(components[c].logDensities[i], want, accuracy: 1e-10 * max(1, abs(want)))
            }
        }
        XCTAssertEqual(post.totalLogLikelihood,
                       (0..<n).reduce(0.0) { $0 + HierarchicalMixtureTests.directLogDensity(x.row($1), parameters) },
                       accuracy: 1e-9 * Double(n))
    }

    func testRestrictedPathEqualsTheGeneralOne() throws {
        // Parameters of the restricted model (diagonal posterior precisions): the O(d) path must
        // give the general path's log-likelihood, responsibilities and diagonal second moments.
        let start = try HierarchicalMixtureCoordinates.restrictedStart(HierarchicalMixtureTests.syntheticParameters())
        let coordinates = HierarchicalMixtureCoordinates(dimensions: 10, latent: 2, components: 3, noise: .diagonal,
                                                         structure: .diagonalPosteriorPrecision)
        let theta = try coordinates.vector(start)
        let parameters = try coordinates.parameters(theta)
        let (x, _) = try HierarchicalMixtureTests.draw(parameters, n: 500, seed: 32)
        let general = try HierarchicalPosterior(x, parameters)
        let gradient = HierarchicalMixtureGradient(coordinates: coordinates)
        let geometry = try gradient.geometry(theta, parameters)
        XCTAssertTrue(geometry.diagonalPosterior)
        let restricted = HierarchicalPass.run(x, geometry: geometry, logWeights: parameters.weights.map { log($0) },
                                              statistics: true)
        XCTAssertEqual(restricted.logLikelihood, general.totalLogLikelihood,
                       accuracy: 1e-10 * abs(general.totalLogLikelihood))
        XCTAssertEqual(try gradient.logLikelihood(x, theta), general.totalLogLikelihood,
                       accuracy: 1e-10 * abs(general.totalLogLikelihood))
        for c in 0..<3 {
            XCTAssertEqual(restricted.counts[c], general.statistics.counts[c], accuracy: 1e-9 * 500)
            for j in 0..<2 {
                XCTAssertEqual(restricted.first[c * 2 + j], general.statistics.first[c * 2 + j], accuracy: 1e-8 * 500)
                XCTAssertEqual(restricted.second[c * 2 + j], general.statistics.second[c * 4 + j * 2 + j], accuracy: 1e-8 * 500)
            }
        }
    }

    /// A random hierarchical mixture with p = 7 (odd: the sweep's two-column unrolling has a
    /// tail) and latent dimension `d`.
    private static func randomParameters(latent d: Int, seed: UInt64) -> HierarchicalMixtureParameters {
        var g = RandomGenerator(seed: seed)
        let p = 7, k = 3
        let w = Matrix(rows: p, columns: d, storage: (0..<(p * d)).map { _ in g.normal() })
        let psi = (0..<p).map { _ in 0.2 + 0.5 * g.uniform() }
        let means = Matrix(rows: k, columns: d, storage: (0..<(k * d)).map { _ in 2.5 * g.normal() })
        let covariances = (0..<k).map { _ -> Matrix in
            let a = Matrix(rows: d, columns: d, storage: (0..<(d * d)).map { _ in 0.6 * g.normal() })
            return a * a.transposed + 0.3 * Matrix.identity(d)
        }
        return HierarchicalMixtureParameters(loadings: w, offset: (0..<p).map { _ in g.normal() }, psi: psi,
                                             weights: [0.3, 0.45, 0.25], latentMeans: means, latentCovariances: covariances)
    }

    func testSmallRankSweepEqualsTheBlockedPath() throws {
        // d = 1 … 4 take `SmallRankSweep`; the blocked BLAS path must give the same sums and
        // per-row results over several blocks and partitions (5,001 rows: two or three blocks
        // of 1,984 to 3,360 rows, multiples of the sweep's groups of four, and a last group
        // with three spare lanes). Both add the same terms in another order, so they differ by rounding:
        // about √N ε Σ|terms| ≈ 70 × 1.1e-16 × (5,000 × 100) ≈ 4e-9 for sums of 5,000 terms of
        // size ≤ 100; the tolerance 1e-12 N · 100 = 5e-7 is a hundred times that. Per-row values
        // (a few operations each) agree to 1e-11 relative.
        for d in 1...4 {
            let parameters = Self.randomParameters(latent: d, seed: 40 + UInt64(d))
            let (x, _) = try HierarchicalMixtureTests.draw(parameters, n: 5001, seed: 50 + UInt64(d))
            let n = x.rows, k = 3
            let geometry = try LowRankPlusDiagonal(loadings: parameters.loadings, psi: parameters.psi)
                .latentGeometry(offset: parameters.offset, means: (0..<k).map { parameters.latentMeans.row($0) },
                                covariances: parameters.latentCovariances)
            XCTAssertNotNil(SmallRankSweep(geometry, logWeights: [0, 0, 0]))
            let logWeights = parameters.weights.map { log($0) }
            func run(_ kernel: HierarchicalPass.Kernel, keepRows: Bool) -> (HierarchicalStatistics, [[Double]]) {
                var r = [Double](repeating: 0, count: n * k), ll = [Double](repeating: 0, count: n)
                var m = [Double](repeating: 0, count: n * k * d), y = [Double](repeating: 0, count: n * d)
                var dens = [Double](repeating: 0, count: n * k)
                let stats = r.withUnsafeMutableBufferPointer { r in ll.withUnsafeMutableBufferPointer { ll in
                    m.withUnsafeMutableBufferPointer { m in y.withUnsafeMutableBufferPointer { y in
                        dens.withUnsafeMutableBufferPointer { dens in
                            HierarchicalPass.run(x, geometry: geometry, logWeights: logWeights, statistics: true,
                                                 outputs: keepRows ? .init(responsibilities: r.baseAddress,
                                                                           logLikelihoods: ll.baseAddress, means: m.baseAddress,
                                                                           embedding: y.baseAddress,
                                                                           componentLogDensities: dens.baseAddress) : .init(),
                                                 kernel: kernel)
                        } } } } }
                return (stats, [r, ll, m, y, dens])
            }
            let (blocked, blockedRows) = run(.blocked, keepRows: true)
            let (small, smallRows) = run(.automatic, keepRows: true)
            let (sumsOnly, _) = run(.automatic, keepRows: false)   // one log per 32 rows instead of per row
            let scale = Double(n)
            XCTAssertEqual(small.logLikelihood, blocked.logLikelihood, accuracy: 1e-12 * abs(blocked.logLikelihood), "d = \(d)")
            XCTAssertEqual(sumsOnly.logLikelihood, blocked.logLikelihood, accuracy: 1e-12 * abs(blocked.logLikelihood), "d = \(d)")
            for (name, want, got) in [("counts", blocked.counts, small.counts), ("first", blocked.first, small.first),
                                      ("cross", blocked.cross, small.cross), ("counts, sums only", blocked.counts, sumsOnly.counts)] {
                for i in want.indices { XCTAssertEqual(got[i], want[i], accuracy: 1e-12 * scale * 100, "d = \(d), \(name)[\(i)]") }
            }
            // The lower triangles (the blocked path's SYRK leaves the upper ones unset).
            for c in 0..<k { for a in 0..<d { for b in 0...a {
                let i = c * d * d + a * d + b
                XCTAssertEqual(small.second[i], blocked.second[i], accuracy: 1e-12 * scale * 100, "d = \(d), second[\(i)]")
            } } }
            for (which, name) in ["responsibilities", "log-likelihoods", "means", "embedding", "component log densities"].enumerated() {
                let want = blockedRows[which], got = smallRows[which]
                for i in want.indices {
                    XCTAssertEqual(got[i], want[i], accuracy: 1e-11 * max(1, abs(want[i])), "d = \(d), \(name)[\(i)]")
                }
            }
        }
    }

    func testSmallRankSweepTailsAndSingleOutputsEqualTheBlockedPath() throws {
        // The sweep takes rows four at a time in chunks of 64: row counts that are not multiples
        // of four (1, 3, 6) and that end a chunk early (65, 70, 131) give groups with spare
        // lanes, which must add nothing. Each per-row output is asked for alone (the others
        // nil), with and without the sums. Tolerances as in the test above: per-row values to
        // 1e-11 relative, sums of at most 131 terms of size ≤ 100 to 1e-12 · 131 · 100.
        let names = ["responsibilities", "log-likelihoods", "means", "embedding", "component log densities"]
        for d in [2, 3] {
            let parameters = Self.randomParameters(latent: d, seed: 60 + UInt64(d))
            let geometry = try LowRankPlusDiagonal(loadings: parameters.loadings, psi: parameters.psi)
                .latentGeometry(offset: parameters.offset, means: (0..<3).map { parameters.latentMeans.row($0) },
                                covariances: parameters.latentCovariances)
            let logWeights = parameters.weights.map { log($0) }
            for n in [1, 3, 6, 65, 70, 131] {
                let (x, _) = try HierarchicalMixtureTests.draw(parameters, n: n, seed: 70 + UInt64(n))
                let sizes = [n * 3, n, n * 3 * d, n * d, n * 3]
                for (which, name) in names.enumerated() {
                    for statistics in [true, false] {
                        func run(_ kernel: HierarchicalPass.Kernel) -> (HierarchicalStatistics, [Double]) {
                            var values = [Double](repeating: .nan, count: sizes[which])
                            let stats = values.withUnsafeMutableBufferPointer { v in
                                var outputs = HierarchicalPass.Outputs()
                                switch which {
                                case 0: outputs.responsibilities = v.baseAddress
                                case 1: outputs.logLikelihoods = v.baseAddress
                                case 2: outputs.means = v.baseAddress
                                case 3: outputs.embedding = v.baseAddress
                                default: outputs.componentLogDensities = v.baseAddress
                                }
                                return HierarchicalPass.run(x, geometry: geometry, logWeights: logWeights,
                                                            statistics: statistics, outputs: outputs, kernel: kernel)
                            }
                            return (stats, values)
                        }
                        let (blocked, want) = run(.blocked), (small, got) = run(.automatic)
                        let label = "d = \(d), n = \(n), \(name), statistics \(statistics)"
                        for i in want.indices {
                            XCTAssertEqual(got[i], want[i], accuracy: 1e-11 * max(1, abs(want[i])), "\(label)[\(i)]")
                        }
                        XCTAssertEqual(small.logLikelihood, blocked.logLikelihood,
                                       accuracy: 1e-12 * abs(blocked.logLikelihood), label)
                        let sums = [(blocked.counts, small.counts), (blocked.first, small.first), (blocked.cross, small.cross)]
                        for (want, got) in sums {
                            for i in want.indices { XCTAssertEqual(got[i], want[i], accuracy: 1e-12 * Double(n) * 100, label) }
                        }
                        for c in 0..<3 { for a in 0..<d { for b in 0...a {
                            let i = c * d * d + a * d + b
                            XCTAssertEqual(small.second[i], blocked.second[i], accuracy: 1e-12 * Double(n) * 100, label)
                        } } }
                    }
                }
            }
        }
    }

    func testSmallRankSweepOfTheRestrictedModelEqualsTheBlockedPath() throws {
        let start = try HierarchicalMixtureCoordinates.restrictedStart(HierarchicalMixtureTests.syntheticParameters())
        let coordinates = HierarchicalMixtureCoordinates(dimensions: 10, latent: 2, components: 3, noise: .diagonal,
                                                         structure: .diagonalPosteriorPrecision)
        let theta = try coordinates.vector(start)
        let parameters = try coordinates.parameters(theta)
        let (x, _) = try HierarchicalMixtureTests.draw(parameters, n: 3000, seed: 33)
        let geometry = try HierarchicalMixtureGradient(coordinates: coordinates).geometry(theta, parameters)
        let logWeights = parameters.weights.map { log($0) }
        let blocked = HierarchicalPass.run(x, geometry: geometry, logWeights: logWeights, statistics: true, kernel: .blocked)
        let small = HierarchicalPass.run(x, geometry: geometry, logWeights: logWeights, statistics: true)
        XCTAssertEqual(small.logLikelihood, blocked.logLikelihood, accuracy: 1e-12 * abs(blocked.logLikelihood))
        XCTAssertEqual(small.second.count, 3 * 2)
        for (want, got) in [(blocked.counts, small.counts), (blocked.first, small.first), (blocked.second, small.second),
                            (blocked.cross, small.cross)] {
            for i in want.indices { XCTAssertEqual(got[i], want[i], accuracy: 1e-12 * 3000 * 100) }
        }
    }

    func testRowGroupsInterleaveFourRowsAndRepeatTheFirstInSpareLanes() throws {
        // 6 rows of 3 columns: group 0 holds rows 0–3, group 1 rows 4 and 5 and then row 4
        // again in its two spare lanes; column j of a group is four consecutive values.
        let x = Matrix(rows: 6, columns: 3, storage: (0..<18).map(Double.init))
        let groups = RowGroups(x)
        XCTAssertEqual(groups.storage.count, 2 * 3 * 4)
        for g in 0..<2 {
            for j in 0..<3 {
                for lane in 0..<4 {
                    let row = g * 4 + lane < 6 ? g * 4 + lane : g * 4
                    XCTAssertEqual(groups.storage[(g * 3 + j) * 4 + lane], x[row, j])
                }
            }
        }
        // The EM model's groups, made once for the fit, give its E-step exactly what the groups
        // the pass makes per call give (3,001 rows: two blocks and a partial last group).
        let parameters = HierarchicalMixtureTests.syntheticParameters()
        let (data, _) = try HierarchicalMixtureTests.draw(parameters, n: 3001, seed: 5)
        func model(_ groups: RowGroups?) -> HierarchicalMixtureEM {
            HierarchicalMixtureEM(start: .given(parameters), components: 3, latent: 2, moments: ColumnMoments(data),
                                  noise: .diagonal, floors: [Double](repeating: 1e-6, count: 10), regularization: 1e-6,
                                  rowGroups: groups)
        }
        let stored = try model(RowGroups(data)).expectation(data, parameters)
        let perCall = try model(nil).expectation(data, parameters)
        XCTAssertEqual(stored.lowerBound, perCall.lowerBound)
        XCTAssertEqual(stored.expectations.statistics.counts, perCall.expectations.statistics.counts)
        XCTAssertEqual(stored.expectations.statistics.first, perCall.expectations.statistics.first)
        XCTAssertEqual(stored.expectations.statistics.second, perCall.expectations.statistics.second)
        XCTAssertEqual(stored.expectations.statistics.cross, perCall.expectations.statistics.cross)
        // And the lower bound is the direct mixture density's, to the rounding of 3,001 terms.
        let direct = (0..<data.rows).reduce(0.0) { $0 + HierarchicalMixtureTests.directLogDensity(data.row($1), parameters) }
        XCTAssertEqual(stored.lowerBound * Double(data.rows), direct, accuracy: 1e-9 * Double(data.rows))
    }
}
