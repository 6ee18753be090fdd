/**
 * The harness of the git store reliability suites (git-store-reliability*.test.ts): runners (working directories
 * cloned from a bare remote, each with its own cache), writer and reader processes, and the summary printed for the
 * issue note. Each suite file imports it, so the suites run in parallel in separate workers.
 */
import { type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';

import type { CiContext } from '../../src/model.js';
import type { GitWriterArgs } from '../fixtures/store/git-writer.js';
import { startGitWriter, type Ack, type Writer } from '../fixtures/store/spawn-writer.js';
import { git } from './git-servers.js';
import { dense, type StoreAudit } from './git-store-audit.js';

export const SHARED_APP = 'GLOBAL.Acme.Store.shop';
export const started: ChildProcess[] = [];
export const dirs: string[] = [];
afterAll(async () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

export async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export interface Runner {
  /** The working directory. */
  cwd: string;
  cacheHome: string;
}

/** n working directories cloned from the bare remote, their origin set to `originUrl`, each with its own cache. */
export function makeRunners(dir: string, remote: string, originUrl: string, n: number): Runner[] {
  return Array.from({ length: n }, (_, k) => {
    const work = join(dir, `runner-${k}`, 'work');
    git(['clone', '-q', remote, work]);
    git(['remote', 'set-url', 'origin', originUrl], { cwd: work });
    return { cwd: work, cacheHome: join(dir, `runner-${k}`, 'xdg') };
  });
}

export function track(w: Writer): Writer {
  started.push(w.child);
  return w;
}

/** Waits for `cond`; the limit is generous because the runner's CPUs are shared with the other suites' writers. */
export async function until(cond: () => boolean, ms = 300_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const acked = (ws: Writer[], kind: Ack['kind']) => ws.flatMap((w) => w.acks.filter((a) => a.kind === kind));

export const SETUP: CiContext = { provider: 'local', isCi: false };
export const AT = '2026-01-02T03:04:05.000Z';

export interface ClientRun {
  writers: Writer[];
  readers: Writer[];
  seconds: number;
}

/** Starts the writers (spread over the runners) and one reader per runner; waits for the writers, stops the readers. */
export async function runClients(
  runners: Runner[],
  plan: Omit<GitWriterArgs, 'cwd' | 'cacheHome'>[],
  password?: string,
): Promise<ClientRun> {
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

export function summarise(transport: string, run: ClientRun, audit: StoreAudit) {
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
    avIdsDense: dense(
      [...audit.appVersions.values()].map((d) => d.value.id),
      'av:',
    ),
    deployments: audit.deployments.length,
    deploymentIdsDense: dense(audit.deployments.map((d) => d.id)),
    duplicateDeployments: tags.length - new Set(tags).size,
    repeatedOperationKeys: audit.repeatedKeys,
    concurrentReads: acked(run.readers, 'read').length,
    seconds: Math.round(run.seconds),
    writerOperationsPerMinute: Math.round((run.writers.reduce((n, w) => n + w.acks.length, 0) / run.seconds) * 60),
  };
}
