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

# The three tools compiled from crates.io, at once (each `cargo install` alone leaves a core
# idle through its longest crates and its link). They run for seconds per build, so they are
# compiled for compile time, not their own speed: no fat LTO, parallel codegen, opt-level 1
# (trunk's own release profile asks for fat LTO and one codegen unit: 7 minutes here), and 0
# for trunk and geckodriver, which only read HTML and relay WebDriver calls (wasm-bindgen
# keeps 1: it rewrites every wasm the tests build). No TLS either: offline, none of them
# downloads anything.
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=0 CARGO_PROFILE_RELEASE_INCREMENTAL=false
LOGS="$PWD/target/bootstrap"
mkdir -p "$LOGS"
installs=()
install() { # install NAME COMMAND…: in the background, its output in target/bootstrap/<first word of NAME>.log
  local name="$1"
  shift
  say "installing $name (in the background; a few minutes)"
  "$@" >"$LOGS/${name%% *}.log" 2>&1 &
  installs+=("$!:$name")
}

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  install "trunk $TRUNK_VERSION" env CARGO_PROFILE_RELEASE_OPT_LEVEL=0 cargo install --locked --no-default-features "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  # No --locked: the crate's lockfile pins a dependency version the registry no longer has.
  install "wasm-bindgen-cli $WASM_BINDGEN_VERSION" cargo install --force --no-default-features "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if [ "$(geckodriver --version 2>/dev/null | head -n 1 || true)" != "geckodriver $GECKODRIVER_VERSION" ]; then
  # Firefox's WebDriver server.
  install "geckodriver $GECKODRIVER_VERSION" env CARGO_PROFILE_RELEASE_OPT_LEVEL=0 cargo install --locked "geckodriver@$GECKODRIVER_VERSION"
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

failed=0
for entry in "${installs[@]}"; do
  if wait "${entry%%:*}"; then
    say "installed ${entry#*:}"
  else
    echo "bootstrap: installing ${entry#*:} failed; the end of its log ($LOGS):" >&2
    name="${entry#*:}"
    tail -n 40 "$LOGS/${name%% *}.log" >&2
    failed=1
  fi
done
[ "$failed" -eq 0 ] || exit 1

say "tools ready"
