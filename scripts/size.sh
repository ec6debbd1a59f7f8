#!/usr/bin/env bash
# Prints the brotli size of every file a browser downloads for first load of the standalone
# page (index.html and what it references), and the total: the .br files the build wrote
# beside each asset, which is what dev-api sends; then the same in each language whose
# catalogue is a file of its own (i18n/<tag>.json). With --check, fails when the first load in
# any language is above the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
# The gate, and what the app aims for (docs/size.md tells how it got here). The only place
# these numbers are written.
BUDGET_KB=180
TARGET_KB=150
[ -f dist/index.html ] || { echo "no dist/index.html: run 'make build' first" >&2; exit 1; }
total_raw=0
total_br=0
printf '%-44s %10s %10s\n' file bytes brotli
while IFS= read -r file; do
  [ -f "$file" ] || { echo "index.html references $file, which the build did not write" >&2; exit 1; }
  raw=$(stat -c %s "$file")
  if [ -f "$file.br" ]; then
    br=$(stat -c %s "$file.br")
  else
    br=$(brotli -c -q 11 "$file" | wc -c)
  fi
  total_raw=$((total_raw + raw))
  total_br=$((total_br + br))
  printf '%-44s %10d %10d\n' "${file#dist/}" "$raw" "$br"
done < <({ echo dist/index.html; grep -oE "(href|src|module_or_path:) *=? *'?/[A-Za-z0-9._-]+\.(js|wasm|css|svg)" dist/index.html | grep -oE '/[A-Za-z0-9._-]+$' | sed 's#^#dist#'; } | sort -u)
printf '%-44s %10d %10d\n' TOTAL "$total_raw" "$total_br"
awk -v b="$total_br" -v budget="$BUDGET_KB" -v target="$TARGET_KB" \
  'BEGIN { printf "first load: %.1f KB brotli (budget %d KB, target %d KB)\n", b / 1024, budget, target }'
# A page in Chinese downloads its catalogue as well.
largest=$total_br
for file in dist/i18n/*.json; do
  br=$(stat -c %s "$file.br")
  largest=$(( total_br + br > largest ? total_br + br : largest ))
  awk -v b="$((total_br + br))" -v c="$br" -v tag="$(basename "$file" .json)" \
    'BEGIN { printf "first load in %s: %.1f KB brotli (with i18n/%s.json, %.1f KB)\n", tag, b / 1024, tag, c / 1024 }'
done
# The notice page (dist/notice.html), a page of its own: what someone opening a notice's link
# downloads. Reported, not gated: none of it is in the console's first load.
notice_br=0
while IFS= read -r file; do
  [ -f "$file" ] || { echo "notice.html references $file, which the build did not write" >&2; exit 1; }
  notice_br=$((notice_br + $(stat -c %s "$file.br")))
done < <({ echo dist/notice.html; grep -oE "(href|src|module_or_path:) *=? *'?/[A-Za-z0-9._-]+\.(js|wasm)" dist/notice.html | grep -oE '/[A-Za-z0-9._-]+$' | sed 's#^#dist#'; } | sort -u)
awk -v b="$notice_br" 'BEGIN { printf "notice page (notice.html, its own page): %.1f KB brotli\n", b / 1024 }'
if [ "${1:-}" = "--check" ] && [ "$largest" -gt $((BUDGET_KB * 1024)) ]; then
  echo "size check failed: over the ${BUDGET_KB} KB budget" >&2
  exit 1
fi
