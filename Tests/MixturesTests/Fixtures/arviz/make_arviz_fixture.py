"""Writes arviz-diagnostics.json: fixed chains and ArviZ's diagnostics of them.

Run once while developing (`python make_arviz_fixture.py` in a venv with arviz); the
Swift tests read the JSON and need no Python. Chains: AR(1) series of several
correlations, chains with shifted means (R-hat well above 1), an odd number of draws,
heavy tails and ties (rounded values), all from numpy's seeded generator.
"""
import json

import arviz as az
import numpy as np

rng = np.random.default_rng(20261201)


def ar1(chains, draws, phi, shift=None):
    x = np.zeros((chains, draws))
    for c in range(chains):
        e = rng.standard_normal(draws)
        x[c, 0] = e[0] / np.sqrt(1 - phi * phi)
        for t in range(1, draws):
            x[c, t] = phi * x[c, t - 1] + e[t]
        if shift is not None:
            x[c] += shift[c]
    return x


cases = {
    "iid": rng.standard_normal((4, 500)),
    "ar1-0.5": ar1(4, 500, 0.5),
    "ar1-0.9": ar1(4, 1000, 0.9),
    "antithetic": ar1(2, 400, -0.6),
    "shifted": ar1(4, 300, 0.3, shift=[0.0, 0.0, 0.5, 1.0]),
    "odd-draws": ar1(3, 251, 0.7),
    "heavy-tailed": rng.standard_cauchy((4, 400)),
    "ties": np.round(ar1(4, 300, 0.4), 1),
    "one-chain": ar1(1, 600, 0.8),
}

out = {"arviz_version": az.__version__, "numpy_version": np.__version__, "cases": []}
for name, chains in cases.items():
    entry = {
        "name": name,
        "chains": chains.tolist(),
        "ess_bulk": float(az.ess(chains, method="bulk")),
        "ess_tail": float(az.ess(chains, method="tail")),
        "ess_mean": float(az.ess(chains, method="mean")),
        "mcse_mean": float(az.mcse(chains, method="mean")),
        "mcse_sd": float(az.mcse(chains, method="sd")),
    }
    rhat = float(az.rhat(chains, method="rank")) if chains.shape[0] > 1 else None
    entry["rhat_rank"] = rhat
    entry["rhat_split"] = float(az.rhat(chains, method="split")) if chains.shape[0] > 1 else None
    out["cases"].append(entry)

with open("arviz-diagnostics.json", "w") as f:
    json.dump(out, f)
for e in out["cases"]:
    print(e["name"], e["rhat_rank"], e["ess_bulk"], e["ess_tail"], e["ess_mean"], e["mcse_mean"], e["mcse_sd"])
