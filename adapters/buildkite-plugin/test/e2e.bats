#!/usr/bin/env bats
# shellcheck disable=SC2030,SC2031,SC2016 # each @test is a subshell by design; single quotes hold JSON
# End to end in bats: the real plugin (hooks, lib, the shipped dist/shiplog.mjs) against the embedded store and
# the standalone Ortelius emulator, buildkite-agent stubbed with bats-mock, the agent's plugin env.

bats_require_minimum_version 1.5.0
load helpers

LOCATION="github.com/shiplog/shiplog/adapters/buildkite-plugin#v0.1.0"
VU='{"operation":"version-update","component-name":"GLOBAL.Acme.Store.cart","component-version":"1.2.0","application":"GLOBAL.Acme.Store.shop"}'
# A new application version starts in the first stage (dev); qa would need a move first (the release policy).
DEPLOY='{"operation":"deploy","application":"GLOBAL.Acme.Store.shop","env":"dev","attr":"Chart=shop-1.2.0"}'

setup_file() {
  node "${REPO_ROOT}/core/test/ortelius-emulator/serve.mjs" --port-file "${BATS_FILE_TMPDIR}/url" --deploy-delay-ms 50 3>&- &
  echo "$!" >"${BATS_FILE_TMPDIR}/emulator.pid"
  for _ in $(seq 1 100); do
    [ -s "${BATS_FILE_TMPDIR}/url" ] && return 0
    sleep 0.2
  done
  echo "the Ortelius emulator did not start" >&2
  return 1
}

teardown_file() {
  kill "$(cat "${BATS_FILE_TMPDIR}/emulator.pid")" 2>/dev/null || true
}

setup() {
  common_setup
  PLUGIN="${PLUGIN_SRC}" # the real plugin, with the real bundle
  git init -q -b main .
  git -c user.email=ci@example.invalid -c user.name=ci commit -q --allow-empty -m first
  BUILDKITE_COMMIT="$(git rev-parse HEAD)"
  export BUILDKITE_COMMIT
}

wrapped_deploy_stubs() {
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style success --context shiplog-deploy : cat > '${BATS_TEST_TMPDIR}/annotation'" \
    "meta-data set shiplog-deployment-id [0-9]* : true" \
    "meta-data set shiplog-deployment-status success : true" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;* : true" \
    "meta-data set shiplog-gate-passed true : true" \
    "meta-data set shiplog-unmet-rules [] : true"
}

@test "embedded store: version-update, then a wrapped deployment recorded by post-command" {
  agent_env "$LOCATION" "$VU" json
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style success --context shiplog-version-update : cat > /dev/null" \
    "meta-data set shiplog-component-version GLOBAL.Acme.Store.cart;main;1_2_0 : true" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;* : true"
  run "${PLUGIN}/hooks/command"
  assert_success
  refute_secret "$output"
  unstub buildkite-agent

  agent_env "$LOCATION" "$DEPLOY" json
  export BUILDKITE_COMMAND='echo "rolling out shop"'
  wrapped_deploy_stubs
  run "${PLUGIN}/hooks/command"
  assert_success
  assert_output --partial "rolling out shop"
  BUILDKITE_COMMAND_EXIT_STATUS=0 run "${PLUGIN}/hooks/post-command"
  assert_success
  refute_secret "$output"
  unstub buildkite-agent
  run cat "${BATS_TEST_TMPDIR}/annotation"
  assert_output --partial '| Environment | `dev` |'

  run node "${PLUGIN}/dist/shiplog.mjs" history --json
  assert_output --partial '"logUrl":"https://buildkite.com/acme/shop/builds/42#0190-job"'
  assert_output --partial '"provider":"buildkite"'
  refute_secret "$(find .shiplog -type f -exec cat {} +)"
}

@test "Ortelius emulator: credentials from the variables the pipeline names, wrapped deployment recorded" {
  PASSWORD='s3cr3t-Pa55' # the standalone emulator's admin password
  unset DHPASS
  export DH_SERVERURL DH_USERID=admin DH_PASSWORD="$PASSWORD"
  DH_SERVERURL="$(cat "${BATS_FILE_TMPDIR}/url")"
  local creds='"credentials":{"dhurl":"DH_SERVERURL","dhuser":"DH_USERID","dhpass":"DH_PASSWORD"}'

  agent_env "$LOCATION" "${VU%\}},${creds}}" json
  stub buildkite-agent \
    "redactor add --format json : cat > '${BATS_TEST_TMPDIR}/redacted'" \
    "annotate --style success --context shiplog-version-update : cat > /dev/null" \
    "meta-data set shiplog-component-version GLOBAL.Acme.Store.cart;main;1_2_0 : true" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;* : true"
  run "${PLUGIN}/hooks/command"
  assert_success
  refute_secret "$output"
  grep -q "$PASSWORD" "${BATS_TEST_TMPDIR}/redacted"
  unstub buildkite-agent

  agent_env "$LOCATION" "${DEPLOY%\}},${creds}}" json
  export BUILDKITE_COMMAND='echo "rolling out shop"'
  wrapped_deploy_stubs
  run "${PLUGIN}/hooks/command"
  assert_success
  BUILDKITE_COMMAND_EXIT_STATUS=0 run "${PLUGIN}/hooks/post-command"
  assert_success
  refute_secret "$output"
  unstub buildkite-agent
  [ ! -e .shiplog ] # nothing went to the embedded store

  DHURL="$DH_SERVERURL" DHUSER=admin DHPASS="$PASSWORD" run node "${PLUGIN}/dist/shiplog.mjs" history --application GLOBAL.Acme.Store.shop --json
  assert_success
  assert_output --partial '"environment":"dev"'
  refute_secret "$output"
}
