/** The `local` backend: an embedded state store in a directory (docs/store.md). */
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { ConfigError, InvalidInputError } from '../../errors.js';
import { RecordBackend } from '../records/record-backend.js';
import { LocalDocumentStore } from './local-document-store.js';
import { LocalStore } from './transaction.js';
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
export async function openLocalBackend(host, opts) {
    return new RecordBackend(host, await openLocalDocumentStore(host, opts));
}
/** The local store as a DocumentStore (for RecordBackend, store copy and store check). */
export async function openLocalDocumentStore(host, opts) {
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
