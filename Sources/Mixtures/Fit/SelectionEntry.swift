/// One cell of a model-selection table: a model with `components` components of one
/// variant, fitted to the data, with its criteria.
public struct SelectionEntry<Fitted: FittedLikelihoodModel, Variant: ModelVariant> {
    /// Number of mixture components K.
    public let components: Int
    /// The variant (the table's column), e.g. a covariance type.
    public let variant: Variant
    /// BIC, AIC and ICL of the fit, in both sign conventions.
    public let criteria: InformationCriteria
    /// The fitted model.
    public let fitted: Fitted

    public init(components: Int, variant: Variant, criteria: InformationCriteria, fitted: Fitted) {
        self.components = components
        self.variant = variant
        self.criteria = criteria
        self.fitted = fitted
    }

    /// The entry of a fitted model, with the criteria it computes on its training data.
    public init(components: Int, variant: Variant, fitted: Fitted) {
        self.init(components: components, variant: variant, criteria: fitted.informationCriteria, fitted: fitted)
    }

    /// Total log-likelihood of the training data.
    public var logLikelihood: Double { criteria.logLikelihood }
    /// Number of free parameters.
    public var parameterCount: Int { criteria.parameterCount }
    /// BIC, scikit-learn's sign (lower is better).
    public var bic: Double { criteria.bic }
    /// AIC, scikit-learn's sign (lower is better).
    public var aic: Double { criteria.aic }
    /// ICL, scikit-learn's sign (lower is better).
    public var icl: Double { criteria.icl }
    /// BIC, mclust's sign (higher is better).
    public var mclustBIC: Double { criteria.mclustBIC }
    /// ICL, mclust's sign (higher is better), as mclust's `icl()`.
    public var mclustICL: Double { criteria.mclustICL }

    /// A label such as "VVV,3 (full, K = 3)".
    public var label: String { "\(variant.shortName),\(components) (\(variant.name), K = \(components))" }

    /// The value of a criterion in a sign convention.
    public func value(_ criterion: ModelSelectionCriterion, convention: CriterionConvention = .scikitLearn) -> Double {
        criteria.value(criterion, convention: convention)
    }
}

extension SelectionEntry: Sendable where Fitted: Sendable {}

/// A cell of a model-selection table that could not be fitted (e.g. more components than
/// points), kept so the table shows a gap with a reason instead of a number.
public struct SelectionFailure<Variant: ModelVariant>: Sendable, CustomStringConvertible {
    public let components: Int
    public let variant: Variant
    /// What went wrong, as the fit's error described it.
    public let message: String

    public init(components: Int, variant: Variant, message: String) {
        self.components = components
        self.variant = variant
        self.message = message
    }

    public var description: String { "\(variant.displayName), K = \(components): \(message)" }
}

/// One line of a model-selection chart: a criterion against the number of components
/// for one variant.
public struct SelectionCurve<Variant: ModelVariant>: Sendable {
    public let variant: Variant
    public let criterion: ModelSelectionCriterion
    public let convention: CriterionConvention
    /// Numbers of components with a fitted model (x values).
    public let components: [Int]
    /// The criterion at each of `components` (y values).
    public let values: [Double]
    /// Legend label, e.g. mclust's name beside scikit-learn's: "VVV (full)".
    public var label: String { variant.displayName }
    /// The variant's short name, e.g. "VVV", handy as a point marker label.
    public var shortName: String { variant.shortName }
}
