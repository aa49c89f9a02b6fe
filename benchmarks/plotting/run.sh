#!/usr/bin/env bash
# Plotting benchmark: 1,000,000-point scatter and 400 × 400 contour grid to PNG, timed in a
# release build; then the same figures with matplotlib (in benchmarks/.venv) when it can be
# installed, with the ratio. Usage: bash benchmarks/plotting/run.sh [--no-matplotlib]
set -euo pipefail
export MIXBOOK_NATIVE_CPU=${MIXBOOK_NATIVE_CPU:-1}   # the same build as `make` (Package.swift)
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/benchmarks/work/plotting"
mkdir -p "$work"
cd "$root"

swift build -c release --product Mixbook >/dev/null
bin="$(swift build -c release --show-bin-path)"
swiftc -O -module-cache-path "$work/module-cache" \
    -I "$bin/Modules" -I "$root/Sources/CCairo" \
    -L "$bin" -lMixbook -Xlinker -rpath -Xlinker "$bin" \
    "$here/bench.swift" -o "$work/plotting-bench"
swift_out="$("$work/plotting-bench" "$work")"
echo "$swift_out"

if [[ "${1:-}" == "--no-matplotlib" ]]; then exit 0; fi
venv="$root/benchmarks/.venv"
if [[ ! -x "$venv/bin/python" ]]; then python3 -m venv "$venv" >/dev/null 2>&1 || { echo "(no python venv: matplotlib comparison skipped)"; exit 0; }; fi
if ! "$venv/bin/python" -c "import matplotlib" 2>/dev/null; then
    "$venv/bin/pip" install -q matplotlib numpy >/dev/null 2>&1 || { echo "(matplotlib not installable: comparison skipped)"; exit 0; }
fi
mpl_out="$("$venv/bin/python" "$here/bench_matplotlib.py")"
echo "$mpl_out"
python3 - "$swift_out" "$mpl_out" <<'PY'
import re, sys
pat = r": ([0-9.]+) s  \(cpu ([0-9.]+) s"
s = [tuple(map(float, m)) for m in re.findall(pat, sys.argv[1])]
m = [tuple(map(float, m)) for m in re.findall(pat, sys.argv[2])]
for name, a, b in zip(["scatter 1e6", "contour 400x400"], s, m):
    print(f"{name}: matplotlib / swift = {b[0] / a[0]:.1f}x wall, {b[1] / a[1]:.1f}x cpu")
PY
