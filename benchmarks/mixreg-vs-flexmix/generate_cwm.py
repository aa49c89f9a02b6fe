"""A cluster-weighted data set: N rows, D covariates, K clusters, one target.
Usage: python3 generate_cwm.py N D K SEED OUT.csv  (standard library only)."""
import random, sys

n, d, k, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rng = random.Random(seed)
centres = [[rng.uniform(-4, 4) for _ in range(d)] for _ in range(k)]
scales = [[rng.uniform(0.5, 1.5) for _ in range(d)] for _ in range(k)]
betas = [[rng.uniform(-3, 3) for _ in range(d + 1)] for _ in range(k)]
with open(out, "w") as f:
    f.write(",".join([f"x{j + 1}" for j in range(d)] + ["y"]) + "\n")
    for _ in range(n):
        z = rng.randrange(k)
        x = [centres[z][j] + scales[z][j] * rng.gauss(0, 1) for j in range(d)]
        y = betas[z][d] + sum(b * v for b, v in zip(betas[z], x)) + rng.gauss(0, 0.5)
        f.write(",".join(f"{v:.10g}" for v in x + [y]) + "\n")
