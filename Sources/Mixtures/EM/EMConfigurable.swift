/// A type configured by one `EMSettings` value: its extension gives the settings' fields
/// as properties of their own, so `model.restarts = 20` reads and writes
/// `model.settings.restarts`. What "the lower bound" is (the mean log-likelihood per row,
/// or the ELBO per row) is said by each conforming type.
public protocol EMConfigurable {
    /// Restarts, iterations, tolerance and the rest of the fit's settings.
    var settings: EMSettings { get set }
}

extension EMConfigurable {
    /// Independent starts (scikit-learn's `n_init`), ≥ 1; the highest final lower bound wins.
    public var restarts: Int {
        get { settings.restarts }
        set { settings.restarts = newValue }
    }
    /// Iterations per start (scikit-learn's `max_iter`), ≥ 0.
    public var maxIterations: Int {
        get { settings.maxIterations }
        set { settings.maxIterations = newValue }
    }
    /// Stop when the lower bound per row changes by less than this between iterations
    /// (scikit-learn's `tol`); 0 runs every iteration.
    public var tolerance: Double {
        get { settings.tolerance }
        set { settings.tolerance = newValue }
    }
}

/// An `EMConfigurable` model whose covariance matrices read `settings.regularization`.
public protocol EMRegularizable: EMConfigurable {}

extension EMRegularizable {
    /// Added to every covariance diagonal (scikit-learn's `reg_covar`), ≥ 0, which keeps
    /// the covariances positive definite.
    public var regularization: Double {
        get { settings.regularization }
        set { settings.regularization = newValue }
    }
}
