import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../src/backend/backend.js';
import { defaultTimeoutMs, execute } from '../src/execute.js';
import { createMemoryHost } from '../src/host.js';
import { COMMANDS, INPUTS, cliCommandWords, type CommandName } from '../src/inputs.js';
import { emptyBackend } from '../src/operations/dry-run-backend.js';
import { parseDuration, resolveInputs } from '../src/operations/input-resolution.js';
import { COMMAND_MODULES } from '../src/operations/registry.js';
import { APP, makeRepo, type TestRepo } from './execute-fixtures.js';
import { leakedForms } from './secret-forms.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

describe('registry', () => {
  it('holds exactly the commands of the input table', () => {
    expect(Object.keys(COMMAND_MODULES).sort()).toEqual([...COMMANDS].sort());
    for (const [name, mod] of Object.entries(COMMAND_MODULES)) {
      expect(mod.name).toBe(name);
      expect(mod.examples.length).toBeGreaterThan(0);
      for (const e of mod.examples)
        expect(e.replace(/^\S+=\S+ /, '').startsWith(`shiplog ${cliCommandWords(name as CommandName).join(' ')}`), e).toBe(true);
    }
  });
});

describe('input resolution', () => {
  it('given value > env binding > default', () => {
    const env = { SHIPLOG_STATE_DIR: '/from/env', DEPLOY_ENV: 'qa' };
    const r = resolveInputs('deploy', { 'state-dir': '/given', application: APP, env: '' }, env);
    expect(r.problems).toEqual([]);
    expect(r.values['state-dir']).toBe('/given');
    expect(r.sources['state-dir']).toBe('given');
    expect(r.values.env).toBe('qa');
    expect(r.sources.env).toBe('env');
    // --timeout has no table default: execute() applies the command's (30m for deploy/version-update, 5m else)
    expect(r.values.timeout).toBeUndefined();
    expect(defaultTimeoutMs('deploy')).toBe(30 * 60_000);
    expect(defaultTimeoutMs('status')).toBe(5 * 60_000);
    expect(defaultTimeoutMs('store-copy')).toBe(6 * 3_600_000);
    expect(resolveInputs('status', {}, { SHIPLOG_TIMEOUT: '90s' }).values.timeout).toBe(90_000);
    expect(r.values['dry-run']).toBe(false);
  });

  it('type-checks every input and reports all problems at once', () => {
    const r = resolveInputs('deploy', { 'dry-run': 'perhaps', 'exit-code': '1.5', timeout: 'soon', backend: 'cloud', bogus: 'x' }, {});
    expect(r.problems).toEqual([
      'deploy does not take the input "bogus"',
      '--backend must be one of local, ortelius (got "cloud")',
      '--timeout must be a duration like 90s, 15m or 1h (got "soon")',
      '--dry-run must be true or false (got "perhaps")',
      '--application is required',
      '--env is required',
      '--exit-code must be an integer (got "1.5")',
    ]);
  });

  it('accepts booleans and numbers as values, lists as arrays or one string', () => {
    const r = resolveInputs('version-update', { 'auto-increment': true, attr: 'A=1', sbom: ['cyclonedx@a', 'spdx@b'] }, {});
    expect(r.values['auto-increment']).toBe(true);
    expect(r.values.attr).toEqual(['A=1']);
    expect(r.values.sbom).toEqual(['cyclonedx@a', 'spdx@b']);
  });

  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('45')).toBe(45_000);
    expect(parseDuration('0s')).toBeUndefined();
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('2w')).toBe(1_209_600_000);
    expect(parseDuration('1y')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });

  it('every input type of the table is handled', () => {
    const types = new Set(INPUTS.map((i) => i.type));
    expect([...types].sort()).toEqual(['boolean', 'duration', 'enum', 'integer', 'list', 'string']);
  });
});

describe('execute()', () => {
  it('never throws: an unknown command is a usage error (exit 2)', async () => {
    const host = createMemoryHost();
    const r = await execute('release' as CommandName, {}, host);
    expect(r.exitCode).toBe(2);
    expect(r.result).toEqual({
      ok: false,
      operation: 'release',
      schemaVersion: 1,
      error: expect.objectContaining({ code: 'USAGE', message: 'unknown command "release"' }),
    });
  });

  it('an unexpected exception becomes an internal error (exit 1) and the backend is still closed', async () => {
    let closed = 0;
    const backend: Backend = {
      ...emptyBackend('local', '/x'),
      listApplicationVersions: async () => {
        throw new TypeError('boom');
      },
      close: async () => {
        closed++;
      },
    };
    const host = createMemoryHost({ cwd: '/nonexistent-shiplog-cwd' });
    const r = await execute('approve', { application: APP }, host, { openBackend: async () => backend });
    expect(r.exitCode).toBe(1);
    expect(r.result.error).toMatchObject({ code: 'INTERNAL', message: 'internal error, please report: boom' });
    expect(closed).toBe(1);
  });

  it('registers secrets before anything runs: every secret-named env var (secret-names.ts) and --dhpass never leave', async () => {
    repo = makeRepo({}, { git: false });
    const env = {
      DHPASS: 'dh-pass-123',
      GH_TOKEN: 'tok-456789',
      DB_PASSWORD: 'pw-987654',
      APP_SECRET: 'sec-111222',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMIK7MDENGbPxRfiCY',
      SSH_PRIVATE_KEY: 'pkABCDEF123',
      DOCKER_PASSWD: 'dpw123456',
      GOOGLE_CREDENTIALS: 'gcred98765',
      STRIPE_API_KEY: 'sk_live_abc',
      GIT_AUTH: 'gitauth-555',
      QUOTED_TOKEN: 'q"uo\\te',
    };
    // the command prints the values from its environment, so the command text itself holds none of them
    const cmd = `printf '%s\\n' "${Object.keys(env)
      .map((k) => `$${k}`)
      .join(' ')} flag-pass-777"; exit 0`;
    await repo.run('version-update', { 'component-name': 'GLOBAL.A.c', 'component-version': '1', application: APP });
    const r = await repo.run('deploy', { application: APP, env: 'dev', command: cmd, dhpass: 'flag-pass-777', backend: 'local' }, { env });
    expect(r.exitCode, r.err).toBe(0);
    const storedText = [...repo.storeSnapshot().values()].map((b64) => Buffer.from(b64, 'base64').toString('utf8')).join('\n');
    for (const secret of [...Object.values(env), 'flag-pass-777']) {
      expect(leakedForms(r.err, secret), secret).toEqual([]);
      expect(leakedForms(JSON.stringify(r.result), secret), secret).toEqual([]);
      expect(leakedForms(storedText, secret), secret).toEqual([]);
    }
    expect(r.err).toContain(
      Array(Object.keys(env).length + 1)
        .fill('***')
        .join(' '),
    );
  });

  it('selects the ortelius backend when DHURL is set; missing credentials are an auth error (exit 3)', async () => {
    const host = createMemoryHost({ env: { DHURL: 'http://127.0.0.1:9' } });
    const r = await execute('approve', { application: APP }, host);
    expect(r.exitCode).toBe(3);
    expect(r.result.error).toMatchObject({ code: 'AUTH' });
    const noUrl = await execute('approve', { application: APP, backend: 'ortelius' }, createMemoryHost());
    expect(noUrl.exitCode).toBe(2);
    expect((noUrl.result.error as { message: string }).message).toMatch(/needs a server URL/);
  });

  it('an explicit --config that does not exist is a config error (exit 2)', async () => {
    repo = makeRepo({}, { git: false });
    const r = await repo.run('approve', { application: APP, config: 'missing.toml' });
    expect(r.exitCode).toBe(2);
    expect(r.result.error).toMatchObject({ code: 'CONFIG' });
  });

  it('--state-dir is resolved against the working directory', async () => {
    repo = makeRepo({}, { git: false });
    const r = await repo.run('version-update', { 'component-name': 'GLOBAL.A.c', 'component-version': '1', 'state-dir': 'store/here' });
    expect(r.exitCode, r.err).toBe(0);
    expect(repo.storeSnapshot('store/here').size).toBeGreaterThan(0);
    expect(repo.storeSnapshot().size).toBe(0);
  });
});
