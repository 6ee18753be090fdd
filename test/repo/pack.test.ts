// `npm pack` of every workspace yields a package that installs offline into a fresh prefix and runs there: the
// core's CLI and its library API (built JavaScript + .d.ts, no sources), and each adapter's runtime as its
// platform starts it. `npm test` builds what is packed first (npm run build:local); pack scripts are not rerun.
// The install reads the npm cache first (--prefer-offline): the tarballs are there after npm ci; the registry is
// asked only for package metadata the cache lacks.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const WORKSPACES = ['core', 'adapters/github-action', 'adapters/circleci-orb', 'adapters/buildkite-plugin', 'adapters/jenkins'];
let dir: string;
let prefix: string;
const pkg = (name: string) => join(prefix, 'node_modules', '@shiplog', name);
const run = (cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) =>
  spawnSync(cmd, args, { cwd: opts.cwd ?? prefix, env: { PATH: process.env.PATH ?? '', HOME: dir, ...opts.env }, encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-pack-'));
  prefix = join(dir, 'prefix');
  const tgz: string[] = [];
  for (const w of WORKSPACES) {
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir, '-w', w], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    tgz.push(...(JSON.parse(out) as { filename: string }[]).map((p) => join(dir, p.filename.replace(/^@shiplog\//, 'shiplog-'))));
  }
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', prefix, ...tgz], {
    cwd: dir,
    stdio: 'pipe',
  });
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('packed and installed offline', () => {
  it('@shiplog/core: the CLI runs, and the library API loads from built JavaScript with its types', () => {
    expect(existsSync(join(pkg('core'), 'src'))).toBe(false);
    expect(run(join(prefix, 'node_modules', '.bin', 'shiplog'), ['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const api = run(process.execPath, [
      '--input-type=module',
      '-e',
      "const m = await import('@shiplog/core'); const k = await import('@shiplog/core/kit'); console.log(typeof m.execute, typeof k.renderMarkdown, k.INPUT_TABLE.length > 0)",
    ]);
    expect(api.stdout.trim(), api.stderr).toBe('function function true');
    expect(existsSync(join(pkg('core'), 'dist', 'lib', 'index.d.ts'))).toBe(true);
  });

  it('github-action: the bundle runs an operation as the runner does', () => {
    const ws = join(dir, 'ws');
    execFileSync('git', ['init', '-q', '-b', 'main', ws]);
    execFileSync('git', ['-C', ws, '-c', 'user.email=a@b.c', '-c', 'user.name=a', 'commit', '-q', '--allow-empty', '-m', 'x']);
    const output = join(dir, 'gh-output');
    writeFileSync(output, '');
    const r = run(process.execPath, [join(pkg('github-action'), 'dist', 'index.cjs')], {
      cwd: ws,
      env: {
        INPUT_OPERATION: 'version-update',
        'INPUT_COMPONENT-NAME': 'GLOBAL.A.b',
        'INPUT_COMPONENT-VERSION': 'v1',
        GITHUB_OUTPUT: output,
        GITHUB_ACTIONS: 'true',
      },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(output, 'utf8')).toContain('GLOBAL.A.b;main;v1');
    for (const op of ['version-update', 'move', 'approve', 'deploy', 'envscript'])
      expect(existsSync(join(pkg('github-action'), op, 'action.yml'))).toBe(true);
  });

  it('buildkite-plugin: the command hook runs an operation with plain node', () => {
    const ws = join(dir, 'bk');
    execFileSync('git', ['init', '-q', '-b', 'main', ws]);
    const r = run('bash', [join(pkg('buildkite-plugin'), 'hooks', 'command')], {
      cwd: ws,
      env: { BUILDKITE_PLUGIN_CONFIGURATION: JSON.stringify({ operation: 'envscript', format: 'dotenv' }), BUILDKITE_COMMAND: '' },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^BASENAME="bk"$/m);
  });

  it('jenkins: the library resources run with plain node', () => {
    const res = join(pkg('jenkins'), 'resources', 'shiplog');
    expect(run(process.execPath, [join(res, 'shiplog.mjs'), '--version']).status).toBe(0);
    writeFileSync(
      join(dir, 'r.json'),
      JSON.stringify({ ok: true, operation: 'approve', appVersion: 'A.b;2', approved: true, stage: 'prod' }),
    );
    expect(run(process.execPath, [join(res, 'report.mjs'), '--result', join(dir, 'r.json')]).stdout).toBe(
      'shiplog approve: approved A.b;2 for prod\n',
    );
    // a step per operation (5), shiplogPlan, shiplogApply, and shiplogCli
    expect(readdirSync(join(pkg('jenkins'), 'vars')).filter((f) => f.endsWith('.groovy'))).toHaveLength(8);
  });

  it('circleci-orb: the packed orb', () => {
    const orb = readFileSync(join(pkg('circleci-orb'), 'orb.yml'), 'utf8');
    for (const op of ['version-update', 'move', 'approve', 'deploy', 'envscript']) expect(orb).toContain(`  ${op}:`);
  });
});
