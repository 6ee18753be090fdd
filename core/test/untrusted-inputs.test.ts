/**
 * Issue 21, lower items about inputs: [Export] may not set PATH, LD_PRELOAD, BASH_ENV, NODE_OPTIONS and their kin
 * without --allow-dangerous-exports, nor a value over 32 KiB; names with bidirectional controls (U+202E) are
 * refused; an attribute whose name is secret-shaped (DB_PASSWORD) is stored masked. Each was accepted before.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP, CART, makeRepo, runCliInProcess, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

function cli(argv: string[], env: Record<string, string> = {}) {
  return runCliInProcess(argv, { cwd: repo!.dir, env: { ...repo!.env, ...env } });
}

function tomlWithExports(exports: Record<string, string>): string {
  const lines = Object.entries(exports).map(
    ([k, v]) => `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : JSON.stringify(k)} = ${JSON.stringify(v)}`,
  );
  return `Name = "${CART}"\nVariant = "main"\nVersion = "1"\n\n[Export]\n${lines.join('\n')}\n`;
}

describe('[Export] in component.toml', () => {
  it.each([
    'PATH',
    'LD_PRELOAD',
    'BASH_ENV',
    'NODE_OPTIONS',
    'Path',
    'LD_LIBRARY_PATH',
    'DYLD_INSERT_LIBRARIES',
    'PYTHONPATH',
    'GIT_SSH_COMMAND',
    'JAVA_TOOL_OPTIONS',
    'PROMPT_COMMAND',
    'GITHUB_ENV',
  ])('%s is refused (exit 2), nothing written; --allow-dangerous-exports lets it through', async (name) => {
    repo = makeRepo({ 'component.toml': tomlWithExports({ [name]: '/tmp/evil', SAFE_ONE: 'ok' }) });
    const r = await cli(['envscript', '--output', 'env.sh', '--json']);
    expect(r.code, r.err).toBe(2);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', exitCode: 2 } });
    expect(r.err).toContain(`[Export] ${name} would change how programs start or load code`);
    expect(existsSync(path.join(repo.dir, 'env.sh'))).toBe(false);
    const allowed = await cli(['envscript', '--output', 'env.sh', '--allow-dangerous-exports']);
    expect(allowed.code, allowed.err).toBe(0);
    expect(readFileSync(path.join(repo.dir, 'env.sh'), 'utf8')).toContain(`export ${name}='/tmp/evil'`);
  });

  it('every refused key is named at once', async () => {
    repo = makeRepo({ 'component.toml': tomlWithExports({ PATH: '/x', LD_PRELOAD: '/y.so', NODE_OPTIONS: '--require /z.js' }) });
    const r = await cli(['envscript', '--json']);
    expect(r.code).toBe(2);
    const problems = (r.json().error as { problems: string[] }).problems;
    expect(problems).toHaveLength(3);
  });

  it('a 1 MB value is refused with exit 2 naming the 32 KiB cap, even with --allow-dangerous-exports; 32 KiB passes', async () => {
    repo = makeRepo({ 'component.toml': tomlWithExports({ BIG: 'x'.repeat(1 << 20) }) });
    const r = await cli(['envscript', '--output', 'env.sh', '--allow-dangerous-exports']);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('[Export] BIG is 1048576 bytes long; an exported value may be at most 32 KiB');
    expect(existsSync(path.join(repo.dir, 'env.sh'))).toBe(false);
    repo.write('component.toml', tomlWithExports({ BIG: 'x'.repeat(32 * 1024) }));
    expect((await cli(['envscript', '--output', 'env.sh'])).code).toBe(0);
  });
});

describe('bidirectional controls in names', () => {
  const RLO = '\u202E';
  it.each<[string, string[]]>([
    ['--component-name', ['version-update', '--component-name', `GLOBAL.Acme.cart${RLO}exe`, '--component-version', '1']],
    ['--component-version', ['version-update', '--component-name', CART, '--component-version', `1${RLO}0`]],
    ['--component-variant', ['version-update', '--component-name', CART, '--component-version', '1', '--component-variant', `ma\u2066in`]],
    ['--application', ['version-update', '--component-name', CART, '--component-version', '1', '--application', `GLOBAL.Acme.shop\u200F`]],
    [
      '--app-version',
      ['version-update', '--component-name', CART, '--component-version', '1', '--application', APP, '--app-version', `2${RLO}`],
    ],
    ['--env', ['deploy', '--application', APP, '--env', `de${RLO}v`, '--exit-code', '0']],
  ])('%s: exit 2, one line naming the character, nothing stored', async (_, argv) => {
    repo = makeRepo();
    const r = await cli([...argv, '--json']);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/a bidirectional control \(U\+(202E|2066|200F)\)/);
    // the message shows the character escaped, so it cannot turn the line around
    expect(r.err).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    expect(repo.storeSnapshot().size).toBe(0);
  });
});

describe('secret-shaped attribute names', () => {
  it('DB_PASSWORD (--attr and [Attributes]) is stored masked, with a warning naming the key', async () => {
    const secret = 'hunter2-db-pass';
    repo = makeRepo({
      'component.toml': `Name = "${CART}"\nVariant = "main"\nVersion = "1"\n\n[Attributes]\nApiToken = "tok-from-toml-123"\nDbHost = "db.internal"\n`,
    });
    const r = await cli(['version-update', '--application', APP, '--attr', `DB_PASSWORD=${secret}`, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('attribute DB_PASSWORD looks like a credential: its value is stored as ***');
    expect(r.err).toContain('attribute ApiToken looks like a credential');
    const stored = [...repo.storeSnapshot().values()].map((b) => Buffer.from(b, 'base64').toString('utf8')).join('\n');
    expect(stored).toContain('"DB_PASSWORD":"***"');
    expect(stored).toContain('"ApiToken":"***"');
    expect(stored).toContain('"DbHost":"db.internal"');
    for (const text of [stored, r.out, r.err]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('tok-from-toml-123');
    }
    const d = await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0', '--attr', `deploy_token=${secret}`]);
    expect(d.code, d.err).toBe(0);
    const after = [...repo.storeSnapshot().values()].map((b) => Buffer.from(b, 'base64').toString('utf8')).join('\n');
    expect(after).toContain('"deploy_token":"***"');
    expect(after).not.toContain(secret);
  });
});
