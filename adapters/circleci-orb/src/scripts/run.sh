#!/bin/bash
# Runs one shiplog operation with the bundle the install step verified. The orb passes each parameter in an
# environment variable whose prefix says how it becomes a CLI flag (input `app-version` = parameter app_version):
#   SHIPLOG_IN_APP_VERSION=1.2    -> --app-version 1.2      (empty: flag left out, the core's default applies)
#   SHIPLOG_FLAG_DRY_RUN=true     -> --dry-run              (false: left out)
#   SHIPLOG_LIST_ATTR=$'a=1\nb=2' -> --attr a=1 --attr b=2  (one item per line)
#   SHIPLOG_ENVVAR_DHPASS=MY_PASS -> DHPASS exported from $MY_PASS (read by name; never on a command line; the
#                                    suffix is the variable the core reads: SHIPLOG_ENVVAR_SHIPLOG_STORE_PASSWORD)
# Values (except `command`, which is shell text for the deployment) may reference environment variables as ${NAME},
# e.g. component_version: ${IMAGE_TAG}; they are expanded here, at run time. Nothing else is evaluated. A reference
# to a variable that is unset or empty, or to the orb's own SHIPLOG_* variables, fails the step with exit 2.
# The JSON result goes to $SHIPLOG_RESULT_DIR/<operation>.json (and is printed); human logs and the deployment
# log stream to the step output. CircleCI facts (CIRCLE_*) reach the core through the environment.
set -euo pipefail

shiplog_fail() {
  echo "shiplog: error: $2" >&2
  exit "$1"
}

# Every helper below writes its answer into the variable its last argument names (printf -v) instead of printing
# it: a `$(...)` around a function forks a subshell, and a job runs this script in every operation step.

# SHIPLOG_IN_APP_VERSION (prefix SHIPLOG_IN_) -> --app-version
shiplog_flag_name() {
  local _name="${1#"$2"}"
  _name="${_name,,}"
  printf -v "$3" -- '--%s' "${_name//_/-}"
}

# Expands the ${NAME} references in $1, the value of parameter $2 (its variable's suffix: EXIT_CODE), into the
# variable $3. Nothing else is evaluated: no $NAME, no command substitution. The state lives in positional
# parameters: bash scopes variables dynamically, so a named local here or in any caller would be what
# ${thatname} expands to. Callers keep no named locals for the same reason (test: "every name the scripts declare").
# A reference to an unset or empty variable fails the step: the value would lose that part without a word, or the
# whole flag (exit_code: ${DEPLOY_RC} would start a deployment instead of recording one).
# shellcheck disable=SC2016 # the literal text ${ is what is searched for
shiplog_expand() {
  # $1 the text still to scan, $2 the parameter, $3 the target, $4 the text expanded so far, $5 the name referenced
  set -- "$1" "$2" "$3" ""
  while [[ "$1" == *'${'* ]]; do
    set -- "${1#*'${'}" "$2" "$3" "$4${1%%'${'*}"
    if [[ "$1" =~ ^([A-Za-z_][A-Za-z0-9_]*)\}(.*)$ ]]; then
      set -- "${BASH_REMATCH[2]}" "$2" "$3" "$4" "${BASH_REMATCH[1]}"
      shiplog_check_name "parameter ${2,,} references \${$5}" "$5"
      [ -n "${!5}" ] || shiplog_fail 2 "parameter ${2,,} references \${$5}, which is empty in this job"
      set -- "$1" "$2" "$3" "$4${!5}"
    else
      set -- "$1" "$2" "$3" "$4\${"
    fi
  done
  printf -v "$3" '%s' "$4$1"
}

# Fails the step unless variable $2 (named by a parameter, as $1 says) may be read and is set. SHIPLOG_* names are
# the orb's own (the parameters themselves and this script's state), never the job's.
shiplog_check_name() {
  [[ "$2" != SHIPLOG_* ]] || shiplog_fail 2 "$1, a variable of the orb itself (SHIPLOG_*); name a variable of the job"
  [ -n "${!2+set}" ] || shiplog_fail 2 "$1, which is not set in this job"
}

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

# Fills the global array SHIPLOG_ARGS from the SHIPLOG_* parameter variables and exports the credentials.
# ${!PREFIX@} lists the variables with that prefix, sorted, as `compgen -v PREFIX` does (without a subshell).
# No named locals (see shiplog_expand): positional parameters and the orb's SHIPLOG_* globals hold the state.
shiplog_build_args() {
  SHIPLOG_ARGS=("$SHIPLOG_OPERATION" --json)
  set -- "${!SHIPLOG_IN_@}"
  while [ "$#" -gt 0 ]; do
    SHIPLOG_CUR_VALUE="${!1}"
    [ "$1" = SHIPLOG_IN_COMMAND ] || shiplog_expand "$SHIPLOG_CUR_VALUE" "${1#SHIPLOG_IN_}" SHIPLOG_CUR_VALUE
    [ -z "$SHIPLOG_CUR_VALUE" ] || {
      shiplog_flag_name "$1" SHIPLOG_IN_ SHIPLOG_CUR_FLAG
      SHIPLOG_ARGS+=("$SHIPLOG_CUR_FLAG" "$SHIPLOG_CUR_VALUE")
    }
    shift
  done
  set -- "${!SHIPLOG_FLAG_@}"
  while [ "$#" -gt 0 ]; do
    shiplog_flag_name "$1" SHIPLOG_FLAG_ SHIPLOG_CUR_FLAG
    case "${!1}" in
      true | 1) SHIPLOG_ARGS+=("$SHIPLOG_CUR_FLAG") ;;
      false | 0 | "") ;;
      *) shiplog_fail 2 "parameter ${SHIPLOG_CUR_FLAG#--} must be true or false, got '${!1}'" ;;
    esac
    shift
  done
  set -- "${!SHIPLOG_LIST_@}"
  while [ "$#" -gt 0 ]; do
    shiplog_list_args "$1"
    shift
  done
  set -- "${!SHIPLOG_ENVVAR_@}"
  while [ "$#" -gt 0 ]; do
    shiplog_export_credential "${1#SHIPLOG_ENVVAR_}" "${!1}"
    shift
  done
  # Last guard: a password never goes on a command line, however a parameter referenced it.
  set -- "${SHIPLOG_ARGS[@]}"
  while [ "$#" -gt 0 ]; do
    [[ -z "${DHPASS:-}" || "${#DHPASS}" -lt 3 || "$1" != *"$DHPASS"* ]] || shiplog_fail 2 "a parameter value contains the password; pass secrets only through the dhpass parameter"
    [[ -z "${SHIPLOG_STORE_PASSWORD:-}" || "${#SHIPLOG_STORE_PASSWORD}" -lt 3 || "$1" != *"$SHIPLOG_STORE_PASSWORD"* ]] || shiplog_fail 2 "a parameter value contains the store password; pass it only through the store_password parameter"
    shift
  done
  if [ "$SHIPLOG_OPERATION" = envscript ] && [ -z "${SHIPLOG_IN_OUTPUT:-}" ] && [ -n "${BASH_ENV:-}" ]; then
    # Every later step of the job loads $BASH_ENV as shell: another format there breaks them all.
    case "${SHIPLOG_IN_FORMAT:-sh}" in
      sh) SHIPLOG_ARGS+=(--output "$BASH_ENV") ;;
      *) shiplog_fail 2 "format ${SHIPLOG_IN_FORMAT} cannot go to \$BASH_ENV (later steps load it as shell): set output to a file, or use format sh" ;;
    esac
  fi
  return 0
}

# The items of list parameter $1 (SHIPLOG_LIST_ATTR), one per non-empty line, trimmed and expanded, as one flag each.
# No named locals (see shiplog_expand): $2 holds the lines still to take, $3 the current one.
shiplog_list_args() {
  shiplog_flag_name "$1" SHIPLOG_LIST_ SHIPLOG_CUR_FLAG
  # The appended newline ends the last line, so every pass takes one line off the front.
  set -- "$1" "${!1}"$'\n'
  while [ -n "$2" ]; do
    set -- "$1" "${2#*$'\n'}" "${2%%$'\n'*}"
    set -- "$1" "$2" "${3#"${3%%[![:space:]]*}"}"
    set -- "$1" "$2" "${3%"${3##*[![:space:]]}"}"
    [ -n "$3" ] || continue
    shiplog_expand "$3" "${1#SHIPLOG_LIST_}" SHIPLOG_CUR_VALUE
    SHIPLOG_ARGS+=("$SHIPLOG_CUR_FLAG" "$SHIPLOG_CUR_VALUE")
  done
}

# Exports credential $1 (DHURL) from the variable that its env_var_name parameter names ($2), read by name, so
# the value never reaches a command line. No named locals: ${!2} would read them.
shiplog_export_credential() {
  [ -n "$2" ] || return 0
  set -- "$1" "$2" "${1#SHIPLOG_}"
  [[ "$2" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || shiplog_fail 2 "parameter ${3,,} must name an environment variable, got '$2'"
  # SHIPLOG_STORE_PASSWORD is the core's own variable (its default), not the orb's state.
  [[ "$2" == "$1" || "$2" != SHIPLOG_* ]] || shiplog_fail 2 "parameter ${3,,} names $2, a variable of the orb itself (SHIPLOG_*); name a variable of the job"
  if [ -n "${!2:-}" ]; then
    export "$1=${!2}"
  elif [ "$2" != "$1" ]; then
    # The user named another variable and it is empty: do not fall back to a $1 the job happens to have. A missing
    # server URL stops the step: without DHURL the core would record into the local store in the working directory
    # and report success, where the user meant a server (unless they asked for backend local).
    [ "$1" != DHURL ] || [ "${SHIPLOG_IN_BACKEND:-}" = local ] ||
      shiplog_fail 2 "parameter dhurl names $2, which is not set (or empty) in this job; set it (e.g. in a context) or pass backend: local"
    unset "$1"
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
  # First, before any local of this function exists: the ${NAME} references are expanded in there.
  shiplog_build_args
  local bundle="${SHIPLOG_HOME:-$HOME/.shiplog}/$SHIPLOG_VERSION/shiplog.mjs"
  [ -f "$bundle" ] || shiplog_fail 2 "$bundle is missing: the install step did not run"
  local dir="${SHIPLOG_RESULT_DIR:-/tmp/shiplog-results}"
  [ -d "$dir" ] || mkdir -p "$dir"
  local result
  shiplog_result_file "$dir" "$SHIPLOG_OPERATION" result
  local rc=0
  node "$bundle" "${SHIPLOG_ARGS[@]}" >"$result" || rc=$?
  echo "shiplog $SHIPLOG_OPERATION result (exit $rc), stored in $result:"
  shiplog_print_file "$result"
  echo
  if [ -n "${BASH_ENV:-}" ]; then
    printf "export SHIPLOG_RESULT='%s'\n" "$result" >>"$BASH_ENV"
  fi
  shiplog_step_report "$bundle" "$result" "$rc"
  if [ "${SHIPLOG_DEFER_EXIT:-false}" = true ]; then
    # Keep the first failure when several operations of one job defer their exit.
    local first=""
    [ ! -s "$dir/exit-code" ] || shiplog_read_file "$dir/exit-code" first
    if [ "$rc" -ne 0 ] || [ ! -s "$dir/exit-code" ]; then
      if [ ! -s "$dir/exit-code" ] || [ "$first" = 0 ]; then printf '%s\n' "$rc" >"$dir/exit-code"; fi
    fi
    [ "$rc" -eq 0 ] || echo "shiplog: $SHIPLOG_OPERATION failed with exit $rc; the job fails after storing the result"
    return 0
  fi
  return "$rc"
}

# The bats tests source this file with SHIPLOG_TEST_SOURCE=1 and call the functions themselves.
if [ "${SHIPLOG_TEST_SOURCE:-}" != 1 ]; then
  shiplog_run
fi
