#!/usr/bin/env bash
# Mixtures of regressions, Mixbook against R's flexmix, side by side in one run.
#
# 1. NPreg (flexmix's example data), yn ~ x + x², K = 2, 20 restarts, the whole fit:
#    flexmix's stepFlexmix(yn ~ x + I(x^2), k = 2, nrep = 20) (system.time of the call)
#    against `mixbook fit mixreg --restarts 20` (the fit's own seconds from --json, which
#    include the starts, every EM run, the final E-step and the standard errors; the
#    process's wall-clock time is printed too), once with flexmix's settings and once with
#    Mixbook's defaults. Fastest of $REPEATS runs each. Prints the ratios and the
#    log-likelihoods (and mixtools' regmixEM, exact ML, for reference).
# 2. A 100,000-row, 5-covariate, K = 4 cluster-weighted fit: seconds per EM iteration,
#    (t(110 iterations) − t(10 iterations)) / 100 with tol 0, fastest run of each length.
#
#   bash benchmarks/mixreg-vs-flexmix/run.sh
#   REPEATS=5 bash benchmarks/mixreg-vs-flexmix/run.sh   # flexmix is timed twice per R process, fastest kept
#
# Installs r-cran-flexmix and r-cran-mixtools with apt-get if missing (not needed by
# `make test`); data and results go to benchmarks/work/mixreg-vs-flexmix/ (gitignored).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/benchmarks/work/mixreg-vs-flexmix"
repeats=${REPEATS:-3}

source "$root/benchmarks/lib/setup.sh"
require_r_packages flexmix mixtools
mixbook=$(release_mixbook "$root")

mkdir -p "$work"
# NPreg with the column x² written out (flexmix builds it with I(x^2) from the same x).
awk -F, 'NR == 1 { print "x,x2,yn"; next } { printf "%s,%.17g,%s\n", $1, $1 * $1, $2 }' \
    "$root/notebooks/data/NPreg.csv" >"$work/npreg.csv"

mixtools_ll=$(Rscript "$here/mixtools_npreg.R" "$root/notebooks/data/NPreg.csv" | tail -1)

# Mixbook twice: with flexmix's settings (random starts, as stepFlexmix's random
# assignments; flexmix's stopping rule |Δ log L| / (|log L| + 0.1) < 1e-6, about 3.2e-6 per
# row on NPreg's log L of -642.5 over 200 rows; at most 200 iterations, flexmix's iter.max),
# and with Mixbook's defaults (mixed k-means / GMM / random starts, tol 1e-8, 1000 iterations).
mixbook_npreg() {  # run, label, extra options -> "seconds wall logL"
    local r=$1 label=$2; shift 2
    local start end
    start=$(date +%s.%N)
    "$mixbook" fit mixreg --data "$work/npreg.csv" --target yn --covariates x,x2 --components 2 \
        --restarts 20 --seed "$r" --json "$@" >"$work/npreg-$label-$r.json"
    end=$(date +%s.%N)
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["seconds"], float(sys.argv[3]) - float(sys.argv[2]), d["logLikelihood"])' \
        "$work/npreg-$label-$r.json" "$start" "$end"
}
min() { python3 -c "import sys; print(min(float(v) for v in sys.argv[1:]))" "$@"; }
# The tools alternate, run after run, so that a change of load hits both; fastest of each.
flex_all=(); matched_all=(); matched_wall_all=(); defaults_all=(); defaults_wall_all=()
for r in $(seq 1 "$repeats"); do
    echo "run $r of $repeats: flexmix stepFlexmix(nrep = 20), then Mixbook twice ..." >&2
    read -r fs flex_ll < <(Rscript "$here/flexmix_npreg.R" "$root/notebooks/data/NPreg.csv" 2)
    flex_all+=("$fs")
    read -r s w matched_ll < <(mixbook_npreg "$r" matched --init random --tol 3.2e-6 --max-iter 200)
    matched_all+=("$s"); matched_wall_all+=("$w")
    read -r s w defaults_ll < <(mixbook_npreg "$r" defaults)
    defaults_all+=("$s"); defaults_wall_all+=("$w")
done
flex_seconds=$(min "${flex_all[@]}")
matched=$(min "${matched_all[@]}"); matched_wall=$(min "${matched_wall_all[@]}")
defaults=$(min "${defaults_all[@]}"); defaults_wall=$(min "${defaults_wall_all[@]}")

echo "generating the 100,000 x 5, K = 4 cluster-weighted data ..." >&2
[ -f "$work/cwm.csv" ] || python3 "$here/generate_cwm.py" 100000 5 4 20261201 "$work/cwm.csv"
cwm_time() {
    "$mixbook" fit mixreg --data "$work/cwm.csv" --target y --components 4 --cluster-weighted \
        --restarts 1 --init kmeans --max-iter "$1" --tol 0 --seed 1 --json >"$work/cwm-$1.json"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["seconds"], d["iterations"], d["logLikelihood"])' "$work/cwm-$1.json"
}
t_short=(); t_long=()
for r in $(seq 1 "$repeats"); do
    read -r t10 i10 _ < <(cwm_time 10)
    read -r t110 i110 ll110 < <(cwm_time 110)
    t_short+=("$t10"); t_long+=("$t110")
done
# The fixed part (k-means start, final E-step, standard errors) cancels in the difference
# of the fastest runs of each length.
cwm_best=$(python3 -c "print(($(min "${t_long[@]}") - $(min "${t_short[@]}")) / ($i110 - $i10))")

echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "R $(Rscript -e 'cat(R.version$major, R.version$minor, sep=".")'), flexmix $(Rscript -e 'cat(as.character(packageVersion("flexmix")))'), mixtools $(Rscript -e 'cat(as.character(packageVersion("mixtools")))')"
echo
echo "NPreg, yn ~ x + x^2, K = 2, 20 restarts, whole fit (fastest of $repeats runs, the tools alternating):"
printf "  flexmix stepFlexmix                 %8.4f s   log L %s (df-corrected sigma)\n" "$flex_seconds" "$flex_ll"
printf "  Mixbook, flexmix's settings          %8.4f s   log L %s (exact ML; process wall clock %.4f s)\n" "$matched" "$matched_ll" "$matched_wall"
printf "  Mixbook, its defaults                %8.4f s   log L %s (process wall clock %.4f s)\n" "$defaults" "$defaults_ll" "$defaults_wall"
printf "  mixtools regmixEM                               log L %s (exact ML, best of 20 starts)\n" "$mixtools_ll"
printf "  ratio flexmix / Mixbook (flexmix's settings): %.1fx (target >= 50x); by process wall clock %.1fx\n" \
    "$(python3 -c "print($flex_seconds / $matched)")" "$(python3 -c "print($flex_seconds / $matched_wall)")"
printf "  ratio flexmix / Mixbook (defaults):           %.1fx; by process wall clock %.1fx\n" \
    "$(python3 -c "print($flex_seconds / $defaults)")" "$(python3 -c "print($flex_seconds / $defaults_wall)")"
echo
echo "Cluster-weighted regression, N = 100,000, D = 5, K = 4, full covariance:"
printf "  %.4f s per EM iteration ((t110 - t10) / 100, fastest of %s runs of each); log L after 110 iterations %s\n" "$cwm_best" "$repeats" "$ll110"
