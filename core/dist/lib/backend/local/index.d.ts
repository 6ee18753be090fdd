import type { Backend } from '../backend.js';
import type { Host } from '../../host.js';
import { LocalDocumentStore } from './local-document-store.js';
export interface LocalBackendOptions {
    /** Absolute path of the store directory (created on the first write). */
    stateDir: string;
    /** How long a writer waits for the store lock before StoreLockedError (default 60 s). */
    lockTimeoutMs?: number;
    /** Deployment log segment size in bytes (default 64 MiB; tests use small values). */
    segmentBytes?: number;
}
export declare const DEFAULT_LOCK_TIMEOUT_MS = 60000;
export declare const DEFAULT_SEGMENT_BYTES: number;
export declare function openLocalBackend(host: Host, opts: LocalBackendOptions): Promise<Backend>;
/** The local store as a DocumentStore (for RecordBackend, store copy and store check). */
export declare function openLocalDocumentStore(host: Host, opts: LocalBackendOptions): Promise<LocalDocumentStore>;
export { SCHEMA_VERSION } from './layout.js';
