/// Why a factor model or a hierarchical mixture could not be fitted or evaluated.
public enum HierarchicalMixtureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The latent dimension is not smaller than the observed one (or is below 1).
    case latentDimension(latent: Int, observed: Int)
    /// Every column of the data is constant, so there is no variance to explain.
    case constantData
    /// A setting is out of range.
    case invalidConfiguration(String)
    /// Given parameters are inconsistent.
    case invalidParameters(String)
    /// The data's dimension does not match the model's.
    case dimensionMismatch(expected: Int, found: Int)
    /// The fit produced a non-finite log-likelihood (it is reported, never returned as NaN).
    case nonFiniteLikelihood(iteration: Int)

    public var description: String {
        switch self {
        case .latentDimension(let d, let p):
            return "the latent dimension must be between 1 and \(p - 1) for data with \(p) columns, got \(d) "
                + "(a latent space as large as the data explains nothing; use a Gaussian mixture instead)"
        case .constantData:
            return "every column of the data is constant: there is no variance for a factor model to explain"
        case .invalidConfiguration(let why):
            return "invalid configuration: \(why)"
        case .invalidParameters(let why):
            return "invalid parameters: \(why)"
        case .dimensionMismatch(let e, let f):
            return "the data has \(f) columns but the model has \(e) dimensions"
        case .nonFiniteLikelihood(let it):
            return "the log-likelihood became NaN or infinite at iteration \(it); try more regularization or another seed"
        }
    }
}

extension HierarchicalMixtureError {
    /// In the restricted (diagonal posterior precision) model, D_k − WᵀΨ⁻¹W stopped being
    /// positive definite: the implied prior of component `component` would be improper.
    static func improperPrior(component: Int) -> HierarchicalMixtureError {
        .invalidParameters("the implied latent prior of component \(component + 1) is improper "
            + "(posterior precision minus WᵀΨ⁻¹W is not positive definite)")
    }
}
