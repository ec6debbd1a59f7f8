#!/usr/bin/env bash
# Starts dev-api on 8081 and `trunk serve` on 8080 (which proxies /api and /__dev to it).
# Extra arguments go to dev-api, e.g. `make dev DEV_API_ARGS="--resend-cooldown 2s"`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -p dev-api
./target/debug/dev-api --port 8081 --dist dist "$@" &
DEV_API_PID=$!
trap 'kill $DEV_API_PID 2>/dev/null || true' EXIT INT TERM
echo
echo "  Account Console: http://127.0.0.1:8080/developer"
echo "  Verification codes that dev-api sends appear below."
echo
# A dist of its own, so the release build in dist/ (used by the tests) stays intact.
trunk serve --offline --dist target/dev-dist
