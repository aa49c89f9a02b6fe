"""Prints the comparison table (markdown) of run.sh's results for each case.

    python compare.py WORKDIR ITERATIONS N,D,K [N,D,K ...]

Each tool's cost of ITERATIONS iterations is the fastest of its 2 x ITERATIONS runs
(TOOL-long-R.json) minus the fastest of its ITERATIONS runs (TOOL-short-R.json), so the fixed
part of a fit cancels; the columns also give each tool's whole-fit seconds per iteration. The
last columns are the largest differences of the two tools' posterior weights and means after
2 x ITERATIONS iterations.
"""
import glob
import json
import os
import sys


def fastest(directory, tool, length):
    runs = []
    for path in sorted(glob.glob(os.path.join(directory, f"{tool}-{length}-*.json"))):
        with open(path) as f:
            runs.append(json.load(f))
    return min(runs, key=lambda r: r["seconds"])


def main():
    work, iterations = sys.argv[1], int(sys.argv[2])
    print("| N | D | K | scikit-learn s/iter | Mixbook s/iter | speed-up (sklearn/Mixbook) | whole fit s/iter, sklearn / Mixbook | max weight difference | max mean difference |")
    print("|---|---|---|---|---|---|---|---|---|")
    for case in sys.argv[3:]:
        n, d, k = (int(v) for v in case.split(","))
        directory = os.path.join(work, f"{n}-{d}-{k}")
        sk_short, sk_long = fastest(directory, "sklearn", "short"), fastest(directory, "sklearn", "long")
        mb_short, mb_long = fastest(directory, "mixbook", "short"), fastest(directory, "mixbook", "long")
        sk_per = (sk_long["seconds"] - sk_short["seconds"]) / iterations
        mb_per = (mb_long["seconds"] - mb_short["seconds"]) / iterations
        whole = f"{sk_long['seconds'] / (2 * iterations):.4f} / {mb_long['seconds'] / (2 * iterations):.4f}"
        weights = max(abs(a - b) for a, b in zip(sk_long["weights"], mb_long["weights"]))
        means = max(abs(a - b) for ra, rb in zip(sk_long["means"], mb_long["means"]) for a, b in zip(ra, rb))
        print(f"| {n:,} | {d} | {k} | {sk_per:.4f} | {mb_per:.4f} | {sk_per / mb_per:.1f}x | {whole} "
              f"| {weights:.1e} | {means:.1e} |")

if __name__ == "__main__":
    main()
