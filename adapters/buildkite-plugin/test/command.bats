#!/usr/bin/env bats
# shellcheck disable=SC2030,SC2031,SC2016,SC2154 # stderr* come from run --separate-stderr; each @test is a subshell by design; single quotes hold JSON and commands run later
# The command hook, run the way the agent runs it: plugin env (JSON + flattened, or flattened only), a
# buildkite-agent stub, and a fake shiplog CLI in the plugin's dist/.

bats_require_minimum_version 1.5.0
load helpers

LOCATION="github.com/acme/shiplog-buildkite-plugin#v0.1.0"

setup() {
  common_setup
  export EXPECTED_DHPASS="${PASSWORD}"
}

VU_CONFIG='{"operation":"version-update","component-name":"GLOBAL.Acme.Store.cart","application":"GLOBAL.Acme.Store.shop","attr":["DockerSha=sha256:abc","Team=web"],"auto-increment":true,"state-dir":"/var/lib/shiplog"}'
VU_RESULT='{"ok":true,"operation":"version-update","schemaVersion":1,"componentVersion":"GLOBAL.Acme.Store.cart;main;v1_2_0","componentVersionId":"cv:1","componentVersionCreated":true,"appVersion":"GLOBAL.Acme.Store.shop;1_0_1","appVersionId":"av:1","appVersionCreated":true}'

expect_version_update_call() {
  run shiplog_calls
  assert_output "version-update
--state-dir=/var/lib/shiplog
--component-name=GLOBAL.Acme.Store.cart
--auto-increment=true
--attr=DockerSha=sha256:abc
--attr=Team=web
--application=GLOBAL.Acme.Store.shop
--json
DHURL=<unset>
DHUSER=<unset>
DHPASS=<expected>
--"
}

stub_success_reporting() {
  stub buildkite-agent \
    "redactor add --format json : cat > '${BATS_TEST_TMPDIR}/redacted'" \
    "annotate --style success --context shiplog-version-update : cat > '${BATS_TEST_TMPDIR}/annotation'" \
    "meta-data set shiplog-component-version GLOBAL.Acme.Store.cart;main;v1_2_0 : echo set" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;1_0_1 : echo set"
}

@test "version-update from the JSON configuration (and flattened vars, as the agent sets both)" {
  agent_env "$LOCATION" "$VU_CONFIG" json
  export FAKE_SHIPLOG_RESULT="$VU_RESULT"
  stub_success_reporting

  run "${PLUGIN}/hooks/command"

  assert_success
  expect_version_update_call
  unstub buildkite-agent
  run cat "${BATS_TEST_TMPDIR}/annotation"
  # the core's one markdown renderer (the same as GitHub's job summary)
  assert_output --partial "### shiplog version-update"
  assert_output --partial '| Application version | `GLOBAL.Acme.Store.shop;1_0_1` (created) |'
  # the password went to the agent's redactor, in its raw and encoded forms, through stdin
  run node -e 'const o=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(Object.values(o).join("\n"))' "${BATS_TEST_TMPDIR}/redacted"
  assert_line "$PASSWORD"
  assert_line "$(printf '%s' "$PASSWORD" | base64)"
}

@test "version-update from the flattened variables only (agent without BUILDKITE_PLUGIN_CONFIGURATION)" {
  agent_env "$LOCATION" "$VU_CONFIG" flattened
  [ -z "${BUILDKITE_PLUGIN_CONFIGURATION:-}" ]
  [ -z "${BUILDKITE_PLUGIN_NAME:-}" ]
  [ "$BUILDKITE_PLUGIN_SHIPLOG_ATTR_1" = "Team=web" ]
  export FAKE_SHIPLOG_RESULT="$VU_RESULT"
  stub_success_reporting

  run "${PLUGIN}/hooks/command"

  assert_success
  expect_version_update_call
  unstub buildkite-agent
}

@test "a plugin referenced by its monorepo subdirectory reads its own flattened prefix" {
  agent_env "github.com/acme/shiplog/adapters/buildkite-plugin#v0.1.0" "$VU_CONFIG" json
  [ "$BUILDKITE_PLUGIN_NAME" = "BUILDKITE_PLUGIN" ]
  unset BUILDKITE_PLUGIN_CONFIGURATION
  export FAKE_SHIPLOG_RESULT="$VU_RESULT"
  stub_success_reporting

  run "${PLUGIN}/hooks/command"

  assert_success
  expect_version_update_call
  unstub buildkite-agent
}

@test "credentials name the variables: values reach the CLI only through its environment" {
  agent_env "$LOCATION" '{"operation":"approve","application":"GLOBAL.Acme.Store.shop","backend":"ortelius","credentials":{"dhurl":"DH_SERVERURL","dhuser":"DH_USERID","dhpass":"DH_PASSWORD"}}' json
  unset DHPASS
  export DH_SERVERURL="http://127.0.0.1:9" DH_USERID="admin" DH_PASSWORD="$PASSWORD"
  export FAKE_SHIPLOG_RESULT='{"ok":true,"operation":"approve","appVersion":"GLOBAL.Acme.Store.shop;1_0_1","approved":true}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style success --context shiplog-approve : cat > /dev/null" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;1_0_1 : true"

  run "${PLUGIN}/hooks/command"

  assert_success
  refute_secret "$output"
  run shiplog_calls
  assert_line "DHURL=http://127.0.0.1:9"
  assert_line "DHUSER=admin"
  assert_line "DHPASS=<expected>"
  refute_secret "$(shiplog_calls)" # not in the CLI's argv
  unstub buildkite-agent
}

@test "a renamed credential variable that is unset is not replaced by the default one" {
  # backend local: an unset named URL variable is then no error (see the next test)
  agent_env "$LOCATION" '{"operation":"approve","application":"GLOBAL.Acme.Store.shop","backend":"local","credentials":{"dhurl":"DH_SERVERURL","dhpass":"DH_PASSWORD"}}' json
  export DHURL="http://127.0.0.1:9" # set in the job, but the pipeline named DH_SERVERURL
  unset DH_PASSWORD DH_SERVERURL
  export FAKE_SHIPLOG_RESULT='{"ok":true,"operation":"approve","appVersion":"GLOBAL.Acme.Store.shop;1","approved":true}'
  stub buildkite-agent \
    "annotate --style success --context shiplog-approve : cat > /dev/null" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;1 : true"

  run "${PLUGIN}/hooks/command"

  assert_success
  run shiplog_calls
  assert_line "DHURL=<unset>"
  assert_line "DHPASS=<unset>"
  unstub buildkite-agent
}

@test "a named URL variable that is unset or empty: one line, exit 2, nothing run or reported" {
  stub buildkite-agent
  export DHURL="http://127.0.0.1:9" # the default variable does not stand in for the named one
  for config in '{"operation":"approve","application":"GLOBAL.Acme.Store.shop","credentials":{"dhurl":"DH_SERVERURL"}}' \
    '{"operation":"version-update","backend":"ortelius","credentials":{"dhurl":"DH_SERVERURL","dhpass":"DH_PASSWORD"}}'; do
    for value in unset ""; do
      agent_env "$LOCATION" "$config" json
      if [[ "$value" == unset ]]; then unset DH_SERVERURL; else export DH_SERVERURL="$value"; fi
      run --separate-stderr "${PLUGIN}/hooks/command"
      assert_failure 2
      [ "${#stderr_lines[@]}" -eq 1 ] || fail "expected one line, got: $stderr"
      [[ "$stderr" == "shiplog: error: credentials.dhurl names DH_SERVERURL, but DH_SERVERURL is unset or empty"* ]] || fail "unexpected: $stderr"
    done
  done
  [ ! -e "$FAKE_SHIPLOG_LOG" ]
  [ ! -e .shiplog ]
  unstub buildkite-agent
}

@test "a named URL variable may be unset when the backend is local or the URL is the dhurl option" {
  unset DH_SERVERURL
  export FAKE_SHIPLOG_RESULT='{"ok":true,"operation":"approve","appVersion":"GLOBAL.Acme.Store.shop;1","approved":true}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style success --context shiplog-approve : cat > /dev/null" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;1 : true" \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style success --context shiplog-approve : cat > /dev/null" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;1 : true"

  agent_env "$LOCATION" '{"operation":"approve","application":"GLOBAL.Acme.Store.shop","credentials":{"dhurl":"DH_SERVERURL"}}' json
  SHIPLOG_BACKEND=local run "${PLUGIN}/hooks/command"
  assert_success
  agent_env "$LOCATION" '{"operation":"approve","application":"GLOBAL.Acme.Store.shop","dhurl":"http://127.0.0.1:9","credentials":{"dhurl":"DH_SERVERURL"}}' json
  run "${PLUGIN}/hooks/command"
  assert_success

  run shiplog_calls
  assert_line "--dhurl=http://127.0.0.1:9"
  unstub buildkite-agent
}

@test "deploy in run mode links the job's log and publishes the deployment id" {
  agent_env "$LOCATION" '{"operation":"deploy","application":"GLOBAL.Acme.Store.shop","env":"qa","command":"helm upgrade --install shop ./chart"}' json
  export FAKE_SHIPLOG_RESULT='{"ok":true,"operation":"deploy","deployment":{"id":7,"appVersion":"GLOBAL.Acme.Store.shop;1_0_1","environment":"qa","exitCode":0,"status":"success"}}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style success --context shiplog-deploy : cat > '${BATS_TEST_TMPDIR}/annotation'" \
    "meta-data set shiplog-deployment-id 7 : true" \
    "meta-data set shiplog-deployment-status success : true" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;1_0_1 : true"

  run "${PLUGIN}/hooks/command"

  assert_success
  run shiplog_calls
  assert_line "--command=helm upgrade --install shop ./chart"
  assert_line "--log-url=https://buildkite.com/acme/shop/builds/42#0190-job"
  unstub buildkite-agent
  run cat "${BATS_TEST_TMPDIR}/annotation"
  assert_output --partial '| Deployment | #7 |'
}

@test "a failed deployment that was recorded publishes its id, status and app version" {
  agent_env "$LOCATION" '{"operation":"deploy","application":"GLOBAL.Acme.Store.shop","env":"qa","command":"false"}' json
  export FAKE_SHIPLOG_EXIT=1
  export FAKE_SHIPLOG_RESULT='{"ok":false,"operation":"deploy","deployment":{"id":9,"appVersion":"GLOBAL.Acme.Store.shop;1_0_1","environment":"qa","exitCode":1,"status":"failed"},"error":{"code":"DEPLOY_FAILED","message":"deployment to qa failed with exit code 1","exitCode":1}}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style error --context shiplog-deploy : cat > /dev/null" \
    "meta-data set shiplog-deployment-id 9 : true" \
    "meta-data set shiplog-deployment-status failed : true" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;1_0_1 : true"

  run "${PLUGIN}/hooks/command"

  assert_failure 1
  unstub buildkite-agent
}

@test "envscript without output prints the script in the job log; the annotation still reports it" {
  agent_env "$LOCATION" '{"operation":"envscript","format":"sh"}' json
  export FAKE_SHIPLOG_RESULT='{"ok":true,"operation":"envscript","file":null,"format":"sh","variables":{"GIT_BRANCH":"main","SHORT_SHA":"61ba0ab"},"script":"export GIT_BRANCH='"'main'"'\nexport SHORT_SHA='"'61ba0ab'"'\n"}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style success --context shiplog-envscript : cat > '${BATS_TEST_TMPDIR}/annotation'"

  run --separate-stderr "${PLUGIN}/hooks/command"

  assert_success
  assert_output "export GIT_BRANCH='main'
export SHORT_SHA='61ba0ab'"
  unstub buildkite-agent
  run cat "${BATS_TEST_TMPDIR}/annotation"
  assert_output --partial '| Variables | `GIT_BRANCH` `SHORT_SHA` |'
  assert_output --partial '| File | `job log (no output file)` |'
}

@test "envscript with output writes nothing to the job log's stdout" {
  agent_env "$LOCATION" '{"operation":"envscript","output":"build.env"}' json
  export FAKE_SHIPLOG_RESULT='{"ok":true,"operation":"envscript","file":"/checkout/build.env","format":"sh","variables":{"A":"1"},"script":"export A='"'1'"'\n"}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style success --context shiplog-envscript : cat > /dev/null"

  run --separate-stderr "${PLUGIN}/hooks/command"

  assert_success
  assert_output ""
  unstub buildkite-agent
}

@test "a failed operation keeps its exit code and annotates an error, without meta-data" {
  agent_env "$LOCATION" '{"operation":"deploy","application":"GLOBAL.Acme.Store.shop","env":"qa","command":"false"}' json
  export FAKE_SHIPLOG_EXIT=1
  export FAKE_SHIPLOG_RESULT='{"ok":false,"error":{"code":"DEPLOY_FAILED","message":"deployment to qa failed with exit code 1","exitCode":1}}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style error --context shiplog-deploy : cat > '${BATS_TEST_TMPDIR}/annotation'"

  run "${PLUGIN}/hooks/command"

  assert_failure 1
  unstub buildkite-agent
  run cat "${BATS_TEST_TMPDIR}/annotation"
  assert_output --partial "deployment to qa failed with exit code 1"
  assert_output --partial "DEPLOY"
}

@test "a missing approval is a warning annotation and exit 1" {
  agent_env "$LOCATION" '{"operation":"move","application":"GLOBAL.Acme.Store.shop","to":"prod"}' json
  export FAKE_SHIPLOG_EXIT=1
  export FAKE_SHIPLOG_RESULT='{"ok":false,"error":{"code":"APPROVAL_REQUIRED","message":"prod needs an approval","exitCode":1}}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style warning --context shiplog-move : cat > /dev/null"

  run "${PLUGIN}/hooks/command"

  assert_failure 1
  unstub buildkite-agent
}

@test "booleans are explicit (false overrides the env); integers and single-string lists map to one flag" {
  agent_env "$LOCATION" '{"operation":"deploy","application":"GLOBAL.Acme.Store.shop","env":"qa","exit-code":3,"dry-run":false,"attr":"Cause=manual","log-url":"https://logs.example/1"}' flattened
  export FAKE_SHIPLOG_RESULT='{"ok":true,"operation":"deploy","deployment":{"id":8}}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style success --context shiplog-deploy : cat > /dev/null" \
    "meta-data set shiplog-deployment-id 8 : true"

  run "${PLUGIN}/hooks/command"

  assert_success
  run shiplog_calls
  assert_output "deploy
--dry-run=false
--attr=Cause=manual
--application=GLOBAL.Acme.Store.shop
--env=qa
--exit-code=3
--log-url=https://logs.example/1
--json
DHURL=<unset>
DHUSER=<unset>
DHPASS=<expected>
--"
  unstub buildkite-agent
}

@test "bad configuration: one line, exit 2, nothing run or reported" {
  stub buildkite-agent
  for config in '{"operation":"ship-it"}' '{"application":"GLOBAL.A.b"}' '{"operation":"deploy","env":"qa","bogus":1}' \
    '{"operation":"approve","stage":"prod","dry-run":"maybe"}' '{"operation":"approve","credentials":{"dhpass":"hunter2 in clear"}}'; do
    agent_env "$LOCATION" "$config" json
    run --separate-stderr "${PLUGIN}/hooks/command"
    assert_failure 2
    [ "${#stderr_lines[@]}" -eq 1 ] || fail "expected one line, got: $stderr"
    [[ "$stderr" == "shiplog: error: "* ]] || fail "unexpected: $stderr"
    unset BUILDKITE_PLUGIN_CONFIGURATION
  done
  [ ! -e "$FAKE_SHIPLOG_LOG" ]
  unstub buildkite-agent
}

@test "a step command with a non-deploy operation is refused" {
  agent_env "$LOCATION" '{"operation":"version-update"}' json
  export BUILDKITE_COMMAND="make build"
  stub buildkite-agent

  run "${PLUGIN}/hooks/command"

  assert_failure 2
  assert_output --partial 'cannot wrap one'
  unstub buildkite-agent
}

@test "a CLI that throws instead of returning: one error line, exit 1, an error annotation" {
  agent_env "$LOCATION" '{"operation":"approve","application":"GLOBAL.Acme.Store.shop"}' json
  export FAKE_SHIPLOG_THROW="boom in the bundle"
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null" \
    "annotate --style error --context shiplog-approve : cat > '${BATS_TEST_TMPDIR}/annotation'"

  run --separate-stderr "${PLUGIN}/hooks/command"

  assert_failure 1
  unstub buildkite-agent
  [[ "$stderr" == *"shiplog: error: the shiplog CLI failed unexpectedly: boom in the bundle"* ]] || fail "no error line: $stderr"
  [[ "$stderr" != *"    at "* ]] || fail "a stack trace reached the log: $stderr"
  run cat "${BATS_TEST_TMPDIR}/annotation"
  assert_output --partial "failed with exit 1 and no result"
}

@test "an agent without 'redactor add' only warns" {
  agent_env "$LOCATION" '{"operation":"approve","application":"GLOBAL.Acme.Store.shop"}' json
  export FAKE_SHIPLOG_RESULT='{"ok":true,"operation":"approve","appVersion":"GLOBAL.Acme.Store.shop;1","approved":true}'
  stub buildkite-agent \
    "redactor add --format json : cat > /dev/null; exit 1" \
    "annotate --style success --context shiplog-approve : cat > /dev/null" \
    "meta-data set shiplog-app-version GLOBAL.Acme.Store.shop;1 : true"

  run "${PLUGIN}/hooks/command"

  assert_success
  assert_output --partial "could not register the password"
  unstub buildkite-agent
}
