/**
 * Real stores for the suites that must hold on every store engine (the desired-state records, plan/apply,
 * the process tests): each factory makes a fresh, empty store and names it by its store URL, so a suite
 * reaches it the way a user does (`--store <url>` / SHIPLOG_STORE) and opens extra handles on it (each with its
 * own git cache, like a second runner).
 *
 * A new engine is one more entry in STORE_FACTORIES (PostgreSQL: a fresh database on the run's throwaway
 * cluster, pg-shared.ts, fingerprinted by its pg_dump).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Backend } from '../../src/backend/backend.js';
import { openStoreBackend } from '../../src/backend/open-store.js';
import { parseStoreUrl } from '../../src/backend/store-url.js';
import { createMemoryHost, type Host } from '../../src/host.js';
import { git, makeBareRemote } from './git-servers.js';
import { dumpDatabase } from './pg-cluster.js';
import { testDatabase } from './pg-shared.js';

export interface StoreUnderTest {
  /** The store URL (`--store` / SHIPLOG_STORE). */
  url: string;
  /** Variables every shiplog run against it needs (a git cache directory inside the test's directory). */
  env: Record<string, string>;
  /** A new handle on the store, as another runner would open it. */
  open(host?: Host): Promise<Backend>;
  /** Changes whenever anything in the store changes (bad input must leave it identical). */
  fingerprint(): Promise<string>;
  cleanup(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreUnderTest>;

/**
 * Per-test time limit of the store suites: a git store runs several git processes per operation, and an apply
 * runs dozens of operations; on a loaded 2-core CI machine that takes minutes. A limit, not an assertion.
 */
export const SLOW_STORE_MS = 600_000;

let handles = 0;

function subject(
  dir: string,
  url: string,
  fingerprint: () => Promise<string>,
  extra: { env?: Record<string, string>; cleanup?: () => Promise<void> } = {},
): StoreUnderTest {
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), ...extra.env };
  return {
    url,
    env,
    async open(host) {
      // Each handle gets its own git cache: two handles behave like two runners.
      const h =
        host ??
        createMemoryHost({
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...extra.env, XDG_CACHE_HOME: join(dir, `cache-${++handles}`) },
        });
      const loc = parseStoreUrl(url, dir);
      if (loc.kind === 'ortelius') throw new Error('not a record store');
      return openStoreBackend(h, loc, {});
    },
    fingerprint,
    cleanup: async () => {
      await extra.cleanup?.();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A digest of every file under a directory (paths and bytes); "absent" when it does not exist. */
export function treeDigest(root: string): string {
  const h = createHash('sha256');
  let any = false;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        any = true;
        h.update(relative(root, p)).update('\0').update(readFileSync(p)).update('\0');
      }
    }
  };
  try {
    walk(root);
  } catch {
    return 'absent';
  }
  return any ? h.digest('hex') : 'empty';
}

export const STORE_FACTORIES: Record<string, StoreFactory> = {
  local: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-store-local-'));
    const store = join(dir, 'state');
    return subject(dir, store, async () => treeDigest(store));
  },
  'git (file://)': async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-store-git-'));
    const remote = makeBareRemote(join(dir, 'remote.git'));
    mkdirSync(join(dir, 'cache'), { recursive: true });
    return subject(dir, `git+file://${remote}`, async () => {
      try {
        return git(['--git-dir', remote, 'for-each-ref', '--format=%(refname) %(objectname)']).trim() || 'empty';
      } catch {
        return 'absent';
      }
    });
  },
  postgres: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-store-pg-'));
    const db = await testDatabase();
    return subject(dir, `${db.url}?sslmode=disable`, async () => dumpDatabase(db.server, db.name), {
      env: { PGPASSWORD: db.password },
      cleanup: () => db.drop(),
    });
  },
};
