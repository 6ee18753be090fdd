/**
 * The GitHub API's side of the action, pure: the requests of a GitHub Deployment whose statuses follow shiplog's
 * deployment (created with auto_merge false and no required contexts, then in_progress, then success or failure with
 * log_url), and the mapping of a failed request to PlatformApiError (exit 3 refused, 4 unavailable, 5 timeout) that
 * never carries the request object (it holds the token). The action (adapters/github-action/src/github-client.ts)
 * sends them with Octokit.
 */
import { PlatformApiError, type ResponseTooLargeError } from '../errors.js';
import type { Fact, Report } from '../report/model.js';
import type { GithubApiLimits, GithubOptions, RunContext } from './github-step.js';
import { runUrl } from './github-step.js';
import { deploymentOf } from './outputs.js';

/** How long one GitHub API request may take (connect, answer and body) before the step gives up. */
export const DEFAULT_API_TIMEOUT_MS = 30_000;

/** What a refused request (401, 403, 404) should do about it: the permission each call needs. */
export const GITHUB_PERMISSION_HINTS = {
  deployments:
    'the token cannot write deployments: add `permissions: deployments: write` to the job (or workflow), or use a token with the repo_deployment scope',
  approvals: 'grant the job `permissions: actions: read` and pass github-token: ${{ github.token }}',
} as const;

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

/**
 * `what` (e.g. `creating a deployment for qa`) failed with `err`, or its answer passed the size limit (`tooLarge`);
 * `permissionHint` is what a refused request should do (GITHUB_PERMISSION_HINTS).
 */
export function githubApiError(
  what: string,
  err: unknown,
  t: Pick<GithubApiLimits, 'baseUrl' | 'timeoutMs'>,
  permissionHint: string,
  tooLarge?: ResponseTooLargeError,
): PlatformApiError {
  const fail = (message: string, opts: ConstructorParameters<typeof PlatformApiError>[2]) =>
    new PlatformApiError('GITHUB_API', `GitHub API: ${what} ${message}`, opts);
  // octokit swallows an error while reading a body: the limit's own report comes first
  if (tooLarge) return fail(`failed: ${tooLarge.message}`, { failure: 'unavailable', hint: tooLarge.hint });
  const base = t.baseUrl.replace(/\/+$/, '');
  const transport = transportFailure(err);
  if (transport?.timeout) {
    const ms = t.timeoutMs ?? DEFAULT_API_TIMEOUT_MS;
    return fail(`failed: no answer from ${base} within ${ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`}`, {
      failure: 'timeout',
      hint: 'GitHub did not answer in time; rerun the job, or check GITHUB_API_URL',
    });
  }
  if (transport) {
    return fail(`failed: cannot reach the GitHub API at ${base}: ${transport.reason}`, {
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
        ? permissionHint
        : undefined;
  return fail(`failed${status ? ` (HTTP ${status})` : ''}: ${detail}`, { status, hint, failure: refused ? 'refused' : 'unavailable' });
}

/** What the core is about to deploy (its validated values); application and app version go in the payload. */
export interface DeploymentTarget {
  environment: string;
  application: string;
  appVersion: string;
}

export type GithubDeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

/** The body of `POST /repos/{owner}/{repo}/deployments` (Octokit's repos.createDeployment). */
export function githubDeploymentRequest(ctx: RunContext, options: Pick<GithubOptions, 'transientEnvironment'>, target: DeploymentTarget) {
  const [owner, repo] = (ctx.repository ?? '').split('/');
  const { environment, application, appVersion } = target;
  return {
    owner,
    repo,
    ref: ctx.sha ?? ctx.ref ?? 'HEAD',
    environment,
    auto_merge: false,
    required_contexts: [] as string[],
    transient_environment: options.transientEnvironment,
    description: `shiplog deploy ${application}`.trim(),
    payload: { application, appVersion },
  };
}

/** The created deployment's id from the answer, or the refusal GitHub gave instead. */
export function githubDeploymentId(data: unknown, environment: string): number {
  const d = (data ?? {}) as { id?: unknown; message?: unknown };
  if (typeof d.id === 'number') return d.id;
  throw new PlatformApiError(
    'GITHUB_API',
    `GitHub API: creating a deployment for ${environment} was refused: ${String(d.message ?? 'no deployment id')}`,
    { failure: 'unavailable' },
  );
}

/** The body of one deployment status (Octokit's repos.createDeploymentStatus); a description is cut to GitHub's 140. */
export function githubDeploymentStatus(
  ctx: RunContext,
  id: number,
  state: GithubDeploymentState,
  opts: { logUrl?: string; description?: string; environmentUrl?: string },
) {
  const [owner, repo] = (ctx.repository ?? '').split('/');
  return {
    owner,
    repo,
    deployment_id: id,
    state,
    ...(opts.logUrl ? { log_url: opts.logUrl } : {}),
    ...(opts.environmentUrl ? { environment_url: opts.environmentUrl } : {}),
    ...(opts.description ? { description: opts.description.slice(0, 140) } : {}),
  };
}

/**
 * The final status from the step's report: success, or failure with the error's message (redacted by `redact`); the
 * log is the deployment's own http(s) log URL, else the run's page.
 */
export function githubDeploymentOutcome(
  report: Report,
  ctx: RunContext,
  redact: (text: string) => string,
): { state: GithubDeploymentState; logUrl?: string; description: string } {
  const d = deploymentOf(report.result);
  const ok = report.result.ok === true && d?.status !== 'failed';
  const own = typeof d?.logUrl === 'string' && /^https?:\/\//.test(d.logUrl) ? d.logUrl : undefined;
  return {
    state: ok ? 'success' : 'failure',
    logUrl: own ?? runUrl(ctx),
    description: ok ? 'deployed by shiplog' : redact(report.error?.message ?? 'deployment failed'),
  };
}

/** The GitHub Deployment's row in the job summary. */
export function githubDeploymentFact(id: number, environmentUrl?: string): Fact {
  return {
    label: 'GitHub Deployment',
    values: [{ text: `#${id}` }, ...(environmentUrl ? [{ text: 'environment', href: environmentUrl }] : [])],
  };
}
