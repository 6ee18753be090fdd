import type { HistoryFilter } from '../backend.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import { type DocKind, type DocReader, type DocTx, type DocumentStore, type OperationSummary, type StoreEntry, type StoreInfo } from '../records/document-store.js';
import type { LocalStore } from './transaction.js';
export declare class LocalDocumentStore implements DocumentStore {
    readonly store: LocalStore;
    readonly kind: "local";
    readonly location: string;
    constructor(store: LocalStore);
    private get reader();
    read<T>(fn: (r: DocReader) => Promise<T>): Promise<T>;
    transact<T>(_op: OperationSummary, fn: (tx: DocTx) => Promise<T>): Promise<T>;
    status(filter: {
        environment?: string;
        application?: string;
    }): Promise<EnvironmentState[]>;
    history(filter: HistoryFilter): Promise<Deployment[]>;
    info(): Promise<StoreInfo>;
    scan(): AsyncIterable<StoreEntry>;
    close(): Promise<void>;
}
/** The full name a document belongs to (every document carries it). */
export declare function docName(kind: DocKind, value: unknown): string;
