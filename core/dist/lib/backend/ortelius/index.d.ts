import type { Backend } from '../backend.js';
import type { Host } from '../../host.js';
import { type PollSettings } from './deploy-flow.js';
export interface OrteliusOptions {
    url: string;
    user?: string;
    password?: string;
    /** PEM file with an extra CA (resolved against host.cwd). */
    caCert?: string;
    insecure?: boolean;
    /** Per-request timeout (default 60 s). */
    timeoutMs?: number;
    /** Retries of idempotent calls after network errors, 5xx and 429 (default 3). */
    retries?: number;
    /** First retry delay, doubling per retry with jitter (default 300 ms, capped at retryMaxMs = 3 s). */
    retryBaseMs?: number;
    retryMaxMs?: number;
    /** Deployment polling (default: 1 s, x1.3 per poll, at most 10 s). */
    poll?: Partial<PollSettings>;
}
export interface OrteliusBackend extends Backend {
    readonly kind: 'ortelius';
    /** HTTP requests sent so far (attempts, logins included). */
    requestCount(): number;
}
export declare function openOrteliusBackend(host: Host, opts: OrteliusOptions): Promise<OrteliusBackend>;
