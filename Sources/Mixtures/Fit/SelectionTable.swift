import Foundation

/// BIC / AIC / ICL over numbers of components × variants of any fitted family, as
/// mclust's `mclustBIC` table, with the best model and the series a chart is drawn from.
///
/// Rows are numbers of components, columns variants (for Gaussian mixtures, covariance
/// types labelled with mclust's name beside scikit-learn's, "VVV (full)"; see
/// `ModelSelectionTable`). Values come in either sign convention: `.scikitLearn` (lower is
/// better) or `.mclust` (higher is better). `evaluate` fills one from a fit function.
public struct SelectionTable<Fitted: FittedLikelihoodModel, Variant: ModelVariant>: CustomStringConvertible {
    public typealias Entry = SelectionEntry<Fitted, Variant>
    public typealias Failure = SelectionFailure<Variant>

    /// The numbers of components tried, ascending (the table's rows).
    public let componentCounts: [Int]
    /// The variants tried (the table's columns).
    public let variants: [Variant]
    /// Every model that was fitted.
    public let entries: [Entry]
    /// The cells that could not be fitted.
    public let failures: [Failure]

    public init(componentCounts: [Int], variants: [Variant], entries: [Entry], failures: [Failure] = []) {
        self.componentCounts = componentCounts
        self.variants = variants
        self.entries = entries
        self.failures = failures
    }

    /// Fits every cell with `fit(K, variant)`, in table order; a cell whose fit throws
    /// becomes a failure carrying the error's description.
    public static func evaluate(componentCounts: [Int], variants: [Variant],
                                fit: (Int, Variant) throws -> Fitted) -> SelectionTable {
        var entries: [Entry] = []
        var failures: [Failure] = []
        let counts = componentCounts.sorted()
        for k in counts {
            for variant in variants {
                do {
                    entries.append(Entry(components: k, variant: variant, fitted: try fit(k, variant)))
                } catch {
                    failures.append(Failure(components: k, variant: variant, message: "\(error)"))
                }
            }
        }
        return SelectionTable(componentCounts: counts, variants: variants, entries: entries, failures: failures)
    }

    /// The entry for K components of a variant, nil if it was not fitted.
    public func entry(components: Int, variant: Variant) -> Entry? {
        entries.first { $0.components == components && $0.variant == variant }
    }

    /// The best model by a criterion (smallest scikit-learn-sign value, i.e. largest
    /// mclust-sign value); among exact ties the first in table order (fewer components,
    /// then column order).
    /// - Precondition: the table has at least one entry (`ModelSelection.evaluate` throws
    ///   rather than return an empty table; see `bestIfAny(by:)` otherwise).
    public func best(by criterion: ModelSelectionCriterion = .bic) -> Entry {
        guard let best = bestIfAny(by: criterion) else {
            preconditionFailure("ModelSelectionTable.best(by:): no model was fitted (\(failures.count) failures)")
        }
        return best
    }

    /// The best model by a criterion, nil when the table is empty.
    public func bestIfAny(by criterion: ModelSelectionCriterion = .bic) -> Entry? {
        ordered.min { $0.value(criterion) < $1.value(criterion) }
    }

    /// The `count` best models by a criterion, best first (mclust's "top 3 models").
    public func ranking(by criterion: ModelSelectionCriterion = .bic, count: Int = 3) -> [Entry] {
        Array(ordered.enumerated().sorted {
            let a = $0.element.value(criterion), b = $1.element.value(criterion)
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element).prefix(count))
    }

    /// The criterion's values as a grid: `grid[i][j]` for `componentCounts[i]` and
    /// `variants[j]`, nil where the fit failed.
    public func grid(_ criterion: ModelSelectionCriterion = .bic, convention: CriterionConvention = .mclust) -> [[Double?]] {
        componentCounts.map { k in
            variants.map { variant in entry(components: k, variant: variant)?.value(criterion, convention: convention) }
        }
    }

    /// One line per variant: the criterion against the number of components, as
    /// in mclust's `plot(mclustBIC(...))`. Draw `points` as a line with markers, labelled
    /// `label`; components whose fit failed are left out of `points`.
    public func curves(_ criterion: ModelSelectionCriterion = .bic, convention: CriterionConvention = .mclust) -> [SelectionCurve<Variant>] {
        variants.map { variant in
            let points = componentCounts.compactMap { k -> (components: Int, value: Double)? in
                guard let e = entry(components: k, variant: variant) else { return nil }
                return (k, e.value(criterion, convention: convention))
            }
            return SelectionCurve(variant: variant, criterion: criterion, convention: convention,
                                       components: points.map(\.components), values: points.map(\.value))
        }
    }

    /// The table of one criterion as text: a row per K, a column per variant,
    /// then a line naming the best model. `digits` decimals.
    public func text(_ criterion: ModelSelectionCriterion = .bic, convention: CriterionConvention = .mclust, digits: Int = 2) -> String {
        let values = grid(criterion, convention: convention)
        let header = ["K"] + variants.map(\.displayName)
        var lines = [header]
        for (i, k) in componentCounts.enumerated() {
            lines.append([String(k)] + values[i].map { $0.map { String(format: "%.\(digits)f", $0) } ?? "—" })
        }
        let widths = (0..<header.count).map { j in lines.map { $0[j].count }.max() ?? 0 }
        var out = lines.map { line in
            line.enumerated().map { j, cell in String(repeating: " ", count: widths[j] - cell.count) + cell }
                .joined(separator: "  ")
        }
        let sense = convention.higherIsBetter ? "higher is better" : "lower is better"
        out.insert("\(criterion.name) (\(convention == .mclust ? "mclust" : "scikit-learn") sign, \(sense))", at: 0)
        if let best = bestIfAny(by: criterion) {
            out.append("best: \(best.label), \(criterion.name) = \(String(format: "%.\(digits)f", best.value(criterion, convention: convention)))")
        }
        return out.joined(separator: "\n")
    }

    /// The BIC table in mclust's sign (higher is better), then the best model by each criterion.
    public var description: String {
        var out = text(.bic, convention: .mclust)
        for criterion in [ModelSelectionCriterion.aic, .icl] {
            if let best = bestIfAny(by: criterion) { out += "\nbest by \(criterion.name): \(best.label)" }
        }
        if !failures.isEmpty { out += "\nnot fitted:\n" + failures.map { "  \($0)" }.joined(separator: "\n") }
        return out
    }

    /// Entries in table order: by number of components, then variant column.
    private var ordered: [Entry] {
        componentCounts.flatMap { k in variants.compactMap { entry(components: k, variant: $0) } }
    }
}

extension SelectionTable: Sendable where Fitted: Sendable {}
