#!/usr/bin/env bats
# src/scripts/install.sh: the pinned bundle from a file or a registry tarball, always checksum-verified.

setup() {
  load helpers
  common_setup
  BUNDLE="$TEST_TMP/shiplog.mjs"
  printf 'console.log("shiplog stand-in")\n' >"$BUNDLE"
  export SHIPLOG_SHA256
  SHIPLOG_SHA256="$(sha256sum "$BUNDLE" | cut -d' ' -f1)"
}

teardown() {
  [ -z "${SERVER_PID:-}" ] || kill "$SERVER_PID"
  common_teardown
}

# Serves $TEST_TMP/registry over HTTP on 127.0.0.1 (port 0) like an npm registry.
start_registry() {
  mkdir -p "$TEST_TMP/registry/@shiplog/core/-" "$TEST_TMP/pkg/package/dist"
  cp "$1" "$TEST_TMP/pkg/package/dist/shiplog.mjs"
  tar -czf "$TEST_TMP/registry/@shiplog/core/-/core-$SHIPLOG_VERSION.tgz" -C "$TEST_TMP/pkg" package
  node -e '
    const http = require("http"), fs = require("fs"), path = require("path");
    const root = process.argv[1];
    const s = http.createServer((q, r) => {
      fs.appendFileSync(path.join(root, "..", "requests.log"), q.url + "\n");
      const f = path.join(root, decodeURIComponent(q.url));
      if (fs.existsSync(f)) r.end(fs.readFileSync(f)); else { r.statusCode = 404; r.end(); }
    });
    s.listen(0, "127.0.0.1", () => fs.writeFileSync(path.join(root, "..", "port"), String(s.address().port)));
  ' "$TEST_TMP/registry" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do [ -s "$TEST_TMP/port" ] && break; sleep 0.05; done
  export SHIPLOG_REGISTRY="http://127.0.0.1:$(cat "$TEST_TMP/port")"
}

@test "bundle_file: copied and verified" {
  export SHIPLOG_BUNDLE_FILE="$BUNDLE"
  run bash "$SCRIPTS/install.sh"
  assert_success
  assert_output --partial "installed at $HOME/.shiplog/9.9.9/shiplog.mjs (sha256 $SHIPLOG_SHA256)"
  cmp "$BUNDLE" "$HOME/.shiplog/9.9.9/shiplog.mjs"
}

@test "registry: downloads @shiplog/core's tarball once, then reuses the verified copy" {
  start_registry "$BUNDLE"
  run bash "$SCRIPTS/install.sh"
  assert_success
  assert_output --partial "downloading $SHIPLOG_REGISTRY/@shiplog/core/-/core-9.9.9.tgz"
  cmp "$BUNDLE" "$HOME/.shiplog/9.9.9/shiplog.mjs"
  run bash "$SCRIPTS/install.sh"
  assert_success
  assert_output --partial "already installed (checksum verified)"
  [ "$(wc -l <"$TEST_TMP/requests.log")" -eq 1 ]
}

@test "registry without curl: node downloads it" {
  start_registry "$BUNDLE"
  mkdir -p "$TEST_TMP/bin"
  for tool in node tar sha256sum cut mkdir mktemp mv rm cp cat; do ln -s "$(command -v "$tool")" "$TEST_TMP/bin/$tool"; done
  run env PATH="$TEST_TMP/bin" /bin/bash "$SCRIPTS/install.sh"
  assert_success
  cmp "$BUNDLE" "$HOME/.shiplog/9.9.9/shiplog.mjs"
}

@test "a tampered download is refused (exit 4) and nothing is installed" {
  printf 'console.log("evil")\n' >"$TEST_TMP/evil.mjs"
  start_registry "$TEST_TMP/evil.mjs"
  run bash "$SCRIPTS/install.sh"
  assert_failure 4
  assert_output --partial "checksum mismatch for shiplog 9.9.9: expected sha256 $SHIPLOG_SHA256"
  [ ! -e "$HOME/.shiplog/9.9.9/shiplog.mjs" ]
}

@test "a cached copy that no longer matches is replaced" {
  mkdir -p "$HOME/.shiplog/9.9.9"
  echo 'stale' >"$HOME/.shiplog/9.9.9/shiplog.mjs"
  export SHIPLOG_BUNDLE_FILE="$BUNDLE"
  run bash "$SCRIPTS/install.sh"
  assert_success
  cmp "$BUNDLE" "$HOME/.shiplog/9.9.9/shiplog.mjs"
}

@test "registry unreachable: exit 4 with the URL" {
  export SHIPLOG_REGISTRY=http://127.0.0.1:9
  run bash "$SCRIPTS/install.sh"
  assert_failure 4
  assert_output --partial "could not download http://127.0.0.1:9/@shiplog/core/-/core-9.9.9.tgz"
}

@test "no node in the image: exit 2 naming the fix" {
  mkdir -p "$TEST_TMP/bin"
  run env PATH="$TEST_TMP/bin" /bin/bash "$SCRIPTS/install.sh"
  assert_failure 2
  assert_output --partial "node is not installed in this image"
}

@test "node older than 20: exit 2 naming the version" {
  mkdir -p "$TEST_TMP/bin"
  printf '#!/bin/sh\n[ "$1" = --version ] && echo v18.19.0\n' >"$TEST_TMP/bin/node"
  chmod +x "$TEST_TMP/bin/node"
  export SHIPLOG_BUNDLE_FILE="$BUNDLE"
  run env PATH="$TEST_TMP/bin:$PATH" bash "$SCRIPTS/install.sh"
  assert_failure 2
  assert_output --partial "node 18 is too old; shiplog needs node 20 or newer"
}

@test "missing bundle_file: exit 2" {
  export SHIPLOG_BUNDLE_FILE="$TEST_TMP/nope.mjs"
  run bash "$SCRIPTS/install.sh"
  assert_failure 2
  assert_output --partial "bundle_file $TEST_TMP/nope.mjs does not exist"
}

@test "missing bundle_file leaves nothing in the cache (no empty temporary file)" {
  export SHIPLOG_BUNDLE_FILE="$TEST_TMP/nope.mjs"
  run bash "$SCRIPTS/install.sh"
  assert_failure 2
  [ ! -e "$HOME/.shiplog" ]
}

@test "node older than 20 with a bundle_file: the copy made while node answered is removed, with its directories" {
  mkdir -p "$TEST_TMP/bin" "$HOME/.shiplog"
  printf '#!/bin/sh\n[ "$1" = --version ] && echo v18.19.0\n' >"$TEST_TMP/bin/node"
  chmod +x "$TEST_TMP/bin/node"
  export SHIPLOG_BUNDLE_FILE="$BUNDLE"
  run env PATH="$TEST_TMP/bin:$PATH" bash "$SCRIPTS/install.sh"
  assert_failure 2
  refute_output --partial "shiplog: using"
  [ -d "$HOME/.shiplog" ] && [ ! -e "$HOME/.shiplog/9.9.9" ]
}

@test "no node and no coreutils: the node message comes first, as before" {
  mkdir -p "$TEST_TMP/bin"
  export SHIPLOG_BUNDLE_FILE="$BUNDLE"
  run env PATH="$TEST_TMP/bin" /bin/bash "$SCRIPTS/install.sh"
  assert_failure 2
  assert_output --partial "node is not installed in this image"
  refute_output --partial "not found"
}

@test "bundle_file: the installed copy is readable by its owner only, as a mktemp file is" {
  export SHIPLOG_BUNDLE_FILE="$BUNDLE"
  run bash "$SCRIPTS/install.sh"
  assert_success
  [ "$(stat -c %a "$HOME/.shiplog/9.9.9/shiplog.mjs")" = 600 ]
}

@test "registry: the installed copy is readable by its owner only, as a mktemp file is" {
  start_registry "$BUNDLE"
  run bash "$SCRIPTS/install.sh"
  assert_success
  [ "$(stat -c %a "$HOME/.shiplog/9.9.9/shiplog.mjs")" = 600 ]
}

@test "bundle_file in an image without install(1): mkdir and cp do the copy, same mode" {
  mkdir -p "$TEST_TMP/bin"
  for tool in node sha256sum mkdir cp mv rm; do ln -s "$(command -v "$tool")" "$TEST_TMP/bin/$tool"; done
  export SHIPLOG_BUNDLE_FILE="$BUNDLE"
  run env PATH="$TEST_TMP/bin" /bin/bash "$SCRIPTS/install.sh"
  assert_success
  assert_output --partial "installed at $HOME/.shiplog/9.9.9/shiplog.mjs"
  cmp "$BUNDLE" "$HOME/.shiplog/9.9.9/shiplog.mjs"
  [ "$(stat -c %a "$HOME/.shiplog/9.9.9/shiplog.mjs")" = 600 ]
}
