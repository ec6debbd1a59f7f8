#!/usr/bin/env bash
# Runs the wasm-bindgen-test component tests in headless Chromium through chromedriver, then
# the same build in headless Firefox ESR through geckodriver (a few seconds more).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=60
echo "== component tests in Chromium"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p account-console --tests
echo "== component tests in Firefox ESR"
GECKODRIVER="$(command -v geckodriver)" cargo test --target wasm32-unknown-unknown -p account-console --tests
