#!/usr/bin/env bash
# Installs every tool the project needs, at pinned versions, skipping what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
GECKODRIVER_VERSION=0.37.1
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
source scripts/release-env.sh

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release wasm's toolchain (scripts/release-env.sh), next to the stable one.
if [ ! -d "$(rustup run "$RELEASE_TOOLCHAIN" rustc --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library" ]; then
  say "installing $RELEASE_TOOLCHAIN with rust-src (the release build's toolchain)"
  rustup toolchain install "$RELEASE_TOOLCHAIN" --profile minimal --component rust-src -t wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (several minutes)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (several minutes)"
  # No --locked: the crate's lockfile pins a dependency version the registry no longer has.
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if [ "$(geckodriver --version 2>/dev/null | head -n 1 || true)" != "geckodriver $GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION (Firefox's WebDriver server; a few minutes)"
  cargo install --locked "geckodriver@$GECKODRIVER_VERSION"
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The other two engines of the cross-engine suite: Firefox ESR, and WebKitGTK's WebDriver
# server with the display its MiniBrowser needs.
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v xauth >/dev/null || missing+=(xauth)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v brotli >/dev/null || missing+=(brotli)
# Chinese glyphs for screenshots taken in headless Chromium.
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (binaryen, terser, TypeScript, Playwright, axe, Lighthouse, Testing Library)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

say "tools ready"
