import type { Host } from '../host.js';
import type { Backend } from './backend.js';
import type { BackendOptions } from './open.js';
import type { DocumentStore } from './records/document-store.js';
import type { StoreLocation } from './store-url.js';
type EngineLocation = Exclude<StoreLocation, {
    kind: 'ortelius';
}>;
export declare function openDocumentStore(host: Host, loc: StoreLocation, opts?: Pick<BackendOptions, 'storePassword'>): Promise<DocumentStore>;
export declare function openStoreBackend(host: Host, loc: EngineLocation, opts: BackendOptions): Promise<Backend>;
export {};
