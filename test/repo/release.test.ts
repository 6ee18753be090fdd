// `npm run release -- 1.2.0` on a temporary copy of the repository (its files as they are now, committed in a fresh
// git repository, with node_modules linked from this one and the workspace links pointing into the copy): every
// manifest bumped, the adapter references moved (the major tag too), CHANGELOG.md's Unreleased section released, the
// generated files rebuilt (the copy's `npm run check` passes and its CLI says 1.2.0), the tags printed. Bad versions
// are refused with exit 2 and nothing written. The docs' references are held to adapter-refs.ts at the current version.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTER_REFS, ADAPTER_REPOSITORY, SHIPLOG_VERSION } from '@shiplog/core';
import { checkRefs } from '../../scripts/release-refs.js';

const ROOT = join(__dirname, '..', '..');
const WORKSPACES = ['core', 'adapters/github-action', 'adapters/circleci-orb', 'adapters/buildkite-plugin', 'adapters/jenkins'];
let dir: string;
let copy: string;

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=release@example.com', '-c', 'user.name=release', ...args], { cwd, encoding: 'utf8' });

/** node_modules of the copy: every package linked from this checkout's, except the workspaces, linked into the copy. */
function linkNodeModules(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (name === '.cache' || name === '.package-lock.json') continue;
    if (name === '@shiplog') {
      mkdirSync(join(to, name));
      for (const w of WORKSPACES) symlinkSync(join(copy, w), join(to, name, w.split('/').pop()!));
      continue;
    }
    symlinkSync(join(from, name), join(to, name));
  }
}

function makeCopy(): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    const src = join(ROOT, f);
    if (!existsSync(src) || lstatSync(src).isDirectory()) continue;
    mkdirSync(dirname(join(copy, f)), { recursive: true });
    copyFileSync(src, join(copy, f));
  }
  linkNodeModules(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  for (const w of WORKSPACES)
    if (existsSync(join(ROOT, w, 'node_modules'))) symlinkSync(join(ROOT, w, 'node_modules'), join(copy, w, 'node_modules'));
  git(copy, 'init', '-q', '-b', 'main');
  git(copy, 'add', '-A');
  git(copy, 'commit', '-q', '-m', 'copy');
}

const release = (...args: string[]) =>
  spawnSync('npm', ['run', '--silent', 'release', '--', ...args], { cwd: copy, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const read = (f: string) => readFileSync(join(copy, f), 'utf8');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-release-'));
  copy = join(dir, 'shiplog');
  makeCopy();
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('adapter references', () => {
  it(`every doc, example and manifest names ${ADAPTER_REPOSITORY} at ${SHIPLOG_VERSION}`, () => {
    expect(checkRefs(ROOT, SHIPLOG_VERSION)).toEqual([]);
  });

  it('a wrong slug, a placeholder or a stale version is found', () => {
    const bad = join(dir, 'bad');
    mkdirSync(join(bad, 'docs'), { recursive: true });
    for (const w of ['.', ...WORKSPACES]) {
      mkdirSync(join(bad, w), { recursive: true });
      writeFileSync(join(bad, w, 'package.json'), read(join(w, 'package.json')));
    }
    writeFileSync(
      join(bad, 'docs', 'ci.md'),
      [
        'uses: acme/shiplog/adapters/github-action/deploy@v0',
        'uses: <owner>/<repo>/adapters/github-action/move@v0',
        `      - ${ADAPTER_REPOSITORY}#v0.0.1:`,
        '  shiplog: shiplog/shiplog@0.0.1',
        "@Library('shiplog@v9') _",
        'remote: https://github.com/acme/shiplog.git',
        `ok: ${ADAPTER_REFS.githubAction('deploy')} ${ADAPTER_REFS.orb()}`,
      ].join('\n'),
    );
    execFileSync('git', ['init', '-q', bad]);
    git(bad, 'add', '-A');
    expect(checkRefs(bad, SHIPLOG_VERSION).map((p) => p.replace(/ \(want .*/, ''))).toEqual([
      'docs/ci.md:1: acme/shiplog/adapters/github-action/deploy@v0',
      'docs/ci.md:2: <owner>/<repo>',
      `docs/ci.md:3: ${ADAPTER_REPOSITORY}#v0.0.1`,
      'docs/ci.md:4: shiplog/shiplog@0.0.1',
      "docs/ci.md:5: @Library('shiplog@v9')",
      'docs/ci.md:6: github.com/acme/shiplog',
    ]);
  });
});

describe('npm run release -- <version>, on a temporary copy', () => {
  it('refuses a version that is not semver or not newer, writing nothing', () => {
    for (const [v, msg] of [
      ['1.2', 'not a semantic version'],
      ['0.0.1', 'not newer than the current version'],
      ['v1.2.0', 'not a semantic version'],
    ]) {
      const r = release(v);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(msg);
    }
    expect(git(copy, 'status', '--porcelain')).toBe('');
  });

  it('bumps every manifest, moves the references, releases the changelog, regenerates and prints the tags', () => {
    const r = release('1.2.0', '--date', '2026-01-02');
    expect(r.status, r.stderr).toBe(0);
    // the tags to push: the release tag, and the major tag moved to it
    expect(r.stdout).toContain('git tag -a v1.2.0 -m "shiplog 1.2.0"');
    expect(r.stdout).toContain('git tag -fa v1 -m "shiplog 1.2.0"');
    expect(r.stdout).toContain('git push origin HEAD v1.2.0');
    expect(r.stdout).toContain('git push --force origin v1');
    expect(r.stdout).toContain('refs/tags/v1.2.0');

    for (const w of ['.', ...WORKSPACES]) expect(JSON.parse(read(join(w, 'package.json'))).version, w).toBe('1.2.0');
    for (const w of WORKSPACES.slice(1))
      expect(JSON.parse(read(join(w, 'package.json'))).devDependencies['@shiplog/core'], w).toBe('1.2.0');
    const lock = JSON.parse(read('package-lock.json')) as { version: string; packages: Record<string, { version: string }> };
    expect([lock.version, lock.packages[''].version, ...WORKSPACES.map((w) => lock.packages[w].version)]).toEqual(Array(7).fill('1.2.0'));
    expect(read('core/src/cli/version.ts')).toContain("SHIPLOG_VERSION = '1.2.0'");

    expect(checkRefs(copy, '1.2.0')).toEqual([]);
    expect(read('adapters/github-action/README.md')).toContain(`uses: ${ADAPTER_REPOSITORY}/adapters/github-action/deploy@v1`);
    expect(read('adapters/buildkite-plugin/README.md')).toContain(`- ${ADAPTER_REPOSITORY}#v1.2.0:`);
    expect(read('adapters/circleci-orb/README.md')).toContain('shiplog: shiplog/shiplog@1.2.0');
    expect(read('adapters/jenkins/README.md')).toContain("@Library('shiplog@v1') _");
    expect(read('docs/cli.md')).toContain(`${ADAPTER_REPOSITORY}/adapters/github-action/deploy@v1`);

    const changelog = read('CHANGELOG.md');
    expect(changelog).toMatch(/## Unreleased\n\n## 1\.2\.0 \(2026-01-02\)\n\n- /);
    expect(changelog).toContain(`shiplog/shiplog@${SHIPLOG_VERSION}`); // history keeps its references

    // regenerated: the CLI knows its version, and every committed generated file is current
    expect(spawnSync(process.execPath, [join(copy, 'core', 'dist', 'shiplog.mjs'), '--version'], { encoding: 'utf8' }).stdout).toBe(
      '1.2.0\n',
    );
    const check = spawnSync('npm', ['run', '--silent', 'check'], { cwd: copy, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(git(copy, 'status', '--porcelain')).toContain(' M adapters/jenkins/resources/shiplog/shiplog.mjs');
  }, 900_000);
});
