"""Reads the per-case results of run.sh and prints the comparison table (markdown).

    python compare.py WORKDIR ITERATIONS N,D,K [N,D,K ...]

Each tool's time is the fastest of its runs (sklearn-R.json, mixbook-R.json).

GFLOP/s uses a nominal count of the floating-point work of one EM iteration, per
point and component (D dimensions), for an algorithm that exploits symmetry:
  E-step  D·(D+1) (whitening by the triangular Cholesky factor of the precision,
          multiply-add over the triangle) + 4·D (centring, squared norm)
  M-step  D·(D+1) (symmetric scatter matrix, SYRK) + 3·D (weighted sums, weighting)
  total   N·K·(2·D² + 9·D)  — log-sum-exp and the K Cholesky factorisations left out.
(scikit-learn's own algorithm does about N·K·4·D²: full, non-triangular GEMMs.)

DGEMM columns (from dgemm.c, the same OpenBLAS in the same run): the peak on a square
3000 × 3000 product with all cores, Mixbook's GFLOP/s as a fraction of that peak, and
DGEMM's own rate at the E-step's whitening shape (N × D)·(D × K·D).
"""
import glob
import json
import os
import sys


def flops_per_iteration(n, d, k):
    return n * k * (2 * d * d + 9 * d)


def fastest(directory, tool, key):
    runs = []
    for path in sorted(glob.glob(os.path.join(directory, f"{tool}-*.json"))):
        with open(path) as f:
            runs.append(json.load(f))
    if not runs:
        sys.exit(f"no {tool} results in {directory}")
    return min(runs, key=lambda r: r[key])


def main():
    work, iterations = sys.argv[1], int(sys.argv[2])
    with open(os.path.join(work, "dgemm-peak.json")) as f:
        peak = json.load(f)["gflops"]
    header = ("| N | D | K | scikit-learn s/iter | Mixbook s/iter | ratio Mixbook/sklearn | Mixbook GFLOP/s "
              "| fraction of DGEMM peak | DGEMM GFLOP/s at (N×D)(D×KD) "
              "| sklearn log L | Mixbook log L | relative difference |")
    lines = [header, "|" + "---|" * 12]
    worst = 0.0
    for case in sys.argv[3:]:
        n, d, k = (int(v) for v in case.split(","))
        directory = os.path.join(work, f"{n}-{d}-{k}")
        sk = fastest(directory, "sklearn", "seconds")
        mb = fastest(directory, "mixbook", "seconds")
        sk_iter = sk["secondsPerIteration"]
        mb_iter = mb["seconds"] / iterations
        gflops = flops_per_iteration(n, d, k) / mb_iter / 1e9
        with open(os.path.join(directory, "dgemm.json")) as f:
            shaped = json.load(f)["gflops"]
        sk_ll, mb_ll = sk["logLikelihood"], mb["logLikelihood"]
        relative = abs(mb_ll - sk_ll) / abs(sk_ll)
        worst = max(worst, relative)
        lines.append(f"| {n:,} | {d} | {k} | {sk_iter:.4f} | {mb_iter:.4f} | {mb_iter / sk_iter:.3f} | {gflops:.1f} "
                     f"| {gflops / peak:.2f} | {shaped:.1f} "
                     f"| {sk_ll:.10g} | {mb_ll:.10g} | {relative:.1e} |")
        if mb.get("iterations") != iterations or sk.get("iterations") != iterations:
            lines.append(f"|  | | | (iterations: sklearn {sk.get('iterations')}, Mixbook {mb.get('iterations')}) | | | | | | | | |")
    print(f"DGEMM peak, 3000 × 3000 × 3000, all cores: {peak:.1f} GFLOP/s\n")
    print("\n".join(lines))
    print(f"\nlargest relative log-likelihood difference: {worst:.1e} (target ≤ 1e-6)")


if __name__ == "__main__":
    main()
