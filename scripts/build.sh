#!/usr/bin/env bash
# The release build into dist/, then a brotli (quality 11) and a gzip copy of every asset
# beside it, which dev-api serves as they are: what `make size` measures is what is sent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
source scripts/release-env.sh
release_env
# The standard library's own dependencies, for -Zbuild-std (trunk builds offline).
cargo fetch --quiet --target wasm32-unknown-unknown
trunk build --release --offline
# What the glue never calls leaves the wasm (scripts/trim-wasm.mjs), then wasm-opt runs as
# Trunk would run it (its own wasm-opt step is off in index.html, so that this comes first).
node scripts/trim-wasm.mjs dist
# The notice page (notice.html, crates/notice-page) is a page of its own: built apart, so
# that the console's first load carries none of it, then moved into dist/ beside it.
trunk build notice.html --release --offline=true --dist target/notice-dist
for wasm in dist/account-console-*_bg.wasm target/notice-dist/notice-page-*_bg.wasm; do
  wasm-opt -O1 "$wasm" --flatten --rereloop --gufa --merge-similar-functions -Oz -Oz --converge --output "$wasm"
done
# wasm-bindgen's glue, minified (Trunk's own minifier cannot read its `export … as default`);
# then the glue's imports given short names in both files, and their subresource-integrity
# hashes in index.html written again (scripts/short-imports.mjs).
for glue in dist/account-console-*.js target/notice-dist/notice-page-*.js; do
  terser "$glue" --module --compress --mangle --output "$glue"
done
node scripts/short-imports.mjs dist
node scripts/notice-page.mjs target/notice-dist dist
find dist -type f ! -path 'dist/.stage/*' ! -name '*.br' ! -name '*.gz' -print0 |
  while IFS= read -r -d '' file; do
    brotli --force --keep --quality=11 "$file"
    gzip --force --keep --best --no-name "$file"
  done
