#!/usr/bin/env bash
# Before/after comparison of two Mixbook binaries on the gmm-vs-sklearn cases, by the
# pinned A/B method of benchmarks/README.md: both pinned to one core (taskset -c 1),
# alternated REPEATS times per case, the fastest run of each kept. Needs the data that
# run.sh generates (benchmarks/work/gmm-vs-sklearn/N-D-K/).
#
#   REPEATS=3 bash benchmarks/gmm-vs-sklearn/ab.sh BEFORE_BINARY AFTER_BINARY
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/benchmarks/work/gmm-vs-sklearn"
before=$1
after=$2
iterations=${ITERATIONS:-100}
cases=${CASES:-"1000000,2,3 200000,16,8 50000,64,10"}
repeats=${REPEATS:-3}
core=${CORE:-1}

seconds() {
    taskset -c "$core" "$1" fit gmm --data "$2/data.csv" --components "$3" --covariance full \
        --init-params "$2/init.json" --restarts 1 --max-iter "$iterations" --tol 0 --json |
        python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["seconds"], d["logLikelihood"])'
}

echo "| N | D | K | before s/iter | after s/iter | after/before | before log L | after log L |"
echo "|---|---|---|---|---|---|---|---|"
for case in $cases; do
    IFS=, read -r n d k <<<"$case"
    dir="$work/$n-$d-$k"
    [ -f "$dir/data.csv" ] || { echo "no data in $dir: run run.sh first" >&2; exit 1; }
    best_before=1e30 best_after=1e30
    for r in $(seq 1 "$repeats"); do
        read -r t_before ll_before < <(seconds "$before" "$dir" "$k")
        read -r t_after ll_after < <(seconds "$after" "$dir" "$k")
        echo "  N=$n D=$d K=$k run $r: before $t_before s, after $t_after s" >&2
        best_before=$(python3 -c "print(min($best_before, $t_before))")
        best_after=$(python3 -c "print(min($best_after, $t_after))")
    done
    python3 -c "
b, a = $best_before / $iterations, $best_after / $iterations
print(f'| {$n:,} | $d | $k | {b:.4f} | {a:.4f} | {a / b:.3f} | {$ll_before:.10g} | {$ll_after:.10g} |')"
done
