#!/usr/bin/env bash
# Builds the app in debug into target/dev-dist, rebuilds it on every change (`trunk watch`),
# and serves it with dev-api on 8080: the API, the dev helpers and the app from one origin,
# with the same headers and CSP as the release build (dev-api reads the CSP's hashes from the
# index.html it serves, again after each rebuild).
# Extra arguments go to dev-api, e.g. `make dev DEV_API_ARGS="--resend-cooldown 2s"`.
set -euo pipefail
cd "$(dirname "$0")/.."
# A dist of its own, so the release build in dist/ (used by the tests) stays intact.
DIST=target/dev-dist
cargo build -p dev-api
trunk build --offline --dist "$DIST"
./target/debug/dev-api --port 8080 --dist "$DIST" "$@" &
DEV_API_PID=$!
trap 'kill $DEV_API_PID 2>/dev/null || true' EXIT INT TERM
echo
echo "  Account Console: http://127.0.0.1:8080/developer"
echo "  Changes are rebuilt as you save them; reload the page to see them."
echo "  Verification codes that dev-api sends appear below."
echo
trunk watch --offline --dist "$DIST"
