"""Writes the starting responsibilities both tools begin variational inference from:
every row one-hot at the nearest of the K means in init.json (K distinct data rows, as
written by ../gmm-vs-sklearn/generate.py).

    python start.py CASEDIR

CASEDIR/start.csv   N rows x K columns (header r1..rK), for Mixbook
CASEDIR/start.npy   the same, for scikit-learn
"""
import json
import os
import sys

import numpy as np


def main():
    case = sys.argv[1]
    x = np.load(os.path.join(case, "data.npy"))
    with open(os.path.join(case, "init.json")) as f:
        means = np.array(json.load(f)["means"])
    k = means.shape[0]
    distances = (x ** 2).sum(1)[:, None] - 2 * x @ means.T + (means ** 2).sum(1)[None, :]
    resp = np.zeros((x.shape[0], k))
    resp[np.arange(x.shape[0]), distances.argmin(1)] = 1
    np.save(os.path.join(case, "start.npy"), resp)
    header = ",".join(f"r{i + 1}" for i in range(k))
    np.savetxt(os.path.join(case, "start.csv"), resp, fmt="%.0f", delimiter=",", header=header, comments="")


if __name__ == "__main__":
    main()
