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

# SHIPLOG_IN_APP_VERSION (prefix SHIPLOG_IN_) -> --app-version
shiplog_flag_name() {
  local name="${1#"$2"}"
  name="${name,,}"
  printf -- '--%s' "${name//_/-}"
}

# Expands ${NAME} references from the environment (nothing else: no $NAME, no command substitution).
# shellcheck disable=SC2016 # the literal text ${ is what is searched for
shiplog_expand() {
  local rest="$1" out="" name
  while [[ "$rest" == *'${'* ]]; do
    out+="${rest%%'${'*}"
    rest="${rest#*'${'}"
    if [[ "$rest" =~ ^([A-Za-z_][A-Za-z0-9_]*)\}(.*)$ ]]; then
      name="${BASH_REMATCH[1]}"
      rest="${BASH_REMATCH[2]}"
      out+="${!name:-}"
    else
      out+='${'
    fi
  done
  printf '%s' "$out$rest"
}

# Fills the global array SHIPLOG_ARGS from the SHIPLOG_* parameter variables and exports the credentials.
shiplog_build_args() {
  SHIPLOG_ARGS=("$SHIPLOG_OPERATION" --json)
  local var value line flag
  for var in $(compgen -v SHIPLOG_IN_ || true); do
    value="${!var}"
    [ "$var" = SHIPLOG_IN_COMMAND ] || value="$(shiplog_expand "$value")"
    [ -n "$value" ] && SHIPLOG_ARGS+=("$(shiplog_flag_name "$var" SHIPLOG_IN_)" "$value")
  done
  for var in $(compgen -v SHIPLOG_FLAG_ || true); do
    flag="$(shiplog_flag_name "$var" SHIPLOG_FLAG_)"
    case "${!var}" in
      true | 1) SHIPLOG_ARGS+=("$flag") ;;
      false | 0 | "") ;;
      *) shiplog_fail 2 "parameter ${flag#--} must be true or false, got '${!var}'" ;;
    esac
  done
  for var in $(compgen -v SHIPLOG_LIST_ || true); do
    flag="$(shiplog_flag_name "$var" SHIPLOG_LIST_)"
    while IFS= read -r line || [ -n "$line" ]; do
      line="${line#"${line%%[![:space:]]*}"}"
      line="${line%"${line##*[![:space:]]}"}"
      line="$(shiplog_expand "$line")"
      [ -n "$line" ] && SHIPLOG_ARGS+=("$flag" "$line")
    done < <(printf '%s\n' "${!var}")
  done
  local target source
  for var in $(compgen -v SHIPLOG_ENVVAR_ || true); do
    target="${var#SHIPLOG_ENVVAR_}"
    source="${!var}"
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
  local dir="$1" op="$2" n=2
  local file="$dir/$op.json"
  while [ -e "$file" ]; do
    file="$dir/$op-$n.json"
    n=$((n + 1))
  done
  printf '%s' "$file"
}

shiplog_run() {
  : "${SHIPLOG_OPERATION:?SHIPLOG_OPERATION is not set (the orb sets it)}"
  : "${SHIPLOG_VERSION:?SHIPLOG_VERSION is not set (the orb sets it)}"
  local bundle="${SHIPLOG_HOME:-$HOME/.shiplog}/$SHIPLOG_VERSION/shiplog.mjs"
  [ -f "$bundle" ] || shiplog_fail 2 "$bundle is missing: the install step did not run"
  shiplog_build_args
  local dir="${SHIPLOG_RESULT_DIR:-/tmp/shiplog-results}"
  mkdir -p "$dir"
  local result
  result="$(shiplog_result_file "$dir" "$SHIPLOG_OPERATION")"
  local rc=0
  node "$bundle" "${SHIPLOG_ARGS[@]}" >"$result" || rc=$?
  echo "shiplog $SHIPLOG_OPERATION result (exit $rc), stored in $result:"
  cat "$result"
  echo
  if [ -n "${BASH_ENV:-}" ]; then
    printf "export SHIPLOG_RESULT='%s'\n" "$result" >>"$BASH_ENV"
  fi
  if [ "${SHIPLOG_DEFER_EXIT:-false}" = true ]; then
    # Keep the first failure when several operations of one job defer their exit.
    if [ "$rc" -ne 0 ] || [ ! -s "$dir/exit-code" ]; then
      if [ ! -s "$dir/exit-code" ] || [ "$(cat "$dir/exit-code")" = 0 ]; then printf '%s\n' "$rc" >"$dir/exit-code"; fi
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
