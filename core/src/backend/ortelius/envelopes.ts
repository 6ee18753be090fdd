/**
 * Answers of an Ortelius server and what they mean (shared/ortelius-api.md section 4): JSON parsing, the
 * refused-session and not-found texts, and the mapping of `success:false` errors onto the error catalogue.
 */
import { AuthError, BackendError, NotFoundError, OperationFailedError, type ShiplogError } from '../../errors.js';

export type Json = Record<string, unknown>;

export const AUTH_REFUSED =
  /login required|not logged in|invalid token|token (has )?expired|session (has )?expired|unauthori[sz]ed|authorization failed/i;
export const NOT_FOUND = /not found|no \w+( \w+)? found|does not exist|could not find|id invalid/i;
export const NO_PERMISSION = /permission|access denied|not allowed/i;

/**
 * A `success:false` answer as an error carrying the server's message: a refused session or a missing
 * permission is exit 3, something not found exit 2, a refusal of the operation itself (an approval, a move
 * or a deployment the server would not do; `refusal`) exit 1, anything else a server error, exit 4.
 */
export function businessError(msg: string, what: string, refusal = false): ShiplogError {
  const text = `Ortelius: ${msg} (${what})`;
  if (AUTH_REFUSED.test(msg) || /login failed/i.test(msg)) return new AuthError(text, { hint: 'check DHUSER/DHPASS' });
  if (NO_PERMISSION.test(msg)) return new AuthError(text, { hint: 'the Ortelius user lacks a permission for this' });
  if (NOT_FOUND.test(msg)) return new NotFoundError(text);
  if (refusal) return new OperationFailedError(text);
  return new BackendError(text);
}

export function malformed(what: string, expected: string): BackendError {
  return new BackendError(`Ortelius answered ${what} without ${expected}`);
}

export function tryParse(text: unknown): Json | Json[] | undefined {
  if (typeof text !== 'string' || text.trim() === '') return typeof text === 'object' && text !== null ? (text as Json) : undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' ? (v as Json | Json[]) : undefined;
  } catch {
    return undefined;
  }
}

export function tokenFromCookies(setCookie: string[] | string | undefined): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const c of list) {
    const m = /^\s*token=([^;]+)/.exec(c);
    if (m) return m[1];
  }
  return undefined;
}
