/**
 * The run's shared PostgreSQL cluster (pg-global-setup.ts), started on first use by whichever test process asks
 * first (a directory lock decides), and a fresh database per test on it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import {
  attach,
  createDatabase,
  dropDatabase,
  startPgServer,
  TEST_ROLE,
  TEST_ROLE_PASSWORD,
  type PgServer,
  type PgServerState,
} from './pg-cluster.js';

let shared: Promise<PgServer> | undefined;

export function sharedPgServer(): Promise<PgServer> {
  shared ??= startOrAttach(inject('shiplogPgRunDir'));
  return shared;
}

async function startOrAttach(runDir: string): Promise<PgServer> {
  const stateFile = join(runDir, 'server.json');
  const errorFile = join(runDir, 'server.error');
  const lock = join(runDir, 'starting');
  for (let i = 0; i < 2400; i++) {
    if (existsSync(stateFile)) return attach(JSON.parse(readFileSync(stateFile, 'utf8')) as PgServerState);
    if (existsSync(errorFile)) throw new Error(readFileSync(errorFile, 'utf8'));
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch {
      // another test process is starting it
    }
    if (mine) {
      try {
        const server = await startPgServer(join(runDir, 'cluster'));
        const state: PgServerState = {
          root: server.root,
          port: server.port,
          binDir: server.binDir,
          superPassword: server.superPassword,
          ...(server.caFile ? { caFile: server.caFile } : {}),
        };
        writeFileSync(`${stateFile}.tmp`, JSON.stringify(state));
        renameSync(`${stateFile}.tmp`, stateFile);
        return server;
      } catch (err) {
        writeFileSync(errorFile, err instanceof Error ? err.message : String(err));
        throw err;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the shared PostgreSQL test server in ${runDir} did not start within 120 s`);
}

export interface TestDatabase {
  server: PgServer;
  name: string;
  /** postgres://shiplog_test@127.0.0.1:<port>/<name> (no password). */
  url: string;
  user: string;
  password: string;
  drop(): Promise<void>;
}

/** A new, empty database owned by the test role on the shared server. */
export async function testDatabase(): Promise<TestDatabase> {
  const server = await sharedPgServer();
  const name = await createDatabase(server);
  return { server, name, url: server.url(name), user: TEST_ROLE, password: TEST_ROLE_PASSWORD, drop: () => dropDatabase(server, name) };
}
