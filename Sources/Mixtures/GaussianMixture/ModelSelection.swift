import LinearAlgebra

/// A model-selection table of Gaussian mixtures: K × covariance type (see `SelectionTable`).
public typealias ModelSelectionTable = SelectionTable<FittedGaussianMixture, CovarianceType>
/// One cell of a `ModelSelectionTable`.
public typealias ModelSelectionEntry = SelectionEntry<FittedGaussianMixture, CovarianceType>
/// A cell of a `ModelSelectionTable` that could not be fitted.
public typealias ModelSelectionFailure = SelectionFailure<CovarianceType>
/// One line of a Gaussian-mixture selection chart.
public typealias ModelSelectionCurve = SelectionCurve<CovarianceType>

/// Fits a Gaussian mixture for every number of components × covariance type and
/// collects BIC, AIC and ICL in a `ModelSelectionTable`, as mclust's `mclustBIC` does.
///
/// ```swift
/// let table = try ModelSelection.evaluate(x, components: 1...9, restarts: 10, seed: 42)
/// print(table)                              // mclust-style BIC table
/// let best = table.best(by: .bic)           // e.g. EEE,3 (tied, K = 3)
/// let labels = best.fitted.predict(x)
/// ```
/// Every cell uses the same seed, so each cell is reproducible on its own. A cell whose
/// fit throws (e.g. more components than points) becomes a `ModelSelectionFailure`.
public struct ModelSelection: Sendable, EMRegularizable {
    /// Numbers of components to try (mclust's default is 1…9).
    public var componentCounts: [Int]
    /// Covariance types to try; all four by default.
    public var covarianceTypes: [CovarianceType]
    /// The EM settings of every cell: restarts per cell, the best kept; tolerance on the
    /// change of the mean log-likelihood per row.
    public var settings: EMSettings

    /// How each restart starts.
    public var initialization: GMMInitialization {
        get { GMMInitialization(settings.initialization) }
        set { if let start = newValue.start { settings.initialization = start } }
    }

    /// Every cell with `GaussianMixture.defaultSettings` (diverse screened starts, tight
    /// tolerance, degenerate maxima rejected), any of them overridden by the arguments given.
    public init(componentCounts: [Int] = Array(1...9),
                covarianceTypes: [CovarianceType] = [.spherical, .diagonal, .tied, .full],
                restarts: Int = GaussianMixture.defaultSettings.restarts,
                initialization: GMMInitialization = GMMInitialization(GaussianMixture.defaultSettings.initialization),
                maxIterations: Int = GaussianMixture.defaultSettings.maxIterations,
                tolerance: Double = GaussianMixture.defaultSettings.tolerance,
                regularization: Double = GaussianMixture.defaultSettings.regularization) {
        let settings = GaussianMixture.defaultSettings.replacing(restarts: restarts, maxIterations: maxIterations,
                                                                 tolerance: tolerance, regularization: regularization)
        self.init(componentCounts: componentCounts, covarianceTypes: covarianceTypes, settings: settings)
        self.initialization = initialization
    }

    public init(componentCounts: [Int] = Array(1...9),
                covarianceTypes: [CovarianceType] = [.spherical, .diagonal, .tied, .full],
                settings: EMSettings) {
        self.componentCounts = componentCounts.sorted()
        self.covarianceTypes = covarianceTypes
        self.settings = settings
    }

    /// The mixture configuration used for one cell.
    public func configuration(components: Int, covarianceType: CovarianceType) -> GaussianMixture {
        GaussianMixture(components: components, covarianceType: covarianceType, settings: settings)
    }

    /// Fits every cell to the rows of `x` (N points × D measurements). A cell whose every
    /// start ended degenerate (`EMWarning.degenerateMaximum`, with `settings.rejectsDegenerate`)
    /// is a failure, as mclust leaves such a cell empty: its likelihood is the ridge's.
    public func run(_ x: Matrix, seed: UInt64) -> ModelSelectionTable {
        ModelSelectionTable.evaluate(componentCounts: componentCounts, variants: covarianceTypes) { k, type in
            let fit = try configuration(components: k, covarianceType: type).fit(x, seed: seed)
            if fit.warnings.contains(where: { if case .degenerateMaximum = $0 { return true } else { return false } }) {
                throw ModelSelectionError.everyStartDegenerate(components: k, covarianceType: type)
            }
            return fit
        }
    }

    /// Fits K = `components` × `covarianceTypes` with `restarts` EM starts each and
    /// returns the table.
    /// - Throws: `ModelSelectionError.nothingFitted` when no cell could be fitted (e.g.
    ///   fewer rows than the smallest K, or non-finite data), listing why.
    public static func evaluate(_ x: Matrix, components: ClosedRange<Int> = 1...9,
                                covarianceTypes: [CovarianceType] = [.spherical, .diagonal, .tied, .full],
                                restarts: Int = GaussianMixture.defaultSettings.restarts, seed: UInt64) throws
        -> ModelSelectionTable {
        let table = ModelSelection(componentCounts: Array(components), covarianceTypes: covarianceTypes,
                                   restarts: restarts).run(x, seed: seed)
        if table.entries.isEmpty { throw ModelSelectionError.nothingFitted(failures: table.failures) }
        return table
    }
}

/// Why a model selection produced no table.
public enum ModelSelectionError: Error, CustomStringConvertible {
    /// Every cell's fit failed; each failure says why.
    case nothingFitted(failures: [ModelSelectionFailure])
    /// Every start of one cell ended degenerate (`CollapsePolicy.isUnsupported`).
    case everyStartDegenerate(components: Int, covarianceType: CovarianceType)

    public var description: String {
        switch self {
        case .everyStartDegenerate(let k, let type):
            return "\(type.mclustName), K = \(k): every start ended degenerate (a component narrower than the data "
                + "can resolve); fewer components or a larger regularization"
        case .nothingFitted(let failures):
            let reasons = failures.prefix(4).map { "  \($0)" }.joined(separator: "\n")
            return "model selection: no model could be fitted (\(failures.count) tried):\n\(reasons)"
        }
    }
}

extension SelectionTable where Variant == CovarianceType {
    /// The covariance types tried (the table's columns).
    public var covarianceTypes: [CovarianceType] { variants }

    public init(componentCounts: [Int], covarianceTypes: [CovarianceType], entries: [Entry], failures: [Failure] = []) {
        self.init(componentCounts: componentCounts, variants: covarianceTypes, entries: entries, failures: failures)
    }

    /// The entry for K components of a covariance type, nil if it was not fitted.
    public func entry(components: Int, covarianceType: CovarianceType) -> Entry? {
        entry(components: components, variant: covarianceType)
    }
}

extension SelectionEntry where Variant == CovarianceType {
    /// The covariance type (scikit-learn's name; `covarianceType.mclustName` gives mclust's).
    public var covarianceType: CovarianceType { variant }
    /// mclust's name of the model, e.g. "VVV".
    public var mclustName: String { variant.mclustName }

    public init(components: Int, covarianceType: CovarianceType, criteria: InformationCriteria, fitted: Fitted) {
        self.init(components: components, variant: covarianceType, criteria: criteria, fitted: fitted)
    }
}

extension SelectionEntry where Fitted == FittedGaussianMixture, Variant == CovarianceType {
    /// The entry of a model fitted to `x`, its criteria computed on `x` (from the fit's
    /// own final responsibilities when `x` holds as many rows as it was fitted to).
    public init(fitted: FittedGaussianMixture, data x: Matrix) {
        let criteria = fitted.trainingResponsibilities != nil && fitted.sampleCount == x.rows
            ? fitted.informationCriteria : fitted.informationCriteria(x)
        self.init(components: fitted.components, variant: fitted.covarianceType, criteria: criteria, fitted: fitted)
    }
}

extension SelectionFailure where Variant == CovarianceType {
    /// The covariance type of the cell.
    public var covarianceType: CovarianceType { variant }

    public init(components: Int, covarianceType: CovarianceType, message: String) {
        self.init(components: components, variant: covarianceType, message: message)
    }
}

extension SelectionCurve where Variant == CovarianceType {
    /// The covariance type of the line.
    public var covarianceType: CovarianceType { variant }
    /// mclust's short name, e.g. "VVV".
    public var mclustName: String { variant.mclustName }
}
