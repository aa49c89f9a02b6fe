"""Prints the comparison table (markdown) of run.sh's results for each case.

    python compare.py WORKDIR ITERATIONS N,D,K [N,D,K ...]

Each tool's time is the fastest of its runs (sklearn-R.json, mixbook-R.json). The last
columns are the largest differences of the two tools' posterior weights and means.
"""
import glob
import json
import os
import sys


def fastest(directory, tool):
    runs = []
    for path in sorted(glob.glob(os.path.join(directory, f"{tool}-*.json"))):
        with open(path) as f:
            runs.append(json.load(f))
    return min(runs, key=lambda r: r["seconds"])


def main():
    work, iterations = sys.argv[1], int(sys.argv[2])
    print("| N | D | K | scikit-learn s/iter | Mixbook s/iter | speed-up (sklearn/Mixbook) | max weight difference | max mean difference |")
    print("|---|---|---|---|---|---|---|---|")
    for case in sys.argv[3:]:
        n, d, k = (int(v) for v in case.split(","))
        directory = os.path.join(work, f"{n}-{d}-{k}")
        sk = fastest(directory, "sklearn")
        mb = fastest(directory, "mixbook")
        mb_per = mb["seconds"] / iterations
        weights = max(abs(a - b) for a, b in zip(sk["weights"], mb["weights"]))
        means = max(abs(a - b) for ra, rb in zip(sk["means"], mb["means"]) for a, b in zip(ra, rb))
        print(f"| {n:,} | {d} | {k} | {sk['secondsPerIteration']:.4f} | {mb_per:.4f} | {sk['secondsPerIteration'] / mb_per:.1f}x "
              f"| {weights:.1e} | {means:.1e} |")


if __name__ == "__main__":
    main()
