/**
 * The postgres store as a DocumentStore (docs/store-postgres.md). Every write is one READ COMMITTED transaction
 * that first locks the one counters row (`select ... for update`): writers queue on that lock, and each one, once
 * it holds it, reads the state every earlier writer committed, so operations apply one after another and dense ids
 * come straight from the row. Readers take no lock (a REPEATABLE READ READ ONLY snapshot). The connection and the
 * rules that keep a transaction on one session are pg-link.ts's.
 *
 * A transaction is retried from scratch (fn runs again) on a serialization failure or a deadlock, and on a lost
 * connection, with bounded, jittered back-off. Every write records its operation id in the `operations` table in
 * the same transaction; when a connection drops after fn ran (possibly during COMMIT), the next attempt first
 * looks for that id (under the lock, so the earlier attempt has finished either way) and, when it landed, returns
 * that attempt's result instead of applying the operation again.
 */
import { randomBytes } from 'node:crypto';
import type { HistoryFilter } from '../backend.js';
import { BackendError, ShiplogError } from '../../errors.js';
import type { Host } from '../../host.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import type {
  Counters,
  DocKind,
  DocReader,
  DocTx,
  DocumentStore,
  OperationSummary,
  StoreEntry,
  StoreInfo,
} from '../records/document-store.js';
import type { PgConnection } from './connection-options.js';
import { failureKind, isDriverError, toStoreError } from './pg-errors.js';
import type { PgLink } from './pg-link.js';
import { historyQuery, statusQuery, storeSql, type PgSession, type StoreSql } from './pg-sql.js';
import { PgTransaction } from './pg-transaction.js';
import { inspectStore, migrateStore } from './pg-migrate.js';
import { scanSnapshot } from './pg-scan.js';
import type { Deadline } from '../../deadline.js';
import { waitWithin } from '../store-limits.js';
import { PG_SCHEMA_VERSION } from './schema.js';

export interface PgStoreTuning {
  /** Attempts of one transaction when it keeps losing to serialization failures or deadlocks (default 10). */
  maxAttempts: number;
  /** Attempts when the connection fails (unreachable, dropped, server restarting) (default 4). */
  connectionAttempts: number;
  /** Back-off bounds between attempts, ms (default 50 and 2000: full jitter, doubling). */
  backoffMinMs: number;
  backoffMaxMs: number;
  /** How long a writer waits for the counters row lock (default 60 s). */
  lockTimeoutMs: number;
  /** The server ends a session idle inside a transaction this long, releasing its locks (default 30 s). */
  idleInTransactionMs: number;
  /** The command's deadline: no back-off waits past it, and no statement outlives it (pg-link.ts). */
  deadline?: Deadline;
}

export const DEFAULT_PG_TUNING: PgStoreTuning = {
  maxAttempts: 10,
  connectionAttempts: 4,
  backoffMinMs: 50,
  backoffMaxMs: 2000,
  lockTimeoutMs: 60_000,
  idleInTransactionMs: 30_000,
};

export class PostgresDocumentStore implements DocumentStore {
  readonly kind = 'postgres' as const;
  readonly location: string;
  private readonly q: StoreSql;
  private present = false;

  constructor(
    private readonly host: Host,
    private readonly link: PgLink,
    readonly conn: PgConnection,
    private readonly tuning: PgStoreTuning = DEFAULT_PG_TUNING,
  ) {
    this.location = conn.display;
    this.q = storeSql(conn.schema);
  }

  private get where(): string {
    return `schema ${this.conn.schema} of database ${this.conn.database} (${this.location})`;
  }

  private get readOnly(): string {
    return 'begin isolation level repeatable read, read only';
  }

  /** BEGIN of a write, with its timeouts; `then` (a statement without parameters) goes in the same round trip. */
  private readWrite(then = ''): string {
    const { lockTimeoutMs: lock, idleInTransactionMs: idle } = this.tuning;
    const begin = `begin isolation level read committed; set local lock_timeout = ${Math.round(lock)}; set local idle_in_transaction_session_timeout = ${Math.round(idle)}`;
    return then ? `${begin}; ${then}` : begin;
  }

  // ---- schema -----------------------------------------------------------------------------------------

  /** The store's state for a read: absent (reads as empty), or present and current (migrated if older). */
  private async readableState(): Promise<'absent' | 'present'> {
    if (this.present) return 'present';
    const { state } = await this.link.run((t) => inspectStore(t, this.q, this.conn.schema, this.where));
    if (state.state === 'absent') return 'absent';
    if (state.version < PG_SCHEMA_VERSION) await this.migrate();
    this.present = true;
    return 'present';
  }

  private migrate(): Promise<void> {
    return migrateStore(this.link, this.readWrite(), this.q, this.conn, this.where, (m) =>
      this.host.log.debug(`postgres store ${this.location}: ${m}`),
    );
  }

  private async ensureStore(): Promise<void> {
    if (this.present) return;
    if ((await this.readableState()) === 'absent') await this.migrate();
    this.present = true;
  }

  // ---- reading ----------------------------------------------------------------------------------------

  /** Runs a read, retrying when the connection fails (a read has no effect, so it may run again). */
  private async reading<T>(what: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (err instanceof ShiplogError || !isDriverError(err)) throw err;
        const kind = failureKind(err);
        if ((kind !== 'connection' && kind !== 'retry-transaction') || attempt >= this.tuning.connectionAttempts) {
          throw this.failure(err, kind === 'connection' ? `(${what}, after ${attempt} attempts)` : `(${what})`);
        }
        this.host.log.debug(`postgres store: ${what} failed (${String((err as Error).message)}); attempt ${attempt + 1}`);
        await this.backoff(attempt);
      }
    }
  }

  private failure(err: unknown, context?: string): ShiplogError {
    return toStoreError(this.host, this.conn, err, context);
  }

  private readerOn(t: PgSession): DocReader {
    return {
      get: async <T>(kind: DocKind, name: string) => {
        const rows = await t.unsafe(this.q.getDocument, [kind, name], { prepare: true });
        return rows.length ? (rows[0].value as T) : undefined;
      },
    };
  }

  /**
   * A read runs first without a transaction: one document read is one statement, one round trip (most reads are
   * one get). When fn reads a second document, it is run again inside a REPEATABLE READ READ ONLY transaction, so
   * that everything it reads comes from one snapshot (fn only reads: running it twice is harmless).
   */
  read<T>(fn: (r: DocReader) => Promise<T>): Promise<T> {
    return this.reading('read', async () => {
      if ((await this.readableState()) === 'absent') return fn({ get: async () => undefined });
      let gets = 0;
      const single: DocReader = {
        get: async <V>(kind: DocKind, name: string) => {
          if (++gets > 1) throw new NeedsSnapshot();
          return this.link.run((t) => this.readerOn(t).get<V>(kind, name));
        },
      };
      try {
        return await fn(single);
      } catch (err) {
        if (!(err instanceof NeedsSnapshot)) throw err;
      }
      return this.link.transaction(this.readOnly, (t) => fn(this.readerOn(t)));
    });
  }

  status(filter: { environment?: string; application?: string }): Promise<EnvironmentState[]> {
    return this.reading('status', async () => {
      if ((await this.readableState()) === 'absent') return [];
      const { text, params } = statusQuery(this.q, filter);
      return (await this.link.run((t) => t.unsafe(text, params))).map((r) => r.value as EnvironmentState);
    });
  }

  history(filter: HistoryFilter): Promise<Deployment[]> {
    return this.reading('history', async () => {
      if (filter.limit === 0 || (await this.readableState()) === 'absent') return [];
      const { text, params } = historyQuery(this.q, filter);
      return (await this.link.run((t) => t.unsafe(text, params))).map((r) => r.value as Deployment);
    });
  }

  async info(): Promise<StoreInfo> {
    return this.reading('info', async () => {
      const details = { database: this.conn.database, schema: this.conn.schema, ssl: this.conn.sslmode };
      if ((await this.readableState()) === 'absent') {
        const [server] = await this.link.run((t) =>
          t.unsafe(`select current_setting('server_version') as server, current_user::text as "user"`),
        );
        return {
          kind: 'postgres',
          location: this.location,
          schema: 'absent',
          counts: { componentVersions: 0, applicationVersions: 0, deployments: 0, environmentStates: 0 },
          next: { componentVersion: 1, applicationVersion: 1, deployment: 1 },
          details: { server: String(server.server), ...details, user: String(server.user) },
        };
      }
      const [row] = await this.link.run((t) => t.unsafe(this.q.info));
      const next = countersOf(row);
      return {
        kind: 'postgres',
        location: this.location,
        schema: PG_SCHEMA_VERSION,
        counts: {
          componentVersions: next.componentVersion - 1,
          applicationVersions: next.applicationVersion - 1,
          deployments: next.deployment - 1,
          environmentStates: Number(row.states),
        },
        next,
        details: { server: String(row.server), ...details, user: String(row.user), operations: String(row.operations) },
      };
    });
  }

  /** Every record from one snapshot, a page at a time (memory does not grow with the history). */
  async *scan(): AsyncIterable<StoreEntry> {
    if ((await this.reading('scan', () => this.readableState())) === 'absent') return;
    const { session: t, end } = await this.reading('scan', () => this.link.hold(this.readOnly));
    let failed = false;
    try {
      yield* scanSnapshot(t, this.q);
    } catch (err) {
      failed = true;
      if (err instanceof ShiplogError || !isDriverError(err)) throw err;
      throw this.failure(err, '(scan)');
    } finally {
      // Also when the consumer stops early: the snapshot ends and the link is free again.
      await end(!failed);
    }
  }

  // ---- writing ----------------------------------------------------------------------------------------

  async transact<T>(op: OperationSummary, fn: (tx: DocTx) => Promise<T>): Promise<T> {
    await this.reading('opening the store', () => this.ensureStore());
    const opId = randomBytes(12).toString('hex');
    const title = this.host.redactor.redact(op.title).replace(/\s+/g, ' ');
    /** Attempts whose COMMIT may have landed (the connection failed after fn ran), with their results. */
    const unknown = new Map<number, T>();
    let connectionFailures = 0;
    let conflicts = 0;
    for (let attempt = 1; ; attempt++) {
      let ran = false;
      let result: T | undefined;
      try {
        // The counters row lock is taken in the BEGIN's round trip.
        const outcome = await this.link.transaction(this.readWrite(this.q.lockCounters), async (t, [row]) => {
          if (unknown.size) {
            const [landed] = await t.unsafe(this.q.findOperation, [opId]);
            if (landed) return { landed: Number(landed.attempt) };
          }
          const staged = new PgTransaction(t, this.q, countersOf(row));
          result = await fn(staged);
          ran = true;
          if (!staged.empty) await staged.flush({ id: opId, attempt, title });
          return { done: true as const };
        });
        const landed = (outcome as { landed?: number }).landed;
        if (landed !== undefined) {
          this.host.log.debug(`postgres store: attempt ${landed} of operation ${opId} had committed; not applying it again`);
          if (!unknown.has(landed))
            throw new BackendError(
              `postgres store ${this.location}: operation ${opId} committed by an attempt this process did not finish`,
            );
          return unknown.get(landed) as T;
        }
        return result as T;
      } catch (err) {
        if (err instanceof ShiplogError || !isDriverError(err)) throw err;
        const kind = failureKind(err);
        if (kind === 'retry-transaction') {
          if (++conflicts >= this.tuning.maxAttempts) {
            throw new BackendError(
              `postgres store ${this.location}: gave up after ${conflicts} attempts that lost to concurrent writers (${String((err as Error).message)})`,
              {
                hint: 'too many concurrent writers, or a session holding locks on the store; retry the command',
                cause: err,
              },
            );
          }
        } else if (kind === 'connection') {
          if (ran) unknown.set(attempt, result as T);
          if (++connectionFailures >= this.tuning.connectionAttempts) {
            const outcome = unknown.size
              ? 'an attempt whose answer was lost may have committed the whole operation: check history or status before running it again'
              : 'nothing was written';
            throw toStoreError(
              this.host,
              this.conn,
              err,
              `(${connectionFailures} attempts; each attempt is one transaction, never half-written; ${outcome})`,
            );
          }
        } else {
          throw this.failure(err);
        }
        this.host.log.debug(`postgres store: attempt ${attempt} of "${title}" failed (${String((err as Error).message)}); retrying`);
        await this.backoff(attempt);
      }
    }
  }

  private backoff(attempt: number): Promise<void> {
    const { backoffMinMs: lo, backoffMaxMs: hi } = this.tuning;
    const cap = Math.min(hi, lo * 2 ** Math.min(attempt, 10));
    const ms = lo + Math.random() * Math.max(0, cap - lo);
    return waitWithin(ms, this.tuning.deadline, `postgres store ${this.location}: an attempt failed`);
  }

  async close(): Promise<void> {
    await this.link.close();
  }
}

/** Thrown to a read's fn at its second document read: the read is re-run in a snapshot. */
class NeedsSnapshot extends Error {}

function countersOf(row: Record<string, unknown> | undefined): Counters {
  if (!row) throw new BackendError('postgres store: the counters row is missing (the store is damaged)');
  return {
    componentVersion: Number(row.component_version),
    applicationVersion: Number(row.application_version),
    deployment: Number(row.deployment),
  };
}
