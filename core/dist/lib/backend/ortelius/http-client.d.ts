import type { Host } from '../../host.js';
import { type Json } from './envelopes.js';
import { type Query, buildQuery, enc } from './url-encoding.js';
export { enc, buildQuery, type Query };
export interface HttpSessionOptions {
    /** Base URL without trailing slash and without credentials. */
    baseUrl: string;
    user: string;
    password: string;
    /** Extra CA (PEM text). */
    caPem?: string;
    insecure?: boolean;
    /** Per-request timeout. */
    timeoutMs: number;
    /** Retries after the first attempt (idempotent calls only). */
    retries: number;
    /** First backoff delay; doubles per retry, capped at retryMaxMs, with jitter. */
    retryBaseMs: number;
    retryMaxMs: number;
}
/**
 * How the answer proves success: `success` (GET /API/*), `result` (RunTask), `deploy` (POST /API/deploy:
 * deployid/errormsg), `array` (GetTasks), `status` (msapi and servlets whose body is ignored: 2xx is enough).
 */
export type Envelope = 'success' | 'result' | 'deploy' | 'array' | 'status';
export interface CallOptions {
    query?: Query;
    /** JSON body (POST). */
    json?: unknown;
    /** Raw body sent as application/json (an SBOM file as given). */
    rawJson?: string;
    envelope: Envelope;
    /** Safe to repeat: lookups and calls that set state absolutely. Only these are retried. */
    idempotent: boolean;
    /** A success:false answer whose error says "not found" yields undefined instead of throwing. */
    notFoundOk?: boolean;
}
export declare class OrteliusHttp {
    private readonly host;
    private readonly opts;
    /** HTTP requests sent (attempts, login included): the benchmark's unit. */
    requestCount: number;
    private token;
    private loginPromise;
    private readonly axios;
    private readonly agents;
    constructor(host: Host, opts: HttpSessionOptions);
    close(): void;
    get(path: string, opts: CallOptions): Promise<Json | undefined>;
    post(path: string, opts: CallOptions): Promise<Json | undefined>;
    /** GetTasks answers a bare array. */
    getArray(path: string, opts: Omit<CallOptions, 'envelope'>): Promise<Json[]>;
    ensureLogin(): Promise<void>;
    private login;
    private call;
    private refused;
    private check;
    private parse;
    /** One HTTP exchange with retries; network errors become BackendError after the last attempt. */
    private send;
    private backoff;
}
