#!/usr/bin/env bash
# Compiles every vars/ step and the harness with groovyc, then runs the Groovy step tests (TAP), and feeds the
# counts into CI's closing summary line.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
groovyc -d "$out/classes" "$here"/vars/*.groovy "$here"/test/groovy/Harness.groovy "$here"/test/groovy/StepError.groovy \
  "$here"/test/groovy/com/cloudbees/groovy/cps/NonCPS.groovy
echo "groovyc: compiled $(ls "$here"/vars/*.groovy | wc -l) steps"
results="$repo/node_modules/.cache/shiplog/shell-results.txt"
mkdir -p "$(dirname "$results")"
rc=0
groovy -cp "$here/test/groovy" "$here/test/groovy/StepsTest.groovy" "$here" "$@" | tee "$out/tap" || rc=$?
echo "$(grep -c '^ok ' "$out/tap" || true) $(grep -c '^not ok ' "$out/tap" || true)" >> "$results"
exit "$rc"
