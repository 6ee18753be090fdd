#!/usr/bin/env bats
# shellcheck disable=SC2030,SC2031,SC2016,SC2154 # stderr* come from run --separate-stderr; each @test is a subshell by design; single quotes hold JSON and commands run later
# Wrapper mode: `command: <deploy script>` plus the plugin with operation deploy. The command hook runs the
# step's command as the agent would; post-command records it from BUILDKITE_COMMAND_EXIT_STATUS.

bats_require_minimum_version 1.5.0
load helpers

LOCATION="github.com/acme/shiplog-buildkite-plugin#v0.1.0"
DEPLOY_CONFIG='{"operation":"deploy","application":"GLOBAL.Acme.Store.shop","env":"qa","attr":["Chart=shop-1.2.0"]}'

setup() {
  common_setup
  export EXPECTED_DHPASS="${PASSWORD}"
  agent_env "$LOCATION" "$DEPLOY_CONFIG" json
  export BUILDKITE_COMMAND='echo "deploying shop"; touch ran.txt; exit 3'
}

@test "command hook runs the step's command, keeps its exit status and does not call shiplog" {
  stub buildkite-agent "redactor add --format json : cat > /dev/null; touch '${BATS_TEST_TMPDIR}/registered'"
  export BUILDKITE_COMMAND="test -e '${BATS_TEST_TMPDIR}/registered' && echo 'redactor first'; ${BUILDKITE_COMMAND}"

  run "${PLUGIN}/hooks/command"

  assert_failure 3
  assert_output --partial "redactor first"
  assert_output --partial "deploying shop"
  [ ! -e "$FAKE_SHIPLOG_LOG" ]
  unstub buildkite-agent
}

@test "the wrapped command does not see credentials the plugin mapped for shiplog" {
  agent_env "$LOCATION" '{"operation":"deploy","application":"GLOBAL.Acme.Store.shop","env":"qa","credentials":{"dhpass":"DH_PASSWORD"}}' json
  unset DHPASS
  export DH_PASSWORD="$PASSWORD"
  export BUILDKITE_COMMAND='echo "DHPASS=${DHPASS:-unset}"'
  stub buildkite-agent "redactor add --format json : cat > '${BATS_TEST_TMPDIR}/redacted'"

  run "${PLUGIN}/hooks/command"

  assert_success
  assert_output --partial "DHPASS=unset"
  grep -q "DH_PASSWORD" "${BATS_TEST_TMPDIR}/redacted"
  unstub buildkite-agent
}

@test "the step command runs a script in the checkout directly" {
  printf '#!/bin/bash\necho "from script $1"\n' > deploy.sh
  chmod +x deploy.sh
  export BUILDKITE_COMMAND="deploy.sh"
  stub buildkite-agent "redactor add --format json : cat > /dev/null"

  run "${PLUGIN}/hooks/command"

  assert_success
  assert_output --partial "from script"
  unstub buildkite-agent
}

@test "an agent that does not evaluate commands only runs scripts" {
  export BUILDKITE_COMMAND_EVAL=false
  stub buildkite-agent "redactor add --format json : cat > /dev/null"

  run "${PLUGIN}/hooks/command"

  assert_failure 2
  assert_output --partial "does not evaluate commands"
  [ ! -e ran.txt ]
  unstub buildkite-agent
}

@test "an agent that does not evaluate commands refuses a script outside the checkout" {
  export BUILDKITE_COMMAND_EVAL=false BUILDKITE_BUILD_CHECKOUT_PATH="${WORKDIR}"
  printf '#!/bin/bash\ntouch "%s/outside-ran"\n' "${BATS_TEST_TMPDIR}" > ../outside.sh
  chmod +x ../outside.sh
  mkdir -p sub
  ln -s ../../outside.sh sub/link.sh
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "redactor add --format json : cat > /dev/null" \
    "redactor add --format json : cat > /dev/null" \
    "redactor add --format json : cat > /dev/null"

  for script in ../outside.sh "${BATS_TEST_TMPDIR}/outside.sh" sub/../../outside.sh sub/link.sh; do
    export BUILDKITE_COMMAND="$script"
    run --separate-stderr "${PLUGIN}/hooks/command"
    assert_failure 2
    [ "${#stderr_lines[@]}" -eq 1 ] || fail "expected one line for ${script}, got: $stderr"
    [[ "$stderr" == *"outside the checkout directory"* ]] || fail "unexpected for ${script}: $stderr"
  done
  [ ! -e "${BATS_TEST_TMPDIR}/outside-ran" ]
  unstub buildkite-agent
}

@test "an agent that does not evaluate commands runs a script inside the checkout (.. and symlinks resolved)" {
  export BUILDKITE_COMMAND_EVAL=false
  mkdir -p scripts sub
  printf '#!/bin/bash\necho "deploy ran"\n' > scripts/deploy.sh
  chmod +x scripts/deploy.sh
  ln -s ../scripts/deploy.sh sub/deploy-link.sh
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "redactor add --format json : cat > /dev/null" \
    "redactor add --format json : cat > /dev/null"

  for script in scripts/deploy.sh sub/../scripts/deploy.sh sub/deploy-link.sh; do
    export BUILDKITE_COMMAND="$script"
    # without BUILDKITE_BUILD_CHECKOUT_PATH the checkout is the working directory; with it, that path (via a symlink)
    if [[ "$script" == sub/deploy-link.sh ]]; then
      ln -s "${WORKDIR}" "${BATS_TEST_TMPDIR}/checkout-link"
      export BUILDKITE_BUILD_CHECKOUT_PATH="${BATS_TEST_TMPDIR}/checkout-link"
    fi
    run "${PLUGIN}/hooks/command"
    assert_success
    assert_output --partial "deploy ran"
  done
  unstub buildkite-agent
}

@test "a script without the executable bit is made executable and run, as the agent does" {
  printf '#!/bin/bash\necho "from script"\nexit 4\n' > deploy.sh
  chmod 644 deploy.sh
  export BUILDKITE_COMMAND="deploy.sh"
  stub buildkite-agent "redactor add --format json : cat > /dev/null"

  run "${PLUGIN}/hooks/command"

  assert_failure 4
  assert_output --partial "from script"
  [ -x deploy.sh ]
  unstub buildkite-agent
}

@test "a named URL variable that is unset stops the command hook before the step command runs" {
  agent_env "$LOCATION" '{"operation":"deploy","application":"GLOBAL.Acme.Store.shop","env":"qa","credentials":{"dhurl":"DH_SERVERURL"}}' json
  unset DH_SERVERURL
  stub buildkite-agent

  run --separate-stderr "${PLUGIN}/hooks/command"

  assert_failure 2
  [ "${#stderr_lines[@]}" -eq 1 ] || fail "expected one line, got: $stderr"
  [[ "$stderr" == *"DH_SERVERURL is unset or empty"* ]] || fail "unexpected: $stderr"
  [ ! -e ran.txt ]
  [ ! -e "$FAKE_SHIPLOG_LOG" ]
  unstub buildkite-agent
}

@test "post-command records a successful wrapped deployment with the job's log link" {
  export BUILDKITE_COMMAND_EXIT_STATUS=0
  export FAKE_SHIPLOG_RESULT='{"ok":true,"operation":"deploy","deployment":{"id":12,"appVersion":"GLOBAL.Acme.Store.shop;1_0_1","environment":"qa","exitCode":0,"status":"success"}}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style success --context shiplog-deploy : cat > '${BATS_TEST_TMPDIR}/annotation'" \
    "meta-data set shiplog-deployment-id 12 : true" \
    "meta-data set shiplog-deployment-status success : true" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;1_0_1 : true"

  run "${PLUGIN}/hooks/post-command"

  assert_success
  run shiplog_calls
  assert_output "deploy
--attr=Chart=shop-1.2.0
--application=GLOBAL.Acme.Store.shop
--env=qa
--log-url=https://buildkite.com/acme/shop/builds/42#0190-job
--exit-code=0
--json
DHURL=<unset>
DHUSER=<unset>
DHPASS=<expected>
--"
  unstub buildkite-agent
  run cat "${BATS_TEST_TMPDIR}/annotation"
  assert_output --partial '| Status | ✅ success |'
}

@test "post-command records a failed wrapped deployment and succeeds: the step keeps the command's status" {
  export BUILDKITE_COMMAND_EXIT_STATUS=3
  export FAKE_SHIPLOG_EXIT=1
  export FAKE_SHIPLOG_RESULT='{"ok":false,"operation":"deploy","deployment":{"id":14,"appVersion":"GLOBAL.Acme.Store.shop;1_0_1","environment":"qa","exitCode":3,"status":"failed"},"error":{"code":"DEPLOY_FAILED","message":"deployment to qa failed with exit code 3","exitCode":1}}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style error --context shiplog-deploy : cat > /dev/null" \
    "meta-data set shiplog-deployment-id 14 : true" \
    "meta-data set shiplog-deployment-status failed : true" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;1_0_1 : true"

  run "${PLUGIN}/hooks/post-command"

  assert_success
  assert_output --partial "recorded the failed deployment"
  run shiplog_calls
  assert_line "--exit-code=3"
  unstub buildkite-agent
}

@test "post-command fails when the deployment could not be recorded" {
  export BUILDKITE_COMMAND_EXIT_STATUS=3
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style error --context shiplog-deploy : cat > /dev/null" \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style error --context shiplog-deploy : cat > /dev/null" \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style warning --context shiplog-deploy : cat > /dev/null"

  export FAKE_SHIPLOG_EXIT=3 FAKE_SHIPLOG_RESULT='{"ok":false,"error":{"code":"AUTH_FAILED","message":"login refused","exitCode":3}}'
  run "${PLUGIN}/hooks/post-command"
  assert_failure 3
  export FAKE_SHIPLOG_EXIT=4 FAKE_SHIPLOG_RESULT='{"ok":false,"error":{"code":"BACKEND_UNAVAILABLE","message":"server down","exitCode":4}}'
  run "${PLUGIN}/hooks/post-command"
  assert_failure 4
  # exit 1 without a stored deployment (a gate refused the record) is a failure too
  export FAKE_SHIPLOG_EXIT=1 FAKE_SHIPLOG_RESULT='{"ok":false,"error":{"code":"APPROVAL_REQUIRED","message":"prod needs an approval","exitCode":1}}'
  run "${PLUGIN}/hooks/post-command"
  assert_failure 1
  refute_output --partial "recorded the failed deployment"
  unstub buildkite-agent
}

@test "post-command from the flattened variables only" {
  agent_env "$LOCATION" "$DEPLOY_CONFIG" flattened
  unset BUILDKITE_PLUGIN_CONFIGURATION BUILDKITE_PLUGIN_NAME
  export BUILDKITE_COMMAND_EXIT_STATUS=0
  export FAKE_SHIPLOG_RESULT='{"ok":true,"operation":"deploy","deployment":{"id":13}}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style success --context shiplog-deploy : cat > /dev/null" \
    "meta-data set shiplog-deployment-id 13 : true"

  run "${PLUGIN}/hooks/post-command"

  assert_success
  run shiplog_calls
  assert_line "--attr=Chart=shop-1.2.0"
  assert_line "--exit-code=0"
  unstub buildkite-agent
}

@test "post-command without an exit status is a configuration error" {
  unset BUILDKITE_COMMAND_EXIT_STATUS
  stub buildkite-agent

  run "${PLUGIN}/hooks/post-command"

  assert_failure 2
  assert_output --partial "BUILDKITE_COMMAND_EXIT_STATUS"
  unstub buildkite-agent
}

@test "post-command does nothing when the plugin ran the operation itself" {
  export BUILDKITE_COMMAND=""
  export BUILDKITE_COMMAND_EXIT_STATUS=0
  stub buildkite-agent

  run "${PLUGIN}/hooks/post-command"

  assert_success
  assert_output ""
  [ ! -e "$FAKE_SHIPLOG_LOG" ]
  unstub buildkite-agent
}

@test "post-command without a step command does not even start node" {
  export BUILDKITE_COMMAND="  "
  mkdir -p "${BATS_TEST_TMPDIR}/nodebin"
  printf '#!/bin/sh\ntouch "%s/node-started"\nexit 99\n' "${BATS_TEST_TMPDIR}" >"${BATS_TEST_TMPDIR}/nodebin/node"
  chmod +x "${BATS_TEST_TMPDIR}/nodebin/node"

  PATH="${BATS_TEST_TMPDIR}/nodebin:${PATH}" run "${PLUGIN}/hooks/post-command"

  assert_success
  [ ! -e "${BATS_TEST_TMPDIR}/node-started" ]
}

@test "wrapping refuses plugin options that would run or record a second deployment" {
  agent_env "$LOCATION" '{"operation":"deploy","application":"GLOBAL.Acme.Store.shop","env":"qa","command":"helm upgrade"}' json
  stub buildkite-agent

  run "${PLUGIN}/hooks/command"

  assert_failure 2
  assert_output --partial 'cannot be used while the plugin wraps the step command'
  unstub buildkite-agent
}
