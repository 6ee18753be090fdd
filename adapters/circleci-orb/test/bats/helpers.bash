# Shared setup: a temp HOME, BASH_ENV and results dir, the CircleCI environment of build 42, and the parameters
# the orb's run steps receive (as CircleCI substitutes them: strings, "true"/"false" for booleans).
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

# shellcheck disable=SC2034 # used by the .bats files
SCRIPTS="$BATS_TEST_DIRNAME/../../src/scripts"

common_setup() {
  TEST_TMP="$(mktemp -d "${TMPDIR:-/tmp}/orb-bats.XXXXXX")"
  export HOME="$TEST_TMP/home"
  mkdir -p "$HOME"
  export BASH_ENV="$TEST_TMP/bash_env"
  export SHIPLOG_RESULT_DIR="$TEST_TMP/results"
  export CIRCLECI=true CIRCLE_SHA1=0123456789abcdef0123456789abcdef01234567 CIRCLE_BRANCH=main CIRCLE_BUILD_NUM=42
  export CIRCLE_BUILD_URL=https://circleci.com/gh/acme/shop/42 CIRCLE_PROJECT_USERNAME=acme CIRCLE_PROJECT_REPONAME=shop
  export SHIPLOG_VERSION=9.9.9
}

common_teardown() {
  rm -rf "$TEST_TMP"
}

# A stand-in bundle that prints its arguments (one per line) and whether credentials arrived, then exits with
# $STUB_EXIT. Installed where run.sh looks for the pinned version.
install_stub_bundle() {
  local dir="$HOME/.shiplog/$SHIPLOG_VERSION"
  mkdir -p "$dir"
  cat >"$dir/shiplog.mjs" <<'JS'
const out = { argv: process.argv.slice(2), DHURL: process.env.DHURL ?? null, DHUSER: process.env.DHUSER ?? null, hasDHPASS: Boolean(process.env.DHPASS) };
process.stdout.write(JSON.stringify(out));
for (const a of out.argv) process.stderr.write(`arg: ${a}\n`);
process.exit(Number(process.env.STUB_EXIT ?? 0));
JS
}
