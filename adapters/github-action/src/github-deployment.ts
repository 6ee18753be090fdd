/**
 * The two-way link with GitHub for `deploy` + `github-token`: a GitHub Deployment for the environment
 * (auto_merge false, no required contexts) whose statuses follow shiplog's deployment: in_progress, then
 * success or failure with log_url. The API base comes from GITHUB_API_URL (GHES, or a loopback fake in tests).
 */
import { Octokit } from '@octokit/rest';
import { PlatformApiError, ResponseTooLargeError, limitedFetch, maxResponseBytes } from '@shiplog/core';

/** A GitHub API failure: never the request object (it carries the token); exit 3, 4 or 5 (errors.ts). */
const githubError = (message: string, opts: ConstructorParameters<typeof PlatformApiError>[2]) => new PlatformApiError('GITHUB_API', message, opts);

export interface GithubDeploymentTarget {
  token: string;
  /** GITHUB_API_URL, e.g. https://api.github.com */
  baseUrl: string;
  owner: string;
  repo: string;
  /** The commit (GITHUB_SHA) or ref being deployed. */
  ref: string;
  environment: string;
  transientEnvironment: boolean;
  description: string;
  /** Extra data stored on the deployment (application, app version). No secrets. */
  payload: Record<string, string>;
  /** Per-request timeout in milliseconds (default DEFAULT_API_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Largest answer read, in bytes (--max-response-mib; default 32 MiB). */
  maxResponseBytes?: number;
}

export type GithubDeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

export interface GithubDeployment {
  id: number;
  setStatus(state: GithubDeploymentState, opts: { logUrl?: string; environmentUrl?: string; description?: string }): Promise<void>;
}

const PERMISSION_HINT =
  'the token cannot write deployments: add `permissions: deployments: write` to the job (or workflow), or use a token with the repo_deployment scope';

/** How long one GitHub API request may take (connect, answer and body) before the step gives up. */
export const DEFAULT_API_TIMEOUT_MS = 30_000;

/** A request that never reached an HTTP answer: octokit reports those as status 500, which GitHub never said. */
function transportFailure(err: unknown): { timeout: boolean; reason: string } | undefined {
  const e = err as { response?: unknown; cause?: unknown; name?: unknown; message?: unknown };
  if (e?.response !== undefined) return undefined;
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

function apiError(what: string, err: unknown, target: GithubDeploymentTarget, tooLarge?: ResponseTooLargeError): PlatformApiError {
  // octokit swallows an error while reading a body: the limit's own report comes first
  if (tooLarge) return githubError(`GitHub API: ${what} failed: ${tooLarge.message}`, { failure: 'unavailable', hint: tooLarge.hint });
  const transport = transportFailure(err);
  if (transport?.timeout) {
    return githubError(`GitHub API: ${what} failed: no answer from ${apiBase(target)} within ${seconds(target)}`, {
      failure: 'timeout',
      hint: 'GitHub did not answer in time; rerun the job, or check GITHUB_API_URL',
    });
  }
  if (transport) {
    return githubError(`GitHub API: ${what} failed: cannot reach the GitHub API at ${apiBase(target)}: ${transport.reason}`, {
      failure: 'unavailable',
      hint: 'check GITHUB_API_URL and the runner\'s network',
    });
  }
  const status = typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : undefined;
  const detail = responseMessage(err) ?? (err instanceof Error ? err.message.split('\n')[0] : String(err));
  const hint =
    status === 403 || status === 404
      ? PERMISSION_HINT
      : status === 401
        ? 'the github-token was refused: pass the workflow\'s github.token or another valid token'
        : undefined;
  return githubError(`GitHub API: ${what} failed${status ? ` (HTTP ${status})` : ''}: ${detail}`, {
    status,
    hint,
    failure: status === 401 || status === 403 || status === 404 ? 'refused' : 'unavailable',
  });
}

function apiBase(target: GithubDeploymentTarget): string {
  return target.baseUrl.replace(/\/+$/, '');
}

function seconds(target: GithubDeploymentTarget): string {
  const ms = target.timeoutMs ?? DEFAULT_API_TIMEOUT_MS;
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function responseMessage(err: unknown): string | undefined {
  const data = (err as { response?: { data?: unknown } })?.response?.data;
  const msg = (data as { message?: unknown } | undefined)?.message;
  return typeof msg === 'string' ? msg : undefined;
}

function client(target: GithubDeploymentTarget, warn: (m: string) => void, onTooLarge: (err: ResponseTooLargeError) => void): Octokit {
  const timeoutMs = target.timeoutMs ?? DEFAULT_API_TIMEOUT_MS;
  // Every answer is cut off at the response size limit (core/src/response-limit.ts).
  const fetchLimited = limitedFetch(target.maxResponseBytes ?? maxResponseBytes(undefined), onTooLarge);
  return new Octokit({
    auth: target.token,
    baseUrl: apiBase(target),
    userAgent: 'shiplog-github-action',
    log: { debug: () => {}, info: () => {}, warn: (m: string) => warn(String(m)), error: () => {} },
    // Each request gets its own deadline (a GitHub that accepts the connection and never answers would
    // otherwise hang the step until the job's own timeout).
    request: {
      fetch: (url: string | URL, init?: RequestInit) => fetchLimited(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    },
  });
}

export async function createGithubDeployment(
  target: GithubDeploymentTarget,
  warn: (message: string) => void,
): Promise<GithubDeployment> {
  let tooLarge: ResponseTooLargeError | undefined;
  const octokit = client(target, warn, (e) => (tooLarge = e));
  let id: number;
  try {
    const res = await octokit.rest.repos.createDeployment({
      owner: target.owner,
      repo: target.repo,
      ref: target.ref,
      environment: target.environment,
      auto_merge: false,
      required_contexts: [],
      transient_environment: target.transientEnvironment,
      description: target.description,
      payload: target.payload,
    });
    const data = res.data as { id?: unknown; message?: unknown };
    if (tooLarge) throw apiError(`creating a deployment for ${target.environment}`, undefined, target, tooLarge);
    if (typeof data.id !== 'number') {
      throw githubError(`GitHub API: creating a deployment for ${target.environment} was refused: ${String(data.message ?? 'no deployment id')}`, {
        failure: 'unavailable',
      });
    }
    id = data.id;
  } catch (err) {
    throw err instanceof PlatformApiError ? err : apiError(`creating a deployment for ${target.environment}`, err, target, tooLarge);
  }
  return {
    id,
    async setStatus(state, opts) {
      try {
        tooLarge = undefined;
        await octokit.rest.repos.createDeploymentStatus({
          owner: target.owner,
          repo: target.repo,
          deployment_id: id,
          state,
          ...(opts.logUrl ? { log_url: opts.logUrl } : {}),
          ...(opts.environmentUrl ? { environment_url: opts.environmentUrl } : {}),
          ...(opts.description ? { description: opts.description.slice(0, 140) } : {}),
        });
      } catch (err) {
        throw apiError(`setting deployment ${id} to ${state}`, err, target, tooLarge);
      }
      if (tooLarge) throw apiError(`setting deployment ${id} to ${state}`, undefined, target, tooLarge);
    },
  };
}
