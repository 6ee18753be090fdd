/**
 * The records desired state adds to a store (docs/intent.md): custom state passed between releases (a value
 * per environment and key, with its history) and the per-environment lease that keeps two `apply` runs from
 * racing. Kept by every record store (backend/records/intent-records.ts); the Ortelius server has no place for
 * them and refuses (exit 2).
 */
import type { CiContext } from './model.js';

/** One value of an environment's custom state, as set by `shiplog state set`. */
export interface CustomStateValue {
  environment: string;
  key: string;
  /** Any JSON value (a string from `--value`, anything from `--from-json`), redacted before it is stored. */
  value: unknown;
  /** 1 for the first value of (environment, key), +1 for each change. */
  revision: number;
  setAt: string;
  /** Who set it (the CI actor, else the user). */
  setBy: string;
  provenance: CiContext;
}

export interface CustomStateSpec {
  environment: string;
  key: string;
  value: unknown;
  by: string;
  at: string;
  provenance: CiContext;
}

export interface CustomStatePut {
  value: CustomStateValue;
  /** false when the key already held an equal value (nothing written, no new revision). */
  changed: boolean;
  /** The value it replaced. */
  previous?: CustomStateValue;
}

/** Who holds a lease: one `apply` run. */
export interface LeaseHolder {
  /** Random, unique per run: the lease is compared by it. */
  id: string;
  /** For people: `apply by ada (github deploy #412) on runner-7 pid 4242`. */
  label: string;
  /** The machine and process, so that a run on the same machine can tell the holder died (kill -9). */
  host: string;
  pid: number;
}

export interface Lease {
  environment: string;
  holder: LeaseHolder;
  acquiredAt: string;
  /** The holder's last renewal. */
  heartbeatAt: string;
  /** Free for anyone after this instant unless renewed. */
  expiresAt: string;
}

export interface LeaseRequest {
  environment: string;
  holder: LeaseHolder;
  ttlMs: number;
  at: string;
  /** Take the lease over from this holder id (a holder known to be dead), whatever its expiry. */
  replacing?: string;
}

export type LeaseOutcome = { acquired: true; lease: Lease } | { acquired: false; lease: Lease };
