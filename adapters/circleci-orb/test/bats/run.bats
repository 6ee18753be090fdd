#!/usr/bin/env bats
# src/scripts/run.sh: the orb's glue around the bundle's circleciMain (which maps the parameters, see
# core/test/kit-orb-parameters.test.ts): the result file, the step output, $BASH_ENV, the exit status.

setup() {
  load helpers
  common_setup
  install_stub_bundle
  export SHIPLOG_OPERATION=deploy
}

teardown() {
  common_teardown
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

@test "every name the scripts declare: the bundle sees the job's variable of that name, never the script's" {
  # ${NAME} references and env_var_name parameters read the bundle's environment: run.sh names its own variables
  # SHIPLOG_* (which the bundle refuses to read), so no job variable reaches the bundle changed.
  mapfile -t names < <(declared_names | grep -v '^SHIPLOG_')
  # The walk itself must find the scripts' variables, or this test would pass on nothing.
  [ "${#names[@]}" -ge 8 ]
  for known in dir rc _text _file _n home actual node_major; do
    [[ " ${names[*]} " == *" $known "* ]] || { echo "declared_names missed $known: ${names[*]}"; return 1; }
  done
  run bash -c "sed -n '/^shiplog_run() {/,/^}/p' '$SCRIPTS/run.sh' | grep -E '^[[:space:]]*local ' | grep -vE '^[[:space:]]*local( SHIPLOG_[A-Z_]+(=[^ ]*)?)+$'"
  assert_failure
  local n
  for n in "${names[@]}"; do export "$n=job-$n"; done
  export STUB_SHOW="${names[*]}"
  run bash "$SCRIPTS/run.sh"
  assert_success
  run cat "$SHIPLOG_RESULT_DIR/deploy.json"
  for n in "${names[@]}"; do
    assert_output --partial "\"$n\":\"job-$n\""
  done
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

@test "parameters the bundle refuses: its line only, exit 2 even with defer_exit, no result kept or announced" {
  export SHIPLOG_DEFER_EXIT=true STUB_REFUSE='parameter exit_code references ${DEPLOY_RC}, which is not set in this job'
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output "shiplog: error: $STUB_REFUSE"
  [ ! -e "$SHIPLOG_RESULT_DIR/deploy.json" ] && [ ! -e "$SHIPLOG_RESULT_DIR/exit-code" ] && [ ! -e "$BASH_ENV" ]
}

@test "the bundle receives the parameters in its environment, the operation included" {
  export SHIPLOG_IN_APPLICATION=GLOBAL.Acme.Store.shop SHIPLOG_LIST_ATTR=$'A=1\nB=2' SHIPLOG_ENVVAR_DHPASS=MY_PASS
  export STUB_SHOW='SHIPLOG_IN_APPLICATION SHIPLOG_LIST_ATTR SHIPLOG_ENVVAR_DHPASS CIRCLE_BUILD_NUM'
  run bash "$SCRIPTS/run.sh"
  assert_success
  run cat "$SHIPLOG_RESULT_DIR/deploy.json"
  assert_output '{"operation":"deploy","env":{"SHIPLOG_IN_APPLICATION":"GLOBAL.Acme.Store.shop","SHIPLOG_LIST_ATTR":"A=1\nB=2","SHIPLOG_ENVVAR_DHPASS":"MY_PASS","CIRCLE_BUILD_NUM":"42"}}'
}

@test "without the install step the run step says so (exit 2)" {
  rm -rf "$HOME/.shiplog"
  run bash "$SCRIPTS/run.sh"
  assert_failure 2
  assert_output --partial "the install step did not run"
}
