/**
 * vitest globalSetup: one throwaway PostgreSQL cluster for the whole test run. The cluster is started by the first
 * test that asks for it (pg-shared.ts), so a run without postgres tests pays nothing; this setup owns its
 * directory, hands its path to the test processes, and stops the cluster and deletes the directory after the run.
 * A run that was killed before its teardown leaves its cluster behind: the next run stops it (its owner is gone).
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { attach, type PgServerState } from './pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    shiplogPgRunDir: string;
  }
}

const PREFIX = 'shiplog-pg-run-';

function destroyRun(dir: string): void {
  const state = join(dir, 'server.json');
  if (existsSync(state)) attach(JSON.parse(readFileSync(state, 'utf8')) as PgServerState).destroy();
  rmSync(dir, { recursive: true, force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The clusters of earlier runs whose vitest process is gone. */
function sweepAbandonedRuns(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = join(tmpdir(), name);
    try {
      const owner = Number(readFileSync(join(dir, 'owner.pid'), 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && !alive(owner)) destroyRun(dir);
    } catch {
      // no owner.pid yet (a run being set up right now) or already gone: leave it
    }
  }
}

export default function setup(project: TestProject): () => void {
  sweepAbandonedRuns();
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  // The server runs as another user when the tests run as root: it must reach its own directory inside.
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'owner.pid'), `${process.pid}\n`);
  project.provide('shiplogPgRunDir', dir);
  return () => destroyRun(dir);
}
