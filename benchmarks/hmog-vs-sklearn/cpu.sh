#!/usr/bin/env bash
# CPU time (perf's task-clock, less disturbed by a loaded machine than wall time) of one EM
# iteration: Mixbook's HMoG (N = 1,797, p = 64, d = 10, K = 10) against scikit-learn's
# full-covariance GMM (K = 10, 64-D), in one run, one OpenBLAS thread each. Each tool's fit of
# SHORT iterations is subtracted from its fit of SHORT + ITERATIONS (tol 0), the fastest of
# REPEATS each, so the start, reading the data and Python's imports cancel.
#
#   bash benchmarks/hmog-vs-sklearn/cpu.sh
#   ITERATIONS=400 REPEATS=5 bash benchmarks/hmog-vs-sklearn/cpu.sh
set -euo pipefail
export MIXBOOK_NATIVE_CPU=${MIXBOOK_NATIVE_CPU:-1}   # the same build as `make` (Package.swift)

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
python="$root/benchmarks/.venv/bin/python"
iterations=${ITERATIONS:-200}
short=${SHORT:-10}
repeats=${REPEATS:-3}
data="$root/notebooks/data/digits.csv"
export OPENBLAS_NUM_THREADS=1
command -v perf >/dev/null || { echo "needs perf (linux-perf)"; exit 1; }

(cd "$root" && swift build -c release --product mixbook >/dev/null)
mixbook="$root/.build/release/mixbook"
pixels=$(head -1 "$data" | tr ',' '\n' | grep '^pixel' | paste -sd, -)

cpu() { perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ { print $1 }'; }
fastest() {
    local best=""
    for _ in $(seq "$repeats"); do
        local t; t=$(cpu "$@")
        best=$(python3 -c "b='$best'; print(min(float(b), $t) if b else $t)")
    done
    echo "$best"
}
hmog() { fastest "$mixbook" fit hmog --data "$data" --columns "$pixels" --latent 10 --components 10 \
    --max-iter "$1" --tol 0 --seed 1 --json; }
sk() { fastest "$python" -c "
import warnings, numpy as np
from sklearn.mixture import GaussianMixture
warnings.simplefilter('ignore')
X = np.genfromtxt('$data', delimiter=',', skip_header=1)[:, :-1]
GaussianMixture(10, covariance_type='full', max_iter=$1, tol=0, random_state=0).fit(X)"; }

h=$(python3 -c "print(($(hmog $((short + iterations))) - $(hmog "$short")) / $iterations)")
s=$(python3 -c "print(($(sk $((short + iterations))) - $(sk "$short")) / $iterations)")
echo "CPU ms per EM iteration, N = 1797, p = 64, K = 10, one OpenBLAS thread, $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 -c "h, s = $h, $s; print(f'  Mixbook HMoG (d = 10)            {h:9.3f} ms'); print(f'  scikit-learn full GMM (64-D)     {s:9.3f} ms'); print(f'  ratio (scikit-learn / Mixbook)   {s / h:9.1f}x   (target >= 10x)')"
