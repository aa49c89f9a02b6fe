#!/usr/bin/env bash
# Per-step cost of the three HMoG training methods at d = 10, 20, 40 on the digits (N = 1,797,
# p = 64, K = 10), in one run: closed-form EM (one iteration), full-gradient Adam and the
# restricted (diagonal posterior precision) Adam, one epoch each (one pass over the data:
# ceil(N / 256) mini-batch steps plus the epoch's log-likelihood of all rows).
#
# Each method is timed on fits of SHORT and SHORT + STEPS iterations/epochs (tol 0) from the
# same start; the difference divided by STEPS is the cost of one iteration or epoch (the start,
# reading the data and the final evaluation cancel). Each fit counts its fastest of REPEATS tries,
# in CPU time when perf is installed.
#
#   bash benchmarks/hmog-vs-sklearn/restricted.sh
#   STEPS=40 REPEATS=5 LATENTS="10 20 40" bash benchmarks/hmog-vs-sklearn/restricted.sh
set -euo pipefail
export MIXBOOK_NATIVE_CPU=${MIXBOOK_NATIVE_CPU:-1}   # the same build as `make` (Package.swift)

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
steps=${STEPS:-40}
short=${SHORT:-2}
repeats=${REPEATS:-3}
latents=${LATENTS:-"10 20 40"}
data="$root/notebooks/data/digits.csv"
export OPENBLAS_NUM_THREADS=${THREADS:-1}

(cd "$root" && swift build -c release --product mixbook >/dev/null)
mixbook="$root/.build/release/mixbook"
pixels=$(head -1 "$data" | tr ',' '\n' | grep '^pixel' | paste -sd, -)

# CPU seconds of the whole fit (perf's task-clock; the machine is shared, and CPU time is
# disturbed less by the load than wall time), or the fit's own wall-clock seconds without perf.
seconds() {   # method latent iterations
    if command -v perf >/dev/null; then
        perf stat -x, -e task-clock "$mixbook" fit hmog --data "$data" --columns "$pixels" --latent "$2" \
            --components 10 --method "$1" --max-iter "$3" --tol 0 --seed 1 --json 2>&1 >/dev/null \
            | awk -F, '/task-clock/ { print $1 / 1000 }'
    else
        "$mixbook" fit hmog --data "$data" --columns "$pixels" --latent "$2" --components 10 --method "$1" \
            --max-iter "$3" --tol 0 --seed 1 --json | sed -n 's/^  "seconds": \(.*\)$/\1/p'
    fi
}

fastest() {   # method latent iterations
    local best=""
    for _ in $(seq "$repeats"); do
        local s
        s=$(seconds "$1" "$2" "$3")
        best=$(python3 -c "b='$best'; print(min(float(b), $s) if b else $s)")
    done
    echo "$best"
}

echo "CPU ms (perf task-clock) per iteration (EM) or epoch (Adam, 8 steps of 256 rows + one log-likelihood of all rows)"
echo "N = 1797, p = 64, K = 10, OpenBLAS threads: $OPENBLAS_NUM_THREADS, $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%4s  %14s  %14s  %14s  %18s\n" d "EM ms/iter" "gradient ms" "diagonal ms" "gradient/diagonal"
for d in $latents; do
    row=()
    for method in em gradient diagonal; do
        a=$(fastest "$method" "$d" "$short")
        b=$(fastest "$method" "$d" $((short + steps)))
        row+=("$(python3 -c "print(($b - $a) / $steps * 1e3)")")
    done
    python3 -c "em, g, r = ${row[0]}, ${row[1]}, ${row[2]}; print(f'{$d:4d}  {em:14.3f}  {g:14.3f}  {r:14.3f}  {g / r:17.1f}x')"
done
