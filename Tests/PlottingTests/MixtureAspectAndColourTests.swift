import Foundation
import LinearAlgebra
import Mixtures
import MixturePlots
import Plotting
import XCTest

/// What a reader sees in mixture figures: a round component is drawn round when both axes
/// are in the same units, and a cluster keeps its number and colour whichever seed EM ran
/// from (canonical component order).
final class MixtureAspectAndColourTests: XCTestCase {
    /// The pixel bounding box (width, height) of the pixels drawn exactly in `color`.
    private func boundingBox(of color: Color, in image: RasterImage) -> (width: Int, height: Int)? {
        let target = [color.r, color.g, color.b].map { UInt8(($0 * 255).rounded()) }
        var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = 4 * (y * image.width + x)
                // Within 2 of the colour in every channel (rounding in Cairo's compositing).
                let rgb = [image.pixels[p], image.pixels[p + 1], image.pixels[p + 2]]
                guard zip(rgb, target).allSatisfy({ abs(Int($0) - Int($1)) <= 2 }),
                      image.pixels[p + 3] == 255 else { continue }
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard minX <= maxX else { return nil }
        return (maxX - minX + 1, maxY - minY + 1)
    }

    /// A round unit-variance component drawn over points that span 12 units across and 2
    /// up, in a wide panel: the data alone would stretch x and y by different factors.
    private func roundComponentFigure(equalAspect: Bool) throws -> Figure {
        let parameters = GaussianMixtureParameters(
            weights: [1], means: Matrix([[0.0, 0.0]]), covariances: [Matrix.identity(2)])
        var rows: [[Double]] = []
        for i in 0..<25 {
            let across: Double = -6.0 + Double(i) / 2
            let up: Double = i % 2 == 0 ? -1.0 : 1.0
            rows.append([across, up])
        }
        let x = Matrix(rows)
        var figure = try MixturePlots.mixture(
            x, parameters: parameters, xLabel: "x₁", yLabel: "x₂",
            ellipseStandardDeviations: [2], equalAspect: equalAspect, width: 6, height: 3)
        figure.axes[0].showLegend = false
        figure.dpi = 100
        return figure
    }

    func testEqualAspectDrawsARoundComponentRound() throws {
        let orange = MixturePlots.palette[0]
        let equal = try RasterImage(pngData: try roundComponentFigure(equalAspect: true).pngData())
        let box = try XCTUnwrap(boundingBox(of: orange, in: equal), "the ellipse was not drawn")
        // The 2σ circle spans 4 units both ways; at 100 dpi it is well over 50 px, and the
        // line (1.6 pt ≈ 2 px) and anti-aliasing move each edge by at most 2 px.
        XCTAssertGreaterThan(box.height, 50)
        XCTAssertEqual(Double(box.width), Double(box.height), accuracy: 4,
                       "a circle drawn with equal aspect must be as wide as it is tall")

        // Without equal aspect the same circle is visibly squashed: the control that shows
        // the measurement can tell the difference.
        let free = try RasterImage(pngData: try roundComponentFigure(equalAspect: false).pngData())
        let squashed = try XCTUnwrap(boundingBox(of: orange, in: free))
        XCTAssertGreaterThan(abs(Double(squashed.width) / Double(squashed.height) - 1), 0.3)
    }

    /// Three well separated clusters of 150 points each.
    private func threeClusters() throws -> Matrix {
        var generator = RandomGenerator(seed: 11)
        let centres = [[-4.0, 0.0], [0.0, 3.0], [4.0, -1.0]]
        var rows: [[Double]] = []
        for centre in centres {
            for _ in 0..<150 {
                rows.append(try generator.multivariateNormal(mean: centre, covariance: Matrix.identity(2)))
            }
        }
        return Matrix(rows)
    }

    func testAComponentKeepsItsColourAcrossFitsFromDifferentSeeds() throws {
        let x = try threeClusters()
        // Five starts from random data points per fit: enough for every fit to find the
        // three clusters, while the order EM finds them in still depends on the seed.
        // Every start converged (scikit-learn's EM, no screening), so both fits sit at the maximum.
        let model = GaussianMixture(components: 3, settings: EMSettings(
            restarts: 5, maxIterations: 1000, tolerance: 1e-10, initialization: .randomFromData))
        let first = try model.fit(x, seed: 1)
        // A second seed that reaches the same maximum with the components in another raw
        // order, so that the test shows relabelling at work rather than two fits that
        // happen to agree.
        var other: FittedGaussianMixture?
        for seed: UInt64 in 2...60 {
            let fit = try model.fit(x, seed: seed)
            if abs(fit.logLikelihood - first.logLikelihood) < 1e-6,
               fit.parameters.canonicalOrder != first.parameters.canonicalOrder {
                other = fit
                break
            }
        }
        let second = try XCTUnwrap(other, "no seed in 2...60 found the same clusters in another order")
        let a = try first.canonicallyOrdered(), b = try second.canonicallyOrdered()
        // Component 1 is the leftmost cluster in both, and so on.
        XCTAssertEqual(a.parameters.means.column(0), a.parameters.means.column(0).sorted())
        XCTAssertLessThan(a.parameters.means.maxAbsDifference(b.parameters.means), 1e-5)
        // Every point gets the same blended colour from both fits.
        let colorsA = MixturePlots.softAssignmentColors(a.responsibilities(x))
        let colorsB = MixturePlots.softAssignmentColors(b.responsibilities(x))
        for (p, q) in zip(colorsA, colorsB) {
            XCTAssertEqual(p.r, q.r, accuracy: 1e-5)
            XCTAssertEqual(p.g, q.g, accuracy: 1e-5)
            XCTAssertEqual(p.b, q.b, accuracy: 1e-5)
        }
        // The kept training responsibilities are permuted with the components.
        if let kept = a.trainingResponsibilities {
            XCTAssertLessThan(kept.maxAbsDifference(a.responsibilities(x)), 1e-6)
        }
        // The relabelling changes names only: likelihood and per-point density are the same.
        XCTAssertEqual(a.logLikelihood, first.logLikelihood)
        let densitiesBefore = first.scoreSamples(x), densitiesAfter = a.scoreSamples(x)
        for (u, v) in zip(densitiesBefore, densitiesAfter) { XCTAssertEqual(u, v, accuracy: 1e-12) }
    }

    func testReorderedPermutesWeightsMeansAndCovariancesTogether() {
        let parameters = GaussianMixtureParameters(
            weights: [0.2, 0.5, 0.3],
            means: Matrix([[3.0, 0.0], [-1.0, 2.0], [-1.0, 1.0]]),
            covariances: [Matrix.identity(2), 2 * Matrix.identity(2), 3 * Matrix.identity(2)])
        // First coordinate, then the second breaks the tie between components 2 and 3.
        XCTAssertEqual(parameters.canonicalOrder, [2, 1, 0])
        let ordered = parameters.canonicallyOrdered()
        XCTAssertEqual(ordered.weights, [0.3, 0.5, 0.2])
        XCTAssertEqual(ordered.means.row(0), [-1.0, 1.0])
        XCTAssertEqual(ordered.covariances[0], 3 * Matrix.identity(2))
        XCTAssertEqual(ordered.canonicalOrder, [0, 1, 2])
    }
}
