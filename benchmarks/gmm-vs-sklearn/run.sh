#!/usr/bin/env bash
# Gaussian-mixture EM, Mixbook against scikit-learn, side by side in one run:
# the same data, the same initial parameters, exactly $ITERATIONS EM iterations
# (tol 0, full covariance) for each (N, D, K). Prints seconds per iteration of each,
# the ratio, Mixbook's GFLOP/s and both final log-likelihoods.
#
#   bash benchmarks/gmm-vs-sklearn/run.sh            # the three standard cases
#   CASES="20000,2,3" ITERATIONS=10 bash benchmarks/gmm-vs-sklearn/run.sh   # a quick check
#   REPEATS=3 bash benchmarks/gmm-vs-sklearn/run.sh   # alternate the tools 3 times, keep each one's fastest
#
# Installs numpy and scikit-learn into benchmarks/.venv (not needed by `make test`);
# data and results go to benchmarks/work/gmm-vs-sklearn/ (both gitignored).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/benchmarks/work/gmm-vs-sklearn"
iterations=${ITERATIONS:-100}
cases=${CASES:-"1000000,2,3 200000,16,8 50000,64,10"}
seed=${SEED:-20261121}
repeats=${REPEATS:-1}

source "$root/benchmarks/lib/setup.sh"
python=$(sklearn_python "$root")

mixbook=$(release_mixbook "$root")

mkdir -p "$work"
# DGEMM of the same OpenBLAS, in the same run: the peak (square, all cores) and, per case,
# the E-step's whitening product (N × D)·(D × K·D), so GFLOP/s read as a fraction of it.
cc -O2 -o "$work/dgemm" "$here/dgemm.c" -lopenblas
"$work/dgemm" 3000 3000 3000 >"$work/dgemm-peak.json"
for case in $cases; do
    IFS=, read -r n d k <<<"$case"
    dir="$work/$n-$d-$k"
    stamp="$dir/.generated-$seed-$(sha1sum "$here/generate.py" | cut -c1-12)"
    if [ ! -f "$stamp" ]; then
        echo "generating N=$n D=$d K=$k ..." >&2
        rm -rf "$dir"
        "$python" "$here/generate.py" "$n" "$d" "$k" "$seed" "$dir"
        touch "$stamp"
    fi
    rm -f "$dir"/sklearn-*.json "$dir"/mixbook-*.json
    "$work/dgemm" "$n" $((k * d)) "$d" >"$dir/dgemm.json"
    for r in $(seq 1 "$repeats"); do
        echo "scikit-learn N=$n D=$d K=$k (run $r of $repeats) ..." >&2
        "$python" "$here/sklearn_fit.py" "$dir" "$iterations" >"$dir/sklearn-$r.json"
        echo "Mixbook      N=$n D=$d K=$k (run $r of $repeats) ..." >&2
        "$mixbook" fit gmm --data "$dir/data.csv" --components "$k" --covariance full \
            --init-params "$dir/init.json" --restarts 1 --max-iter "$iterations" --tol 0 --json >"$dir/mixbook-$r.json"
    done
done

echo
echo "Gaussian mixture EM, full covariance, $iterations iterations, tol 0, same data and initial parameters; fastest of $repeats run(s) each"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $("$python" -c 'import sklearn, numpy; print("scikit-learn", sklearn.__version__, "numpy", numpy.__version__)')"
echo
# shellcheck disable=SC2086
"$python" "$here/compare.py" "$work" "$iterations" $cases | tee "$work/results.md"
