#!/bin/bash
# Shared bats setup: a throwaway copy of the plugin with a fake shiplog CLI in dist/, bats-mock stubs for
# buildkite-agent kept in the test's own temp dir, and the environment the agent gives a plugin hook.

TEST_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PLUGIN_SRC="$(cd "${TEST_DIR}/.." && pwd)"
REPO_ROOT="$(cd "${PLUGIN_SRC}/../.." && pwd)"

load "/usr/lib/bats/bats-support/load"
load "/usr/lib/bats/bats-assert/load"
load "${REPO_ROOT}/node_modules/bats-mock/stub"

PASSWORD='pa55:w0rd/with?chars'

common_setup() {
  # bats-mock defaults to the shared BATS_TMPDIR; keep stubs per test.
  # shellcheck disable=SC2034 # read by bats-mock's stub()
  BATS_MOCK_TMPDIR="${BATS_TEST_TMPDIR}"
  BATS_MOCK_BINDIR="${BATS_TEST_TMPDIR}/bin"
  PATH="${BATS_MOCK_BINDIR}:${PATH}"

  PLUGIN="${BATS_TEST_TMPDIR}/plugin"
  mkdir -p "${PLUGIN}/dist"
  cp -R "${PLUGIN_SRC}/hooks" "${PLUGIN_SRC}/lib" "${PLUGIN}/"
  cp "${TEST_DIR}/fake-shiplog.mjs" "${PLUGIN}/dist/shiplog.mjs"
  export FAKE_SHIPLOG_LOG="${BATS_TEST_TMPDIR}/shiplog-calls"
  export FAKE_SHIPLOG_EXIT=0
  export FAKE_SHIPLOG_RESULT='{"ok":true}'

  WORKDIR="${BATS_TEST_TMPDIR}/checkout"
  mkdir -p "${WORKDIR}"
  cd "${WORKDIR}" || return 1

  export BUILDKITE=true CI=true
  export BUILDKITE_BUILD_URL="https://buildkite.com/acme/shop/builds/42"
  export BUILDKITE_BUILD_NUMBER=42 BUILDKITE_JOB_ID="0190-job" BUILDKITE_BRANCH=main
  export BUILDKITE_COMMIT=61ba0ab5b1f0e2d3c4b5a69788796a5b4c3d2e1f BUILDKITE_PIPELINE_SLUG=shop
  export BUILDKITE_COMMAND=""
  export BUILDKITE_SHELL="/bin/bash -e -c"
  export DHPASS="${PASSWORD}"
}

# agent_env LOCATION CONFIG_JSON [json|flattened]: exports what the agent exports for this plugin entry.
agent_env() {
  local pairs=() kv
  mapfile -d '' -t pairs < <(node "${TEST_DIR}/agent-env.mjs" "$@")
  for kv in "${pairs[@]}"; do
    export "${kv?}"
  done
}

# The fake CLI's recorded argv, one argument a line.
shiplog_calls() {
  cat "${FAKE_SHIPLOG_LOG}"
}

# Fails when the password, URL-encoded or base64, appears in the given text.
refute_secret() {
  local text="$1" enc b64
  enc="$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$PASSWORD")"
  b64="$(printf '%s' "$PASSWORD" | base64)"
  [[ "$text" != *"$PASSWORD"* ]] || fail "the password appears in the output"
  [[ "$text" != *"$enc"* ]] || fail "the URL-encoded password appears in the output"
  [[ "$text" != *"$b64"* ]] || fail "the base64 password appears in the output"
}
