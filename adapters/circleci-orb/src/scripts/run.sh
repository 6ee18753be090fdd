#!/bin/bash
# Runs one shiplog operation with the bundle the install step verified. The orb passes each parameter in an
# environment variable (SHIPLOG_IN_APP_VERSION, SHIPLOG_FLAG_DRY_RUN, SHIPLOG_LIST_ATTR, SHIPLOG_ENVVAR_DHPASS, ...);
# the bundle's circleciMain maps them from the input table in its own node process: it checks them, expands their
# ${NAME} references to the job's variables, reads each credential from the variable its env_var_name parameter
# names (never from a command line) and runs the CLI (core/src/kit/orb-parameters.ts has the rules; a bad
# parameter fails the step with exit 2 before anything runs). This script keeps CircleCI's part: the JSON result
# goes to $SHIPLOG_RESULT_DIR/<operation>.json (the jobs' store_artifacts path) and is printed, $BASH_ENV gets the
# outputs for the job's later steps, and the step's exit status is the CLI's (or is deferred, defer_exit). Human
# logs and the deployment log stream to the step output. CircleCI facts (CIRCLE_*) reach the core through the
# environment. Every variable of this script is named SHIPLOG_*: a job's variable of the same name, exported, would
# reach the bundle with this script's value, and the bundle refuses references to SHIPLOG_* names.
set -euo pipefail

shiplog_fail() {
  echo "shiplog: error: $2" >&2
  exit "$1"
}

# Every helper below writes its answer into the variable its last argument names (printf -v) instead of printing
# it: a `$(...)` around a function forks a subshell, and a job runs this script in every operation step.

# The text of a small file as "$(cat FILE)" has it (trailing newlines dropped), read by the shell itself.
shiplog_read_file() {
  local _text=""
  IFS= read -r -d '' _text <"$1" || true
  printf -v "$2" '%s' "${_text%"${_text##*[!$'\n']}"}"
}

# Prints FILE byte for byte. The shell reads it unless it holds a NUL byte or more than 64 Ki characters
# (read stops there and says so by succeeding); then cat prints it.
shiplog_print_file() {
  local _text=""
  if IFS= read -r -d '' -n 65536 _text <"$1"; then
    cat "$1"
  else
    printf '%s' "$_text"
  fi
}

# Picks a result file that no earlier operation of this job used: deploy.json, deploy-2.json, ...
shiplog_result_file() {
  local _n=2 _file="$1/$2.json"
  while [ -e "$_file" ]; do
    _file="$1/$2-$_n.json"
    _n=$((_n + 1))
  done
  printf -v "$3" '%s' "$_file"
}

# The release policy's verdict of a gated operation ($2 holds "gatePassed"): the core's text report in the step output,
# and SHIPLOG_GATE_PASSED / SHIPLOG_UNMET_RULES exported through $BASH_ENV for the job's later steps. Rendered by
# the verified bundle itself (its circleciStepReport export); paths go through the environment, so the bundle does
# not take them for a command line. A report that cannot be drawn never changes the step's outcome.
shiplog_step_report() {
  grep -q '"gatePassed"' "$2" 2>/dev/null || return 0
  SHIPLOG_REPORT_BUNDLE="$1" SHIPLOG_REPORT_RESULT="$2" SHIPLOG_REPORT_EXIT="$3" node --input-type=module -e '
import { appendFileSync, readFileSync } from "node:fs";
const e = process.env;
const { circleciStepReport } = await import(e.SHIPLOG_REPORT_BUNDLE);
const r = circleciStepReport(e.SHIPLOG_OPERATION, readFileSync(e.SHIPLOG_REPORT_RESULT, "utf8"), Number(e.SHIPLOG_REPORT_EXIT));
process.stdout.write(r.text);
if (e.BASH_ENV) appendFileSync(e.BASH_ENV, r.bashEnv);
' || echo "shiplog: warning: could not render the step report (see the JSON result above)"
}

shiplog_run() {
  : "${SHIPLOG_OPERATION:?SHIPLOG_OPERATION is not set (the orb sets it)}"
  : "${SHIPLOG_VERSION:?SHIPLOG_VERSION is not set (the orb sets it)}"
  local SHIPLOG_RUN_BUNDLE="${SHIPLOG_HOME:-$HOME/.shiplog}/$SHIPLOG_VERSION/shiplog.mjs"
  [ -f "$SHIPLOG_RUN_BUNDLE" ] || shiplog_fail 2 "$SHIPLOG_RUN_BUNDLE is missing: the install step did not run"
  local SHIPLOG_RUN_DIR="${SHIPLOG_RESULT_DIR:-/tmp/shiplog-results}"
  [ -d "$SHIPLOG_RUN_DIR" ] || mkdir -p "$SHIPLOG_RUN_DIR"
  local SHIPLOG_RUN_RESULT SHIPLOG_RUN_RC=0
  shiplog_result_file "$SHIPLOG_RUN_DIR" "$SHIPLOG_OPERATION" SHIPLOG_RUN_RESULT
  # Exit 2 and no JSON: the bundle refused a parameter (its one line is on stderr) and ran nothing; no result to keep.
  # shellcheck disable=SC2016 # JavaScript, not shell
  SHIPLOG_RUN_BUNDLE="$SHIPLOG_RUN_BUNDLE" node --input-type=module -e '
const { circleciMain } = await import(process.env.SHIPLOG_RUN_BUNDLE);
process.exitCode = await circleciMain();' >"$SHIPLOG_RUN_RESULT" || SHIPLOG_RUN_RC=$?
  if [ "$SHIPLOG_RUN_RC" -eq 2 ] && [ ! -s "$SHIPLOG_RUN_RESULT" ]; then
    rm -f "$SHIPLOG_RUN_RESULT"
    exit 2
  fi
  echo "shiplog $SHIPLOG_OPERATION result (exit $SHIPLOG_RUN_RC), stored in $SHIPLOG_RUN_RESULT:"
  shiplog_print_file "$SHIPLOG_RUN_RESULT"
  echo
  if [ -n "${BASH_ENV:-}" ]; then
    printf "export SHIPLOG_RESULT='%s'\n" "$SHIPLOG_RUN_RESULT" >>"$BASH_ENV"
  fi
  shiplog_step_report "$SHIPLOG_RUN_BUNDLE" "$SHIPLOG_RUN_RESULT" "$SHIPLOG_RUN_RC"
  if [ "${SHIPLOG_DEFER_EXIT:-false}" = true ]; then
    # Keep the first failure when several operations of one job defer their exit.
    local SHIPLOG_RUN_FIRST=""
    [ ! -s "$SHIPLOG_RUN_DIR/exit-code" ] || shiplog_read_file "$SHIPLOG_RUN_DIR/exit-code" SHIPLOG_RUN_FIRST
    if [ "$SHIPLOG_RUN_RC" -ne 0 ] || [ ! -s "$SHIPLOG_RUN_DIR/exit-code" ]; then
      if [ ! -s "$SHIPLOG_RUN_DIR/exit-code" ] || [ "$SHIPLOG_RUN_FIRST" = 0 ]; then printf '%s\n' "$SHIPLOG_RUN_RC" >"$SHIPLOG_RUN_DIR/exit-code"; fi
    fi
    [ "$SHIPLOG_RUN_RC" -eq 0 ] || echo "shiplog: $SHIPLOG_OPERATION failed with exit $SHIPLOG_RUN_RC; the job fails after storing the result"
    return 0
  fi
  return "$SHIPLOG_RUN_RC"
}

# The bats tests source this file with SHIPLOG_TEST_SOURCE=1 and call the functions themselves.
if [ "${SHIPLOG_TEST_SOURCE:-}" != 1 ]; then
  shiplog_run
fi
