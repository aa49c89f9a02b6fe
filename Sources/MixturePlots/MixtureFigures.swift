import Foundation
import LinearAlgebra
import Mixtures
import Plotting

extension MixturePlots {
    /// A one-panel figure of a fitted 2-D mixture: points coloured by soft assignment,
    /// density contours and covariance ellipses (see `Axes.mixture`).
    /// - Throws: when a covariance is not positive definite.
    public static func mixture(
        _ x: Matrix, fitted: FittedGaussianMixture, dimensions: (Int, Int) = (0, 1),
        title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
        palette: [Color] = MixturePlots.palette, componentNames: [String]? = nil,
        width: Double = 6, height: Double = 4.8
    ) throws -> Figure {
        try mixture(x, parameters: fitted.parameters, responsibilities: fitted.responsibilities(x),
                    dimensions: dimensions, title: title, xLabel: xLabel, yLabel: yLabel,
                    palette: palette, componentNames: componentNames, width: width, height: height)
    }

    /// A one-panel figure of a 2-D mixture given by its parameters, with the points
    /// coloured by `responsibilities`, else by `labels`, else grey. `componentNames` label
    /// the components in the legend ("component 1", … by default).
    /// - Throws: when a covariance is not positive definite.
    public static func mixture(
        _ x: Matrix, parameters: GaussianMixtureParameters,
        responsibilities: Matrix? = nil, labels: [Int]? = nil, dimensions: (Int, Int) = (0, 1),
        title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
        palette: [Color] = MixturePlots.palette, componentNames: [String]? = nil,
        width: Double = 6, height: Double = 4.8
    ) throws -> Figure {
        var figure = Figure(width: width, height: height)
        try figure.axes[0].mixture(x, parameters: parameters, responsibilities: responsibilities, labels: labels,
                                   dimensions: dimensions, palette: palette, componentNames: componentNames)
        figure.axes[0].title = title
        figure.axes[0].xLabel = xLabel
        figure.axes[0].yLabel = yLabel
        return figure
    }

    /// Two panels over the same points: k-means clusters (hard labels, centres marked ×)
    /// on the left and the Gaussian mixture's soft assignments with ellipses on the right.
    /// The k-means colours are matched to the mixture's components by overlap.
    /// - Throws: when a covariance is not positive definite.
    public static func kMeansVersusMixture(
        _ x: Matrix, kMeans: FittedKMeans, mixture: FittedGaussianMixture,
        xLabel: String? = "x₁", yLabel: String? = "x₂",
        width: Double = 10, height: Double = 4.5
    ) throws -> Figure {
        precondition(x.columns == 2, "kMeansVersusMixture: the data must have two columns")
        let k = mixture.components
        let kMeansPalette = palette(matching: kMeans.labels, to: mixture.predict(x), components: max(k, kMeans.centers.rows))
        var figure = Figure(width: width, height: height, rows: 1, columns: 2)
        let xr = Axes.paddedRange(x.column(0)), yr = Axes.paddedRange(x.column(1))

        var left = Axes()
        left.scatter(x: x.column(0), y: x.column(1), categories: kMeans.labels,
                     categoryLabels: (0..<kMeans.centers.rows).map { "cluster \($0 + 1)" },
                     palette: kMeansPalette, size: 4, alpha: 0.85)
        left.scatter(x: kMeans.centers.column(0), y: kMeans.centers.column(1), color: .black, size: 10, marker: .cross)
        left.title = "k-means, K = \(kMeans.centers.rows)"

        var right = Axes()
        try right.mixture(x, parameters: mixture.parameters, responsibilities: mixture.responsibilities(x), contours: false)
        right.title = "EM, \(mixture.covarianceType.rawValue) covariances, K = \(k)"

        func finish(_ panel: inout Axes) {
            panel.xLabel = xLabel
            panel.yLabel = yLabel
            panel.xLimits = xr
            panel.yLimits = yr
            panel.equalAspect = true
            panel.showLegend = false
        }
        finish(&left)
        finish(&right)
        figure.axes[0] = left
        figure.axes[1] = right
        return figure
    }

    /// EM's lower bound (the mean log-likelihood per sample after each E-step) against the
    /// iteration, one line per run. `highlight` draws that run thick and in colour and the
    /// others thin and grey; with no highlight every run is coloured by its final value
    /// (viridis: dark = lowest, yellow = highest), which makes distinct local maxima visible.
    public static func lowerBoundTraces(
        _ traces: [[Double]], highlight: Int? = nil, title: String? = nil,
        width: Double = 6, height: Double = 4
    ) -> Figure {
        var figure = Figure(width: width, height: height)
        var axes = Axes()
        let finals = traces.map { $0.last ?? -Double.infinity }
        let ranked = finals.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }.map(\.offset)
        var labelledOthers = false
        for (index, trace) in traces.enumerated() where index != highlight {
            let iterations = (0..<trace.count).map { Double($0 + 1) }
            if highlight != nil {
                axes.line(x: iterations, y: trace, label: labelledOthers ? nil : "other runs",
                          color: Color(r: 0.55, g: 0.55, b: 0.55), width: 1, alpha: 0.6)
                labelledOthers = true
            } else {
                let rank = Double(ranked.firstIndex(of: index) ?? 0) / Double(max(traces.count - 1, 1))
                axes.line(x: iterations, y: trace, color: Color.viridis(0.1 + 0.8 * rank), width: 1.2, alpha: 0.85)
            }
        }
        if let highlight, traces.indices.contains(highlight) {
            let trace = traces[highlight]
            let iterations = (0..<trace.count).map { Double($0 + 1) }
            axes.line(x: iterations, y: trace, label: traces.count > 1 ? "best run" : "EM run",
                      color: palette[0], width: 2.2, marker: trace.count <= 40 ? .circle : nil, markerSize: 4)
            axes.legendLocation = .lowerRight
        } else {
            axes.showLegend = false
        }
        axes.xTickLabels = integerTicks(upTo: traces.map(\.count).max() ?? 1)
        axes.title = title
        axes.xLabel = "iteration"
        axes.yLabel = "mean log-likelihood per sample"
        figure.axes[0] = axes
        return figure
    }

    /// The lower-bound traces of fitted models of any family (`lowerBoundTrace` of each),
    /// drawn as `lowerBoundTraces(_:highlight:title:width:height:)` draws traces.
    public static func lowerBoundTraces<Fitted: FittedLikelihoodModel>(
        of fits: [Fitted], highlight: Int? = nil, title: String? = nil,
        width: Double = 6, height: Double = 4
    ) -> Figure {
        lowerBoundTraces(fits.map(\.lowerBoundTrace), highlight: highlight, title: title, width: width, height: height)
    }

    /// Whole-number ticks 1, 1 + step, … up to `count` with a 1-2-5 step giving at most ten ticks.
    static func integerTicks(upTo count: Int) -> [TickLabel] {
        let n = max(count, 1)
        var step = 1
        for candidate in [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000] where n / candidate <= 10 {
            step = candidate
            break
        }
        if n / step > 10 { step = (n + 9) / 10 }
        let first = step == 1 ? 1 : step
        var ticks = step == 1 ? [] : [TickLabel(1, "1")]
        ticks += stride(from: first, through: n, by: step).map { TickLabel(Double($0), String($0)) }
        return ticks
    }
}
