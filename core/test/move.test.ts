import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP, makeRepoWithAppVersion, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

describe('move', () => {
  it('moves to the next stage by default, with the target stage task', async () => {
    repo = await makeRepoWithAppVersion();
    const r = await repo.run('move', { application: APP });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toEqual({
      ok: true,
      operation: 'move',
      schemaVersion: 1,
      appVersion: `${APP};1_0_0`,
      from: 'dev',
      to: 'qa',
      task: 'Move to qa',
      requiresApproval: false,
      moved: true,
      store: { kind: 'local', location: join(repo.dir, '.shiplog'), source: 'discovered' },
      config: null,
      actor: { id: 'unknown', source: 'unknown' },
      gatePassed: true,
      unmetRules: [],
    });
  });

  it('--notes is stored with the move, redacted, and returned in the result (dry run: returned only)', async () => {
    repo = await makeRepoWithAppVersion();
    const env = { DHPASS: 'dh-pass-123' };
    const dry = await repo.run('move', { application: APP, notes: 'smoke ok', 'dry-run': true }, { env });
    expect(dry.result).toMatchObject({ moved: false, dryRun: true, notes: 'smoke ok' });
    const r = await repo.run('move', { application: APP, notes: 'smoke ok, pw dh-pass-123' }, { env });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({ moved: true, to: 'qa', notes: 'smoke ok, pw ***' });
    const stored = [...repo.storeSnapshot().values()].map((b64) => Buffer.from(b64, 'base64').toString('utf8'));
    const doc = stored
      .map((t) => JSON.parse(t.split('\n')[0]) as { moves?: { to: string; notes?: string }[] })
      .find((d) => d.moves?.length);
    expect(doc?.moves).toEqual([expect.objectContaining({ from: 'dev', to: 'qa', notes: 'smoke ok, pw ***' })]);
    expect(stored.join('\n')).not.toContain('dh-pass-123');
    const plain = await repo.run('move', { application: APP });
    expect(plain.result).not.toHaveProperty('notes');
  });

  it('the approval gate: unapproved -> exit 1 naming the reason; rejected -> exit 1; approved -> moves', async () => {
    repo = await makeRepoWithAppVersion();
    expect((await repo.run('move', { application: APP, to: 'qa' })).exitCode).toBe(0);
    const gated = await repo.run('move', { application: APP, to: 'prod' });
    expect(gated.exitCode).toBe(1);
    expect(gated.result.error).toMatchObject({ code: 'APPROVAL_REQUIRED', exitCode: 1 });
    expect(gated.err).toBe('');
    expect((await repo.run('approve', { application: APP, stage: 'prod', reject: true })).exitCode).toBe(0);
    const rejected = await repo.run('move', { application: APP, to: 'prod' });
    expect(rejected.exitCode).toBe(1);
    expect(rejected.result.error).toMatchObject({ code: 'APPROVAL_REJECTED' });
    expect((await repo.run('approve', { application: APP, stage: 'prod' })).exitCode).toBe(0);
    const moved = await repo.run('move', { application: APP, to: 'prod' });
    expect(moved.exitCode, moved.err).toBe(0);
    expect(moved.result).toMatchObject({ from: 'qa', to: 'prod', moved: true, requiresApproval: true });
    const last = await repo.run('move', { application: APP });
    expect(last.exitCode).toBe(2);
    expect((last.result.error as { message: string }).message).toMatch(/last stage/);
  });

  it('accepts dh --from-domain/--task spellings (domains from shiplog.toml)', async () => {
    repo = await makeRepoWithAppVersion({
      'shiplog.toml': `[[stage]]
name = "dev"
domain = "GLOBAL.Acme.Dev"
require_success = false
[[stage]]
name = "qa"
domain = "GLOBAL.Acme.QA"
task = "Promote to QA"
`,
    });
    const wrong = await repo.run('move', { application: APP, from: 'GLOBAL.Acme.QA' });
    expect(wrong.exitCode).toBe(2);
    expect((wrong.result.error as { message: string }).message).toBe(`${APP};1_0_0 is in stage "dev", not "qa"`);
    const r = await repo.run('move', { application: APP, from: 'GLOBAL.Acme.Dev', task: 'Custom move' });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({ from: 'dev', to: 'qa', task: 'Custom move' });
  });

  it('unknown stages are reported together (exit 2); moving to the current stage changes nothing', async () => {
    repo = await makeRepoWithAppVersion();
    const r = await repo.run('move', { application: APP, to: 'staging', from: 'test' });
    expect(r.exitCode).toBe(2);
    expect((r.result.error as { problems: string[] }).problems).toEqual(['unknown stage "staging"', 'unknown stage "test"']);
    const same = await repo.run('move', { application: APP, to: 'dev' });
    expect(same.exitCode).toBe(0);
    expect(same.result).toMatchObject({ moved: false, from: 'dev', to: 'dev' });
  });

  it('--dry-run moves nothing', async () => {
    repo = await makeRepoWithAppVersion();
    const before = repo.storeSnapshot();
    const r = await repo.run('move', { application: APP, 'dry-run': true });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({ dryRun: true, moved: false, to: 'qa' });
    expect(repo.storeSnapshot()).toEqual(before);
    expect((await repo.run('move', { application: APP })).result).toMatchObject({ from: 'dev', to: 'qa' });
  });
});
