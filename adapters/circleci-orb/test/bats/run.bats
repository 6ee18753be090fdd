#!/usr/bin/env bats
# src/scripts/run.sh: parameters (environment variables, as the orb's run step sets them) -> CLI flags.

setup() {
  load helpers
  common_setup
  install_stub_bundle
  export SHIPLOG_OPERATION=deploy
}

teardown() {
  common_teardown
}

result() {
  cat "$SHIPLOG_RESULT_DIR/$SHIPLOG_OPERATION.json"
}

@test "string parameters become flags; empty ones are left out" {
  export SHIPLOG_IN_APPLICATION=GLOBAL.Acme.Store.shop SHIPLOG_IN_ENV=qa SHIPLOG_IN_APP_VERSION='' SHIPLOG_IN_LOG_URL=''
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial "arg: --application"
  run node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1])); console.log(r.argv.join(" "))' "$SHIPLOG_RESULT_DIR/deploy.json"
  assert_output --partial "deploy --json"
  assert_output --partial "--application GLOBAL.Acme.Store.shop"
  assert_output --partial "--env qa"
  refute_output --partial "--app-version"
  refute_output --partial "--log-url"
}

@test "booleans: true adds the flag, false leaves it out, anything else is refused with exit 2" {
  export SHIPLOG_IN_APPLICATION=app SHIPLOG_FLAG_DRY_RUN=true SHIPLOG_FLAG_INSECURE=false
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial "arg: --dry-run"
  refute_output --partial "arg: --insecure"
  export SHIPLOG_FLAG_INSECURE=yes
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output --partial "insecure must be true or false"
}

@test "list parameters: one flag per non-empty line, trimmed" {
  export SHIPLOG_LIST_ATTR=$'DockerTag=v1\n\n   Chart=shop-1.2  \nKey=with spaces inside'
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial "arg: DockerTag=v1"
  assert_output --partial "arg: Chart=shop-1.2"$'\n'
  assert_output --partial "arg: Key=with spaces inside"
  [ "$(grep -c '^arg: --attr$' <<<"$output")" -eq 3 ]
}

@test "\${NAME} in a value is expanded at run time; \$NAME and command substitution are not; command is untouched" {
  export SHIPLOG_IN_COMPONENT_VERSION='v1.${CIRCLE_BUILD_NUM}-$CIRCLE_BRANCH-$(id)-${NOT_SET}'
  export SHIPLOG_IN_COMMAND='echo ${CIRCLE_SHA1}'
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial 'arg: v1.42-$CIRCLE_BRANCH-$(id)-'$'\n'
  assert_output --partial 'arg: echo ${CIRCLE_SHA1}'
}

@test "\${name} reads the job's variable even where the script has a variable of that name" {
  export name=N value=V line=L flag=F var=R out=O rest=T
  export SHIPLOG_IN_NOTES='${name}-${value}-${line}-${flag}-${var}-${out}-${rest}'
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial 'arg: N-V-L-F-R-O-T'$'\n'
}

@test "credentials are read by the variable name the parameter gives, exported to the CLI, never in its arguments" {
  export MY_URL=https://ortelius.example.com MY_USER=ci MY_PASS='pa ss$w0rd'
  export SHIPLOG_ENVVAR_DHURL=MY_URL SHIPLOG_ENVVAR_DHUSER=MY_USER SHIPLOG_ENVVAR_DHPASS=MY_PASS
  run bash "$SCRIPTS/run.sh"
  assert_success
  run cat "$SHIPLOG_RESULT_DIR/deploy.json"
  assert_output --partial '"DHURL":"https://ortelius.example.com"'
  assert_output --partial '"DHUSER":"ci"'
  assert_output --partial '"hasDHPASS":true'
  refute_output --partial 'pa ss$w0rd'
  refute_output --partial "--dhpass"
}

@test "a named credential variable that is empty does not fall back to another DHPASS in the job" {
  export DHPASS=ambient-secret SHIPLOG_ENVVAR_DHPASS=ORTELIUS_PASSWORD
  run bash "$SCRIPTS/run.sh"
  assert_success
  run cat "$SHIPLOG_RESULT_DIR/deploy.json"
  assert_output --partial '"hasDHPASS":false'
}

@test "an env_var_name that is not a variable name is refused with exit 2" {
  export SHIPLOG_ENVVAR_DHPASS='$(cat /etc/passwd)'
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output --partial "must name an environment variable"
}

@test "a parameter that expands to the password is refused before anything runs" {
  export DHPASS=hunter2-secret SHIPLOG_IN_NOTES='leak ${DHPASS}'
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output --partial "contains the password"
  refute_output --partial "hunter2-secret"
  [ ! -e "$SHIPLOG_RESULT_DIR/deploy.json" ]
}

@test "the CLI's exit code is the step's; the result is stored and announced in BASH_ENV" {
  export STUB_EXIT=5
  run bash "$SCRIPTS/run.sh"
  assert_failure 5
  assert_output --partial "result (exit 5), stored in $SHIPLOG_RESULT_DIR/deploy.json"
  run cat "$BASH_ENV"
  assert_output "export SHIPLOG_RESULT='$SHIPLOG_RESULT_DIR/deploy.json'"
}

@test "defer_exit: the step succeeds, the first failure is kept for exit-status, result files do not overwrite" {
  export SHIPLOG_DEFER_EXIT=true STUB_EXIT=1
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial "failed with exit 1"
  export STUB_EXIT=0
  run bash "$SCRIPTS/run.sh"
  assert_success
  [ -f "$SHIPLOG_RESULT_DIR/deploy.json" ] && [ -f "$SHIPLOG_RESULT_DIR/deploy-2.json" ]
  run cat "$SHIPLOG_RESULT_DIR/exit-code"
  assert_output "1"
}

@test "envscript writes to \$BASH_ENV unless output is given" {
  export SHIPLOG_OPERATION=envscript
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial "arg: --output"$'\n'"arg: $BASH_ENV"
  export SHIPLOG_IN_OUTPUT=vars.sh
  run bash "$SCRIPTS/run.sh"
  assert_output --partial "arg: vars.sh"
  refute_output --partial "arg: $BASH_ENV"
}

@test "without the install step the run step says so (exit 2)" {
  rm -rf "$HOME/.shiplog"
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output --partial "the install step did not run"
}
