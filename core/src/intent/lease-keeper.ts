/**
 * The leases one `apply` holds (docs/intent.md "Leases"): one per environment it changes, taken in name order
 * (two applies never wait on each other crosswise), renewed on every heartbeat, released at the end. A lease
 * held by someone else is waited for up to --lock-timeout, then LeaseHeldError (exit 4) names the holder. A
 * holder on this machine whose process is gone (kill -9) is taken over at once; any other holder only once its
 * lease expired (it stopped renewing).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Backend } from '../backend/backend.js';
import { processAlive } from '../backend/local/store-lock.js';
import { LeaseHeldError } from '../errors.js';
import type { Host } from '../host.js';
import type { CiContext } from '../model.js';
import type { Lease, LeaseHolder } from '../state-model.js';

/** A lease lives this long past its last renewal. */
export const LEASE_TTL_MS = 2 * 60_000;
/** Waiting for a lease: another look after this long (plus jitter). */
const POLL_MS = 1000;

export function leaseHolder(ci: CiContext, user: string | undefined): LeaseHolder {
  const host = hostname();
  const who = ci.actor ?? user ?? 'unknown';
  const job = ci.isCi ? ` (${ci.provider}${ci.job ? ` ${ci.job}` : ''}${ci.buildId ? ` #${ci.buildId}` : ''})` : '';
  return { id: randomBytes(12).toString('hex'), label: `apply by ${who}${job} on ${host} pid ${process.pid}`, host, pid: process.pid };
}

export function describeLease(l: Lease): string {
  return `${l.holder.label} (since ${l.acquiredAt}, last heartbeat ${l.heartbeatAt}, expires ${l.expiresAt})`;
}

export class LeaseKeeper {
  private readonly held = new Map<string, Lease>();

  constructor(
    private readonly host: Host,
    private readonly backend: Backend,
    readonly holder: LeaseHolder,
    private readonly opts: { ttlMs: number; lockTimeoutMs: number },
  ) {}

  get leases(): Lease[] {
    return [...this.held.values()];
  }

  /** Takes every environment's lease, in name order; on a timeout releases what it took and throws LeaseHeldError. */
  async acquire(environments: string[]): Promise<void> {
    const deadline = this.host.now().getTime() + this.opts.lockTimeoutMs;
    try {
      for (const environment of [...new Set(environments)].sort()) await this.acquireOne(environment, deadline);
    } catch (err) {
      await this.releaseAll();
      throw err;
    }
  }

  private async acquireOne(environment: string, deadline: number): Promise<void> {
    let replacing: string | undefined;
    let announced: string | undefined;
    for (;;) {
      const at = this.host.now();
      const outcome = await this.backend.acquireLease({
        environment,
        holder: this.holder,
        ttlMs: this.opts.ttlMs,
        at: at.toISOString(),
        ...(replacing ? { replacing } : {}),
      });
      if (outcome.acquired) {
        if (replacing) this.host.log.info(`apply: took over the lease of ${environment}: its holder's process is gone`);
        this.held.set(environment, outcome.lease);
        return;
      }
      const other = outcome.lease;
      if (other.holder.host === this.holder.host && other.holder.pid !== process.pid && !processAlive(other.holder.pid)) {
        replacing = other.holder.id;
        continue;
      }
      if (at.getTime() >= deadline) {
        throw new LeaseHeldError(
          `environment ${environment} is being applied by ${describeLease(other)}; gave up waiting after --lock-timeout`,
          {
            hint: 'wait for that apply to finish, or raise --lock-timeout; a holder that stopped renewing frees the lease when it expires',
          },
        );
      }
      if (announced !== other.holder.id) {
        this.host.log.info(`apply: waiting for the lease of ${environment}, held by ${describeLease(other)}`);
        announced = other.holder.id;
      }
      await sleep(Math.min(POLL_MS * (0.5 + Math.random()), Math.max(1, deadline - at.getTime())));
    }
  }

  /** Renews every held lease; returns the environments whose lease was lost. A failed renewal is a warning. */
  async renew(): Promise<string[]> {
    const lost: string[] = [];
    for (const environment of this.held.keys()) {
      try {
        const lease = await this.backend.renewLease({
          environment,
          holderId: this.holder.id,
          ttlMs: this.opts.ttlMs,
          at: this.host.now().toISOString(),
        });
        if (lease) this.held.set(environment, lease);
        else lost.push(environment);
      } catch (err) {
        this.host.log.warn(
          `apply: renewing the lease of ${environment} failed (${(err as Error).message}); trying again at the next heartbeat`,
        );
      }
    }
    for (const e of lost) this.held.delete(e);
    return lost;
  }

  async releaseAll(): Promise<void> {
    for (const environment of [...this.held.keys()]) {
      try {
        await this.backend.releaseLease({ environment, holderId: this.holder.id, at: this.host.now().toISOString() });
      } catch (err) {
        this.host.log.warn(`apply: releasing the lease of ${environment} failed (${(err as Error).message}); it expires by itself`);
      }
      this.held.delete(environment);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
