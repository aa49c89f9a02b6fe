# Mixbook: `make` installs what is missing, builds in release mode and renders every
# notebook into output/; `make test` installs what is missing and runs the test suite.
SWIFT     ?= swift
RELEASE   := .build/release
MIXBOOK   := $(RELEASE)/mixbook
# Compile the numerics for this machine's instruction set when it has Haswell's (see Package.swift).
export MIXBOOK_NATIVE_CPU ?= 1

.PHONY: all deps build render test check test-browser bench clean

all: render

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product mixbook
	$(SWIFT) build -c release --product Mixbook

render: build
	$(MIXBOOK) render

# The end-to-end runner tests compile notebooks against the release library, so build it first.
test: build
	$(SWIFT) test --disable-swift-testing

# Fails, listing what is stale, when output/ does not match a fresh render.
check: build
	$(MIXBOOK) check

# Loads every rendered page in headless Chromium: no KaTeX error, every image loaded,
# no console error.
test-browser: build
	@scripts/install-deps.sh chromium
	scripts/browser-test.sh output

# Side-by-side speed comparisons (they install their own reference tools).
bench: build
	@for b in benchmarks/*/run.sh; do echo "== $$b"; bash $$b || exit 1; done

clean:
	rm -rf .build .mixbook-cache
