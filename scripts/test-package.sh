#!/usr/bin/env bash
# The npm package in real bundlers: installs the example shell's pinned Vite and webpack
# (once), installs the packed tarball into it as a shell would, builds the shell with each,
# and runs tests/package against both builds.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
tarball="$PWD/target/package/account-console-$version.tgz"
[ -f "$tarball" ] || { echo "test-package: no $tarball; run make package" >&2; exit 1; }
cd examples/bundlers
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[test-package] installing the example shell's bundlers (Vite, webpack)"
  npm ci --no-audit --no-fund --loglevel=error
fi
# What `npm install account-console` does, from this build's tarball (not written to package.json).
rm -rf node_modules/account-console
npm install --no-save --no-audit --no-fund --loglevel=error "$tarball"
npm run --silent build:vite
npm run --silent build:webpack
cd ../../tests/package
playwright test
