/**
 * Secrets through the whole CLI (in process, real local store in a temp git repo): awkward secrets in --json
 * output and stored records, secrets that are JSON words, and usage errors that echo flag values.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { APP, makeRepo, type TestRepo, runCliInProcess } from './execute-fixtures.js';
import { leakedForms } from './secret-forms.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

function cli(argv: string[], env: Record<string, string> = {}) {
  return runCliInProcess(argv, { cwd: repo?.dir ?? '/nonexistent-shiplog-cwd', env: { ...(repo?.env ?? {}), ...env } });
}

/** Every stored byte of the local store, as text. */
function stored(): string {
  return [...repo!.storeSnapshot().values()].map((b64) => Buffer.from(b64, 'base64').toString('utf8')).join('\n');
}

const AWKWARD: readonly string[] = ['Pa"ss\\w0rd!', 'back\\slash\\', 'pässwörd-✓-🚀', '"quoted" \\ both'];

describe('CLI: secrets JSON escapes differently are masked in --json output and stored records', () => {
  it.each(AWKWARD)('DHPASS=%s', async (secret) => {
    repo = makeRepo();
    const env = { DHPASS: secret };
    const up = await cli(
      [
        'version-update',
        '--component-name',
        'GLOBAL.A.c',
        '--component-version',
        '1',
        '--application',
        APP,
        '--attr',
        `DbPass=${secret}`,
        '--json',
      ],
      env,
    );
    expect(up.code, up.err).toBe(0);
    const ap = await cli(['approve', '--application', APP, '--stage', 'qa', '--notes', `pw=${secret}`, '--json'], env);
    expect(ap.code, ap.err).toBe(0);
    expect(JSON.parse(ap.out)).toMatchObject({ ok: true, notes: 'pw=***' });
    expect(JSON.parse(up.out)).toMatchObject({ ok: true });
    for (const text of [up.out, up.err, ap.out, ap.err, stored()]) expect(leakedForms(text, secret)).toEqual([]);
    expect(stored()).toContain('pw=***');
  });
});

describe('CLI: a secret that is a JSON word never breaks the JSON nor fails a committed operation', () => {
  it.each(['null', 'true', 'false'])('API_SECRET=%s', async (word) => {
    repo = makeRepo();
    const env = { API_SECRET: word };
    const up = await cli(
      ['version-update', '--component-name', 'GLOBAL.A.c', '--component-version', '1', '--application', APP, '--json'],
      env,
    );
    expect(up.code, up.out + up.err).toBe(0);
    expect(JSON.parse(up.out)).toMatchObject({ ok: true });
    const hist = await cli(['history', '--json'], env);
    expect(hist.code, hist.out + hist.err).toBe(0);
    expect(JSON.parse(hist.out)).toMatchObject({ ok: true });
    const status = await cli(['status', '--json'], env);
    expect(status.code, status.out + status.err).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ ok: true });
    expect(up.err + hist.err + status.err).not.toContain('internal error');
  });
});

describe('CLI: usage errors mask secrets', () => {
  const cases: ReadonlyArray<readonly [string, string[], Record<string, string>, string]> = [
    [
      'an unknown secret-looking flag holding DHPASS',
      ['status', '--dh-pass=hunter2-prod-pass', '--json'],
      { DHPASS: 'hunter2-prod-pass' },
      'hunter2-prod-pass',
    ],
    [
      'an unknown secret-looking flag, value not in the environment',
      ['status', '--dh-pass=flag-only-secret', '--json'],
      {},
      'flag-only-secret',
    ],
    [
      'a space-separated secret flag before an unknown one',
      ['status', '--dhpass', 'spaced-secret-1', '--bogus=spaced-secret-1', '--json'],
      {},
      'spaced-secret-1',
    ],
    [
      'a secret-named env var echoed by an unknown flag',
      ['history', '--limt=aws-key-abc123', '--json'],
      { AWS_SECRET_ACCESS_KEY: 'aws-key-abc123' },
      'aws-key-abc123',
    ],
    ['an unknown command echoing a token', ['ghp_secret_tok1', '--json'], { GH_TOKEN: 'ghp_secret_tok1' }, 'ghp_secret_tok1'],
  ];
  it.each(cases)('%s', async (_, argv, env, secret) => {
    const r = await cli(argv, env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^shiplog: error: /);
    expect(r.err).toContain('***');
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'USAGE', exitCode: 2 } });
    expect(leakedForms(r.out + r.err, secret)).toEqual([]);
  });
});
