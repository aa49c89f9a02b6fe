# Sourced by every benchmarks/*/run.sh: the reference tools each benchmark installs for
# itself (never needed by `make test`) and the release binary it times.
#
#   source "$root/benchmarks/lib/setup.sh"
#   python=$(sklearn_python "$root")          # benchmarks/.venv with numpy, scikit-learn
#   python=$(numpyro_python "$root")          # benchmarks/work/venv-numpyro with numpyro, jax, arviz
#   require_r_packages flexmix mixtools       # r-cran-* via apt-get, without reading stdin
#   mixbook=$(release_mixbook "$root")        # builds .build/release/mixbook unless $MIXBOOK is set

# The same build as `make`'s: the numerics for this machine's instruction set (Package.swift).
export MIXBOOK_NATIVE_CPU=${MIXBOOK_NATIVE_CPU:-1}

# A venv at $1 with the Python modules $3 (space-separated import names) from the pip
# packages $2; prints its python.
venv_python() {
    local venv=$1 packages=$2 modules=$3
    if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv" >&2; fi
    local check="import ${modules// /, }"
    if ! "$venv/bin/python" -c "$check" 2>/dev/null; then
        # shellcheck disable=SC2086
        "$venv/bin/pip" install --quiet $packages >&2
    fi
    echo "$venv/bin/python"
}

sklearn_python() { venv_python "$1/benchmarks/.venv" "numpy scikit-learn" "numpy sklearn"; }
numpyro_python() { venv_python "$1/benchmarks/work/venv-numpyro" "numpyro jax arviz" "numpyro arviz"; }

require_r_packages() {
    local libs="" pkgs="" p
    for p in "$@"; do libs+="library($p);"; pkgs+=" r-cran-$p"; done
    if ! Rscript -e "suppressMessages({$libs})" >/dev/null 2>&1; then
        local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y r-base-core $pkgs </dev/null >/dev/null
    fi
}

release_mixbook() {
    if [ -z "${MIXBOOK:-}" ]; then
        (cd "$1" && swift build -c release --product mixbook >/dev/null)
        echo "$1/.build/release/mixbook"
    else
        echo "$MIXBOOK"
    fi
}
