import { type MetaFile } from './layout.js';
export interface Journal {
    seq: number;
    writes: {
        path: string;
        data: string;
    }[];
    append?: {
        segment: number;
        offset: number;
        data: string;
    };
}
export interface StoreOptions {
    lockTimeoutMs: number;
    /** Roll the deployment log to a new segment past this size (bytes). */
    segmentBytes: number;
    now: () => Date;
}
/** Staged changes of one transaction; reads see the staged content first. */
export declare class Transaction {
    private readonly store;
    readonly meta: MetaFile;
    private readonly staged;
    private readonly appended;
    constructor(store: LocalStore, meta: MetaFile);
    get<T>(rel: string): Promise<T | undefined>;
    put(rel: string, value: unknown): void;
    /** Appends one record to the deployment log (one JSON line). */
    appendLog(record: unknown): void;
    get dirty(): boolean;
    /** The journal committing this transaction (meta.json included). */
    toJournal(segmentBytes: number): Journal;
}
export declare class LocalStore {
    readonly root: string;
    private readonly opts;
    private prepared;
    constructor(root: string, opts: StoreOptions);
    /**
     * The gate before anything is read, created or swept: 'ok' for a valid store, 'absent' for a missing or
     * empty directory (a new store); ConfigError for a directory that holds anything else but no schema.json,
     * SchemaVersionError for an unknown or newer format. Reads only.
     */
    inspect(): Promise<'absent' | 'ok'>;
    /** 'absent' when there is no schema.json; throws SchemaVersionError for an unknown or newer format. */
    checkSchema(): Promise<'absent' | 'ok'>;
    readObject<T>(rel: string): Promise<T | undefined>;
    readMeta(): Promise<MetaFile>;
    private journalExists;
    /** Runs a read against one committed state (see the file comment). Creates nothing on a missing store. */
    read<T>(fn: (meta: MetaFile) => Promise<T>): Promise<T>;
    private readUnwrapped;
    /**
     * The committed meta for reading the append-only log: log bytes below its committed end never change,
     * so no retry is needed; a crashed writer's journal is replayed first so its deployment is visible.
     */
    stableMeta(): Promise<MetaFile>;
    /** File system failures (permissions, full disk, read-only mount) become a BackendError naming the store. */
    private io;
    /** Runs fn under the lock; commits what it staged. Creates the store on its first write. */
    transact<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
    private get tmpDir();
    /** Runs fn under the lock after recovery; only in a directory whose schema.json is valid (see inspect). */
    private withLock;
    /**
     * Makes a missing or empty directory a store: schema.json before anything else, written to a temp file
     * beside it and linked into place (atomic, never replaces one a concurrent shiplog linked first).
     */
    private create;
    /** Under the lock: finishes a crashed writer's transaction and removes its leftovers. */
    private recover;
    /** Lock candidates and schema temp files of processes that died (see create and store-lock.ts). */
    private removeDeadLockCandidates;
    private applyJournal;
}
