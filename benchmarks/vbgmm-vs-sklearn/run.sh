#!/usr/bin/env bash
# Variational Bayes for a Gaussian mixture, Mixbook against scikit-learn's
# BayesianGaussianMixture, side by side in one run: the same data, the same starting
# responsibilities, exactly $ITERATIONS coordinate-ascent iterations (tol 0, full
# covariance, Dirichlet-process weights, default priors) for each (N, D, K). Prints the
# seconds per iteration of each, the speed-up and how far the two posteriors differ.
#
#   bash benchmarks/vbgmm-vs-sklearn/run.sh                     # (200000, 16, 8)
#   CASES="20000,2,3" ITERATIONS=5 bash benchmarks/vbgmm-vs-sklearn/run.sh   # a quick check
#   REPEATS=3 bash benchmarks/vbgmm-vs-sklearn/run.sh           # alternate the tools, keep each one's fastest
#
# Installs numpy and scikit-learn into benchmarks/.venv (not needed by `make test`);
# data and results go to benchmarks/work/vbgmm-vs-sklearn/ (both gitignored). The data
# come from ../gmm-vs-sklearn/generate.py.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/benchmarks/work/vbgmm-vs-sklearn"
iterations=${ITERATIONS:-20}
cases=${CASES:-"200000,16,8"}
seed=${SEED:-20261121}
repeats=${REPEATS:-1}

source "$root/benchmarks/lib/setup.sh"
python=$(sklearn_python "$root")

mixbook=$(release_mixbook "$root")

mkdir -p "$work"
for case in $cases; do
    IFS=, read -r n d k <<<"$case"
    dir="$work/$n-$d-$k"
    stamp="$dir/.generated-$seed-$(cat "$root/benchmarks/gmm-vs-sklearn/generate.py" "$here/start.py" | sha1sum | cut -c1-12)"
    if [ ! -f "$stamp" ]; then
        echo "generating N=$n D=$d K=$k ..." >&2
        rm -rf "$dir"
        "$python" "$root/benchmarks/gmm-vs-sklearn/generate.py" "$n" "$d" "$k" "$seed" "$dir"
        "$python" "$here/start.py" "$dir"
        touch "$stamp"
    fi
    rm -f "$dir"/sklearn-*.json "$dir"/mixbook-*.json
    # Fits of ITERATIONS and 2 x ITERATIONS iterations: the difference of the fastest of each
    # is the cost of ITERATIONS iterations, with each tool's fixed part (validation, the start,
    # the final E-step; Mixbook's log-likelihood at the posterior mean) cancelled.
    for r in $(seq 1 "$repeats"); do
        for length in short long; do
            count=$iterations; [ "$length" = long ] && count=$((2 * iterations))
            echo "scikit-learn N=$n D=$d K=$k, $count iterations (run $r of $repeats) ..." >&2
            "$python" "$here/sklearn_fit.py" "$dir" "$count" >"$dir/sklearn-$length-$r.json"
            echo "Mixbook      N=$n D=$d K=$k, $count iterations (run $r of $repeats) ..." >&2
            "$mixbook" fit vbgmm --data "$dir/data.csv" --components "$k" --covariance full --prior dirichlet-process \
                --init-responsibilities "$dir/start.csv" --max-iter "$count" --tol 0 --json >"$dir/mixbook-$length-$r.json"
        done
    done
done

echo
echo "Variational Bayes, Gaussian mixture, full covariance, Dirichlet-process weights, $iterations iterations, tol 0, same data and starting responsibilities; per iteration = (fastest 2x run - fastest 1x run) / iterations, $repeats run(s) of each length"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $("$python" -c 'import sklearn, numpy; print("scikit-learn", sklearn.__version__, "numpy", numpy.__version__)')"
echo
# shellcheck disable=SC2086
"$python" "$here/compare.py" "$work" "$iterations" $cases | tee "$work/results.md"
