import type { HistoryFilter } from '../backend.js';
import type { Host } from '../../host.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import type { DocReader, DocTx, DocumentStore, OperationSummary, StoreEntry, StoreInfo } from '../records/document-store.js';
import type { Git } from './git-command.js';
import { type RemoteSpec } from './git-remote.js';
import type { ObjectReader } from './object-reader.js';
export interface GitStoreTuning {
    /** Transaction attempts before giving up (default 30). */
    maxAttempts: number;
    /** Attempts for a fetch or push that failed in transit (connection refused/reset, 5xx) (default 4). */
    transportAttempts: number;
    /** Back-off bounds between attempts, ms (default 20-400, full jitter, doubling). */
    backoffMinMs: number;
    backoffMaxMs: number;
}
export declare const TRAILER = "Shiplog-Operation";
export declare class GitDocumentStore implements DocumentStore {
    private readonly host;
    private readonly git;
    private readonly reader;
    private readonly remote;
    private readonly tuning;
    readonly kind: "git";
    readonly location: string;
    private readonly verified;
    private readonly workRef;
    private readonly tipRef;
    private lastTip;
    private inflight;
    private usedWorkRef;
    private fetched;
    constructor(host: Host, git: Git, reader: ObjectReader, remote: RemoteSpec, tuning: GitStoreTuning);
    /** Fetches the remote tip into the cache (concurrent callers share one fetch) and checks its format. */
    private refresh;
    private fetchVerified;
    private get gitDir();
    private verify;
    private meta;
    private readerAt;
    read<T>(fn: (r: DocReader) => Promise<T>): Promise<T>;
    status(filter: {
        environment?: string;
        application?: string;
    }): Promise<EnvironmentState[]>;
    history(filter: HistoryFilter): Promise<Deployment[]>;
    info(): Promise<StoreInfo>;
    scan(): AsyncIterable<StoreEntry>;
    transact<T>(op: OperationSummary, fn: (tx: DocTx) => Promise<T>): Promise<T>;
    private message;
    /** One fast-import process: the changed files inline, `from` the tip; prints the new commit's id. */
    private writeCommit;
    private backoff;
    /** The tip this store last fetched or pushed (tests and `store info`). */
    get knownTip(): string | undefined;
    close(): Promise<void>;
}
