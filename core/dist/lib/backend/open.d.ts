import type { Host } from '../host.js';
import type { Backend, BackendKind } from './backend.js';
import { type StoreLocation } from './store-url.js';
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
}
/** The store a set of options names, parsed (undefined when no store URL is given). */
export declare function storeLocationOf(host: Host, opts: BackendOptions): StoreLocation | undefined;
/** Which backend the options select (without opening it). */
export declare function selectBackend(opts: BackendOptions, host?: Host): BackendKind;
/** The absolute store directory of the local backend. */
export declare function stateDirOf(host: Host, opts: BackendOptions): string;
export declare function openBackend(host: Host, opts: BackendOptions): Promise<Backend>;
