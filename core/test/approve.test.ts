import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP, makeRepoWithAppVersion, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

describe('approve', () => {
  it('approves the latest application version for the next stage, by the CI actor', async () => {
    repo = await makeRepoWithAppVersion();
    const r = await repo.run(
      'approve',
      { application: APP, notes: 'looks good' },
      { env: { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'octocat' } },
    );
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toEqual({
      ok: true,
      operation: 'approve',
      schemaVersion: 1,
      appVersion: `${APP};1_0_0`,
      approved: true,
      stage: 'qa',
      actor: { id: 'octocat', source: 'ci:github' },
      at: '2026-01-02T03:04:05.000Z',
      notes: 'looks good',
      store: { kind: 'local', location: join(repo.dir, '.shiplog'), source: 'discovered' },
      config: null,
      gatePassed: true,
      unmetRules: [],
    });
  });

  it('falls back to USER, then "unknown"; --reject records a rejection for a named stage', async () => {
    repo = await makeRepoWithAppVersion();
    const byUser = await repo.run('approve', { application: `${APP};1.0.0`, stage: 'prod', reject: true }, { env: { USER: 'alice' } });
    expect(byUser.exitCode, byUser.err).toBe(0);
    expect(byUser.result).toMatchObject({ approved: false, stage: 'prod', actor: { id: 'alice' } });
    const nobody = await repo.run('approve', { application: APP, 'app-version': '1.0.0', stage: 'prod' });
    expect(nobody.result).toMatchObject({ approved: true, actor: { id: 'unknown' } });
  });

  it('unknown stage -> exit 2; missing application -> exit 2; unknown version -> exit 2', async () => {
    repo = await makeRepoWithAppVersion();
    const stage = await repo.run('approve', { application: APP, stage: 'staging' });
    expect(stage.exitCode).toBe(2);
    expect(stage.result.error).toMatchObject({ message: 'unknown stage "staging"', hint: 'stages: dev, qa, prod (default pipeline)' });
    const missing = await repo.run('approve', {});
    expect(missing.exitCode).toBe(2);
    expect((missing.result.error as { message: string }).message).toBe('--application is required');
    const version = await repo.run('approve', { application: APP, 'app-version': '7' });
    expect(version.exitCode).toBe(2);
    expect(version.result.error).toMatchObject({ code: 'NOT_FOUND' });
    const bad = await repo.run('approve', { application: APP, reject: 'maybe' });
    expect(bad.exitCode).toBe(2);
  });

  it('--dry-run records nothing', async () => {
    repo = await makeRepoWithAppVersion();
    const before = repo.storeSnapshot();
    const r = await repo.run('approve', { application: APP, 'dry-run': true });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({ dryRun: true, stage: 'qa' });
    expect(repo.storeSnapshot()).toEqual(before);
  });
});

describe('approve with a changed pipeline config', () => {
  it('an application version in a stage the config no longer has needs --stage (exit 2)', async () => {
    repo = await makeRepoWithAppVersion();
    repo.write('shiplog.toml', '[[stage]]\nname = "test"\n[[stage]]\nname = "live"\napproval = true\n');
    const r = await repo.run('approve', { application: APP });
    expect(r.exitCode).toBe(2);
    expect((r.result.error as { message: string }).message).toBe(`${APP};1_0_0 is in stage "dev", which the pipeline config does not have`);
    expect((await repo.run('approve', { application: APP, stage: 'live' })).exitCode).toBe(0);
  });
});
