/**
 * Lost answers (a reset connection, a proxy that gave up, a timeout): the server may have applied a create or a
 * start whose answer never came. Such a call is never repeated blindly; the object is looked for by name (or
 * by what it must hold) first, and adopted when it is there. Only an error that can hide an applied request
 * counts: a refused connection or an unknown host never reached the server.
 */
import { BackendError } from '../../errors.js';

const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);

/** True when `err` is a request that may have reached the server and lost its answer. */
export function answerLost(err: unknown): boolean {
  if (!(err instanceof BackendError) || err.status !== undefined) return false;
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return false;
  if (NEVER_SENT.has(code) || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return false;
  return true;
}

/**
 * Runs a call that creates or starts something. When its answer is lost, `find` looks for what it made:
 * found -> that is the answer; not found -> the original error (nothing was made, or it cannot be told).
 */
export async function recoverAfterLostAnswer<T>(call: () => Promise<T>, find: () => Promise<T | undefined>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!answerLost(err)) throw err;
    let found: T | undefined;
    try {
      found = await find();
    } catch {
      throw err;
    }
    if (found === undefined) throw err;
    return found;
  }
}

/**
 * Calls whose effect the server cannot be asked about afterwards (approve, RunTask: the API reads neither approvals
 * nor the domain a version was moved to back). Before such a call is sent in CI, a marker attribute on the
 * application version records the build's key (`{"key":...}`); the attribute write that records the outcome sets
 * it to `{"key":...,"done":true}`. A re-run of the same build (same key) that finds the marker:
 * - not done: the call was sent and its answer lost (or the run stopped after it): it is not sent again, the
 *   outcome is recorded as if it had been answered ('adopted');
 * - done: the whole step happened: nothing is sent or written ('done').
 * Within a run a lost answer (answerLost) fails the command (exit 4): nobody saw the outcome. Outside CI there is
 * no key: a re-run sends again.
 */
export interface OnceMarker {
  key: string;
  done?: boolean;
}

export function parseOnceMarker(v: string | undefined): OnceMarker | undefined {
  if (!v) return undefined;
  try {
    const o = JSON.parse(v) as { key?: unknown; done?: unknown };
    return typeof o.key === 'string' ? { key: o.key, ...(o.done === true ? { done: true } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** The build a CI context names (provider, build id, job); undefined outside CI or without a build id. */
export function buildKeyOf(ci: { isCi?: boolean; provider?: string; buildId?: string; job?: string } | undefined): string | undefined {
  if (!ci?.isCi || !ci.buildId) return undefined;
  return `${ci.provider ?? ''}:${ci.buildId}:${ci.job ?? ''}`;
}
