#!/usr/bin/env bats
# src/scripts/exit-status.sh: ends a job with the exit code a deferred operation left.

setup() {
  load helpers
  common_setup
  mkdir -p "$SHIPLOG_RESULT_DIR"
}

teardown() {
  common_teardown
}

@test "no deferred exit code: success" {
  run bash "$SCRIPTS/exit-status.sh"
  assert_success
}

@test "a deferred failure fails the step with that code and is consumed" {
  echo 3 >"$SHIPLOG_RESULT_DIR/exit-code"
  run bash "$SCRIPTS/exit-status.sh"
  assert_failure 3
  assert_output --partial "failed with exit 3"
  [ ! -e "$SHIPLOG_RESULT_DIR/exit-code" ]
}

@test "a deferred success passes" {
  echo 0 >"$SHIPLOG_RESULT_DIR/exit-code"
  run bash "$SCRIPTS/exit-status.sh"
  assert_success
}

@test "garbage in the exit-code file: exit 2" {
  echo nope >"$SHIPLOG_RESULT_DIR/exit-code"
  run bash "$SCRIPTS/exit-status.sh"
  assert_failure 2
}
