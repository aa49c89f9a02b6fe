#!/usr/bin/env bash
# Before/after CPU time of EM iterations, for a loaded machine where wall-clock times of
# the same binary vary by 2x: both binaries pinned to one core, alternated, and the CPU
# time (user + sys, which a process is not charged while it waits) of a run of
# 1 + ITERATIONS iterations minus that of a 1-iteration run (so reading the CSV and the
# start cancel), per iteration, the smallest of REPEATS pairs kept.
#
#   REPEATS=3 ITERATIONS=20 bash benchmarks/gmm-vs-sklearn/ab-cpu.sh BEFORE AFTER
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work="$here/../work/gmm-vs-sklearn"
before=$1 after=$2
iterations=${ITERATIONS:-20}
cases=${CASES:-"1000000,2,3 200000,16,8 50000,64,10"}
repeats=${REPEATS:-3}
core=${CORE:-1}

cpu() {   # binary dir k iterations -> CPU seconds of the whole command
    python3 - "$@" <<'PY'
import resource, subprocess, sys
binary, directory, k, iterations, core = sys.argv[1:]
subprocess.run(["taskset", "-c", core, binary, "fit", "gmm", "--data", f"{directory}/data.csv", "--components", k,
                "--covariance", "full", "--init-params", f"{directory}/init.json", "--restarts", "1", "--max-iter", iterations,
                "--tol", "0", "--json"], check=True, stdout=subprocess.DEVNULL)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(u.ru_utime + u.ru_stime)
PY
}

echo "| N | D | K | before CPU s/iter | after CPU s/iter | after/before |"
echo "|---|---|---|---|---|---|"
for case in $cases; do
    IFS=, read -r n d k <<<"$case"
    dir="$work/$n-$d-$k"
    best_b=1e30 best_a=1e30
    for r in $(seq 1 "$repeats"); do
        for who in before after; do
            bin=$([ $who = before ] && echo "$before" || echo "$after")
            long=$(cpu "$bin" "$dir" "$k" $((iterations + 1)) "$core")
            short=$(cpu "$bin" "$dir" "$k" 1 "$core")
            per=$(python3 -c "print(($long - $short) / $iterations)")
            echo "  N=$n D=$d K=$k run $r $who: $per CPU s/iter" >&2
            if [ $who = before ]; then best_b=$(python3 -c "print(min($best_b, $per))"); else best_a=$(python3 -c "print(min($best_a, $per))"); fi
        done
    done
    python3 -c "print(f'| {$n:,} | $d | $k | {$best_b:.4f} | {$best_a:.4f} | {$best_a / $best_b:.3f} |')"
done
