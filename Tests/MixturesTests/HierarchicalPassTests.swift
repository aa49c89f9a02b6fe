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
}
