#!/bin/bash
# Steps shared by the plugin's hooks. Sourced; defines functions only. All parsing is done by small node
# scripts beside this file (node is required anyway to run the shiplog bundle).
# Secrets: credential values are copied into DHURL/DHUSER/DHPASS only inside the subshell that runs node,
# so they never reach argv, the job environment or any file.

SHIPLOG_PLUGIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHIPLOG_BUNDLE="${SHIPLOG_PLUGIN_DIR}/dist/shiplog.mjs"

shiplog_fail() {
  echo "shiplog: error: $*" >&2
}

shiplog_require_node() {
  if ! command -v node >/dev/null 2>&1; then
    shiplog_fail "node (20 or newer) is not on the agent's PATH: the shiplog plugin runs its bundled CLI with node"
    return 2
  fi
}

# shiplog_plan PHASE: fills SHIPLOG_MODE, SHIPLOG_OPERATION, SHIPLOG_CRED_VARS (url user pass) and
# SHIPLOG_ARGS from the plugin configuration. Returns config-args.mjs' exit code (2 on bad configuration).
shiplog_plan() {
  local phase="$1" out rc=0 fields=()
  out="$(mktemp)"
  node "${SHIPLOG_PLUGIN_DIR}/lib/config-args.mjs" "$phase" >"$out" || rc=$?
  if [[ "$rc" -eq 0 ]]; then
    mapfile -d '' -t fields <"$out"
  fi
  rm -f "$out"
  [[ "$rc" -eq 0 ]] || return "$rc"
  # shellcheck disable=SC2034 # read by the hooks
  SHIPLOG_MODE="${fields[0]}"
  SHIPLOG_OPERATION="${fields[1]}"
  SHIPLOG_CRED_VARS=("${fields[2]}" "${fields[3]}" "${fields[4]}")
  SHIPLOG_REDACT="${fields[5]}"
  SHIPLOG_ARGS=("${fields[@]:6}")
}

# Registers the password (raw, URL-encoded, base64) with the agent's log redactor. The value goes through a
# pipe from memory (printf is a builtin), never argv or a file. An agent without `redactor add` only gets a
# warning: the core redacts its own output.
shiplog_register_secrets() {
  [[ "${SHIPLOG_REDACT}" != "{}" ]] || return 0
  if ! printf '%s' "${SHIPLOG_REDACT}" | buildkite-agent redactor add --format json >/dev/null; then
    echo "shiplog: warning: could not register the password with the agent's redactor (this agent may lack 'buildkite-agent redactor add')" >&2
  fi
}

# shiplog_cli RESULT_FILE ARGS...: runs the committed shiplog bundle with --json; the JSON goes to RESULT_FILE,
# human logs stream to stderr. Returns the CLI's exit code.
shiplog_cli() {
  local result_file="$1"
  shift
  (
    url_var="${SHIPLOG_CRED_VARS[0]}"
    user_var="${SHIPLOG_CRED_VARS[1]}"
    pass_var="${SHIPLOG_CRED_VARS[2]}"
    # Only the named variables count: a renamed one that is unset leaves the CLI without that credential.
    if [[ -n "${!url_var+x}" ]]; then export DHURL="${!url_var}"; elif [[ "$url_var" != DHURL ]]; then unset DHURL; fi
    if [[ -n "${!user_var+x}" ]]; then export DHUSER="${!user_var}"; elif [[ "$user_var" != DHUSER ]]; then unset DHUSER; fi
    if [[ -n "${!pass_var+x}" ]]; then export DHPASS="${!pass_var}"; elif [[ "$pass_var" != DHPASS ]]; then unset DHPASS; fi
    exec node "$SHIPLOG_BUNDLE" "$@" --json >"$result_file"
  )
}

# shiplog_report EXIT_CODE RESULT_FILE: annotation (style by outcome, one context per operation) and
# meta-data for later steps. Reporting problems only warn: the operation's exit code stands.
shiplog_report() {
  local exit_code="$1" result_file="$2" dir key value pairs=()
  dir="$(mktemp -d)"
  if node "${SHIPLOG_PLUGIN_DIR}/lib/result-report.mjs" "$SHIPLOG_OPERATION" "$exit_code" "$result_file" "$dir"; then
    if ! buildkite-agent annotate --style "$(<"$dir/style")" --context "shiplog-${SHIPLOG_OPERATION}" <"$dir/annotation"; then
      echo "shiplog: warning: buildkite-agent annotate failed" >&2
    fi
    mapfile -d '' -t pairs <"$dir/metadata"
    local i
    for ((i = 0; i + 1 < ${#pairs[@]}; i += 2)); do
      key="${pairs[i]}"
      value="${pairs[i + 1]}"
      if ! buildkite-agent meta-data set "$key" "$value"; then
        echo "shiplog: warning: buildkite-agent meta-data set ${key} failed" >&2
      fi
    done
  else
    echo "shiplog: warning: could not build the Buildkite report" >&2
  fi
  rm -rf "$dir"
}

# shiplog_operation: runs the configured operation with its arguments, reports, returns the CLI's exit code.
shiplog_operation() {
  local result_file rc=0
  if [[ ! -f "$SHIPLOG_BUNDLE" ]]; then
    shiplog_fail "the plugin's shiplog bundle is missing (${SHIPLOG_BUNDLE})"
    return 1
  fi
  result_file="$(mktemp)"
  echo "--- :rocket: shiplog ${SHIPLOG_OPERATION}" >&2
  shiplog_cli "$result_file" "$SHIPLOG_OPERATION" "${SHIPLOG_ARGS[@]}" || rc=$?
  shiplog_report "$rc" "$result_file"
  rm -f "$result_file"
  return "$rc"
}

# shiplog_step_command: runs the step's own command the way the agent's default command phase does
# (a script path in the checkout is run directly, anything else is evaluated by BUILDKITE_SHELL).
shiplog_step_command() {
  local command="${BUILDKITE_COMMAND}" script shell_words=()
  script="${command//$'\n'/}"
  read -r -a shell_words <<<"${BUILDKITE_SHELL:-/bin/bash -e -c}"
  if [[ -f "$script" ]]; then
    [[ "$script" == /* ]] || script="./${script}"
    echo "~~~ Running script" >&2
    echo "$ ${script}" >&2
    "${shell_words[@]}" "$script"
    return
  fi
  if [[ "${BUILDKITE_COMMAND_EVAL:-true}" == "false" ]]; then
    shiplog_fail "this agent does not evaluate commands (--no-command-eval): the step command must be a script in the repository"
    return 2
  fi
  echo "~~~ Running commands" >&2
  echo "$ ${command}" >&2
  "${shell_words[@]}" "$command"
}
