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
# wasm-bindgen's glue, minified (Trunk's own minifier cannot read its `export … as default`);
# its subresource-integrity hash in index.html follows.
for glue in dist/account-console-*.js; do
  terser "$glue" --module --compress --mangle --output "$glue"
  integrity="sha384-$(node -e 'const c = require("crypto"), f = require("fs");
    process.stdout.write(c.createHash("sha384").update(f.readFileSync(process.argv[1])).digest("base64"))' "$glue")"
  name="$(basename "$glue")"
  sed -i -E "s#(href=/$name integrity=)[^ >]+#\1$integrity#" dist/index.html
  grep -q "$integrity" dist/index.html || { echo "build: no integrity for $name in dist/index.html" >&2; exit 1; }
done
find dist -type f ! -path 'dist/.stage/*' ! -name '*.br' ! -name '*.gz' -print0 |
  while IFS= read -r -d '' file; do
    brotli --force --keep --quality=11 "$file"
    gzip --force --keep --best --no-name "$file"
  done
