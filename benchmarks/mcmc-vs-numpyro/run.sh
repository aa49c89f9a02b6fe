#!/usr/bin/env bash
# Mixbook's NUTS against NumPyro's on the README's Gaussian mixture (3 diagonal components
# in 2-D, 1,000 points, 1 chain of 1,000 warm-up + 1,000 draws), and Mixbook's Gibbs against
# its NUTS on the conjugate version. Whole processes timed; ESS by ArviZ's definitions.
#
#   bash benchmarks/mcmc-vs-numpyro/run.sh              # one run of each
#   REPEATS=3 bash benchmarks/mcmc-vs-numpyro/run.sh    # alternate the tools 3 times, keep each one's fastest
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/lib/setup.sh
python=$(numpyro_python "$PWD")
mixbook=$(release_mixbook "$PWD")
mkdir -p benchmarks/work
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
"$python" benchmarks/mcmc-vs-numpyro/generate.py benchmarks/work/gmm3.csv
"$python" benchmarks/mcmc-vs-numpyro/compare.py "$mixbook" "$python" \
    benchmarks/work/gmm3.csv "${WARMUP:-1000}" "${DRAWS:-1000}" "${REPEATS:-1}"
