/**
 * The seam between the release logic of the embedded-style stores and the engine that keeps their records.
 * One RecordBackend (record-backend.ts) implements the Backend interface once, over any DocumentStore:
 * `local` (a directory, backend/local/), `git` (a state ref in a git remote, backend/git/) and `postgres`
 * (tables in a PostgreSQL database, backend/postgres/). Each engine only stores, reads and commits; the
 * semantics (naming, reuse, lineage, the approval backstop, current state) live in one place, so the backend
 * conformance suite holds for all three by construction and tests each engine's storage.
 *
 * Documents are JSON values keyed by (kind, full name). Every document carries the name it belongs to and
 * the backend checks it, so an engine that keys by a hash of the name never answers for the wrong object.
 */
import type { HistoryFilter } from '../backend.js';
import type { Deployment, EnvironmentState } from '../../model.js';

export type StoreKind = 'local' | 'git' | 'postgres';

/**
 * `catalog`: one document (documents.ts CatalogDoc) listing every application; stores written before it existed
 * lack it, and the backend then finds the applications with scan().
 */
export type DocKind =
  | 'component-base'
  | 'component-version'
  | 'application'
  | 'application-version'
  | 'catalog'
  // desired state (records/intent-records.ts): an environment's custom state, its history, its apply lease
  | 'custom-state'
  | 'custom-state-history'
  | 'lease';
export const DOC_KINDS: readonly DocKind[] = [
  'component-base',
  'component-version',
  'application',
  'application-version',
  'catalog',
  'custom-state',
  'custom-state-history',
  'lease',
];

/** The dense id counters: the next id of each kind. */
export interface Counters {
  componentVersion: number;
  applicationVersion: number;
  deployment: number;
}

export interface DocReader {
  get<T>(kind: DocKind, name: string): Promise<T | undefined>;
}

/**
 * One operation's read-modify-write. Reads see what the transaction staged. `next` is this transaction's copy
 * of the counters: take an id with `tx.next.deployment++`; the engine commits the counters with the writes.
 */
export interface DocTx extends DocReader {
  readonly next: Counters;
  put(kind: DocKind, name: string, value: unknown): void;
  /** Replaces the current state of (state.name, state.application). */
  putEnvState(state: EnvironmentState): void;
  /** Appends one deployment to the history (its id taken from `next.deployment` or, in a copy, kept). */
  appendDeployment(d: Deployment): void;
}

/** What a transaction does, for engines that keep an audit trail (git: the commit message and trailer). */
export interface OperationSummary {
  /** One human line: "version-update GLOBAL.Acme.cart;v1.4.0 -> GLOBAL.Acme.shop;3". */
  title: string;
  /** Further lines of detail (optional). */
  body?: string[];
  /**
   * The idempotency key of an operation that is not idempotent by itself (a deployment, an approval, a move),
   * when the request can be recognised on a re-run: the same request from the same CI build and job
   * (release-writes.ts operationKey). An engine that keeps keys applies a keyed operation at most once and
   * answers a re-run with the first run's result; the git store names it in the commit's trailer.
   */
  key?: string;
}

export interface StoreCounts {
  componentVersions: number;
  applicationVersions: number;
  deployments: number;
  environmentStates: number;
}

export interface StoreInfo {
  kind: StoreKind;
  /** Where the store is, with every credential removed (safe to print). */
  location: string;
  /** The format version the engine found ('absent' for a store not created yet). */
  schema: number | 'absent';
  counts: StoreCounts;
  /** The counters (next ids). */
  next: Counters;
  /** Engine-specific facts (git: ref and tip commit; postgres: server version, schema name). */
  details?: Record<string, string>;
}

/** Everything a store holds, for `store copy` and `store check`. Deployments come oldest first. */
export type StoreEntry =
  | { type: 'doc'; kind: DocKind; name: string; value: unknown }
  | { type: 'env-state'; value: EnvironmentState }
  | { type: 'deployment'; value: Deployment };

export interface DocumentStore {
  readonly kind: StoreKind;
  /** Human location for logs and errors, never a credential. */
  readonly location: string;
  /** A read against one committed state. A missing store reads as empty and is not created. */
  read<T>(fn: (r: DocReader) => Promise<T>): Promise<T>;
  /**
   * Runs fn against the newest committed state and commits what it staged as one atomic change; nothing when it
   * staged nothing. fn may be run more than once (an engine retries it from a fresh state when a concurrent
   * writer committed first), so it must not have effects outside the transaction. Creates the store on its
   * first write.
   */
  transact<T>(op: OperationSummary, fn: (tx: DocTx) => Promise<T>): Promise<T>;
  /** What runs where; cost follows the entries answered, never the history. Sorted by environment, application. */
  status(filter: { environment?: string; application?: string }): Promise<EnvironmentState[]>;
  /** Deployments newest first, filtered (naming.ts componentMatches for `component`), stopping at the limit. */
  history(filter: HistoryFilter): Promise<Deployment[]>;
  info(): Promise<StoreInfo>;
  /** Every record, for copy and check: documents, current states, then deployments oldest first. */
  scan(): AsyncIterable<StoreEntry>;
  close(): Promise<void>;
}
