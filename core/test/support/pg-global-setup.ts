/**
 * vitest globalSetup: one throwaway PostgreSQL cluster for the whole test run. The cluster is started by the first
 * test that asks for it (pg-shared.ts), so a run without postgres tests pays nothing; this setup owns its
 * directory, hands its path to the test processes, and stops the cluster and deletes the directory after the run.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { attach, type PgServerState } from './pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    shiplogPgRunDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-pg-run-'));
  // The server runs as another user when the tests run as root: it must reach its own directory inside.
  chmodSync(dir, 0o755);
  project.provide('shiplogPgRunDir', dir);
  return () => {
    const state = join(dir, 'server.json');
    if (existsSync(state)) attach(JSON.parse(readFileSync(state, 'utf8')) as PgServerState).destroy();
    rmSync(dir, { recursive: true, force: true });
  };
}
