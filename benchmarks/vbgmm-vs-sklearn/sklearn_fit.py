"""Runs exactly ITERATIONS coordinate-ascent iterations of scikit-learn's
BayesianGaussianMixture (full covariance, Dirichlet-process weights, its default priors,
tol 0, one start) from the responsibilities in start.npy and prints JSON: total seconds
of fit(), seconds per iteration, the posterior weights and means.

    python sklearn_fit.py CASEDIR ITERATIONS
"""
import json
import os
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import BayesianGaussianMixture


class GivenStart(BayesianGaussianMixture):
    """BayesianGaussianMixture whose start is the given responsibilities."""

    start = None

    def _initialize_parameters(self, X, random_state, xp=None):
        self._initialize(X, self.start)


def main():
    case, iterations = sys.argv[1], int(sys.argv[2])
    x = np.load(os.path.join(case, "data.npy"))
    resp = np.load(os.path.join(case, "start.npy"))
    k = resp.shape[1]
    model = GivenStart(n_components=k, covariance_type="full", weight_concentration_prior_type="dirichlet_process",
                       tol=0.0, reg_covar=1e-6, max_iter=iterations, n_init=1, random_state=0)
    model.start = resp
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        # Warm-up (untimed): first-call costs of imports, validation and BLAS threads.
        warm = GivenStart(n_components=k, max_iter=2, random_state=0)
        warm.start = resp[:2000]
        warm.fit(x[:2000])
        start = time.perf_counter()
        model.fit(x)
        seconds = time.perf_counter() - start
    print(json.dumps({
        "seconds": seconds,
        "secondsPerIteration": seconds / iterations,
        "iterations": int(model.n_iter_),
        "weights": model.weights_.tolist(),
        "means": model.means_.tolist(),
    }))


if __name__ == "__main__":
    main()
