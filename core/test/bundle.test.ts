// The bundled CLI, run the way the orb, the Buildkite plugin and the Jenkins library run it: `node shiplog.mjs`
// copied into a directory with no node_modules anywhere, in a real git repository.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, COMPONENT_TOML, makeRepo, type TestRepo } from './execute-fixtures.js';
import { DEFAULT_PASSWORD, DEFAULT_USER, startOrteliusEmulator } from './ortelius-emulator/index.js';
import { validateResult } from './support/result-schemas.js';

const bundle = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'shiplog.mjs');
let binDir: string;
let cli: string;
let repo: TestRepo;

beforeAll(() => {
  binDir = mkdtempSync(path.join(tmpdir(), 'shiplog-bin-'));
  cli = path.join(binDir, 'shiplog.mjs');
  copyFileSync(bundle, cli);
  repo = makeRepo({ 'component.toml': COMPONENT_TOML });
});
afterAll(() => {
  rmSync(binDir, { recursive: true, force: true });
  repo.cleanup();
});

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repo.dir, env: { ...repo.env, ...env }, encoding: 'utf8' });
  // The bundle's printed results are checked against schemas/ too (in-process ones are, by the vitest setup file).
  const json = () => {
    const result = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(validateResult(result), r.stdout).toEqual([]);
    return result;
  };
  return { code: r.status, out: r.stdout, err: r.stderr, json };
}

describe('bundled CLI (core/dist/shiplog.mjs)', () => {
  it('runs with no node_modules next to it', () => {
    for (let d = binDir; d !== path.dirname(d); d = path.dirname(d)) expect(existsSync(path.join(d, 'node_modules'))).toBe(false);
    const pkg = JSON.parse(readFileSync(path.join(path.dirname(bundle), '..', 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version'])).toMatchObject({ code: 0, out: `${pkg.version}\n` });
  });

  it('runs as a program through a symlink (npm bin link), and only exports main() when imported', () => {
    const link = path.join(binDir, 'shiplog-link');
    symlinkSync(cli, link);
    expect(spawnSync(process.execPath, [link, '--version'], { encoding: 'utf8' })).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/),
    });
    // Imported by a host (the Buildkite hook) whose own argv looks like a shiplog command: nothing runs until
    // the host calls main(io), which then writes only through io.
    const host = `
      const { main } = await import(${JSON.stringify(pathToFileURL(cli).href)});
      let out = '';
      const code = await main({ argv: ['status', '--json', '--state-dir', process.argv[1]], env: {}, cwd: process.cwd(), stdout: (t) => (out += t), stderr: () => {} });
      process.stdout.write(JSON.stringify({ type: typeof main, code, ok: JSON.parse(out).ok }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', host, path.join(repo.dir, '.state-import')], {
      cwd: repo.dir,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ type: 'function', code: 0, ok: true });
  });

  it('version-update -> deploy -> move -> approve -> move -> deploy, end to end', () => {
    const sha = execFileSync('git', ['rev-parse', '--short=7', 'HEAD'], { cwd: repo.dir, encoding: 'utf8' }).trim();
    const up = run(['version-update', '--json'], { BUILD_NUMBER: '17' });
    expect(up.code, up.err).toBe(0);
    expect(up.json()).toMatchObject({
      ok: true,
      operation: 'version-update',
      componentVersion: `GLOBAL.Acme.Store.cart;main;v1_2_0_g${sha}`,
      componentVersionCreated: true,
      appVersion: `${APP};1_0_0`,
      appVersionCreated: true,
    });
    expect(run(['version-update', '--json']).json()).toMatchObject({ componentVersionCreated: false, appVersionCreated: false });

    const dev = run(['deploy', '--application', APP, '--env', 'dev', '--json', '--', 'sh', '-c', 'echo deploying to dev']);
    expect(dev.code, dev.err).toBe(0);
    expect(dev.err).toContain('deploying to dev\n');
    expect(dev.json()).toMatchObject({
      ok: true,
      operation: 'deploy',
      deployment: { id: 1, appVersion: `${APP};1_0_0`, environment: 'dev', exitCode: 0, status: 'success' },
    });

    expect(run(['move', '--application', APP, '--json']).json()).toMatchObject({ ok: true, operation: 'move', from: 'dev', to: 'qa' });
    const gated = run(['move', '--application', APP, '--to', 'prod']);
    expect(gated.code).toBe(1);
    expect(gated.err).toMatch(/^shiplog: error: .*approval/);
    expect(run(['approve', '--application', APP, '--stage', 'prod', '--json'], { USER: 'rel-manager' }).json()).toMatchObject({
      ok: true,
      operation: 'approve',
      appVersion: `${APP};1_0_0`,
      approved: true,
      stage: 'prod',
      schemaVersion: 1,
      actor: { id: 'rel-manager' },
    });
    expect(run(['move', '--application', APP, '--to', 'prod']).code).toBe(0);
    const prod = run(['deploy', '--application', APP, '--env', 'prod', '--exit-code', '0', '--json']);
    expect(prod.code, prod.err).toBe(0);

    const status = run(['status', '--json']);
    expect(status.code, status.err).toBe(0);
    const envs = (status.json().environments as { name: string; appVersion: string }[]).map((e) => [e.name, e.appVersion]);
    expect(envs).toEqual(
      expect.arrayContaining([
        ['dev', `${APP};1_0_0`],
        ['prod', `${APP};1_0_0`],
      ]),
    );
  });

  it('failures: exit codes and one error line', () => {
    const failed = run(['deploy', '--application', APP, '--env', 'dev', '--command', 'exit 9', '--json']);
    expect(failed.code).toBe(1);
    expect(failed.json()).toMatchObject({ ok: false, deployment: { status: 'failed', exitCode: 9 }, error: { exitCode: 1 } });
    const usage = run(['deploy', '--nope']);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/^shiplog: error: unknown option '--nope'\nhint: /);
    const toml = run(['version-update', '--toml', 'missing.toml'], {});
    expect(toml.code).toBe(2); // a toml named explicitly must exist (only the default component.toml may be absent)
    expect(toml.err).toMatch(/^shiplog: error: --toml missing\.toml: no such file/);
    repo.write('bad.toml', 'Name = [\n');
    const bad = run(['version-update', '--toml', 'bad.toml']);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(bad.err).not.toMatch(/\n\s+at /);
  });

  it('talks to an Ortelius server (lazily loaded HTTP client) with server-side deploys', async () => {
    const emu = await startOrteliusEmulator({ deployDelayMs: 50 });
    // async spawn: the emulator answers from this process's event loop
    const runAsync = (args: string[], nodeFlags: string[] = []) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) => {
        execFile(
          process.execPath,
          [...nodeFlags, cli, ...args],
          { cwd: repo.dir, env: { ...repo.env, DHURL: emu.url, DHUSER: DEFAULT_USER, DHPASS: DEFAULT_PASSWORD } },
          (error, out, err) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out, err }),
        );
      });
    try {
      // Both lazily compiled halves (the CLI program and the HTTP client) load in a node that forbids code
      // generation from strings, as hardened images configure it.
      const up = await runAsync(
        ['version-update', '--application', `${APP}`, '--app-version', '5', '--json'],
        ['--disallow-code-generation-from-strings'],
      );
      expect(up.code, up.err).toBe(0);
      expect(JSON.parse(up.out)).toMatchObject({ ok: true, appVersion: `${APP};5`, appVersionCreated: true });
      const dep = await runAsync(['deploy', '--application', APP, '--env', 'dev', '--json']);
      expect(dep.code, dep.err).toBe(0);
      expect(JSON.parse(dep.out)).toMatchObject({ deployment: { mode: 'server', status: 'success' } });
      const bad = await runAsync(['deploy', '--application', APP, '--env', 'dev', '--dhpass', 'not-the-password']);
      expect(bad.code).toBe(3);
      expect(bad.err).not.toContain('not-the-password');
    } finally {
      await emu.close();
    }
  });
});
