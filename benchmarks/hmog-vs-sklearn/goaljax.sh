#!/usr/bin/env bash
# Mixbook's HMoG EM against goal-jax's AnalyticHMoG EM (the established implementation the
# equations were checked against), per iteration, on one synthetic problem in one run:
# p = 10, d = 2, K = 3, N = 2,000, diagonal noise. goal-jax runs its jitted EM in a
# lax.scan (compile excluded: each length is compiled and run once before it is timed);
# Mixbook runs `fit hmog --tol 0` for 10 and 10 + ITERATIONS iterations. Each tool's cost of
# one iteration is the difference of its fastest runs of each length over ITERATIONS.
# Both print the mean log-likelihood per sample after 10 + ITERATIONS iterations.
#
#   bash benchmarks/hmog-vs-sklearn/goaljax.sh
#   ITERATIONS=200 REPEATS=5 bash benchmarks/hmog-vs-sklearn/goaljax.sh
#
# goal-jax needs Python >= 3.12 (it uses PEP 695 `type` statements). PYTHON312 names the
# interpreter (default: pyenv's 3.12 when present, else python3.12 on PATH); goal-jax and jax
# are installed into benchmarks/work/venv-goaljax (not needed by `make test`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/benchmarks/lib/setup.sh"
iterations=${ITERATIONS:-50}
repeats=${REPEATS:-3}
work="$root/benchmarks/work/hmog-goaljax"
mkdir -p "$work"

py312=${PYTHON312:-}
if [ -z "$py312" ]; then
    py312=$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python 2>/dev/null | tail -1 || true)
    [ -n "$py312" ] || py312=$(command -v python3.12 || true)
fi
if [ -z "$py312" ]; then echo "goal-jax needs Python >= 3.12; set PYTHON312" >&2; exit 1; fi
venv="$work/venv-goaljax"
if [ ! -x "$venv/bin/python" ]; then "$py312" -m venv "$venv" >&2; fi
"$venv/bin/python" -c "import goal, jax" 2>/dev/null || "$venv/bin/pip" install --quiet goal-jax >&2
mixbook=$(release_mixbook "$root")

echo "goal-jax: jitted EM, $repeats repeats ..." >&2
read -r gj_iter gj_ll gj_compile < <("$venv/bin/python" "$here/goaljax_iteration.py" "$work/data.csv" "$iterations" "$repeats")

mixbook_seconds() {  # iterations -> "seconds logL"
    "$mixbook" fit hmog --data "$work/data.csv" --latent 2 --components 3 --restarts 1 --max-iter "$1" --tol 0 --seed 1 --json |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["seconds"], d["logLikelihoodPerSample"])'
}
short=(); long=()
for r in $(seq 1 "$repeats"); do
    read -r s _ < <(mixbook_seconds 10); short+=("$s")
    read -r s mb_ll < <(mixbook_seconds $((10 + iterations))); long+=("$s")
done
min() { python3 -c "import sys; print(min(float(v) for v in sys.argv[1:]))" "$@"; }
mb_iter=$(python3 -c "print(($(min "${long[@]}") - $(min "${short[@]}")) / $iterations)")

echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); goal-jax $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("goal-jax"), "jax", m.version("jax"))')"
echo "HMoG EM per iteration, p = 10, d = 2, K = 3, N = 2000 (fastest of $repeats, $iterations iterations):"
printf "  goal-jax AnalyticHMoG   %8.4f ms   log L per sample %s (compile + first run %s s)\n" "$(python3 -c "print($gj_iter * 1e3)")" "$gj_ll" "$gj_compile"
printf "  Mixbook HMoG (em)       %8.4f ms   log L per sample %s\n" "$(python3 -c "print($mb_iter * 1e3)")" "$mb_ll"
printf "  ratio goal-jax / Mixbook: %.1fx (target >= 100x)\n" "$(python3 -c "print($gj_iter / $mb_iter)")"
