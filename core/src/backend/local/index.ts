/** The `local` backend: an embedded state store in a directory (docs/store-local.md). */
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { Backend } from '../backend.js';
import { ConfigError, InvalidInputError } from '../../errors.js';
import type { Host } from '../../host.js';
import { RecordBackend } from '../records/record-backend.js';
import { LocalDocumentStore } from './local-document-store.js';
import { LocalStore } from './transaction.js';

export interface LocalBackendOptions {
  /** Absolute path of the store directory (created on the first write). */
  stateDir: string;
  /** How long a writer waits for the store lock before StoreLockedError (default 60 s). */
  lockTimeoutMs?: number;
  /** Deployment log segment size in bytes (default 64 MiB; tests use small values). */
  segmentBytes?: number;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;

export async function openLocalBackend(host: Host, opts: LocalBackendOptions): Promise<Backend> {
  return new RecordBackend(host, await openLocalDocumentStore(host, opts));
}

/** The local store as a DocumentStore (for RecordBackend, store copy and store check). */
export async function openLocalDocumentStore(host: Host, opts: LocalBackendOptions): Promise<LocalDocumentStore> {
  if (!isAbsolute(opts.stateDir)) {
    throw new InvalidInputError(`state directory "${opts.stateDir}" must be an absolute path`);
  }
  const st = await stat(opts.stateDir).catch(() => undefined);
  if (st && !st.isDirectory()) {
    throw new ConfigError(`state directory ${opts.stateDir} exists and is not a directory`, {
      hint: 'point --state-dir (SHIPLOG_STATE_DIR) at a directory',
    });
  }
  const store = new LocalStore(opts.stateDir, {
    lockTimeoutMs: opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    segmentBytes: opts.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
    now: host.now,
  });
  await store.inspect();
  return new LocalDocumentStore(store);
}

export { SCHEMA_VERSION } from './layout.js';
