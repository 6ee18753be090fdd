/**
 * Reliability of the git store with real git and separate processes, as separate CI runners would run it
 * (issue 13 "Reliability"). Each "runner" is a working directory whose origin is the state remote, with its own
 * cache (XDG_CACHE_HOME); the writers of one runner share it. The counts are printed for the issue note.
 *
 * - 20 writers in 5 working directories, over file:// and over smart HTTP: every operation (version-update,
 *   approve, move, deploy) lands exactly once, ids are dense, no application version is doubled; readers
 *   running meanwhile never fail.
 * - Writers killed with SIGKILL while writing a commit, while pushing, or at a random moment: the remote never
 *   holds a partial operation, re-running the unfinished iteration completes it exactly once, the leftovers in
 *   the shared cache do not break the re-run, readers never fail.
 * - The server stopped in the middle of a push: the CLI exits 4 after bounded retries, nothing is half-written,
 *   and the re-run after the server is back records the deployment once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openGitStore } from '../src/backend/git/index.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import { createMemoryHost } from '../src/host.js';
import type { CiContext } from '../src/model.js';
import type { GitWriterArgs } from './fixtures/store/git-writer.js';
import { REPO_ROOT, startGitWriter, type Ack, type Writer } from './fixtures/store/spawn-writer.js';
import { git, installHook, makeBareRemote, startHttpGitServer, testGitEnv } from './support/git-servers.js';
import { auditGitStore, dense, type StoreAudit } from './support/git-store-audit.js';
import { stateLog, waitForFile } from './support/git-store-fixture.js';

const SHARED_APP = 'GLOBAL.Acme.Store.shop';
const started: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

interface Runner {
  /** The working directory. */
  cwd: string;
  cacheHome: string;
}

/** n working directories cloned from the bare remote, their origin set to `originUrl`, each with its own cache. */
function makeRunners(dir: string, remote: string, originUrl: string, n: number): Runner[] {
  return Array.from({ length: n }, (_, k) => {
    const work = join(dir, `runner-${k}`, 'work');
    git(['clone', '-q', remote, work]);
    git(['remote', 'set-url', 'origin', originUrl], { cwd: work });
    return { cwd: work, cacheHome: join(dir, `runner-${k}`, 'xdg') };
  });
}

function track(w: Writer): Writer {
  started.push(w.child);
  return w;
}

async function until(cond: () => boolean, ms = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const acked = (ws: Writer[], kind: Ack['kind']) => ws.flatMap((w) => w.acks.filter((a) => a.kind === kind));

const SETUP: CiContext = { provider: 'local', isCi: false };
const AT = '2026-01-02T03:04:05.000Z';

interface ClientRun {
  writers: Writer[];
  readers: Writer[];
  seconds: number;
}

/** Starts the writers (spread over the runners) and one reader per runner; waits for the writers, stops the readers. */
async function runClients(runners: Runner[], plan: Omit<GitWriterArgs, 'cwd' | 'cacheHome'>[], password?: string): Promise<ClientRun> {
  const readers = runners.map((r, k) => track(startGitWriter({ ...r, password, worker: 100 + k, count: 0, reader: true })));
  const t0 = Date.now();
  const writers = plan.map((p, n) => track(startGitWriter({ ...runners[n % runners.length], ...p })));
  const results = await Promise.all(writers.map((w) => w.done));
  const seconds = (Date.now() - t0) / 1000;
  for (const r of readers) r.child.kill('SIGKILL');
  const readerEnds = await Promise.all(readers.map((r) => r.done));
  results.forEach((r, n) => expect(r, writers[n].stderr()).toEqual({ code: 0, signal: null }));
  readerEnds.forEach((r, k) => expect(r.signal, `reader ${k} failed: ${readers[k].stderr()}`).toBe('SIGKILL'));
  expect(acked(readers, 'read').length).toBeGreaterThan(0);
  return { writers, readers, seconds };
}

function summarise(transport: string, run: ClientRun, audit: StoreAudit) {
  const app = audit.applications.get(SHARED_APP)!;
  const tags = audit.deployments.map((d) => d.log[0]);
  return {
    transport,
    writers: run.writers.length,
    workingDirectories: run.readers.length,
    operationsAcknowledged: run.writers.reduce((n, w) => n + w.acks.length, 0),
    commits: audit.commits,
    commitsByOperation: audit.byKind,
    componentVersions: audit.docs['component-version'],
    applicationVersions: app.versions.length,
    distinctApplicationVersions: new Set(app.versions).size,
    avIdsDense: dense([...audit.appVersions.values()].map((d) => d.value.id), 'av:'),
    deployments: audit.deployments.length,
    deploymentIdsDense: dense(audit.deployments.map((d) => d.id)),
    duplicateDeployments: tags.length - new Set(tags).size,
    repeatedOperationKeys: audit.repeatedKeys,
    concurrentReads: acked(run.readers, 'read').length,
    seconds: Math.round(run.seconds),
    writerOperationsPerMinute: Math.round((run.writers.reduce((n, w) => n + w.acks.length, 0) / run.seconds) * 60),
  };
}

describe('git store reliability (separate processes, real git)', () => {
  it('20 writers in 5 working directories over file:// (in place), 2 releases each: every operation lands exactly once, ids dense, readers never fail', async () => {
    const WRITERS = 20;
    const ITERATIONS = 2;
    const dir = await tempDir('shiplog-rel-file-');
    const remote = makeBareRemote(join(dir, 'srv', 'state.git'));
    const runners = makeRunners(dir, remote, `file://${remote}`, 5);
    const run = await runClients(runners, Array.from({ length: WRITERS }, (_, w) => ({ worker: w, count: ITERATIONS })));
    const ops = WRITERS * ITERATIONS;
    const audit = await auditGitStore(remote, { applications: [SHARED_APP], bases: Array.from({ length: WRITERS }, (_, w) => `GLOBAL.Acme.Store.svc-w${w}`) });
    const summary = summarise('file:// (in place)', run, audit);
    console.log(`git store reliability, concurrent writers: ${JSON.stringify(summary)}`);
    expect(summary.operationsAcknowledged).toBe(ops * 5);
    expect(audit.byKind).toEqual({ cv: ops, av: ops, approve: ops, move: ops, deploy: ops, other: 0 });
    expect(audit.commits).toBe(ops * 5);
    expect(audit.next).toEqual({ componentVersion: ops + 1, applicationVersion: ops + 1, deployment: ops + 1 });
    expect([summary.componentVersions, summary.applicationVersions, summary.distinctApplicationVersions, summary.deployments]).toEqual([ops, ops, ops, ops]);
    expect([summary.avIdsDense, summary.deploymentIdsDense, summary.duplicateDeployments, summary.repeatedOperationKeys]).toEqual([true, true, 0, 0]);
    for (const av of audit.appVersions.values()) expect([av.approvals.length, av.moves.length, av.value.stage], av.value.name).toEqual([1, 1, 'qa']);
    expect(audit.problems).toEqual([]);
    expect(git(['--git-dir', remote, 'fsck', '--strict', '--no-dangling']).trim()).toBe('');
  }, 1_800_000);

  it('20 writers in 5 working directories over smart HTTP, one operation each (5 version-updates, 5 approvals, 5 moves, 5 deployments): each lands exactly once', async () => {
    const dir = await tempDir('shiplog-rel-http-');
    const remote = makeBareRemote(join(dir, 'srv', 'state.git'));
    const password = 'rel-password-0123';
    const server = await startHttpGitServer({ root: join(dir, 'srv'), username: 'x-access-token', password });
    try {
      // Set-up in place: the application versions the approvers, movers and deployers act on (the movers' approved).
      const host = createMemoryHost();
      const setup = new RecordBackend(host, await openGitStore(host, { remote }));
      const avOf = new Map<number, string>();
      for (let w = 5; w < 20; w++) {
        const cv = await setup.putComponentVersion({ domain: 'GLOBAL.Acme.Store', short: `svc-w${w}`, version: '1', kind: 'docker', attributes: {}, provenance: SETUP, at: AT });
        const av = await setup.putApplicationVersion({ application: SHARED_APP, autoIncrement: false, component: cv.value, initialStage: 'dev', provenance: SETUP, at: AT });
        avOf.set(w, av.value.name);
        if (w >= 10 && w < 15) await setup.recordApproval({ appVersion: av.value.name, stage: 'qa', approved: true, by: 'setup', at: AT, provenance: SETUP });
      }
      await setup.close();
      const plan = Array.from({ length: 20 }, (_, w) => ({
        worker: w,
        count: 1,
        password,
        ...(w < 5 ? { steps: ['version-update' as const] } : { steps: [(['approve', 'move', 'deploy'] as const)[Math.floor(w / 5) - 1]], appVersion: avOf.get(w) }),
      }));
      const runners = makeRunners(dir, remote, server.url('state.git'), 5);
      const run = await runClients(runners, plan, password);
      const audit = await auditGitStore(remote, { applications: [SHARED_APP], bases: Array.from({ length: 20 }, (_, w) => `GLOBAL.Acme.Store.svc-w${w}`) });
      const summary = summarise('smart http (http-backend, Basic auth)', run, audit);
      console.log(`git store reliability, concurrent writers: ${JSON.stringify(summary)}`);
      expect(summary.operationsAcknowledged).toBe(25);
      // set-up: 15 + 15 + 5; the writers: 5 component versions + 5 application versions, 5 approvals, 5 moves, 5 deployments
      expect(audit.byKind).toEqual({ cv: 20, av: 20, approve: 10, move: 5, deploy: 5, other: 0 });
      expect(audit.next).toEqual({ componentVersion: 21, applicationVersion: 21, deployment: 6 });
      expect([summary.distinctApplicationVersions, summary.avIdsDense, summary.deploymentIdsDense, summary.duplicateDeployments, summary.repeatedOperationKeys]).toEqual([20, true, true, 0, 0]);
      for (let w = 5; w < 20; w++) {
        const av = audit.appVersions.get(avOf.get(w)!)!;
        const kind = Math.floor(w / 5);
        expect([av.approvals.length, av.moves.length, av.value.stage], `w${w}`).toEqual(kind === 1 || kind === 2 ? [1, kind === 2 ? 1 : 0, kind === 2 ? 'qa' : 'dev'] : [0, 0, 'dev']);
      }
      expect(audit.deployments.map((d) => d.log[0]).sort()).toEqual(['w15 i1', 'w16 i1', 'w17 i1', 'w18 i1', 'w19 i1']);
      expect(audit.problems).toEqual([]);
      expect(git(['--git-dir', remote, 'fsck', '--strict', '--no-dangling']).trim()).toBe('');
    } finally {
      await server.stop();
    }
  }, 1_800_000);

  it('writers killed (SIGKILL) while writing a commit, while pushing, at random: no partial operation, a re-run completes it exactly once', async () => {
    const ROUNDS = 4;
    const WRITERS = 6;
    const dir = await tempDir('shiplog-rel-kill-');
    const remote = makeBareRemote(join(dir, 'srv', 'state.git'));
    // every push spends a moment in the server's hook, so that a kill can land while it is in flight
    installHook(remote, 'pre-receive', 'sleep 0.05\ncat >/dev/null');
    const runners = makeRunners(dir, remote, `file://${remote}`, 3);
    const app = (w: number) => `GLOBAL.Acme.Store.app-w${w}`;
    const readers = runners.slice(0, 2).map((r, k) => track(startGitWriter({ ...r, worker: 200 + k, count: 0, reader: true })));
    /** The last iteration each worker has begun (all of them complete after each round's re-runs). */
    const begun = new Array<number>(WRITERS).fill(0);
    const kills = { commit: 0, push: 0, random: 0 };
    let leftoverRefs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const writers = Array.from({ length: WRITERS }, (_, w) =>
        track(startGitWriter({ ...runners[w % 3], worker: w, from: begun[w] + 1, count: 0, application: app(w), phases: { slowWriteMs: 3 } })),
      );
      await Promise.all(
        writers.map(async (wr, w) => {
          // the n-th commit write or push of this run (n from 1 to 5: any of the iteration's operations), or at random
          const target = (['commit', 'push', 'random'] as const)[(w + round) % 3];
          const phases = () => wr.acks.filter((a) => a.kind === 'phase' && a.phase === target).length;
          if (target === 'random') {
            await until(() => wr.acks.some((a) => a.kind === 'phase') || wr.child.exitCode !== null);
            await new Promise((r) => setTimeout(r, Math.random() * 1500));
          } else {
            const n = 1 + Math.floor(Math.random() * 5);
            await until(() => phases() >= n || wr.child.exitCode !== null);
          }
          wr.child.kill('SIGKILL');
          const end = await wr.done;
          expect(end.signal, wr.stderr()).toBe('SIGKILL');
          kills[target]++;
        }),
      );
      // The iteration each writer was in: after its last acknowledged step (the next one, after a deployment).
      for (const [w, wr] of writers.entries()) {
        const last = wr.acks.filter((a) => a.i !== undefined).at(-1);
        begun[w] = last ? (last.kind === 'dep' ? last.i! + 1 : last.i!) : begun[w] + 1;
      }
      // The remote holds only whole operations.
      const mid = await auditGitStore(remote, { applications: writers.map((_, w) => app(w)), bases: writers.map((_, w) => `GLOBAL.Acme.Store.svc-w${w}`) });
      expect(mid.problems, `round ${round}`).toEqual([]);
      expect(mid.byKind.other).toBe(0);
      expect(mid.next.deployment - 1).toBe(mid.deployments.length);
      expect(git(['--git-dir', remote, 'fsck', '--strict', '--no-dangling']).trim()).toBe('');
      for (const r of runners) {
        for (const c of readdirSafe(join(r.cacheHome, 'shiplog', 'git'))) leftoverRefs += readdirSafe(join(r.cacheHome, 'shiplog', 'git', c, 'refs', 'shiplog', 'remote')).length;
      }
      // Re-run each killed writer's unfinished iteration in the same working directory (same cache, leftovers and all).
      const reruns = writers.map((_, w) => track(startGitWriter({ ...runners[w % 3], worker: w, from: begun[w], count: 1, application: app(w) })));
      const ends = await Promise.all(reruns.map((r) => r.done));
      ends.forEach((e, w) => expect(e, reruns[w].stderr()).toEqual({ code: 0, signal: null }));
    }
    for (const r of readers) r.child.kill('SIGKILL');
    const readerEnds = await Promise.all(readers.map((r) => r.done));
    readerEnds.forEach((r, k) => expect(r.signal, `reader ${k} failed: ${readers[k].stderr()}`).toBe('SIGKILL'));

    const audit = await auditGitStore(remote, { applications: begun.map((_, w) => app(w)), bases: begun.map((_, w) => `GLOBAL.Acme.Store.svc-w${w}`) });
    const iterations = begun.reduce((a, b) => a + b, 0);
    const tags = audit.deployments.map((d) => d.log[0]);
    const summary = {
      rounds: ROUNDS,
      writers: WRITERS,
      kills,
      leftoverPrivateRefsSeenAfterKills: leftoverRefs,
      iterationsCompleted: iterations,
      commits: audit.commits,
      commitsByOperation: audit.byKind,
      deployments: audit.deployments.length,
      deploymentIdsDense: dense(audit.deployments.map((d) => d.id)),
      duplicateDeployments: tags.length - new Set(tags).size,
      repeatedOperationKeys: audit.repeatedKeys,
      concurrentReads: acked(readers, 'read').length,
      readerFailures: readerEnds.filter((r) => r.signal !== 'SIGKILL').length,
    };
    console.log(`git store reliability, kill -9: ${JSON.stringify(summary)}`);
    expect(kills.commit + kills.push + kills.random).toBe(ROUNDS * WRITERS);
    // every iteration started is complete, exactly once
    expect(audit.byKind).toEqual({ cv: iterations, av: iterations, approve: iterations, move: iterations, deploy: iterations, other: 0 });
    expect(audit.next).toEqual({ componentVersion: iterations + 1, applicationVersion: iterations + 1, deployment: iterations + 1 });
    for (const [w, n] of begun.entries()) {
      expect(audit.applications.get(app(w))?.versions, app(w)).toHaveLength(n);
      for (let i = 1; i <= n; i++) expect(tags.filter((t) => t === `w${w} i${i}`), `deployment of w${w} i${i}`).toHaveLength(1);
    }
    for (const av of audit.appVersions.values()) expect([av.approvals.length, av.moves.length, av.value.stage], av.value.name).toEqual([1, 1, 'qa']);
    expect(summary.deploymentIdsDense).toBe(true);
    expect(summary.repeatedOperationKeys).toBe(0);
    expect(audit.problems).toEqual([]);
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
        const child = spawn(process.execPath, [join(REPO_ROOT, 'core/dist/shiplog.mjs'), ...argv], { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
        started.push(child);
        let err = '';
        child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
        child.on('close', (code) => resolve({ code, err }));
      });
    try {
      const up = await cli(['version-update', '--component-name', 'GLOBAL.Acme.Store.cart', '--component-version', '1.0.0', '--application', SHARED_APP, '--app-version', '1.0.0']);
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
      expect(cut.err).toMatch(new RegExp(`^shiplog: error: git store git\\+http://127\\.0\\.0\\.1:${server.port}/state\\.git: .*(after 4 attempts|failed 4 times)`));
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

function readdirSafe(d: string): string[] {
  try {
    return readdirSync(d);
  } catch {
    return [];
  }
}
