/**
 * The git store as a DocumentStore: the state is the tree of one ref in a git remote (git-layout.ts); every
 * operation starts from the remote tip and ends in one commit pushed with a compare-and-swap.
 *
 * A transaction: fetch the tip (shallow) -> run fn against it, staging writes in memory -> write one commit
 * whose parent is that tip -> `push --force-with-lease=<ref>:<tip>`. When another writer got there first the
 * push is refused; the whole fn runs again from the new tip (re-read, re-check, re-allocate ids), with
 * jittered back-off, up to maxAttempts. Nothing is ever merged, so ids stay dense and no record is lost or
 * doubled. A push whose outcome is unknown (the connection dropped) is recognised on the next attempt by its
 * operation attempt id in meta.json's `recent` list, so it is not applied twice.
 *
 * Commits are written with one `git fast-import` process per operation (not hash-object + mktree +
 * commit-tree): it takes the changed files inline, loads from the parent only the trees on the changed paths,
 * writes the blobs, trees and the commit in one go and prints the commit id: one process instead of one per
 * tree level, and no index or checkout anywhere.
 */
import { randomBytes } from 'node:crypto';
import type { HistoryFilter } from '../backend.js';
import { BackendError, ConfigError, SchemaVersionError } from '../../errors.js';
import type { Host } from '../../host.js';
import type { Deployment, EnvironmentState } from '../../model.js';
import type { DocKind, DocReader, DocTx, DocumentStore, OperationSummary, StoreEntry, StoreInfo } from '../records/document-store.js';
import type { Git } from './git-command.js';
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
  type GitMetaFile,
  type GitSchemaFile,
} from './git-layout.js';
import { countEnvStates, readHistory, readStatus, scanTip } from './git-queries.js';
import { TIP_REF_PREFIX, fetchFailure, fetchTip, pushIfUnchanged, type RemoteSpec } from './git-remote.js';
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

export const TRAILER = 'Shiplog-Operation';

export class GitDocumentStore implements DocumentStore {
  readonly kind = 'git' as const;
  readonly location: string;
  private readonly verified = new Set<string>();
  private readonly workRef: string;
  private readonly tipRef: string;
  private lastTip: string | undefined;
  private inflight: Promise<string | undefined> | undefined;
  private usedWorkRef = false;
  private fetched = false;

  constructor(
    private readonly host: Host,
    private readonly git: Git,
    private readonly reader: ObjectReader,
    private readonly remote: RemoteSpec,
    private readonly tuning: GitStoreTuning,
  ) {
    this.location = remote.location;
    const instance = `${process.pid}-${randomBytes(4).toString('hex')}`;
    this.workRef = `refs/shiplog/txn/${instance}`;
    this.tipRef = `${TIP_REF_PREFIX}${instance}`;
  }

  // ---- reading ----------------------------------------------------------------------------------------

  /** Fetches the remote tip into the cache (concurrent callers share one fetch) and checks its format. */
  private refresh(): Promise<string | undefined> {
    this.inflight ??= this.fetchVerified().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async fetchVerified(): Promise<string | undefined> {
    let locked = 0;
    for (let attempt = 1; ; attempt++) {
      const res = await fetchTip(this.git, this.gitDir, this.remote, this.tipRef);
      if ('tip' in res) {
        if (res.tip) await this.verify(res.tip);
        this.lastTip = res.tip;
        this.fetched = true;
        return res.tip;
      }
      // Another process sharing this cache holds a lock (its shallow file): wait for it, without using up the
      // attempts meant for an unreachable server.
      if (res.failure === 'locked' && ++locked < 100) {
        attempt--;
        await this.backoff(1);
        continue;
      }
      if (res.failure !== 'transient' || attempt >= this.tuning.transportAttempts) {
        const err = fetchFailure(res, this.remote);
        if (res.failure === 'transient') throw new BackendError(`${err.message} (after ${attempt} attempts)`, { hint: (err as BackendError).hint });
        throw err;
      }
      await this.backoff(attempt);
    }
  }

  private get gitDir(): string {
    return this.git.env.GIT_DIR;
  }

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
      throw new SchemaVersionError(`${where} has schema ${schema.schema}; this shiplog reads up to ${GIT_SCHEMA_VERSION}`, { hint: 'upgrade shiplog' });
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
    return fn(this.readerAt(await this.refresh()));
  }

  async status(filter: { environment?: string; application?: string }): Promise<EnvironmentState[]> {
    const tip = await this.refresh();
    return tip ? readStatus(this.reader, tip, filter) : [];
  }

  async history(filter: HistoryFilter): Promise<Deployment[]> {
    const tip = await this.refresh();
    if (!tip || filter.limit === 0) return [];
    return readHistory(this.reader, tip, await this.meta(tip), filter);
  }

  async info(): Promise<StoreInfo> {
    const tip = await this.refresh();
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
    const tip = await this.refresh();
    if (!tip) return;
    yield* scanTip(this.reader, tip, await this.meta(tip));
  }

  // ---- writing ----------------------------------------------------------------------------------------

  async transact<T>(op: OperationSummary, fn: (tx: DocTx) => Promise<T>): Promise<T> {
    const opId = randomBytes(8).toString('hex');
    /** Attempts whose push may have landed (the connection failed mid-push), with their results. */
    const unknown = new Map<string, T>();
    let transportFailures = 0;
    let lost = 0;
    for (let attempt = 1; attempt <= this.tuning.maxAttempts; attempt++) {
      const tip = await this.refresh();
      const meta = await this.meta(tip);
      for (const [attemptId, result] of unknown) if (meta.recent.includes(attemptId)) return result;
      const staged = new Map<string, unknown>();
      const next = { ...meta.next };
      const base = this.readerAt(tip);
      const tx: DocTx = {
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
      const result = await fn(tx);
      const countersMoved = JSON.stringify(next) !== JSON.stringify(meta.next);
      if (staged.size === 0 && !countersMoved) return result;
      const attemptId = `${opId}.${attempt}`;
      staged.set(META_PATH, { next, recent: [...meta.recent, attemptId].slice(-RECENT_OPS) } satisfies GitMetaFile);
      if (!tip) staged.set(SCHEMA_PATH, { format: GIT_STORE_FORMAT, schema: GIT_SCHEMA_VERSION, createdAt: this.host.now().toISOString() } satisfies GitSchemaFile);
      const commit = await this.writeCommit(tip, staged, this.message(op, opId));
      const pushed = await pushIfUnchanged(this.git, this.remote, commit, tip);
      if (pushed.outcome === 'pushed') {
        this.verified.add(commit);
        this.lastTip = commit;
        return result;
      }
      if (pushed.outcome === 'stale') {
        lost++;
        this.host.log.debug(`git store: ${this.remote.ref} moved during the operation (${pushed.detail}); attempt ${attempt + 1}`);
      } else if (pushed.failure === 'transient') {
        unknown.set(attemptId, result);
        if (++transportFailures >= this.tuning.transportAttempts) {
          throw new BackendError(`git store ${this.location}: push to ${this.remote.ref} failed ${transportFailures} times: ${pushed.detail}`, {
            hint: 'check that the git server is reachable from this runner; nothing was written by the failed attempts unless a later read shows it',
          });
        }
      } else {
        throw fetchFailure({ failure: pushed.failure, detail: pushed.detail }, this.remote);
      }
      if (attempt < this.tuning.maxAttempts) await this.backoff(attempt);
    }
    throw new BackendError(
      `git store ${this.location}: gave up after ${this.tuning.maxAttempts} attempts: ${this.remote.ref} kept moving (${lost} pushes lost the race to other writers)`,
      { hint: 'too many concurrent writers on one state ref; retry the command, or raise the attempt limit' },
    );
  }

  private message(op: OperationSummary, opId: string): string {
    const r = (s: string) => this.host.redactor.redact(s).replace(/\r/g, '');
    const title = r(op.title).replace(/\n/g, ' ');
    const body = (op.body ?? []).map(r);
    return [title, '', ...(body.length ? [...body, ''] : []), `${TRAILER}: ${opId}`, ''].join('\n');
  }

  /** One fast-import process: the changed files inline, `from` the tip; prints the new commit's id. */
  private async writeCommit(tip: string | undefined, files: Map<string, unknown>, message: string): Promise<string> {
    const when = Math.floor(this.host.now().getTime() / 1000);
    const chunks: Buffer[] = [];
    const text = (s: string) => chunks.push(Buffer.from(s, 'utf8'));
    const data = (b: Buffer) => {
      text(`data ${b.length}\n`);
      chunks.push(b);
      text('\n');
    };
    text(`reset ${this.workRef}\ncommit ${this.workRef}\nmark :1\ncommitter shiplog <shiplog@localhost> ${when} +0000\n`);
    data(Buffer.from(message, 'utf8'));
    if (tip) text(`from ${tip}\n`);
    for (const [path, value] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      text(`M 100644 inline ${path}\n`);
      data(Buffer.from(`${JSON.stringify(value)}\n`, 'utf8'));
    }
    text('\nget-mark :1\ndone\n');
    this.usedWorkRef = true;
    const r = await this.git.run(['fast-import', '--quiet', '--done', '--force', '--date-format=raw'], Buffer.concat(chunks));
    const id = r.stdout.toString('utf8').trim().split('\n').pop() ?? '';
    if (r.code !== 0 || !/^[0-9a-f]{40,64}$/.test(id)) throw new BackendError(`git store: writing the commit failed: ${this.git.tail(r.stderr)}`);
    return id;
  }

  private backoff(attempt: number): Promise<void> {
    const { backoffMinMs: lo, backoffMaxMs: hi } = this.tuning;
    const cap = Math.min(hi, lo * 2 ** Math.min(attempt, 10));
    const ms = lo + Math.random() * Math.max(0, cap - lo);
    return new Promise((r) => setTimeout(r, ms));
  }

  /** The tip this store last fetched or pushed (tests and `store info`). */
  get knownTip(): string | undefined {
    return this.lastTip;
  }

  async close(): Promise<void> {
    await this.reader.close();
    // This instance's private refs go; the objects stay for the next command of the job.
    const refs = [...(this.usedWorkRef ? [this.workRef] : []), ...(this.lastTip !== undefined || this.fetched ? [this.tipRef] : [])];
    if (refs.length) await this.git.run(['update-ref', '--stdin'], refs.map((r) => `delete ${r}\n`).join(''));
  }
}
