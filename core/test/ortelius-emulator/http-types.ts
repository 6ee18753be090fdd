/** Request/answer shapes shared by the emulator's server and its route modules. */
import type { EmulatorState } from './state.js';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/dmadminweb/API/component/`. */
  path: string;
  /** Decoded query parameters (last value wins). */
  query: Record<string, string>;
  /** The raw query string as sent (to check encodings such as `%3B`). */
  rawQuery: string;
  /** Raw request body ('' when none). */
  body: string;
  /** Cookies sent, by name. */
  cookies: Record<string, string>;
  /** Host header as sent. */
  host: string;
  contentType: string;
}

export interface Reply {
  status: number;
  /** JSON body (objects and arrays) or raw text. */
  body: unknown;
  headers?: Record<string, string | string[]>;
}

export interface RouteContext {
  req: RecordedRequest;
  state: EmulatorState;
  /** Path segments after the family prefix (`/dmadminweb/API/`, `/dmadminweb/`, `/msapi/`). */
  segs: string[];
  deployDelayMs: number;
  /** Deployments never complete (fault). */
  deployNeverCompletes: boolean;
}

export type Route = (ctx: RouteContext) => Reply | undefined;

export const ok = (extra: Record<string, unknown> = {}): Reply => ({ status: 200, body: { success: true, ...extra } });
export const fail = (error: string): Reply => ({ status: 200, body: { success: false, error } });
export const json = (body: unknown, status = 200): Reply => ({ status, body });

export function parseJsonBody(req: RecordedRequest): unknown {
  try {
    return JSON.parse(req.body);
  } catch {
    return undefined;
  }
}

export function isTrue(v: string | undefined): boolean {
  return v !== undefined && /^(y|yes|true|1)$/i.test(v);
}
