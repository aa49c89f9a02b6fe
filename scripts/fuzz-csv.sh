#!/usr/bin/env bash
# A longer run of the seeded CSV-reader fuzz test (make test runs 400 cases):
#   scripts/fuzz-csv.sh [CASES]      (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_CASES=${1:-100000} swift test --disable-swift-testing --filter CSVReaderPropertyTests
