#!/bin/bash
# Ends a job with the exit code its operation step left behind (defer_exit), after the result was stored.
set -euo pipefail
dir="${SHIPLOG_RESULT_DIR:-/tmp/shiplog-results}"
if [ ! -f "$dir/exit-code" ]; then
  echo "shiplog: no deferred exit code in $dir; nothing to report"
  exit 0
fi
# The file's text as "$(cat FILE)" has it (trailing newlines dropped), read by the shell: no cat process.
rc=""
IFS= read -r -d '' rc <"$dir/exit-code" || true
rc="${rc%"${rc##*[!$'\n']}"}"
rm -f "$dir/exit-code"
[[ "$rc" =~ ^[0-9]+$ ]] || { echo "shiplog: error: $dir/exit-code holds '$rc', not an exit code" >&2; exit 2; }
if [ "$rc" -ne 0 ]; then
  echo "shiplog: the operation failed with exit $rc (see the step above and the shiplog/ artifacts)" >&2
fi
exit "$rc"
