import Foundation
import Mixtures
import Plotting

extension MixturePlots {
    /// An mclust-style model-selection chart: the criterion against the number of
    /// components, one line with its own colour and marker per variant (for Gaussian
    /// mixtures a covariance model, labelled with mclust's name beside scikit-learn's,
    /// "VVV (full)"), for a table of any fitted family. Values are drawn in mclust's
    /// sign (higher is better) by default; the y label says which sign is shown. The best
    /// model is ringed and named in the title. `yLimits` zooms in on the competitive
    /// models when a poor family (often spherical) would squash the others together.
    public static func selectionChart<Fitted: FittedLikelihoodModel, Variant: ModelVariant>(
        _ table: SelectionTable<Fitted, Variant>, criterion: ModelSelectionCriterion = .bic,
        convention: CriterionConvention = .mclust, title: String? = nil,
        yLimits: ClosedRange<Double>? = nil, width: Double = 6.4, height: Double = 4.4
    ) -> Figure {
        let markers: [Marker] = [.circle, .square, .triangle, .diamond, .plus, .cross]
        var figure = Figure(width: width, height: height)
        var axes = Axes()
        for (index, curve) in table.curves(criterion, convention: convention).enumerated() where !curve.components.isEmpty {
            axes.line(x: curve.components.map(Double.init), y: curve.values, label: curve.label,
                      color: palette[index % palette.count], width: 1.5,
                      marker: markers[index % markers.count], markerSize: 6)
        }
        var heading = title ?? ""
        if let best = table.bestIfAny(by: criterion) {
            let value = best.value(criterion, convention: convention)
            axes.scatter(x: [Double(best.components)], y: [value], color: .black, size: 14, marker: .circle, alpha: 0.25)
            let note = "best: \(best.variant.shortName),\(best.components)"
            heading = heading.isEmpty ? note : "\(heading) — \(note)"
        }
        axes.title = heading.isEmpty ? nil : heading
        axes.xLabel = "number of components K"
        axes.yLabel = "\(criterion.name) (\(convention == .mclust ? "mclust sign, higher is better" : "scikit-learn sign, lower is better"))"
        axes.xTickLabels = table.componentCounts.map { TickLabel(Double($0), String($0)) }
        axes.legendLocation = convention == .mclust ? .lowerRight : .upperRight
        axes.yLimits = yLimits
        figure.axes[0] = axes
        return figure
    }
}
