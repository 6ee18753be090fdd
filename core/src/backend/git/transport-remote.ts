/**
 * The state ref reached through git's transport (https, ssh, git, file): fetched into the cache repository
 * (git-cache.ts), published with a compare-and-swap push (git-remote.ts). Fetches are made on demand
 * (concurrent callers share one), retried when the transport fails in transit, checked for the store format,
 * and recorded for the next process sharing the cache.
 *
 * The first fetch of an instance seeds its private ref from the cache's shiplog-tip, so git negotiates from
 * the newest tip the cache holds and receives only the commits written since. Only a cache that holds no tip
 * yet is filled with a shallow fetch (`--depth=1`), under the cache's write.lock.
 */
import { BackendError } from '../../errors.js';
import type { Host } from '../../host.js';
import type { Git } from './git-command.js';
import { GitCache, privateRef } from './git-cache.js';
import { fetchFailure, fetchTip, pushIfUnchanged, type FetchResult, type PushResult, type RemoteSpec } from './git-remote.js';
import { ObjectReader } from './object-reader.js';
import { ObjectWriter } from './object-writer.js';
import type { StateRemote } from './state-remote.js';

export interface FetchTuning {
  /** Attempts for a fetch that failed in transit (connection refused/reset, 5xx). */
  transportAttempts: number;
  backoff: (attempt: number) => Promise<void>;
}

/** Waits for a lock held by another process sharing the cache: at most this many short back-offs. */
const LOCKED_WAITS = 100;

export class TransportRemote implements StateRemote {
  readonly reader: ObjectReader;
  readonly writer: ObjectWriter;
  last: string | undefined;
  /** When `last` was known to be the remote tip (host clock, ms); 0 before the first contact. */
  private confirmedAt = 0;
  private started = false;
  private warm = false;
  private inflight: Promise<string | undefined> | undefined;
  private readonly cache: GitCache;
  /** This instance's private ref (git-cache.ts privateRef). */
  private readonly ref = privateRef();

  constructor(
    private readonly host: Host,
    /** git with GIT_DIR = the cache. */
    private readonly git: Git,
    private readonly remote: RemoteSpec,
    private readonly tuning: FetchTuning,
    private readonly verify: (tip: string) => Promise<void>,
  ) {
    this.cache = new GitCache(git.env.GIT_DIR, git);
    this.reader = new ObjectReader(git.env, git.limits);
    this.writer = new ObjectWriter(git.env.GIT_DIR, this.reader);
  }

  fetch(): Promise<string | undefined> {
    this.inflight ??= this.fetchWithRetries().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  confirmedWithin(ms: number): boolean {
    return this.confirmedAt > 0 && this.host.now().getTime() - this.confirmedAt < ms;
  }

  async publish(commit: string, expected: string | undefined): Promise<PushResult> {
    const res = await pushIfUnchanged(this.git, this.remote, commit, expected);
    if (res.outcome === 'pushed') {
      this.last = commit;
      this.confirmedAt = this.host.now().getTime();
      // The private ref follows: the next fetch then finds the remote where this instance left it and has
      // nothing to check (git verifies an unreferenced local commit by walking its whole tree).
      if (await this.cache.seed(this.ref, commit)) this.started = this.warm = true;
      await this.cache.rememberTip(commit);
    }
    return res;
  }

  inTurn<T>(fn: () => Promise<T>): Promise<T> {
    return this.cache.inTurn(fn);
  }

  async close(): Promise<void> {
    await this.reader.close();
    // This instance's private ref goes; the objects stay for the next command of the job.
    if (this.started) await this.cache.deleteRefs([this.ref]);
  }

  private async fetchWithRetries(): Promise<string | undefined> {
    let locked = 0;
    for (let attempt = 1; ; attempt++) {
      const res = await this.fetchOnce();
      if ('tip' in res) {
        if (res.tip) {
          await this.verify(res.tip);
          this.warm = true;
          await this.cache.rememberTip(res.tip);
        }
        this.last = res.tip;
        this.confirmedAt = this.host.now().getTime();
        return res.tip;
      }
      // Another process sharing this cache holds a lock git needs: wait for it, without using up the attempts
      // meant for an unreachable server.
      if (res.failure === 'locked' && ++locked < LOCKED_WAITS) {
        attempt--;
        await this.tuning.backoff(1);
        continue;
      }
      if (res.failure !== 'transient' || attempt >= this.tuning.transportAttempts) {
        const err = fetchFailure(res, this.remote);
        if (res.failure === 'transient')
          throw new BackendError(`${err.message} (after ${attempt} attempts)`, { hint: (err as BackendError).hint });
        throw err;
      }
      await this.tuning.backoff(attempt);
    }
  }

  private async fetchOnce(): Promise<FetchResult> {
    if (!this.started) {
      this.started = true;
      await this.cache.sweep(this.ref);
      const known = await this.cache.knownTip();
      if (known) this.warm = await this.cache.seed(this.ref, known);
    }
    if (this.warm) return fetchTip(this.git, this.cache.gitDir, this.remote, this.ref, false);
    return this.cache.whileFilling(async () => {
      // Another process may have filled the cache while this one waited for the lock.
      const known = await this.cache.knownTip();
      if (known && (await this.cache.seed(this.ref, known))) {
        this.warm = true;
        return fetchTip(this.git, this.cache.gitDir, this.remote, this.ref, false);
      }
      return fetchTip(this.git, this.cache.gitDir, this.remote, this.ref, true);
    });
  }
}
