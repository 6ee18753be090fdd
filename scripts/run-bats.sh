#!/usr/bin/env bash
# Runs bats over the given files/dirs (TAP output) and appends "passed failed" to the shared shell-results file
# that scripts/test-summary.mjs folds into CI's closing line. Exits with bats' own status.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
results="$root/node_modules/.cache/shiplog/shell-results.txt"
mkdir -p "$(dirname "$results")"
out="$(mktemp)"
bats --tap "$@" | tee "$out"
rc=${PIPESTATUS[0]}
passed=$(grep -c '^ok ' "$out" || true)
failed=$(grep -c '^not ok ' "$out" || true)
echo "$passed $failed" >> "$results"
rm -f "$out"
exit "$rc"
