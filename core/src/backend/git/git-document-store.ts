/**
 * The git store as a DocumentStore: the state is the tree of one ref in a git remote (git-layout.ts); every
 * operation ends in one commit pushed with a compare-and-swap (docs/store-git.md "Transactions").
 *
 * A transaction: take the remote tip -> run fn against it, staging writes in memory -> write one commit whose
 * parent is that tip (object-writer.ts) -> `push --force-with-lease=<ref>:<tip>`. When another writer got
 * there first the push is refused, whatever git calls it (git-remote.ts classifyPush); the whole fn runs again
 * from the new tip (re-read, re-check, re-allocate ids), with jittered back-off, up to maxAttempts. Nothing is
 * ever merged, so ids stay dense and no record is lost or doubled.
 *
 * The tip a transaction starts from is fetched, except right after this instance fetched or pushed (within
 * optimisticMs, default 5 s): then it starts from that tip at once and the compare-and-swap proves it still is the remote
 * tip. An answer that writes nothing (a no-op, or a refusal such as a missing approval) is only given from a
 * freshly fetched tip. A push whose outcome is unknown (the connection dropped) is recognised on the next
 * attempt by its attempt id in meta.json's `recent` list; a keyed operation (OperationSummary.key: a
 * deployment, approval or move made in CI) is recognised across processes by its record under ops/, so a
 * re-run after a crash returns the first run's result instead of applying it twice.
 */
import { randomBytes } from 'node:crypto';
import type { HistoryFilter } from '../backend.js';
import { BackendError, ConfigError, SchemaVersionError } from '../../errors.js';
import type { Host } from '../../host.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import type { DocKind, DocReader, DocTx, DocumentStore, OperationSummary, StoreEntry, StoreInfo } from '../records/document-store.js';
import {
  GIT_SCHEMA_VERSION,
  GIT_STORE_FORMAT,
  META_PATH,
  RECENT_OPS,
  SCHEMA_PATH,
  deploymentPath,
  docPath,
  emptyGitMeta,
  envStatePath,
  operationPath,
  type GitMetaFile,
  type GitSchemaFile,
  type OperationRecord,
} from './git-layout.js';
import { countEnvStates, readHistory, readStatus, scanTip } from './git-queries.js';
import { fetchFailure, type RemoteSpec } from './git-remote.js';
import type { ObjectReader } from './object-reader.js';
import type { StateRemote } from './state-remote.js';
import type { Deadline } from '../../deadline.js';
import { waitWithin } from '../store-limits.js';

export interface GitStoreTuning {
  /** Transaction attempts before giving up (default 100). */
  maxAttempts: number;
  /** Attempts for a fetch or push that failed in transit (connection refused/reset, 5xx) (default 4). */
  transportAttempts: number;
  /**
   * Back-off between attempts, ms: a random wait below a cap that starts at what the lost attempt took (at
   * least backoffMinMs, default 20) and doubles per attempt up to backoffMaxMs (default 30 s).
   */
  backoffMinMs: number;
  backoffMaxMs: number;
  /** A transaction starts from the last known tip without fetching when it was confirmed this recently (ms). */
  optimisticMs: number;
  /** The command's deadline: no back-off waits past it (TimeoutError instead). */
  deadline?: Deadline;
}

export const TRAILER = 'Shiplog-Operation';
/** The first wait before retrying a fetch or push that failed in transit (then doubling). */
const TRANSPORT_RETRY_UNIT_MS = 250;

export class GitDocumentStore implements DocumentStore {
  readonly kind = 'git' as const;
  readonly location: string;
  private readonly verified = new Set<string>();
  private readonly tip: StateRemote;
  /** The last transaction lost a race: the next one does not start optimistically. */
  private contended = false;
  private readonly reader: ObjectReader;

  constructor(
    private readonly host: Host,
    private readonly remote: RemoteSpec,
    private readonly tuning: GitStoreTuning,
    /** Connects to the state ref (state-remote.ts); every tip it fetches is checked with `verify` first. */
    connect: (verify: (tip: string) => Promise<void>, backoff: (attempt: number) => Promise<void>) => StateRemote,
  ) {
    this.location = remote.location;
    this.tip = connect(
      (t) => this.verify(t),
      (attempt) => this.backoff(attempt, TRANSPORT_RETRY_UNIT_MS),
    );
    this.reader = this.tip.reader;
  }

  // ---- reading ----------------------------------------------------------------------------------------

  private async verify(tip: string): Promise<void> {
    if (this.verified.has(tip)) return;
    const schema = await this.reader.json<GitSchemaFile>(`${tip}:${SCHEMA_PATH}`).catch(() => undefined);
    const where = `ref ${this.remote.ref} of ${this.location}`;
    if (!schema || schema.format !== GIT_STORE_FORMAT || typeof schema.schema !== 'number') {
      throw new ConfigError(`${where} is not a shiplog git store (no ${GIT_STORE_FORMAT} ${SCHEMA_PATH} at its tip ${tip.slice(0, 12)})`, {
        hint: 'name a ref that only shiplog writes (#ref=refs/heads/shiplog-state), or an empty one',
      });
    }
    if (schema.schema > GIT_SCHEMA_VERSION) {
      throw new SchemaVersionError(`${where} has schema ${schema.schema}; this shiplog reads up to ${GIT_SCHEMA_VERSION}`, {
        hint: 'upgrade shiplog',
      });
    }
    if (!(await this.reader.get(`${tip}:${META_PATH}`))) throw new ConfigError(`${where} is inconsistent: ${META_PATH} is missing`);
    this.verified.add(tip);
  }

  private async meta(tip: string | undefined): Promise<GitMetaFile> {
    if (!tip) return emptyGitMeta();
    const meta = await this.reader.json<GitMetaFile>(`${tip}:${META_PATH}`);
    if (!meta?.next) throw new ConfigError(`git store ${this.location} is inconsistent: ${META_PATH} is missing at ${tip.slice(0, 12)}`);
    return { next: { ...meta.next }, recent: meta.recent ?? [] };
  }

  private readerAt(tip: string | undefined): DocReader {
    return { get: async <T>(kind: DocKind, name: string) => (tip ? this.reader.json<T>(`${tip}:${docPath(kind, name)}`) : undefined) };
  }

  async read<T>(fn: (r: DocReader) => Promise<T>): Promise<T> {
    return fn(this.readerAt(await this.tip.fetch()));
  }

  async status(filter: { environment?: string; application?: string }): Promise<EnvironmentState[]> {
    const tip = await this.tip.fetch();
    return tip ? readStatus(this.reader, tip, filter) : [];
  }

  async history(filter: HistoryFilter): Promise<Deployment[]> {
    const tip = await this.tip.fetch();
    if (!tip || filter.limit === 0) return [];
    return readHistory(this.reader, tip, await this.meta(tip), filter);
  }

  async info(): Promise<StoreInfo> {
    const tip = await this.tip.fetch();
    const meta = await this.meta(tip);
    return {
      kind: 'git',
      location: this.location,
      schema: tip ? GIT_SCHEMA_VERSION : 'absent',
      counts: {
        componentVersions: meta.next.componentVersion - 1,
        applicationVersions: meta.next.applicationVersion - 1,
        deployments: meta.next.deployment - 1,
        environmentStates: tip ? await countEnvStates(this.reader, tip) : 0,
      },
      next: { ...meta.next },
      details: { ref: this.remote.ref, tip: tip ?? '' },
    };
  }

  async *scan(): AsyncIterable<StoreEntry> {
    const tip = await this.tip.fetch();
    if (!tip) return;
    yield* scanTip(this.reader, tip, await this.meta(tip));
  }

  // ---- writing ----------------------------------------------------------------------------------------

  async transact<T>(op: OperationSummary, fn: (tx: DocTx) => Promise<T>): Promise<T> {
    return this.tip.inTurn ? this.tip.inTurn(() => this.attempts(op, fn)) : this.attempts(op, fn);
  }

  private async attempts<T>(op: OperationSummary, fn: (tx: DocTx) => Promise<T>): Promise<T> {
    const opId = op.key ?? randomBytes(8).toString('hex');
    const nonce = randomBytes(6).toString('hex');
    /** Attempts whose push may have landed (the connection failed mid-push), with their results. */
    const unknown = new Map<string, T>();
    let transportFailures = 0;
    let lost = 0;
    let attemptStart = this.host.now().getTime();
    // Optimistic only while the ref is quiet: after a lost race, the next transaction fetches first.
    const optimistic = !this.contended && this.tip.confirmedWithin(this.tuning.optimisticMs);
    this.contended = false;
    let base = optimistic ? { tip: this.tip.last, fresh: false } : { tip: await this.tip.fetch(), fresh: true };
    for (let attempt = 1; ;) {
      const { tip, fresh } = base;
      const meta = await this.meta(tip);
      for (const [attemptId, result] of unknown) if (meta.recent.includes(attemptId)) return result;
      if (op.key !== undefined && tip) {
        const done = await this.reader.json<OperationRecord<T>>(`${tip}:${operationPath(op.key)}`);
        if (done?.key === op.key) return done.result;
      }
      const staged = new Map<string, unknown>();
      const next = { ...meta.next };
      let result: T;
      try {
        result = await fn(this.stage(tip, staged, next));
      } catch (e) {
        // A refusal is only final when it was made against the tip as it is now.
        if (fresh || (await this.tip.fetch()) === tip) throw e;
        base = { tip: this.tip.last, fresh: true };
        continue;
      }
      const countersMoved = JSON.stringify(next) !== JSON.stringify(meta.next);
      if (staged.size === 0 && !countersMoved) {
        if (fresh || (await this.tip.fetch()) === tip) return result;
        base = { tip: this.tip.last, fresh: true };
        continue;
      }
      const attemptId = `${nonce}.${attempt}`;
      staged.set(META_PATH, { next, recent: [...meta.recent, attemptId].slice(-RECENT_OPS) } satisfies GitMetaFile);
      if (op.key !== undefined) staged.set(operationPath(op.key), { key: op.key, result } satisfies OperationRecord<T>);
      if (!tip)
        staged.set(SCHEMA_PATH, {
          format: GIT_STORE_FORMAT,
          schema: GIT_SCHEMA_VERSION,
          createdAt: this.host.now().toISOString(),
        } satisfies GitSchemaFile);
      const commit = await this.tip.writer.commit({
        parent: tip,
        files: new Map([...staged].map(([p, v]) => [p, Buffer.from(`${JSON.stringify(v)}\n`, 'utf8')])),
        message: this.message(op, opId),
        when: Math.floor(this.host.now().getTime() / 1000),
      });
      const pushed = await this.tip.publish(commit, tip);
      if (pushed.outcome === 'pushed') {
        this.verified.add(commit);
        return result;
      }
      if (pushed.outcome === 'stale') {
        lost++;
        this.contended = true;
        this.host.log.debug(`git store: ${this.remote.ref} moved during the operation (${pushed.detail}); attempt ${attempt + 1}`);
      } else if (pushed.outcome === 'failed' && pushed.failure === 'transient') {
        unknown.set(attemptId, result);
        if (++transportFailures >= this.tuning.transportAttempts) {
          throw new BackendError(
            `git store ${this.location}: push to ${this.remote.ref} failed ${transportFailures} times: ${pushed.detail}`,
            {
              hint: 'check that the git server is reachable from this runner; nothing was written by the failed attempts unless a later read shows it',
            },
          );
        }
      } else if (pushed.outcome === 'failed') {
        throw fetchFailure({ failure: pushed.failure, detail: pushed.detail }, this.remote);
      }
      if (++attempt > this.tuning.maxAttempts) break;
      // A race lost from a tip fetched just before is contention: back off, in units of what one attempt took
      // (so the waits grow with the number of writers and with how slow this machine is). A stale optimistic
      // start is not contention.
      if (fresh || pushed.outcome !== 'stale') await this.backoff(attempt - 1, this.host.now().getTime() - attemptStart);
      attemptStart = this.host.now().getTime();
      base = { tip: await this.tip.fetch(), fresh: true };
    }
    throw new BackendError(
      `git store ${this.location}: gave up after ${this.tuning.maxAttempts} attempts: ${this.remote.ref} kept moving (${lost} pushes lost the race to other writers)`,
      { hint: 'too many concurrent writers on one state ref; retry the command, or raise the attempt limit' },
    );
  }

  /** The transaction's view: reads see the staged writes over the tip; writes are staged by path. */
  private stage(tip: string | undefined, staged: Map<string, unknown>, next: DocTx['next']): DocTx {
    const base = this.readerAt(tip);
    return {
      next,
      get: async <V>(kind: DocKind, name: string) => {
        const p = docPath(kind, name);
        return staged.has(p) ? (structuredClone(staged.get(p)) as V) : base.get<V>(kind, name);
      },
      put: (kind, name, value) => void staged.set(docPath(kind, name), structuredClone(value)),
      putEnvState: (state) => void staged.set(envStatePath(state.name, state.application), structuredClone(state)),
      appendDeployment: (d) => {
        staged.set(deploymentPath(d.id), structuredClone(d));
        if (next.deployment <= d.id) next.deployment = d.id + 1;
      },
    };
  }

  private message(op: OperationSummary, opId: string): string {
    const r = (s: string) => this.host.redactor.redact(s).replace(/\r/g, '');
    const title = r(op.title).replace(/\n/g, ' ');
    const body = (op.body ?? []).map(r);
    return [title, '', ...(body.length ? [...body, ''] : []), `${TRAILER}: ${opId}`, ''].join('\n');
  }

  /** A random wait below a cap that doubles per attempt, from max(backoffMinMs, unitMs) up to backoffMaxMs. */
  private backoff(attempt: number, unitMs = 0): Promise<void> {
    const { backoffMinMs: lo, backoffMaxMs: hi } = this.tuning;
    const cap = Math.min(hi, Math.max(lo, unitMs) * 2 ** Math.min(Math.max(attempt - 1, 0), 16));
    return waitWithin(Math.random() * cap, this.tuning.deadline, `git store ${this.location}: an attempt failed`);
  }

  /** The tip this store last fetched or pushed (tests and `store info`). */
  get knownTip(): string | undefined {
    return this.tip.last;
  }

  async close(): Promise<void> {
    await this.tip.close();
  }
}
