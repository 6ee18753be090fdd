// envscript --toml: like version-update, only the default component.toml may be absent; a file named
// explicitly must exist (a typo must not silently fall back to the derived variables alone).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPONENT_TOML, makeRepo, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo;
beforeAll(() => {
  repo = makeRepo({ 'services/cart/component.toml': COMPONENT_TOML });
});
afterAll(() => repo.cleanup());

describe('envscript --toml', () => {
  it('a named file that does not exist: exit 2 naming it, nothing written', async () => {
    const r = await repo.run('envscript', { toml: 'services/cart/compnent.toml', output: 'build.env' });
    expect(r.exitCode, r.err).toBe(2);
    expect(r.error?.message).toMatch(/^--toml services\/cart\/compnent\.toml: no such file/);
    expect(existsSync(path.join(repo.dir, 'build.env'))).toBe(false);
  });

  it('the default component.toml may be absent (derived variables only); a named file that exists is read', async () => {
    const absent = await repo.run('envscript', {});
    expect(absent.exitCode, absent.err).toBe(0);
    expect(absent.err).toContain('component.toml not found: writing the derived variables only');
    const named = await repo.run('envscript', { toml: 'services/cart/component.toml' });
    expect(named.exitCode, named.err).toBe(0);
  });
});
