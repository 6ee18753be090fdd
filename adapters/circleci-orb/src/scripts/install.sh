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

shiplog_sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    node -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' "$1"
  fi
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

shiplog_install() {
  : "${SHIPLOG_VERSION:?SHIPLOG_VERSION is not set (the orb sets it)}"
  : "${SHIPLOG_SHA256:?SHIPLOG_SHA256 is not set (the orb sets it)}"
  local home="${SHIPLOG_HOME:-$HOME/.shiplog}"
  local dir="$home/$SHIPLOG_VERSION"
  local bundle="$dir/shiplog.mjs"

  if [ -f "$bundle" ] && [ "$(shiplog_sha256 "$bundle")" = "$SHIPLOG_SHA256" ]; then
    echo "shiplog $SHIPLOG_VERSION already installed (checksum verified)"
    return 0
  fi

  # Checked once per job, when installing: a cached, verified copy was installed by a node that passed it.
  local node_major
  # `node --version` answers before the runtime boots (a few ms; `node -p` would start a whole node).
  node_major="$(node --version 2>/dev/null || true)"
  node_major="${node_major#v}"
  node_major="${node_major%%.*}"
  if [ -z "$node_major" ]; then
    shiplog_fail 2 "node is not installed in this image; use the orb's default executor (cimg/node) or any image with node 20+"
  elif [ "$node_major" -lt 20 ]; then
    shiplog_fail 2 "node $node_major is too old; shiplog needs node 20 or newer"
  fi

  mkdir -p "$dir"
  local tmp
  tmp="$(mktemp "$dir/.shiplog.XXXXXX")"
  if [ -n "${SHIPLOG_BUNDLE_FILE:-}" ]; then
    [ -f "$SHIPLOG_BUNDLE_FILE" ] || shiplog_fail 2 "bundle_file $SHIPLOG_BUNDLE_FILE does not exist"
    cp "$SHIPLOG_BUNDLE_FILE" "$tmp"
    echo "shiplog: using $SHIPLOG_BUNDLE_FILE"
  else
    command -v tar >/dev/null 2>&1 || shiplog_fail 2 "tar is not installed in this image"
    local registry="${SHIPLOG_REGISTRY:-https://registry.npmjs.org}"
    local url="${registry%/}/@shiplog/core/-/core-$SHIPLOG_VERSION.tgz"
    echo "shiplog: downloading $url"
    if ! shiplog_download "$url" "$tmp.tgz"; then
      rm -f "$tmp" "$tmp.tgz"
      shiplog_fail 4 "could not download $url"
    fi
    # node gunzips (no gzip binary needed); tar only unpacks the one file.
    if ! node -e 'process.stdin.pipe(require("zlib").createGunzip()).pipe(process.stdout)' <"$tmp.tgz" |
      tar -xOf - package/dist/shiplog.mjs >"$tmp"; then
      rm -f "$tmp" "$tmp.tgz"
      shiplog_fail 4 "$url does not contain package/dist/shiplog.mjs"
    fi
    rm -f "$tmp.tgz"
  fi

  local actual
  actual="$(shiplog_sha256 "$tmp")"
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
