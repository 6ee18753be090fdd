/**
 * The remote tip as one store instance knows it: fetched on demand (concurrent callers share one fetch),
 * retried when the transport fails in transit, checked for the store format, and recorded for the next
 * process sharing the cache (git-cache.ts).
 *
 * The first fetch of an instance seeds its private ref from the cache's shiplog-tip, so git negotiates from
 * the newest tip the cache holds and receives only the commits written since. Only a cache that holds no tip
 * yet is filled with a shallow fetch (`--depth=1`), under the cache's write.lock.
 */
import { BackendError } from '../../errors.js';
import type { Host } from '../../host.js';
import type { Git } from './git-command.js';
import type { GitCache } from './git-cache.js';
import { fetchFailure, fetchTip, type FetchResult, type RemoteSpec } from './git-remote.js';

export interface FetchTuning {
  /** Attempts for a fetch that failed in transit (connection refused/reset, 5xx). */
  transportAttempts: number;
  backoff: (attempt: number) => Promise<void>;
}

/** Waits for a lock held by another process sharing the cache: at most this many short back-offs. */
const LOCKED_WAITS = 100;

export class RemoteTip {
  /** The newest tip this instance fetched or pushed (undefined: none yet, or the remote has no state ref). */
  last: string | undefined;
  /** When `last` was known to be the remote tip (host clock, ms); 0 before the first contact. */
  private confirmedAt = 0;
  private started = false;
  private warm = false;
  private inflight: Promise<string | undefined> | undefined;

  constructor(
    private readonly host: Host,
    private readonly git: Git,
    private readonly cache: GitCache,
    private readonly remote: RemoteSpec,
    /** This instance's private ref (git-cache.ts privateRef). */
    private readonly ref: string,
    private readonly tuning: FetchTuning,
    private readonly verify: (tip: string) => Promise<void>,
  ) {}

  /** Fetches the remote tip now (joining a fetch already under way). */
  fetch(): Promise<string | undefined> {
    this.inflight ??= this.fetchWithRetries().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /** True when `last` was the remote tip less than `ms` ago (a transaction may start from it optimistically). */
  confirmedWithin(ms: number): boolean {
    return this.confirmedAt > 0 && this.host.now().getTime() - this.confirmedAt < ms;
  }

  /** Our commit became the remote tip. */
  async pushed(commit: string): Promise<void> {
    this.last = commit;
    this.confirmedAt = this.host.now().getTime();
    await this.cache.rememberTip(commit);
  }

  async close(): Promise<void> {
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
        if (res.failure === 'transient') throw new BackendError(`${err.message} (after ${attempt} attempts)`, { hint: (err as BackendError).hint });
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
