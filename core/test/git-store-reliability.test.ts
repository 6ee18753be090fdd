/**
 * Reliability of the git store with real git and separate processes, as separate CI runners would run it
 * (issue 13 "Reliability"), over file://. Each "runner" is a working directory whose origin is the state remote,
 * with its own cache (XDG_CACHE_HOME); the writers of one runner share it. The counts are printed for the issue note.
 * The smart-HTTP and SIGKILL suites are git-store-reliability-http.test.ts and git-store-reliability-kill.test.ts
 * (separate files so the three run in parallel).
 *
 * - 20 writers in 5 working directories: every operation (version-update, approve, move, deploy) lands exactly
 *   once, ids are dense, no application version is doubled; readers running meanwhile never fail.
 * - The server stopped in the middle of a push: the CLI exits 4 after bounded retries, nothing is half-written,
 *   and the re-run after the server is back records the deployment once.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { REPO_ROOT } from './fixtures/store/spawn-writer.js';
import { git, installHook, makeBareRemote, startHttpGitServer, testGitEnv } from './support/git-servers.js';
import { auditGitStore } from './support/git-store-audit.js';
import { stateLog, waitForFile } from './support/git-store-fixture.js';
import { makeRunners, runClients, SHARED_APP, started, summarise, tempDir } from './support/git-reliability-harness.js';

describe('git store reliability over file:// (separate processes, real git)', () => {
  it('20 writers in 5 working directories over file:// (in place), one release each: every operation lands exactly once, ids dense, readers never fail', async () => {
    const WRITERS = 20;
    // one release each (version-update, approve, move, deploy: 100 operations racing for one ref)
    const ITERATIONS = 1;
    const dir = await tempDir('shiplog-rel-file-');
    const remote = makeBareRemote(join(dir, 'srv', 'state.git'));
    const runners = makeRunners(dir, remote, `file://${remote}`, 5);
    const run = await runClients(
      runners,
      Array.from({ length: WRITERS }, (_, w) => ({ worker: w, count: ITERATIONS })),
    );
    const ops = WRITERS * ITERATIONS;
    const audit = await auditGitStore(remote, {
      applications: [SHARED_APP],
      bases: Array.from({ length: WRITERS }, (_, w) => `GLOBAL.Acme.Store.svc-w${w}`),
    });
    const summary = summarise('file:// (in place)', run, audit);
    console.log(`git store reliability, concurrent writers: ${JSON.stringify(summary)}`);
    expect(summary.operationsAcknowledged).toBe(ops * 5);
    expect(audit.byKind).toEqual({ cv: ops, av: ops, approve: ops, move: ops, deploy: ops, other: 0 });
    expect(audit.commits).toBe(ops * 5);
    expect(audit.next).toEqual({ componentVersion: ops + 1, applicationVersion: ops + 1, deployment: ops + 1 });
    expect([summary.componentVersions, summary.applicationVersions, summary.distinctApplicationVersions, summary.deployments]).toEqual([
      ops,
      ops,
      ops,
      ops,
    ]);
    expect([summary.avIdsDense, summary.deploymentIdsDense, summary.duplicateDeployments, summary.repeatedOperationKeys]).toEqual([
      true,
      true,
      0,
      0,
    ]);
    for (const av of audit.appVersions.values())
      expect([av.approvals.length, av.moves.length, av.value.stage], av.value.name).toEqual([1, 1, 'qa']);
    expect(audit.problems).toEqual([]);
    expect(git(['--git-dir', remote, 'fsck', '--strict', '--no-dangling']).trim()).toBe('');
  }, 1_800_000);

  it('the server stopped in the middle of a push: the CLI exits 4 after bounded retries, nothing half-written; the re-run records once', async () => {
    const dir = await tempDir('shiplog-rel-cut-');
    const root = join(dir, 'srv');
    const remote = makeBareRemote(join(root, 'state.git'));
    const password = 'cut-password-0123';
    let server = await startHttpGitServer({ root, username: 'x-access-token', password });
    const work = join(dir, 'work');
    mkdirSync(work);
    git(['init', '-q', '-b', 'main', work]);
    const env = {
      ...testGitEnv(),
      XDG_CACHE_HOME: join(dir, 'xdg'),
      SHIPLOG_STORE: `git+${server.url('state.git')}`,
      SHIPLOG_STORE_PASSWORD: password,
      GITHUB_ACTIONS: 'true',
      GITHUB_RUN_ID: '4242',
      GITHUB_WORKFLOW: 'release',
      GITHUB_JOB: 'deploy',
      GITHUB_REPOSITORY: 'acme/store',
    };
    const cli = (argv: string[]) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        // the bundled CLI, as a runner runs it (bundle-fresh.test.ts keeps it in step with the sources)
        const child = spawn(process.execPath, [join(REPO_ROOT, 'core/dist/shiplog.mjs'), ...argv], {
          cwd: work,
          env,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        started.push(child);
        let err = '';
        child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
        child.on('close', (code) => resolve({ code, err }));
      });
    try {
      const up = await cli([
        'version-update',
        '--component-name',
        'GLOBAL.Acme.Store.cart',
        '--component-version',
        '1.0.0',
        '--application',
        SHARED_APP,
        '--app-version',
        '1.0.0',
      ]);
      expect(up.code, up.err).toBe(0);
      const before = git(['--git-dir', remote, 'rev-parse', 'refs/heads/shiplog-state']).trim();
      installHook(remote, 'pre-receive', `touch ${join(dir, 'held')}\nwhile [ ! -e ${join(dir, 'release')} ]; do sleep 0.01; done\nexit 1`);
      const pending = cli(['deploy', '--application', SHARED_APP, '--env', 'dev', '--exit-code', '0']);
      await waitForFile(join(dir, 'held'));
      await server.stop();
      const cut = await pending;
      writeFileSync(join(dir, 'release'), '');
      console.log(`git store reliability, network cut: exit ${cut.code}: ${cut.err.trim().split('\n').join(' | ')}`);
      expect(cut.code).toBe(4);
      expect(cut.err).toMatch(
        new RegExp(
          `^shiplog: error: git store git\\+http://127\\.0\\.0\\.1:${server.port}/state\\.git: .*(after 4 attempts|failed 4 times)`,
        ),
      );
      expect(cut.err).not.toContain(password);
      expect(git(['--git-dir', remote, 'rev-parse', 'refs/heads/shiplog-state']).trim()).toBe(before);
      expect(git(['--git-dir', remote, 'fsck', '--strict', '--no-dangling']).trim()).toBe('');
      // the server is back (same port); the job step re-runs
      installHook(remote, 'pre-receive', 'cat >/dev/null');
      server = await startHttpGitServer({ root, username: 'x-access-token', password, port: server.port });
      const again = await cli(['deploy', '--application', SHARED_APP, '--env', 'dev', '--exit-code', '0']);
      expect(again.code, again.err).toBe(0);
      const third = await cli(['deploy', '--application', SHARED_APP, '--env', 'dev', '--exit-code', '0']);
      expect(third.code, third.err).toBe(0);
      expect(stateLog(remote).filter(([s]) => s.startsWith('deploy:'))).toHaveLength(1);
    } finally {
      await server.stop();
    }
  }, 600_000);
});
