# Account Console: `make dev` to run it, `make test` to test it. Both install what is missing.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CARGO_TERM_COLOR ?= never

DEV_API_ARGS ?=
E2E_PORT ?= 8099

.PHONY: dev test check bootstrap build dist-fresh dev-api size size-check test-unit test-api test-wasm test-types test-e2e test-engines perf bench bench-lock lint clean-artifacts package test-package

## dev: install what is missing, start dev-api and the app, print the URL
dev: bootstrap
	@scripts/dev.sh $(DEV_API_ARGS)

TIERS := bootstrap lint test-unit test-api test-wasm test-types build size-check test-e2e test-package test-engines perf

## test: install what is missing, check formatting and lints, and run every test tier; prints how long each took
test:
	@times=""; begin=$$(date +%s); \
	for tier in $(TIERS); do \
	  start=$$(date +%s); \
	  $(MAKE) --no-print-directory $$tier || { echo "make test: $$tier failed"; exit 1; }; \
	  times="$$times$$(printf '%-14s %5d s' $$tier $$(( $$(date +%s) - start )))\n"; \
	done; \
	printf "make test: every tier passed\n$$times%-14s %5d s\n" total $$(( $$(date +%s) - begin ))

## check: the fast loop: lint, unit, API, component and type tests (no release build, no e2e)
check: bootstrap lint test-unit test-api test-wasm test-types
	@echo "make check: passed"

bootstrap:
	@scripts/bootstrap.sh

## build: the release build of the app into dist/, with .br and .gz beside each asset
build:
	@scripts/build.sh

# dist/ again when a file it is built from is newer than it (or there is none).
dist-fresh:
	@if [ ! -f dist/index.html ] || [ -n "$$(find src crates style public i18n index.html notice.html Cargo.toml Cargo.lock Trunk.toml -newer dist/index.html -print -quit)" ]; then \
	  $(MAKE) build; \
	fi

dev-api:
	cargo build -p dev-api

## package: the npm package `account-console` (module, wasm, style.css, types) packed into target/package/
package: dist-fresh
	@node scripts/package.mjs

## size: brotli size of what a browser downloads for first load (building first if a source changed)
size: dist-fresh
	@scripts/size.sh

## size-check: fails when first load is over the budget (`BUDGET_KB` in scripts/size.sh)
size-check: dist-fresh
	@scripts/size.sh --check

## lint: formatting and clippy (warnings are errors), natively and for the wasm target
lint:
	cargo fmt --all --check
	cargo clippy --all-targets -p account-console -p dev-api -p contract -p notice-page -- -D warnings
	cargo clippy --all-targets -p account-console -p notice-page --target wasm32-unknown-unknown -- -D warnings

## test-unit: native unit tests of the app's pure logic (flows, config, errors, words) and of the contract (fields, wire types, validation, regions)
test-unit:
	cargo test -p account-console --lib
	cargo test -p contract
	cargo test -p notice-page

## test-api: dev-api's unit tests and contract tests over real HTTP
test-api:
	cargo test -p dev-api

## test-wasm: component tests in headless Chromium and Firefox ESR
test-wasm:
	@scripts/test-wasm.sh

## test-types: an example shell compiled against the shipped account-console.d.ts
test-types:
	tsc -p tests/types

## test-package: the packed npm package installed into an example shell, built by Vite and by webpack 5, each tested in Chromium
test-package: dev-api package
	@scripts/test-package.sh

## test-e2e: Playwright against the release build served by dev-api
test-e2e: dev-api dist-fresh
	cd tests/e2e && E2E_PORT=$(E2E_PORT) playwright test

## test-engines: the flows in Firefox ESR and WebKitGTK (WebDriver) against the same build
test-engines: dev-api dist-fresh
	@for engine in firefox webkit; do \
	  echo "== $$engine"; \
	  ENGINE=$$engine node --test --test-reporter=spec tests/engines/flows.test.mjs || { echo "test-engines: $$engine failed"; exit 1; }; \
	done

## perf: Lighthouse (mobile preset, signed in) on the three pages, then the interactions' benchmark; fails below Lighthouse's bars or when an interaction takes over 200 ms
perf: dev-api dist-fresh
	@node scripts/perf.mjs
	@node scripts/bench.mjs --ceiling 200

## bench: how fast each interaction of a scripted session answers at 4x CPU (Event Timing, median of 5 runs), beside docs/performance.md; the table in artifacts/bench/; then bench-lock
bench: dev-api dist-fresh
	@node scripts/bench.mjs
	@$(MAKE) --no-print-directory bench-lock

## bench-lock: another account's GET /account while eight loops post wrong passwords (dev-api release build; medians of 5 runs)
bench-lock:
	@cargo run --release -q -p dev-api --example lock_bench

## clean-artifacts: removes test results, screenshots and Lighthouse reports (artifacts/)
clean-artifacts:
	rm -rf artifacts
