/**
 * `npm run release -- <version> [--date YYYY-MM-DD]`: prepares a release in the working tree (docs/install.md#releasing).
 *
 * 1. bumps every manifest: the six package.json files (and their @shiplog/core references), package-lock.json and
 *    core/src/cli/version.ts;
 * 2. moves every versioned adapter reference in the docs, examples and manifests to the new version
 *    (scripts/release-refs.ts; the major tag only when the major changes);
 * 3. turns CHANGELOG.md's "## Unreleased" section into "## <version> (<date>)" under a new empty "## Unreleased";
 * 4. regenerates every generated file (`npm run build`) and checks the references again;
 * 5. prints, on stdout, the commands that commit, tag (`v1.2.0`, and the major tag `v1` moved to it, as GitHub
 *    Actions expect) and publish. It runs none of them: pushing stays a person's decision.
 *
 * Exit 2 (nothing written) on a version that is not semver or not newer than the current one, on a missing
 * "## Unreleased" section, or when a reference is already wrong before the bump.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { ADAPTER_REFS, BUILDKITE_MIRROR, majorTag } from '../core/src/cli/adapter-refs.js';
import { PACKAGE_DIRS, checkRefs, refFiles, rewriteRefs } from './release-refs.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORE_PACKAGE = '@shiplog/core';

class UsageError extends Error {}

interface Options {
  version: string;
  date: string;
  build: boolean;
}

function parseArgs(argv: string[]): Options {
  const rest = [...argv];
  let date = new Date().toISOString().slice(0, 10);
  let build = true;
  const positional: string[] = [];
  while (rest.length > 0) {
    const a = rest.shift()!;
    if (a === '--date') date = rest.shift() ?? '';
    else if (a === '--no-build') build = false;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a} (usage: npm run release -- <version> [--date YYYY-MM-DD])`);
    else positional.push(a);
  }
  if (positional.length !== 1) throw new UsageError('usage: npm run release -- <version> [--date YYYY-MM-DD] (one version, e.g. 1.2.0)');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date must be YYYY-MM-DD (got "${date}")`);
  return { version: positional[0], date, build };
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const writeJson = (path: string, value: unknown) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

/** package.json fields that list packages: their @shiplog/core entry follows the release. */
function bumpCoreReference(deps: unknown, from: string, to: string): void {
  const d = deps as Record<string, string> | undefined;
  if (d?.[CORE_PACKAGE] === from) d[CORE_PACKAGE] = to;
}

function bumpManifests(root: string, from: string, to: string): string[] {
  const changed: string[] = [];
  for (const dir of PACKAGE_DIRS) {
    const path = join(root, dir, 'package.json');
    const pkg = readJson(path);
    pkg.version = to;
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) bumpCoreReference(pkg[field], from, to);
    writeJson(path, pkg);
    changed.push(relative(root, path));
  }
  const lockPath = join(root, 'package-lock.json');
  const lock = readJson(lockPath) as { version?: string; packages: Record<string, Record<string, unknown>> };
  lock.version = to;
  for (const dir of PACKAGE_DIRS) {
    const entry = lock.packages[dir === '.' ? '' : dir];
    if (!entry) continue;
    entry.version = to;
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) bumpCoreReference(entry[field], from, to);
  }
  writeJson(lockPath, lock);
  changed.push('package-lock.json');
  const versionTs = join(root, 'core', 'src', 'cli', 'version.ts');
  const text = readFileSync(versionTs, 'utf8');
  const bumped = text.replace(`SHIPLOG_VERSION = '${from}'`, `SHIPLOG_VERSION = '${to}'`);
  if (bumped === text)
    throw new UsageError(`core/src/cli/version.ts does not hold SHIPLOG_VERSION = '${from}' (core/package.json's version)`);
  writeFileSync(versionTs, bumped);
  changed.push('core/src/cli/version.ts');
  return changed;
}

function rewriteDocs(root: string, from: string, to: string): string[] {
  const changed: string[] = [];
  for (const file of refFiles(root)) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    const out = rewriteRefs(text, from, to);
    if (out !== text) {
      writeFileSync(path, out);
      changed.push(file);
    }
  }
  return changed;
}

const UNRELEASED = /^## Unreleased[ \t]*$/m;

function changelogWithRelease(text: string, version: string, date: string): string {
  return text.replace(UNRELEASED, `## Unreleased\n\n## ${version} (${date})`);
}

/** What to run after reviewing the changes: commit, tags (the major one moved), pushes, publishing. */
function releaseCommands(version: string): string[] {
  const tag = `v${version}`;
  const major = majorTag(version);
  return [
    `git commit -am "release ${version}"`,
    `git tag -a ${tag} -m "shiplog ${version}"`,
    `git tag -fa ${major} -m "shiplog ${version}"   # the major tag moves to the newest ${major}.x, as GitHub Actions expect`,
    `git push origin HEAD ${tag}`,
    `git push --force origin ${major}`,
    `npm publish -w core   # @shiplog/core ${version}: the shiplog CLI, no runtime dependency`,
    `npm run build:local && circleci orb publish adapters/circleci-orb/orb.yml ${ADAPTER_REFS.orb(version)}`,
    `git subtree split --prefix adapters/buildkite-plugin -b buildkite-plugin-release`,
    `git push git@github.com:${BUILDKITE_MIRROR}.git buildkite-plugin-release:main buildkite-plugin-release:refs/tags/${tag}   # ${ADAPTER_REFS.buildkiteMirror(version)}`,
  ];
}

function release(root: string, argv: string[], log: (line: string) => void, out: (line: string) => void): number {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return (log(`release: ${e.message}`), 2);
    throw e;
  }
  const from = String(readJson(join(root, 'core', 'package.json')).version);
  const to = opts.version;
  const problems: string[] = [];
  if (!semver.valid(to) || semver.clean(to) !== to) problems.push(`"${to}" is not a semantic version such as 1.2.0`);
  else if (!semver.gt(to, from)) problems.push(`${to} is not newer than the current version ${from}`);
  const changelogPath = join(root, 'CHANGELOG.md');
  const changelog = readFileSync(changelogPath, 'utf8');
  if (!UNRELEASED.test(changelog)) problems.push('CHANGELOG.md has no "## Unreleased" section to release');
  const stale = checkRefs(root, from);
  if (stale.length > 0) problems.push(`adapter references that do not match ${from} (fix them first):\n  ${stale.join('\n  ')}`);
  if (problems.length > 0) {
    for (const p of problems) log(`release: ${p}`);
    return 2;
  }

  let manifests: string[];
  try {
    manifests = bumpManifests(root, from, to);
  } catch (e) {
    if (e instanceof UsageError) return (log(`release: ${e.message}`), 2);
    throw e;
  }
  const docs = rewriteDocs(root, from, to);
  writeFileSync(changelogPath, changelogWithRelease(changelog, to, opts.date));
  log(`release: ${from} -> ${to}: ${manifests.length} manifests, ${docs.length} files with adapter references, CHANGELOG.md`);
  if (opts.build) {
    log('release: regenerating (npm run build)');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const after = checkRefs(root, to);
  if (after.length > 0) {
    log(`release: references still wrong after the bump:\n  ${after.join('\n  ')}`);
    return 1;
  }
  log(`release: ${to} is ready in the working tree; review it (git diff), then run:`);
  for (const line of releaseCommands(to)) out(line);
  return 0;
}

process.exitCode = release(
  ROOT,
  process.argv.slice(2),
  (l) => process.stderr.write(`${l}\n`),
  (l) => process.stdout.write(`${l}\n`),
);
