/**
 * The git store through the CLI (in process, cli/main.ts): a release recorded with `--store git+file://...`
 * reads back as an audit trail in `git log shiplog-state`; the failures each exit with their code and one error
 * line naming the redacted remote plus a hint; a CI step re-run records its deployment once.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, runCliInProcess, type TestRepo } from './execute-fixtures.js';
import { git, installHook, makeBareRemote, startHttpGitServer } from './support/git-servers.js';
import { stateLog } from './support/git-store-fixture.js';

const APP = 'GLOBAL.Acme.Store.shop';
const CART = 'GLOBAL.Acme.Store.cart';
const CI_ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_RUN_ID: '777',
  GITHUB_RUN_NUMBER: '12',
  GITHUB_WORKFLOW: 'release',
  GITHUB_JOB: 'deploy',
  GITHUB_REPOSITORY: 'acme/store',
};

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

function setup() {
  repo = makeRepo();
  const remote = makeBareRemote(join(repo.dir, '.home', 'state.git'));
  const env = { ...repo.env, XDG_CACHE_HOME: join(repo.dir, '.home', 'cache'), SHIPLOG_STORE: `git+file://${remote}` };
  const cli = (argv: string[], more: Record<string, string> = {}) => runCliInProcess(argv, { cwd: repo!.dir, env: { ...env, ...more } });
  return { remote, cli };
}

describe('git store through the CLI', () => {
  it('a release (version-update, approve, move, deploy) is one commit per operation, readable with git log', async () => {
    const { remote, cli } = setup();
    expect(
      (
        await cli([
          'version-update',
          '--component-name',
          CART,
          '--component-version',
          '1.0.0',
          '--application',
          APP,
          '--app-version',
          '1.0.0',
        ])
      ).code,
    ).toBe(0);
    expect((await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0'])).code).toBe(0);
    expect((await cli(['move', '--application', APP, '--to', 'qa'])).code).toBe(0);
    expect((await cli(['approve', '--application', APP, '--stage', 'prod', '--notes', 'CAB-9'])).code).toBe(0);
    expect((await cli(['move', '--application', APP, '--to', 'prod'])).code).toBe(0);
    const status = await cli(['status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ ok: true });
    const subjects = stateLog(remote)
      .map(([s]) => s)
      .reverse();
    expect(subjects).toEqual([
      `version-update: component version ${CART};main;1_0_0`,
      `version-update: application ${APP} with ${CART};main;1_0_0`,
      `deploy: ${APP};1_0_0 to dev succeeded`,
      expect.stringMatching(new RegExp(`^move: ${APP.replace(/\./g, '\\.')};1_0_0 from dev to qa by `)),
      expect.stringMatching(new RegExp(`^approve: ${APP.replace(/\./g, '\\.')};1_0_0 for prod by `)),
      expect.stringMatching(new RegExp(`^move: ${APP.replace(/\./g, '\\.')};1_0_0 from qa to prod by `)),
    ]);
    expect(existsSync(join(repo!.dir, '.shiplog'))).toBe(false);
  });

  it('a CI step run twice (a retry after a crash) records its deployment once', async () => {
    const { remote, cli } = setup();
    await cli(['version-update', '--component-name', CART, '--component-version', '1.0.0', '--application', APP, '--app-version', '1.0.0']);
    // dev: a record-only deploy into prod would need the version approved for prod (docs/policy.md)
    const first = await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0', '--json'], CI_ENV);
    const again = await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0', '--json'], CI_ENV);
    expect([first.code, again.code]).toEqual([0, 0]);
    expect(JSON.parse(first.out).deployment.id).toBe(1);
    expect(JSON.parse(again.out).deployment).toEqual(JSON.parse(first.out).deployment);
    expect(stateLog(remote).filter(([s]) => s.startsWith('deploy:'))).toHaveLength(1);
    // another job of the same build is another step: recorded
    expect(
      (await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0'], { ...CI_ENV, GITHUB_JOB: 'deploy-eu' })).code,
    ).toBe(0);
    expect(stateLog(remote).filter(([s]) => s.startsWith('deploy:'))).toHaveLength(2);
  });

  it('an unreachable remote exits 4, a refused password 3, a refusing hook 4: one error line naming the remote, a hint, no local store', async () => {
    const { remote, cli } = setup();
    const missing = join(repo!.dir, '.home', 'missing.git');
    const down = await cli(['status', '--store', `git+file://${missing}`]);
    expect(down.code).toBe(4);
    expect(down.err).toMatch(
      new RegExp(
        `^shiplog: error: git store git\\+file://${missing.replace(/\./g, '\\.')}: fetching refs/heads/shiplog-state failed: .*\\nhint: check the remote URL`,
      ),
    );
    expect(down.err.split('\n').filter(Boolean)).toHaveLength(2);

    const server = await startHttpGitServer({
      root: join(repo!.dir, '.home'),
      username: 'x-access-token',
      password: 'right-password-1234',
    });
    try {
      const denied = await cli(['status', '--store', `git+${server.url('state.git')}`], { SHIPLOG_STORE_PASSWORD: 'wrong-password-5678' });
      expect(denied.code).toBe(3);
      expect(denied.err).toContain(
        `git store git+${server.url('state.git')}: fetching refs/heads/shiplog-state was refused: authentication failed`,
      );
      expect(denied.err).not.toContain('wrong-password-5678');
      expect(denied.err).toMatch(/\nhint: check the token or password/);
    } finally {
      await server.stop();
    }

    await cli(['version-update', '--component-name', CART, '--component-version', '1.0.0', '--application', APP, '--app-version', '1.0.0']);
    const before = git(['--git-dir', remote, 'rev-parse', 'refs/heads/shiplog-state']);
    installHook(remote, 'pre-receive', 'echo "GH006: Protected branch update failed for refs/heads/shiplog-state." >&2; exit 1');
    const refused = await cli(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0']);
    expect(refused.code).toBe(4);
    expect(refused.err).toContain(
      `git store git+file://${remote}: the remote refused the push to refs/heads/shiplog-state: pre-receive hook declined: GH006: Protected branch update failed`,
    );
    expect(refused.err).toMatch(/\nhint: allow this token or key to push to refs\/heads\/shiplog-state/);
    expect(git(['--git-dir', remote, 'rev-parse', 'refs/heads/shiplog-state'])).toBe(before);
    expect(existsSync(join(repo!.dir, '.shiplog'))).toBe(false);
  });
});
