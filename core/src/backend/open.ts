/**
 * Opens the backend a command runs against. A store URL (`--store` / SHIPLOG_STORE / `[store] url` in
 * shiplog.toml, parsed by store-url.ts) names it: a directory (local), a git remote (git), a PostgreSQL
 * database (postgres) or an Ortelius server. Without one: `--backend` / SHIPLOG_BACKEND, else `ortelius` when a
 * server URL (--dhurl / DHURL) is set, else the embedded `local` store in --state-dir (or the discovered
 * `.shiplog/`, discovery.ts). Every engine is loaded lazily, so a command pays only for the one it uses.
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Deadline } from '../deadline.js';
import type { Host } from '../host.js';
import { discoverStateDir } from '../discovery.js';
import type { Backend, BackendKind } from './backend.js';
import { parseStoreUrl, type StoreLocation } from './store-url.js';

export interface BackendOptions {
  backend?: BackendKind;
  /** A store URL or path (store-url.ts); wins over stateDir and DHURL. */
  store?: string;
  /** Password or token of a git (http) or postgres store: SHIPLOG_STORE_PASSWORD / PGPASSWORD. */
  storePassword?: string;
  /** Embedded store directory (local). Default: the discovered `.shiplog`. */
  stateDir?: string;
  dhurl?: string;
  dhuser?: string;
  dhpass?: string;
  caCert?: string;
  insecure?: boolean;
  /** Per-request timeout for the ortelius backend. */
  timeoutMs?: number;
  /** The command's deadline (--timeout): bounds every request and retry. */
  deadline?: Deadline;
  /** Largest answer read from a server, in bytes (--max-response-mib). */
  maxResponseBytes?: number;
}

/** The store a set of options names, parsed (undefined when no store URL is given). */
export function storeLocationOf(host: Host, opts: BackendOptions): StoreLocation | undefined {
  if (opts.store === undefined || opts.store === '') return undefined;
  const loc = parseStoreUrl(opts.store, host.cwd);
  if (opts.backend && opts.backend !== loc.kind) {
    throw new UsageError(`--backend ${opts.backend} contradicts the ${loc.kind} store ${loc.display}`, {
      hint: 'drop --backend (SHIPLOG_BACKEND): the store URL names the backend',
    });
  }
  return loc;
}

/** Which backend the options select (without opening it). */
export function selectBackend(opts: BackendOptions, host?: Host): BackendKind {
  if (opts.store && host) return storeLocationOf(host, opts)!.kind;
  if (opts.backend) return opts.backend;
  return opts.dhurl ? 'ortelius' : 'local';
}

/** The absolute store directory of the local backend. */
export function stateDirOf(host: Host, opts: BackendOptions): string {
  const loc = storeLocationOf(host, opts);
  if (loc?.kind === 'local') return loc.dir;
  return opts.stateDir ? path.resolve(host.cwd, opts.stateDir) : discoverStateDir(host.cwd);
}

export async function openBackend(host: Host, opts: BackendOptions): Promise<Backend> {
  const loc = storeLocationOf(host, opts);
  if (loc && loc.kind !== 'ortelius') {
    const { openStoreBackend } = await import('./open-store.js');
    return openStoreBackend(host, loc, opts);
  }
  const kind = loc ? 'ortelius' : selectBackend(opts);
  if (kind === 'local') {
    const { openLocalBackend } = await import('./local/index.js');
    return openLocalBackend(host, { stateDir: stateDirOf(host, opts) });
  }
  if (kind === 'git' || kind === 'postgres') {
    throw new UsageError(`--backend ${kind} needs a store URL: --store (or SHIPLOG_STORE)`, {
      hint:
        kind === 'git' ? 'e.g. --store git+origin or --store git+https://host/org/repo.git' : 'e.g. --store postgres://user@host:5432/db',
    });
  }
  const url = loc?.kind === 'ortelius' ? loc.url : opts.dhurl;
  if (!url) {
    throw new UsageError('the ortelius backend needs a server URL: --dhurl (or DHURL)', {
      hint: 'set DHURL, DHUSER and DHPASS in the environment, or use --backend local',
    });
  }
  // Missing user/password are authentication errors (exit 3), reported by the backend itself.
  const { openOrteliusBackend } = await import('./ortelius/index.js');
  return openOrteliusBackend(host, {
    url,
    user: opts.dhuser,
    password: opts.dhpass,
    ...(opts.caCert ? { caCert: opts.caCert } : {}),
    insecure: opts.insecure === true,
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.deadline ? { deadline: opts.deadline } : {}),
    ...(opts.maxResponseBytes ? { maxResponseBytes: opts.maxResponseBytes } : {}),
  });
}
