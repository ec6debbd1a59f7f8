#!/usr/bin/env bash
# Runs the wasm-bindgen-test component tests in headless Chromium through chromedriver.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=60
cargo test --target wasm32-unknown-unknown -p account-console --tests
