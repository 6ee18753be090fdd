/**
 * A broken pipeline config (shiplog.toml) must stop every mutating command before its first write: exit 2,
 * code CONFIG, the store byte-identical (or still absent).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecuteInputs } from '../src/execute.js';
import type { CommandName } from '../src/inputs.js';
import { APP, CART, COMPONENT_TOML, makeRepo, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const BROKEN: [string, string][] = [
  ['an empty stage list', 'stage = []\n'],
  ['no [[stage]] table', 'title = "x"\n'],
  ['two stages named dev', '[[stage]]\nname = "dev"\n[[stage]]\nname = "dev"\n'],
];

const OPERATIONS: [CommandName, ExecuteInputs, string[]?][] = [
  ['version-update', { 'component-version': '2.0.0' }],
  ['version-update', { 'component-version': '2.0.0', env: 'dev' }, ['true']],
  ['move', { application: APP, to: 'qa' }],
  ['approve', { application: APP, stage: 'prod' }],
  ['deploy', { application: APP, env: 'dev' }, ['true']],
  ['deploy', { application: APP, env: 'dev', 'exit-code': '0' }],
];

describe('a broken pipeline config is reported before anything is written', () => {
  for (const [label, text] of BROKEN) {
    it.each(OPERATIONS)(`${label}: %s %o exits 2 and leaves the store as it was`, async (command, inputs, commandArgs) => {
      repo = makeRepo({ 'component.toml': COMPONENT_TOML });
      const first = await repo.run('version-update');
      expect(first.exitCode, first.err).toBe(0);
      const before = repo.storeSnapshot();
      repo.write('shiplog.toml', text);
      const r = await repo.run(command, inputs, { commandArgs });
      expect(r.exitCode, r.err).toBe(2);
      expect(r.result.error).toMatchObject({ code: 'CONFIG', exitCode: 2 });
      expect(r.err).not.toContain('internal error');
      expect(repo.storeSnapshot()).toEqual(before);
    });
  }

  it('with no store yet, version-update creates none (stage = [] used to store the component version, then fail)', async () => {
    repo = makeRepo({ 'shiplog.toml': 'stage = []\n' }, { git: false });
    const r = await repo.run('version-update', { 'component-name': CART, 'component-version': '1', application: APP });
    expect(r.exitCode, r.err).toBe(2);
    expect((r.result.error as { message: string }).message).toMatch(/^pipeline config .*shiplog\.toml: no stages/);
    expect(repo.storeSnapshot().size).toBe(0);
  });
});
