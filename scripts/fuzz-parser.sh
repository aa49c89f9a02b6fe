#!/usr/bin/env bash
# A longer run of the seeded property tests of the notebook parser and the front-matter
# reader (Tests/NotebookTests/ParserPropertyTests.swift; `make test` runs 300 cases).
#   usage: scripts/fuzz-parser.sh [CASES] [FIRST_SEED] [SEEDS]
# Runs CASES cases (default 20000) for each of SEEDS seeds (default 5) from FIRST_SEED on;
# a failure prints the case, its input and the seed to reproduce it with.
set -euo pipefail
cases="${1:-20000}"; first="${2:-1}"; seeds="${3:-5}"
cd "$(dirname "$0")/.."
swift build --build-tests >/dev/null
for ((s = first; s < first + seeds; s++)); do
  echo "== seed $s, $cases cases"
  MIXBOOK_FUZZ_CASES="$cases" MIXBOOK_FUZZ_SEED="$s" \
    swift test --disable-swift-testing --skip-build --filter ParserPropertyTests 2>&1 | grep -E "error|Executed .* tests" | tail -20
done
