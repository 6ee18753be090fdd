#!/usr/bin/env bash
# shellcheck disable=SC1091  # ./build.env is written by the tour itself
# The README's one-minute tour, as a script. The lines between "tour:begin" and "tour:end" are the README's code
# block word for word: test/repo/tour.test.ts checks that, and runs this script from another working directory,
# so the README shows only what works. Around them: a throwaway service repository to run them in (removed at the
# end) and a stand-in for a deploy command.
#
#   npm ci && npm run build:local && bash docs/tour.sh
set -euo pipefail
SHIPLOG_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
service=$(mktemp -d "${TMPDIR:-/tmp}/shiplog-tour.XXXXXX")
trap 'rm -rf "$service"' EXIT
cd "$service"
git init -q -b main .
git config user.email dev@example.com
git config user.name "A Developer"
cat > deploy.sh <<'SH'
#!/bin/sh
# stands in for a deploy command (helm upgrade --install shop ./chart, kubectl apply -k ., ...)
echo "deploying shop to $1"
SH
chmod +x deploy.sh
git add deploy.sh
git commit -q -m "cart: first commit"

# tour:begin
shiplog() { node "$SHIPLOG_REPO/core/dist/shiplog.mjs" "$@"; }   # or install it: docs/install.md

# In a service's repository (component.toml holds Name/Variant/Version; without it they come from git):
shiplog version-update --component-name GLOBAL.Acme.Store.cart --component-version v1.4.0 \
                       --application GLOBAL.Acme.Store.shop --attr DockerSha=sha256:4f9a2c
shiplog deploy  --application GLOBAL.Acme.Store.shop --env dev -- ./deploy.sh dev   # your deploy command
shiplog move    --application GLOBAL.Acme.Store.shop --to qa
shiplog deploy  --application GLOBAL.Acme.Store.shop --env qa -- ./deploy.sh qa
shiplog check-gate --application GLOBAL.Acme.Store.shop --to prod || echo "exit $?"   # 1: names every unmet rule
shiplog approve --application GLOBAL.Acme.Store.shop --stage prod --notes "CAB-123"
shiplog move    --application GLOBAL.Acme.Store.shop --to prod
./deploy.sh prod > deploy.log 2>&1               # deployed by another tool, then recorded:
shiplog deploy  --application GLOBAL.Acme.Store.shop --env prod --exit-code $? --log-file deploy.log
shiplog status                                   # what runs where, since when, built by which job
shiplog show "GLOBAL.Acme.Store.shop;1"          # every decision, who made it, what each stage still needs
shiplog history --env prod --limit 5
shiplog history --kind approve                   # or move, reject, override
shiplog diff --from qa --to prod
shiplog graph --application GLOBAL.Acme.Store.shop   # lineage as Mermaid
shiplog report --html shiplog-report.html            # the release dashboard: one self-contained page
shiplog envscript --output build.env && . ./build.env  # SHORT_SHA, GIT_BRANCH, BUILDNUM, [Export] keys...
# tour:end

echo "tour: done (GIT_BRANCH=$GIT_BRANCH, SHORT_SHA=$SHORT_SHA)"
