#!/bin/bash
# Runs one shiplog operation with the bundle the install step verified. The orb passes each parameter in an
# environment variable whose prefix says how it becomes a CLI flag (input `app-version` = parameter app_version):
#   SHIPLOG_IN_APP_VERSION=1.2    -> --app-version 1.2      (empty: flag left out, the core's default applies)
#   SHIPLOG_FLAG_DRY_RUN=true     -> --dry-run              (false: left out)
#   SHIPLOG_LIST_ATTR=$'a=1\nb=2' -> --attr a=1 --attr b=2  (one item per line)
#   SHIPLOG_ENVVAR_DHPASS=MY_PASS -> DHPASS exported from $MY_PASS (read by name; never on a command line)
# Values (except `command`, which is shell text for the deployment) may reference environment variables as ${NAME},
# e.g. component_version: ${IMAGE_TAG}; they are expanded here, at run time. Nothing else is evaluated.
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

# Expands ${NAME} references from the environment (nothing else: no $NAME, no command substitution).
# shellcheck disable=SC2016 # the literal text ${ is what is searched for
shiplog_expand() {
  local _rest="$1" _out="" _ref
  while [[ "$_rest" == *'${'* ]]; do
    _out+="${_rest%%'${'*}"
    _rest="${_rest#*'${'}"
    if [[ "$_rest" =~ ^([A-Za-z_][A-Za-z0-9_]*)\}(.*)$ ]]; then
      _ref="${BASH_REMATCH[1]}"
      _rest="${BASH_REMATCH[2]}"
      _out+="${!_ref:-}"
    else
      _out+='${'
    fi
  done
  printf -v "$2" '%s' "$_out$_rest"
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
shiplog_build_args() {
  SHIPLOG_ARGS=("$SHIPLOG_OPERATION" --json)
  # The locals live while values are expanded start with _: ${name}, ${value}, ... read the job's variables.
  local _var _value _line _lines _flag
  for _var in "${!SHIPLOG_IN_@}"; do
    _value="${!_var}"
    [ "$_var" = SHIPLOG_IN_COMMAND ] || shiplog_expand "$_value" _value
    [ -z "$_value" ] || {
      shiplog_flag_name "$_var" SHIPLOG_IN_ _flag
      SHIPLOG_ARGS+=("$_flag" "$_value")
    }
  done
  for _var in "${!SHIPLOG_FLAG_@}"; do
    shiplog_flag_name "$_var" SHIPLOG_FLAG_ _flag
    case "${!_var}" in
      true | 1) SHIPLOG_ARGS+=("$_flag") ;;
      false | 0 | "") ;;
      *) shiplog_fail 2 "parameter ${_flag#--} must be true or false, got '${!_var}'" ;;
    esac
  done
  for _var in "${!SHIPLOG_LIST_@}"; do
    shiplog_flag_name "$_var" SHIPLOG_LIST_ _flag
    # One item per line; the appended newline ends the last line, so every pass takes one line off the front.
    _lines="${!_var}"$'\n'
    while [ -n "$_lines" ]; do
      _line="${_lines%%$'\n'*}"
      _lines="${_lines#*$'\n'}"
      _line="${_line#"${_line%%[![:space:]]*}"}"
      _line="${_line%"${_line##*[![:space:]]}"}"
      shiplog_expand "$_line" _line
      [ -z "$_line" ] || SHIPLOG_ARGS+=("$_flag" "$_line")
    done
  done
  local target source
  for _var in "${!SHIPLOG_ENVVAR_@}"; do
    target="${_var#SHIPLOG_ENVVAR_}"
    source="${!_var}"
    [ -n "$source" ] || continue
    [[ "$source" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || shiplog_fail 2 "parameter ${target,,} must name an environment variable, got '$source'"
    if [ -n "${!source:-}" ]; then
      export "$target=${!source}"
    elif [ "$source" != "$target" ]; then
      # The user named another variable and it is empty: do not fall back to a $target the job happens to have.
      unset "$target"
    fi
  done
  # Last guard: the password never goes on a command line, however a parameter referenced it.
  local arg pass="${DHPASS:-}"
  if [ "${#pass}" -ge 3 ]; then
    for arg in "${SHIPLOG_ARGS[@]}"; do
      [[ "$arg" != *"$pass"* ]] || shiplog_fail 2 "a parameter value contains the password; pass secrets only through the dhpass parameter"
    done
  fi
  if [ "$SHIPLOG_OPERATION" = envscript ] && [ -z "${SHIPLOG_IN_OUTPUT:-}" ] && [ -n "${BASH_ENV:-}" ]; then
    SHIPLOG_ARGS+=(--output "$BASH_ENV")
  fi
  return 0
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

shiplog_run() {
  : "${SHIPLOG_OPERATION:?SHIPLOG_OPERATION is not set (the orb sets it)}"
  : "${SHIPLOG_VERSION:?SHIPLOG_VERSION is not set (the orb sets it)}"
  local bundle="${SHIPLOG_HOME:-$HOME/.shiplog}/$SHIPLOG_VERSION/shiplog.mjs"
  [ -f "$bundle" ] || shiplog_fail 2 "$bundle is missing: the install step did not run"
  shiplog_build_args
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
