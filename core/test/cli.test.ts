import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SHIPLOG_VERSION } from '../src/cli/version.js';
import { COMMANDS, cliCommandWords, inputsFor } from '../src/inputs.js';
import { APP, CART, makeRepo, type TestRepo, runCliInProcess } from './execute-fixtures.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

function cli(argv: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  return runCliInProcess(argv, { cwd: opts.cwd ?? repo?.dir ?? '/nonexistent-shiplog-cwd', env: { ...(repo?.env ?? {}), ...opts.env } });
}

describe('shiplog CLI', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(SHIPLOG_VERSION).toBe(pkg.version);
    const r = await cli(['--version']);
    expect(r).toMatchObject({ code: 0, out: `${pkg.version}\n` });
  });

  it('--help on every command lists its flags and examples', async () => {
    for (const name of COMMANDS) {
      const r = await cli([...cliCommandWords(name), '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain('Examples:\n  shiplog ');
      for (const spec of inputsFor(name, { includeCliOnly: true })) expect(r.out).toContain(`--${spec.name}`);
    }
    const top = await cli(['--help']);
    for (const name of COMMANDS) expect(top.out).toContain(cliCommandWords(name)[0]);
  });

  it('no arguments: usage on stderr, exit 2; unknown command or flag: one error line, exit 2', async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Usage: shiplog');
    const cmd = await cli(['relase']);
    expect(cmd.code).toBe(2);
    expect(cmd.err).toMatch(/^shiplog: error: unknown command 'relase'[^\n]*\nhint: see shiplog --help\n$/);
    const flag = await cli(['approve', '--aplication', APP, '--json']);
    expect(flag.code).toBe(2);
    expect(flag.err.split('\n')[0]).toMatch(/^shiplog: error: unknown option '--aplication'/);
    expect(flag.json()).toMatchObject({ ok: false, error: { code: 'USAGE', exitCode: 2 } });
    const extra = await cli(['approve', 'stray']);
    expect(extra.code).toBe(2);
  });

  it('--json: exactly one JSON object on stdout, human lines on stderr (success and failure)', async () => {
    repo = makeRepo({}, { git: false });
    const ok = await cli([
      'version-update',
      '--component-name',
      CART,
      '--component-version',
      '1.0.0',
      '--application',
      APP,
      '--app-version',
      '1',
      '--json',
    ]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out.trim().split('\n')).toHaveLength(1);
    expect(ok.json()).toMatchObject({
      ok: true,
      operation: 'version-update',
      componentVersionId: expect.any(String),
      componentVersion: `${CART};1_0_0`,
      componentVersionCreated: true,
      appVersionId: expect.any(String),
      appVersion: `${APP};1`,
      appVersionCreated: true,
    });
    expect(ok.err).toContain(`component version ${CART};1_0_0 (created)`);
    const fail = await cli(['approve', '--application', APP, '--stage', 'nope', '--json']);
    expect(fail.code).toBe(2);
    expect(fail.json()).toEqual({
      ok: false,
      operation: 'approve',
      schemaVersion: 1,
      error: { code: 'INVALID_INPUT', message: 'unknown stage "nope"', exitCode: 2, hint: 'stages: dev, qa, prod (default pipeline)' },
    });
    expect(fail.err).toBe('shiplog: error: unknown stage "nope"\nhint: stages: dev, qa, prod (default pipeline)\n');
    const human = await cli(['approve', '--application', APP]);
    expect(human.code).toBe(0);
    expect(human.out).toBe('');
    expect(human.err).toMatch(/approved for qa by/);
  });

  it('accepts the dh spellings as hidden aliases', async () => {
    repo = makeRepo({ 'svc.toml': `Name = "${CART}"\nVersion = "2.0.0"\n` }, { git: false });
    const up = await cli([
      'version-update',
      '--rsp',
      'svc.toml',
      '--compvariant',
      'feat/x',
      '--appname',
      APP,
      '--appversion',
      '3.0',
      '--json',
    ]);
    expect(up.code, up.err).toBe(0);
    expect(up.json()).toMatchObject({ componentVersion: `${CART};feat_x;2_0_0`, appVersion: `${APP};3_0` });
    const help = await cli(['version-update', '--help']);
    expect(help.out).not.toContain('--compname');
    const dep = await cli(['deploy', '--appname', APP, '--deployenv', 'dev', '--json', '--', 'sh', '-c', 'echo via-argv']);
    expect(dep.code, dep.err).toBe(0);
    expect(dep.err).toContain('via-argv\n');
    expect(dep.json()).toMatchObject({ operation: 'deploy', deployment: { environment: 'dev', status: 'success', mode: 'run' } });
    await cli(['approve', '--appname', APP, '--stage', 'qa']);
    const mv = await cli(['move', '--appname', APP, '--from_domain', 'dev', '--json']);
    expect(mv.code, mv.err).toBe(0);
    expect(mv.json()).toMatchObject({ from: 'dev', to: 'qa' });
  });

  it('booleans: --flag, --flag=true|false, anything else exit 2; lists repeat', async () => {
    repo = makeRepo({}, { git: false });
    const base = ['version-update', '--component-name', CART, '--component-version', '1.0.0', '--json'];
    const dry = await cli([...base, '--dry-run']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.json()).toMatchObject({ dryRun: true });
    expect(repo.storeSnapshot().size).toBe(0);
    const notDry = await cli([...base, '--dry-run=false', '--attr', 'A=1', '--attr', 'B=2', '--compattr', 'C:3']);
    expect(notDry.code, notDry.err).toBe(0);
    expect(notDry.json()).toMatchObject({ componentVersionCreated: true, attributes: { A: '1', B: '2', C: '3' } });
    const bad = await cli([...base, '--auto-increment=maybe']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('shiplog: error: --auto-increment must be true or false (got "maybe")\nhint: see shiplog version-update --help\n');
  });

  it('exit codes: 1 for a failed deployment (object still printed), 1 for a missing approval', async () => {
    repo = makeRepo({}, { git: false });
    await cli(['version-update', '--component-name', CART, '--component-version', '1', '--application', APP]);
    const failed = await cli(['deploy', '--application', APP, '--env', 'dev', '--command', 'exit 3', '--json']);
    expect(failed.code).toBe(1);
    expect(failed.json()).toMatchObject({
      ok: false,
      operation: 'deploy',
      deployment: { exitCode: 3, status: 'failed' },
      error: { code: 'DEPLOY_FAILED', exitCode: 1 },
    });
    expect(failed.err).toMatch(/deployment 1: .* failed \(exit code 3\)\nshiplog: error: deployment 1 of .* failed \(exit code 3\)\n$/);
    await cli(['move', '--application', APP, '--to', 'qa']);
    const gated = await cli(['move', '--application', APP, '--to', 'prod']);
    expect(gated.code).toBe(1);
    expect(gated.err.split('\n')[0]).toMatch(/^shiplog: error: .*needs an approval for stage prod/);
    expect(gated.err).not.toMatch(/\n\s+at /);
  });

  it('--json and --debug may come before the command', async () => {
    repo = makeRepo({}, { git: false });
    const r = await cli(['--json', '--debug', 'approve', '--application', APP]);
    expect(r.code).toBe(2);
    expect(r.json()).toMatchObject({ ok: false, operation: 'approve', error: { code: 'NOT_FOUND' } });
    expect(r.err).toMatch(/\n\s+at /);
  });

  it('--debug adds the stack trace', async () => {
    repo = makeRepo({}, { git: false });
    const r = await cli(['approve', '--application', APP, '--debug']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^shiplog: error: application "GLOBAL.Acme.Store.shop" has no versions\n/);
    expect(r.err).toMatch(/\n\s+at /);
  });

  it('envscript prints the script on stdout without an output file', async () => {
    repo = makeRepo({});
    const r = await cli(['envscript']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^export GIT_BRANCH='main'$/m);
  });
});
