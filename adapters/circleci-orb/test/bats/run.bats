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
  export SHIPLOG_IN_COMPONENT_VERSION='v1.${CIRCLE_BUILD_NUM}-$CIRCLE_BRANCH-$(id)-${-x'
  export SHIPLOG_IN_COMMAND='echo ${CIRCLE_SHA1} ${NOT_SET}'
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial 'arg: v1.42-$CIRCLE_BRANCH-$(id)-${-x'$'\n'
  assert_output --partial 'arg: echo ${CIRCLE_SHA1} ${NOT_SET}'
}

@test "a \${NAME} whose variable is not set fails the step with exit 2 instead of dropping the flag" {
  # exit_code left out would turn a record-only deploy into a real deployment.
  export SHIPLOG_IN_APPLICATION=app SHIPLOG_IN_ENV=qa SHIPLOG_IN_EXIT_CODE='${DEPLOY_RC}'
  unset DEPLOY_RC
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output 'shiplog: error: parameter exit_code references ${DEPLOY_RC}, which is not set in this job'
  [ ! -e "$SHIPLOG_RESULT_DIR/deploy.json" ]
  # The same inside a longer value and in a list item.
  export DEPLOY_RC=0 SHIPLOG_IN_NOTES='tag ${CIRCLE_TAG}'
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output 'shiplog: error: parameter notes references ${CIRCLE_TAG}, which is not set in this job'
  unset SHIPLOG_IN_NOTES
  export SHIPLOG_LIST_ATTR=$'DockerTag=v1\nDockerSha=${IMAGE_SHA}'
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output 'shiplog: error: parameter attr references ${IMAGE_SHA}, which is not set in this job'
  [ ! -e "$SHIPLOG_RESULT_DIR/deploy.json" ]
}

@test "a \${NAME} whose variable is set but empty fails the step with exit 2 too" {
  export SHIPLOG_IN_APPLICATION=app SHIPLOG_IN_ENV=qa SHIPLOG_IN_EXIT_CODE='${DEPLOY_RC}' DEPLOY_RC=''
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output 'shiplog: error: parameter exit_code references ${DEPLOY_RC}, which is empty in this job'
  export DEPLOY_RC=3 SHIPLOG_LIST_ATTR='Chart=${CHART}' CHART=''
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output 'shiplog: error: parameter attr references ${CHART}, which is empty in this job'
  export CHART=shop-1.2
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial "arg: --exit-code"$'\n'"arg: 3"$'\n'
  assert_output --partial "arg: Chart=shop-1.2"$'\n'
}

# Every variable name the scripts declare or assign (comments left out): local NAME..., for NAME in, NAME=...,
# read ... NAME, printf -v NAME. IFS is only ever a prefix assignment (IFS= read), not a variable of the script.
declared_names() {
  local code
  code="$(sed -E 's/(^|[[:space:]])#.*$//' "$SCRIPTS"/*.sh)"
  {
    sed -nE 's/^[[:space:]]*local[[:space:]]+//p' <<<"$code" | sed -E 's/"[^"]*"//g; s/=[^[:space:]]*//g' | tr ' ' '\n'
    grep -oE '\bfor [A-Za-z_][A-Za-z0-9_]* in\b' <<<"$code" | cut -d' ' -f2
    grep -oE '^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*(\+)?=' <<<"$code" | tr -d ' +='
    grep -oE '\bread( -[a-z]+( [^ ]+)?)* [A-Za-z_][A-Za-z0-9_]*' <<<"$code" | grep -oE '[A-Za-z_][A-Za-z0-9_]*$'
    grep -oE 'printf -v [A-Za-z_][A-Za-z0-9_]*' <<<"$code" | cut -d' ' -f3
    # The helpers set the variable their last argument names: shiplog_sha256 "$tmp" actual.
    grep -oE '\bshiplog_[a-z0-9_]+ .* [A-Za-z_][A-Za-z0-9_]*$' <<<"$code" | grep -oE '[A-Za-z_][A-Za-z0-9_]*$'
  } | grep -E '^[A-Za-z_][A-Za-z0-9_]*$' | grep -vxE 'IFS|then|do' | sort -u
}

@test "every name the scripts declare: \${NAME} and an env_var_name read the job's variable, never the script's" {
  mapfile -t names < <(declared_names | grep -v '^SHIPLOG_')
  # The walk itself must find the scripts' variables, or this test would pass on nothing.
  [ "${#names[@]}" -ge 15 ]
  for known in bundle result rc dir first _name _text _file home actual node_major; do
    [[ " ${names[*]} " == *" $known "* ]] || { echo "declared_names missed $known: ${names[*]}"; return 1; }
  done
  local refs="" want="" n
  for n in "${names[@]}"; do
    export "$n=job-$n"
    refs+="\${$n}|"
    want+="job-$n|"
  done
  export SHIPLOG_IN_NOTES="$refs"
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial "arg: $want"$'\n'
  unset SHIPLOG_IN_NOTES
  rm -f "$SHIPLOG_RESULT_DIR/deploy.json"
  for n in "${names[@]}"; do
    export SHIPLOG_ENVVAR_DHUSER="$n"
    run bash "$SCRIPTS/run.sh"
    assert_success
    run cat "$SHIPLOG_RESULT_DIR/deploy.json"
    assert_output --partial "\"DHUSER\":\"job-$n\""
    rm -f "$SHIPLOG_RESULT_DIR/deploy.json"
  done
}

@test "the orb's own SHIPLOG_* variables (the script's state included) cannot be referenced" {
  mapfile -t names < <(declared_names | grep '^SHIPLOG_')
  [[ " ${names[*]} " == *" SHIPLOG_ARGS "* ]] && [[ " ${names[*]} " == *" SHIPLOG_CUR_FLAG "* ]]
  for n in "${names[@]}" SHIPLOG_OPERATION; do
    export SHIPLOG_IN_NOTES="\${$n}"
    run bash "$SCRIPTS/run.sh"
    assert_failure 2
    assert_output "shiplog: error: parameter notes references \${$n}, a variable of the orb itself (SHIPLOG_*); name a variable of the job"
  done
  unset SHIPLOG_IN_NOTES
  export SHIPLOG_ENVVAR_DHPASS=SHIPLOG_VERSION
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output --partial "parameter dhpass names SHIPLOG_VERSION, a variable of the orb itself"
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

@test "dhurl naming another variable that is unset or empty fails with exit 2 instead of recording locally" {
  export ORTELIUS_USER=ci ORTELIUS_PASS=s3cret-pass DHURL=https://ambient.example.com
  export SHIPLOG_ENVVAR_DHURL=ORTELIUS_URL SHIPLOG_ENVVAR_DHUSER=ORTELIUS_USER SHIPLOG_ENVVAR_DHPASS=ORTELIUS_PASS
  for backend in "" ortelius; do
    export SHIPLOG_IN_BACKEND="$backend"
    run bash "$SCRIPTS/run.sh"
    assert_failure 2
    assert_output "shiplog: error: parameter dhurl names ORTELIUS_URL, which is not set (or empty) in this job; set it (e.g. in a context) or pass backend: local"
    [ ! -e "$SHIPLOG_RESULT_DIR/deploy.json" ]
  done
  export ORTELIUS_URL=''
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output --partial "parameter dhurl names ORTELIUS_URL"
  # backend: local asks for the embedded store: no URL needed, and none is passed on.
  export SHIPLOG_IN_BACKEND=local
  run bash "$SCRIPTS/run.sh"
  assert_success
  run cat "$SHIPLOG_RESULT_DIR/deploy.json"
  assert_output --partial '"DHURL":null'
}

@test "dhurl left at its default DHURL and unset: the core decides (local store), as documented" {
  unset DHURL
  export SHIPLOG_ENVVAR_DHURL=DHURL
  run bash "$SCRIPTS/run.sh"
  assert_success
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

@test "envscript to \$BASH_ENV takes format sh only; other formats need output (exit 2, nothing written)" {
  export SHIPLOG_OPERATION=envscript
  for format in dotenv json github; do
    export SHIPLOG_IN_FORMAT="$format"
    run bash "$SCRIPTS/run.sh"
    assert_failure 2
    assert_output "shiplog: error: format $format cannot go to \$BASH_ENV (later steps load it as shell): set output to a file, or use format sh"
    [ ! -e "$BASH_ENV" ]
  done
  export SHIPLOG_IN_OUTPUT=vars.json
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial "arg: --output"$'\n'"arg: vars.json"
  export SHIPLOG_IN_FORMAT=sh SHIPLOG_IN_OUTPUT=''
  run bash "$SCRIPTS/run.sh"
  assert_success
  assert_output --partial "arg: --output"$'\n'"arg: $BASH_ENV"
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
