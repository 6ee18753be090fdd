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

# A stand-in bundle whose circleciMain (the export run.sh calls) prints, as its JSON result, the operation and the
# value in its environment of each variable $STUB_SHOW names, then returns $STUB_EXIT; with $STUB_REFUSE it refuses
# the parameters as the real one does (that line on stderr, exit 2, no JSON). Installed where run.sh looks for the
# pinned version. The real mapping (core/src/kit/orb-parameters.ts) has its own tests (core/test/kit-orb-parameters.test.ts).
install_stub_bundle() {
  local dir="$HOME/.shiplog/$SHIPLOG_VERSION"
  mkdir -p "$dir"
  cat >"$dir/shiplog.mjs" <<'JS'
export async function circleciMain() {
  const e = process.env;
  if (e.STUB_REFUSE) {
    process.stderr.write(`shiplog: error: ${e.STUB_REFUSE}\n`);
    return 2;
  }
  const shown = (e.STUB_SHOW ?? '').split(' ').filter(Boolean).map((n) => [n, e[n] ?? null]);
  process.stdout.write(JSON.stringify({ operation: e.SHIPLOG_OPERATION, env: Object.fromEntries(shown) }));
  return Number(e.STUB_EXIT ?? 0);
}
JS
}
