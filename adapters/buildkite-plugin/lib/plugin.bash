#!/bin/bash
# Steps shared by the plugin's hooks. Sourced; defines functions only. The plugin's work (configuration,
# redactor, the operation, the report) is done by one node process, lib/hook.mjs; bash only checks for node
# and, in wrapper mode, runs the step's own command the way the agent would.

# The plugin's directory, without a subshell (hooks run on every job): this file is <plugin>/lib/plugin.bash.
SHIPLOG_PLUGIN_DIR="${BASH_SOURCE[0]%/*}/.."
[[ "$SHIPLOG_PLUGIN_DIR" == /* ]] || SHIPLOG_PLUGIN_DIR="${PWD}/${SHIPLOG_PLUGIN_DIR}"
# shellcheck disable=SC2034 # used by the hooks that source this file
SHIPLOG_HOOK="${SHIPLOG_PLUGIN_DIR}/lib/hook.mjs"

shiplog_fail() {
  echo "shiplog: error: $*" >&2
}

shiplog_require_node() {
  if ! command -v node >/dev/null 2>&1; then
    shiplog_fail "node (20 or newer) is not on the agent's PATH: the shiplog plugin runs its bundled CLI with node"
    return 2
  fi
}

# True when the step has a command of its own (wrapper mode). lib/config-args.mjs decides the same way.
shiplog_step_has_command() {
  [[ -n "${BUILDKITE_COMMAND//[[:space:]]/}" ]]
}

# shiplog_real_path PATH: prints PATH absolute, with `..` and every symlink (the file's and its directories')
# resolved; fails when a directory on the way does not exist or a symlink chain is too long.
shiplog_real_path() {
  local path="$1" dir base link hops=0
  while :; do
    dir="${path%/*}"
    [[ "$dir" != "$path" ]] || dir=.
    [[ -n "$dir" ]] || dir=/
    base="${path##*/}"
    dir="$(cd -P -- "$dir" 2>/dev/null && pwd -P)" || return 1
    [[ "$dir" != / ]] || dir=""
    if [[ ! -L "${dir}/${base}" ]]; then
      printf '%s\n' "${dir}/${base}"
      return 0
    fi
    ((++hops <= 40)) || return 1
    link="$(readlink -- "${dir}/${base}")" || return 1
    [[ "$link" == /* ]] || link="${dir}/${link}"
    path="$link"
  done
}

# shiplog_step_command: runs the step's own command the way the agent's default command phase does: a script
# path is made executable and run directly, anything else is evaluated by BUILDKITE_SHELL. An agent that does not
# evaluate commands (BUILDKITE_COMMAND_EVAL=false) only runs a script inside the build's checkout.
shiplog_step_command() {
  local command="${BUILDKITE_COMMAND}" script shell_words=() real checkout
  script="${command//$'\n'/}"
  read -r -a shell_words <<<"${BUILDKITE_SHELL:-/bin/bash -e -c}"
  if [[ -f "$script" ]]; then
    if [[ "${BUILDKITE_COMMAND_EVAL:-true}" == "false" ]]; then
      checkout="$(cd -P -- "${BUILDKITE_BUILD_CHECKOUT_PATH:-.}" 2>/dev/null && pwd -P)" || checkout=""
      real="$(shiplog_real_path "$script")" || real=""
      if [[ -z "$checkout" || -z "$real" || "$real" != "${checkout%/}/"* ]]; then
        shiplog_fail "this agent does not evaluate commands (--no-command-eval): the step's script ${script} is outside the checkout directory ${BUILDKITE_BUILD_CHECKOUT_PATH:-$PWD}"
        return 2
      fi
    fi
    [[ "$script" == /* ]] || script="./${script}"
    if [[ ! -x "$script" ]] && ! chmod +x -- "$script"; then
      echo "shiplog: warning: could not make ${script} executable" >&2
    fi
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
