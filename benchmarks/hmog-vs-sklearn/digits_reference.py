"""scikit-learn reference numbers for the HMoG tutorial on the digits (issue 10).

Two-stage models: a linear Gaussian model (PCA or FA, d = 10) and then a full Gaussian
mixture (K = 10) on its latent embedding E[y | x]. Their held-out log-likelihood is that
of the implied mixture in pixel space, sum_k pi_k N(x; W mu_k + b, W Sigma_k W^T + Psi).
Usage: python digits_reference.py DIGITS.csv
"""
import sys
import numpy as np
from scipy.special import logsumexp
from scipy.stats import multivariate_normal
from sklearn.decomposition import PCA, FactorAnalysis
from sklearn.mixture import GaussianMixture
from sklearn.metrics import adjusted_rand_score
from sklearn.model_selection import train_test_split

data = np.genfromtxt(sys.argv[1], delimiter=",", skip_header=1)
X, y = data[:, :-1], data[:, -1].astype(int)
X = X[:, X.std(0) > 0]
print("non-constant pixels", X.shape[1])
Xtr, Xte = train_test_split(X, test_size=0.2, random_state=0)


def implied(W, b, psi, gmm, x):
    logs = []
    for k in range(gmm.n_components):
        C = W @ gmm.covariances_[k] @ W.T + np.diag(psi)
        logs.append(np.log(gmm.weights_[k]) + multivariate_normal(W @ gmm.means_[k] + b, C).logpdf(x))
    return logsumexp(np.array(logs), axis=0).mean()


def two_stage(kind, xfit, seed=0):
    if kind == "pca":
        lin = PCA(n_components=10).fit(xfit)
        sigma2 = lin.noise_variance_
        W = lin.components_.T * np.sqrt(lin.explained_variance_ - sigma2)
        psi = np.full(xfit.shape[1], sigma2)
        z = (xfit - lin.mean_) @ W @ np.linalg.inv(W.T @ W + sigma2 * np.eye(10))
    else:
        lin = FactorAnalysis(n_components=10, random_state=0).fit(xfit)
        W, psi = lin.components_.T, lin.noise_variance_
        z = lin.transform(xfit)
    gmm = GaussianMixture(10, covariance_type="full", n_init=5, random_state=seed).fit(z)
    return lin, W, psi, gmm, z


for kind in ("pca", "fa"):
    lin, W, psi, gmm, z = two_stage(kind, X)
    print(f"{kind}(10) -> GMM(10) ARI on all rows", round(adjusted_rand_score(y, gmm.predict(z)), 3))
    lin, W, psi, gmm, z = two_stage(kind, Xtr)
    print(f"{kind}(10) -> GMM(10) held-out per sample", round(implied(W, lin.mean_, psi, gmm, Xte), 2))

raw = GaussianMixture(10, covariance_type="full", reg_covar=1e-2, n_init=5, random_state=0).fit(Xtr)
print("full GMM(10) raw pixels, reg 1e-2: held-out per sample", round(raw.score(Xte), 2))
raw_all = GaussianMixture(10, covariance_type="full", reg_covar=1e-2, n_init=5, random_state=0).fit(X)
print("full GMM(10) raw pixels, reg 1e-2: ARI on all rows", round(adjusted_rand_score(y, raw_all.predict(X)), 3))
