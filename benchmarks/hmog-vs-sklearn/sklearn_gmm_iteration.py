"""Seconds per EM iteration of scikit-learn's full-covariance GaussianMixture on a CSV.

Times fits of 10 and 10 + ITERATIONS iterations (tol 0, the same k-means start from the same
random_state) and prints (t_long - t_short) / ITERATIONS, each the fastest of REPEATS tries, so
the k-means initialisation and the final E-step cancel.
Usage: python sklearn_gmm_iteration.py DIGITS.csv K ITERATIONS REPEATS
"""
import sys
import time
import warnings
import numpy as np
from sklearn.mixture import GaussianMixture
from sklearn.exceptions import ConvergenceWarning

warnings.simplefilter("ignore", ConvergenceWarning)
path, k, iterations, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
X = np.genfromtxt(path, delimiter=",", skip_header=1)[:, :-1]


def seconds(n_iter):
    start = time.perf_counter()
    GaussianMixture(k, covariance_type="full", max_iter=n_iter, tol=0, random_state=0).fit(X)
    return time.perf_counter() - start


short = min(seconds(10) for _ in range(repeats))
long = min(seconds(10 + iterations) for _ in range(repeats))
best = (long - short) / iterations
print(f"{best:.9f}")
