#!/bin/bash
# Installs the shiplog CLI bundle this orb is pinned to: dist/shiplog.mjs of @shiplog/core@$SHIPLOG_VERSION,
# downloaded from $SHIPLOG_REGISTRY (or copied from $SHIPLOG_BUNDLE_FILE) and verified against $SHIPLOG_SHA256,
# the checksum recorded when the orb was packed. Cached per job under $SHIPLOG_HOME (default ~/.shiplog).
# Exit codes: 2 setup problem (no node 20+, no tar), 4 download failed or checksum mismatch.
set -euo pipefail

shiplog_fail() {
  echo "shiplog: error: $2" >&2
  exit "$1"
}

# The SHA-256 of file $1, into the variable named $2. sha256sum reads stdin (its answer is then the bare hash
# plus " -", whatever the file's name); the hash is cut off with a parameter expansion, not a `cut` process, and
# `exec` lets the command substitution's subshell become sha256sum (with a redirection bash would fork again).
shiplog_sha256() {
  local _sum
  if command -v sha256sum >/dev/null 2>&1; then
    _sum="$(exec sha256sum <"$1")"
    _sum="${_sum%% *}"
  else
    _sum="$(node -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' "$1")"
  fi
  printf -v "$2" '%s' "$_sum"
}

shiplog_download() {
  local url="$1" out="$2"
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 --retry-delay 2 -o "$out" "$url"
  else
    # shellcheck disable=SC2016 # JavaScript, not shell
    node -e '
      const [url, out] = process.argv.slice(1);
      fetch(url).then(async (r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        require("fs").writeFileSync(out, Buffer.from(await r.arrayBuffer()));
      }).catch((e) => { console.error(`${url}: ${e.message}`); process.exit(1); });' "$url" "$out"
  fi
}

# Copies file $1 to $2, making $2's directory, mode 600 (as the mktemp file that cp used to fill was). install -D
# does it in one process; an image without install gets mkdir -p and cp.
shiplog_copy() {
  if command -v install >/dev/null 2>&1; then
    install -D -m 600 "$1" "$2"
  else
    mkdir -p "${2%/*}" && (umask 077 && : >"$2" && cp "$1" "$2")
  fi
}

# Without a usable node nothing is left behind: removes the bundle_file copy made while node was asked, and the
# directories made for it (innermost first). Only a copy can exist yet (and an image without node may lack rm).
shiplog_discard_copy() {
  [ -e "$1" ] || return 0
  rm -f "$1"
  shift
  [ "$#" -eq 0 ] || rmdir "$@"
}

shiplog_install() {
  : "${SHIPLOG_VERSION:?SHIPLOG_VERSION is not set (the orb sets it)}"
  : "${SHIPLOG_SHA256:?SHIPLOG_SHA256 is not set (the orb sets it)}"
  local home="${SHIPLOG_HOME:-$HOME/.shiplog}"
  local dir="$home/$SHIPLOG_VERSION"
  local bundle="$dir/shiplog.mjs"
  local actual=""

  if [ -f "$bundle" ]; then
    shiplog_sha256 "$bundle" actual
    if [ "$actual" = "$SHIPLOG_SHA256" ]; then
      echo "shiplog $SHIPLOG_VERSION already installed (checksum verified)"
      return 0
    fi
    actual=""
  fi

  # Checked once per job, when installing: a cached, verified copy was installed by a node that passed it.
  # `node --version` answers before the runtime boots, yet still takes a few ms (the binary is large): it runs in
  # the background while a bundle_file is copied and hashed, and its answer is checked before anything else is
  # reported or installed, so a job without node 20+ fails as before. A download waits for the check.
  local node_fd node_major
  exec {node_fd}< <(node --version 2>/dev/null)
  # Our own temporary name in our own directory ($$: no other live process has it); mv puts it in place.
  local tmp="$dir/.shiplog.$$"
  local bundle_file="${SHIPLOG_BUNDLE_FILE:-}"
  local made=()
  if [ -n "$bundle_file" ] && [ -f "$bundle_file" ]; then
    [ -d "$dir" ] || made=("$dir")
    [ -d "$home" ] || made+=("$home")
    # Errors wait until node is checked: the copy is then made again, below, and fails the step with its message.
    if shiplog_copy "$bundle_file" "$tmp" 2>/dev/null; then
      shiplog_sha256 "$tmp" actual
    fi
  fi
  IFS= read -r node_major <&"$node_fd" || true
  exec {node_fd}<&-
  node_major="${node_major#v}"
  node_major="${node_major%%.*}"
  if [ -z "$node_major" ]; then
    shiplog_discard_copy "$tmp" "${made[@]}"
    shiplog_fail 2 "node is not installed in this image; use the orb's default executor (cimg/node) or any image with node 20+"
  elif [ "$node_major" -lt 20 ]; then
    shiplog_discard_copy "$tmp" "${made[@]}"
    shiplog_fail 2 "node $node_major is too old; shiplog needs node 20 or newer"
  fi

  if [ -n "$bundle_file" ]; then
    [ -f "$bundle_file" ] || shiplog_fail 2 "bundle_file $bundle_file does not exist"
    if [ -z "$actual" ]; then
      shiplog_copy "$bundle_file" "$tmp"
      shiplog_sha256 "$tmp" actual
    fi
    echo "shiplog: using $bundle_file"
  else
    command -v tar >/dev/null 2>&1 || shiplog_fail 2 "tar is not installed in this image"
    mkdir -p "$dir"
    local registry="${SHIPLOG_REGISTRY:-https://registry.npmjs.org}"
    local url="${registry%/}/@shiplog/core/-/core-$SHIPLOG_VERSION.tgz"
    echo "shiplog: downloading $url"
    if ! shiplog_download "$url" "$tmp.tgz"; then
      rm -f "$tmp" "$tmp.tgz"
      shiplog_fail 4 "could not download $url"
    fi
    # node gunzips (no gzip binary needed); tar only unpacks the one file. umask 077: mode 600, as mktemp made it.
    if ! (umask 077 && node -e 'process.stdin.pipe(require("zlib").createGunzip()).pipe(process.stdout)' <"$tmp.tgz" |
      tar -xOf - package/dist/shiplog.mjs >"$tmp"); then
      rm -f "$tmp" "$tmp.tgz"
      shiplog_fail 4 "$url does not contain package/dist/shiplog.mjs"
    fi
    rm -f "$tmp.tgz"
    shiplog_sha256 "$tmp" actual
  fi

  if [ "$actual" != "$SHIPLOG_SHA256" ]; then
    rm -f "$tmp"
    shiplog_fail 4 "checksum mismatch for shiplog $SHIPLOG_VERSION: expected sha256 $SHIPLOG_SHA256, got $actual"
  fi
  mv -f "$tmp" "$bundle"
  echo "shiplog $SHIPLOG_VERSION installed at $bundle (sha256 $actual)"
}

# The bats tests source this file with SHIPLOG_TEST_SOURCE=1 and call the functions themselves.
if [ "${SHIPLOG_TEST_SOURCE:-}" != 1 ]; then
  shiplog_install
fi
