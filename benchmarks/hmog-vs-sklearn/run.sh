#!/usr/bin/env bash
# One EM iteration of the hierarchical mixture of Gaussians at digits size (N = 1,797,
# p = 64, d = 10, K = 10) against one EM iteration of scikit-learn's full-covariance
# Gaussian mixture in 64 dimensions (K = 10), on the same data in the same run.
#
# Each tool is timed on a fit of 10 and of 10 + ITERATIONS iterations (tol 0) from its own
# deterministic start; the difference divided by ITERATIONS is the cost of one iteration
# (start, data reading, warm-up and the final E-step cancel). Each of the two fits counts
# its fastest of REPEATS tries (a minimum of differences would be biased low by noise).
#
#   bash benchmarks/hmog-vs-sklearn/run.sh
#   ITERATIONS=100 REPEATS=5 bash benchmarks/hmog-vs-sklearn/run.sh
#   THREADS=default bash benchmarks/hmog-vs-sklearn/run.sh   # OpenBLAS's own thread count for both
#
# Both tools run with one OpenBLAS thread (THREADS=1, the default): on a small shared
# machine multi-threaded BLAS on matrices this small mostly measures contention.
#
# Installs numpy and scikit-learn into benchmarks/.venv (not needed by `make test`).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
iterations=${ITERATIONS:-50}
repeats=${REPEATS:-3}
data="$root/notebooks/data/digits.csv"
threads=${THREADS:-1}
if [ "$threads" != "default" ]; then export OPENBLAS_NUM_THREADS="$threads"; fi

source "$root/benchmarks/lib/setup.sh"
python=$(sklearn_python "$root")

mixbook=$(release_mixbook "$root")
pixels=$(head -1 "$data" | tr ',' '\n' | grep '^pixel' | paste -sd, -)

hmog_seconds() {
    "$mixbook" fit hmog --data "$data" --columns "$pixels" --latent 10 --components 10 \
        --max-iter "$1" --tol 0 --seed 1 --json | sed -n 's/^  "seconds": \(.*\)$/\1/p'
}

short=""
long=""
for _ in $(seq "$repeats"); do
    a=$(hmog_seconds 10)
    b=$(hmog_seconds $((10 + iterations)))
    short=$("$python" -c "s='$short'; print(min(float(s), $a) if s else $a)")
    long=$("$python" -c "s='$long'; print(min(float(s), $b) if s else $b)")
done
best=$("$python" -c "print(($long - $short) / $iterations)")
sklearn=$("$python" "$here/sklearn_gmm_iteration.py" "$data" 10 "$iterations" "$repeats")

"$python" - "$best" "$sklearn" <<'PY'
import sys
hmog, sk = float(sys.argv[1]), float(sys.argv[2])
print("one EM iteration, N = 1797, p = 64, K = 10, OpenBLAS threads: " + __import__("os").environ.get("OPENBLAS_NUM_THREADS", "default"))
print(f"  Mixbook HMoG (d = 10)            {hmog * 1e3:9.3f} ms")
print(f"  scikit-learn full GMM (64-D)     {sk * 1e3:9.3f} ms")
print(f"  ratio (scikit-learn / Mixbook)   {sk / hmog:9.1f}x   (target >= 10x)")
PY
