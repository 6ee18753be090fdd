/**
 * The GitHub REST client both GitHub-only integrations share (the Deployments API, github-deployment.ts, and the
 * run's approvals, run-approvals.ts): Octokit with a deadline per request and the response size limit, and one
 * mapping of its failures to PlatformApiError (exit 3 refused, 4 unavailable, 5 timeout) that never carries the
 * request object (it holds the token). The API base comes from GITHUB_API_URL (GHES, or a loopback fake in tests).
 */
import { Octokit } from '@octokit/rest';
import { PlatformApiError, ResponseTooLargeError, limitedFetch, maxResponseBytes } from '@shiplog/core';

/** How long one GitHub API request may take (connect, answer and body) before the step gives up. */
export const DEFAULT_API_TIMEOUT_MS = 30_000;

export interface GithubApiTarget {
  token: string;
  /** GITHUB_API_URL, e.g. https://api.github.com */
  baseUrl: string;
  /** Per-request timeout in milliseconds (default DEFAULT_API_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Largest answer read, in bytes (--max-response-mib; default 32 MiB). */
  maxResponseBytes?: number;
  /** What a refused request (401, 403, 404) should do about it: the permission the job needs. */
  permissionHint: string;
}

/** A client for `t`; `tooLarge()` is the size limit's report of the last request, which octokit swallows. */
export function githubClient(
  t: GithubApiTarget,
  warn: (m: string) => void = () => {},
): { octokit: Octokit; tooLarge: () => ResponseTooLargeError | undefined } {
  let last: ResponseTooLargeError | undefined;
  const fetchLimited = limitedFetch(t.maxResponseBytes ?? maxResponseBytes(undefined), (e) => (last = e));
  const octokit = new Octokit({
    auth: t.token,
    baseUrl: apiBase(t),
    userAgent: 'shiplog-github-action',
    log: { debug: () => {}, info: () => {}, warn: (m: string) => warn(String(m)), error: () => {} },
    // Each request gets its own deadline (a GitHub that accepts the connection and never answers would
    // otherwise hang the step until the job's own timeout).
    request: {
      fetch: (url: string | URL, init?: RequestInit) => {
        last = undefined;
        return fetchLimited(url, { ...init, signal: AbortSignal.timeout(t.timeoutMs ?? DEFAULT_API_TIMEOUT_MS) });
      },
    },
  });
  return { octokit, tooLarge: () => last };
}

/** A request that never reached an HTTP answer: octokit reports those as status 500, which GitHub never said. */
function transportFailure(err: unknown): { timeout: boolean; reason: string } | undefined {
  if ((err as { response?: unknown })?.response !== undefined) return undefined;
  // octokit wraps fetch's TypeError("fetch failed") whose cause is the system error (ENOTFOUND, ECONNREFUSED...);
  // an aborted request (our per-request timeout) comes through as the TimeoutError/AbortError itself.
  const chain: Array<{ name?: unknown; code?: unknown; message?: unknown; cause?: unknown }> = [];
  for (let c: unknown = err; c && typeof c === 'object' && chain.length < 5; c = (c as { cause?: unknown }).cause) chain.push(c as never);
  if (chain.some((c) => c.name === 'TimeoutError' || c.name === 'AbortError')) return { timeout: true, reason: 'timed out' };
  const code = chain.map((c) => c.code).find((c): c is string => typeof c === 'string' && /^E[A-Z_]+$/.test(c));
  const isRequestError = (err as { name?: unknown })?.name === 'HttpError' || typeof (err as { status?: unknown })?.status === 'number';
  if (!code && !isRequestError) return undefined;
  const last = chain[chain.length - 1];
  return { timeout: false, reason: code ?? (typeof last?.message === 'string' ? last.message.split('\n')[0] : 'no answer') };
}

/** `what` (e.g. `creating a deployment for qa`) failed with `err`, or its answer passed the size limit (`tooLarge`). */
export function githubApiError(what: string, err: unknown, t: GithubApiTarget, tooLarge?: ResponseTooLargeError): PlatformApiError {
  const fail = (message: string, opts: ConstructorParameters<typeof PlatformApiError>[2]) =>
    new PlatformApiError('GITHUB_API', `GitHub API: ${what} ${message}`, opts);
  // octokit swallows an error while reading a body: the limit's own report comes first
  if (tooLarge) return fail(`failed: ${tooLarge.message}`, { failure: 'unavailable', hint: tooLarge.hint });
  const transport = transportFailure(err);
  if (transport?.timeout) {
    const ms = t.timeoutMs ?? DEFAULT_API_TIMEOUT_MS;
    return fail(`failed: no answer from ${apiBase(t)} within ${ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`}`, {
      failure: 'timeout',
      hint: 'GitHub did not answer in time; rerun the job, or check GITHUB_API_URL',
    });
  }
  if (transport) {
    return fail(`failed: cannot reach the GitHub API at ${apiBase(t)}: ${transport.reason}`, {
      failure: 'unavailable',
      hint: "check GITHUB_API_URL and the runner's network",
    });
  }
  const status = typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : undefined;
  const message = (err as { response?: { data?: { message?: unknown } } })?.response?.data?.message;
  const detail = typeof message === 'string' ? message : err instanceof Error ? err.message.split('\n')[0] : String(err);
  const refused = status === 401 || status === 403 || status === 404;
  const hint =
    status === 401
      ? "the github-token was refused: pass the workflow's github.token or another valid token"
      : refused
        ? t.permissionHint
        : undefined;
  return fail(`failed${status ? ` (HTTP ${status})` : ''}: ${detail}`, { status, hint, failure: refused ? 'refused' : 'unavailable' });
}

function apiBase(t: GithubApiTarget): string {
  return t.baseUrl.replace(/\/+$/, '');
}
