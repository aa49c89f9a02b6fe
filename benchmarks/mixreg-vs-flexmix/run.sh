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
#    (t(60 iterations) − t(10 iterations)) / 50 with tol 0.
#
#   bash benchmarks/mixreg-vs-flexmix/run.sh
#   REPEATS=5 bash benchmarks/mixreg-vs-flexmix/run.sh
#
# Installs r-cran-flexmix and r-cran-mixtools with apt-get if missing (not needed by
# `make test`); data and results go to benchmarks/work/mixreg-vs-flexmix/ (gitignored).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/benchmarks/work/mixreg-vs-flexmix"
repeats=${REPEATS:-3}

if ! Rscript -e 'suppressMessages({library(flexmix); library(mixtools)})' >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y r-cran-flexmix r-cran-mixtools >/dev/null
    else sudo apt-get install -y r-cran-flexmix r-cran-mixtools >/dev/null; fi
fi

(cd "$root" && swift build -c release --product mixbook >/dev/null)
mixbook="$root/.build/release/mixbook"

mkdir -p "$work"
# NPreg with the column x² written out (flexmix builds it with I(x^2) from the same x).
awk -F, 'NR == 1 { print "x,x2,yn"; next } { printf "%s,%.17g,%s\n", $1, $1 * $1, $2 }' \
    "$root/notebooks/data/NPreg.csv" >"$work/npreg.csv"

echo "flexmix stepFlexmix(nrep = 20), fastest of $repeats ..." >&2
read -r flex_seconds flex_ll < <(Rscript "$here/flexmix_npreg.R" "$root/notebooks/data/NPreg.csv" "$repeats")
mixtools_ll=$(Rscript "$here/mixtools_npreg.R" "$root/notebooks/data/NPreg.csv" | tail -1)

# Mixbook twice: with flexmix's settings (random starts, as stepFlexmix's random
# assignments; flexmix's stopping rule |Δ log L| / (|log L| + 0.1) < 1e-6, about 3.2e-6 per
# row on NPreg's log L of -642.5 over 200 rows; at most 200 iterations, flexmix's iter.max),
# and with Mixbook's defaults (mixed k-means / GMM / random starts, tol 1e-8, 1000 iterations).
mixbook_npreg() {  # label, extra options -> "seconds wall logL" (fastest of $repeats)
    local label=$1; shift
    local best="" best_wall="" ll=""
    for r in $(seq 1 "$repeats"); do
        local start end s wall
        start=$(date +%s.%N)
        "$mixbook" fit mixreg --data "$work/npreg.csv" --target yn --covariates x,x2 --components 2 \
            --restarts 20 --seed "$r" --json "$@" >"$work/npreg-$label-$r.json"
        end=$(date +%s.%N)
        s=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$work/npreg-$label-$r.json")
        wall=$(python3 -c "print($end - $start)")
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $s < $best else 1)"; then
            best=$s
            ll=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["logLikelihood"])' "$work/npreg-$label-$r.json")
        fi
        if [ -z "$best_wall" ] || python3 -c "import sys; sys.exit(0 if $wall < $best_wall else 1)"; then best_wall=$wall; fi
    done
    echo "$best $best_wall $ll"
}
echo "Mixbook fit mixreg --restarts 20, fastest of $repeats ..." >&2
read -r matched matched_wall matched_ll < <(mixbook_npreg matched --init random --tol 3.2e-6 --max-iter 200)
read -r defaults defaults_wall defaults_ll < <(mixbook_npreg defaults)

echo "generating the 100,000 x 5, K = 4 cluster-weighted data ..." >&2
[ -f "$work/cwm.csv" ] || python3 "$here/generate_cwm.py" 100000 5 4 20261201 "$work/cwm.csv"
cwm_time() {
    "$mixbook" fit mixreg --data "$work/cwm.csv" --target y --components 4 --cluster-weighted \
        --restarts 1 --init kmeans --max-iter "$1" --tol 0 --seed 1 --json >"$work/cwm-$1.json"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["seconds"], d["iterations"], d["logLikelihood"])' "$work/cwm-$1.json"
}
cwm_best=""
for r in $(seq 1 "$repeats"); do
    read -r t10 i10 _ < <(cwm_time 10)
    read -r t60 i60 ll60 < <(cwm_time 60)
    per=$(python3 -c "print(($t60 - $t10) / ($i60 - $i10))")
    if [ -z "$cwm_best" ] || python3 -c "import sys; sys.exit(0 if $per < $cwm_best else 1)"; then cwm_best=$per; fi
done

echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "R $(Rscript -e 'cat(R.version$major, R.version$minor, sep=".")'), flexmix $(Rscript -e 'cat(as.character(packageVersion("flexmix")))'), mixtools $(Rscript -e 'cat(as.character(packageVersion("mixtools")))')"
echo
echo "NPreg, yn ~ x + x^2, K = 2, 20 restarts, whole fit (fastest of $repeats):"
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
printf "  %.4f s per EM iteration ((t60 - t10) / 50, fastest of %s); log L after 60 iterations %s\n" "$cwm_best" "$repeats" "$ll60"
