/**
 * The GitHub API calls (loaded lazily: only a step with github-token pays for Octokit), with a deadline per request
 * and the response size limit. What they send and how a failure reads is the kit's (kit/github-api.ts).
 */
import { Octokit } from '@octokit/rest';
import * as kit from '@shiplog/core';
import type { DeploymentTarget, GithubApiLimits, GithubGateTarget, GithubOptions, Report, RunContext } from '@shiplog/core';

const { DEFAULT_API_TIMEOUT_MS, GITHUB_PERMISSION_HINTS: HINTS, githubApiError } = kit;

/** Octokit for `t`, and a call that maps each failure (or an answer past the size limit, which Octokit swallows). */
function client(t: GithubApiLimits, hint: string, warn: (m: string) => void = () => {}) {
  let tooLarge: kit.ResponseTooLargeError | undefined;
  const fetchLimited = kit.limitedFetch(t.maxResponseBytes, (e) => (tooLarge = e));
  const octokit = new Octokit({
    auth: t.token,
    baseUrl: t.baseUrl.replace(/\/+$/, ''),
    userAgent: 'shiplog-github-action',
    log: { debug: () => {}, info: () => {}, warn: (m: string) => warn(String(m)), error: () => {} },
    request: {
      fetch: (url: string | URL, init?: RequestInit) => {
        tooLarge = undefined;
        return fetchLimited(url, { ...init, signal: AbortSignal.timeout(t.timeoutMs ?? DEFAULT_API_TIMEOUT_MS) });
      },
    },
  });
  const call = async <T>(what: string, request: (o: Octokit) => Promise<{ data: T }>): Promise<T> => {
    const data = await request(octokit).then(
      (r) => r.data,
      (err: unknown) => Promise.reject(githubApiError(what, err, t, hint, tooLarge)),
    );
    if (tooLarge) throw githubApiError(what, undefined, t, hint, tooLarge);
    return data;
  };
  return call;
}

/** approve + platform-gate: the required reviewer who approved the environment, from the run's approvals. */
export async function readGithubGate(t: GithubGateTarget) {
  const [owner, repo] = t.repository.split('/');
  const call = client(t, HINTS.approvals);
  const approvals = await call(`reading the approvals of run ${t.runId}`, (o) =>
    o.rest.actions.getReviewsForRun({ owner, repo, run_id: t.runId }),
  );
  return kit.githubGateApproval(approvals, t.environment);
}

/**
 * deploy + github-token: creates the GitHub Deployment (a failure fails the step: nothing was deployed yet), posts
 * in_progress; finish() posts the outcome. A status that does not post is one warning: the deployment goes ahead.
 */
export async function startGithubDeployment(
  t: GithubApiLimits,
  ctx: RunContext,
  options: GithubOptions,
  target: DeploymentTarget,
  warn: (m: string) => void,
) {
  const call = client(t, HINTS.deployments, warn);
  const request = kit.githubDeploymentRequest(ctx, options, target);
  const data = await call(
    `creating a deployment for ${target.environment}`,
    (o) => o.rest.repos.createDeployment(request) as Promise<{ data: unknown }>,
  );
  const id = kit.githubDeploymentId(data, target.environment);
  const status = (state: kit.GithubDeploymentState, opts: { logUrl?: string; description?: string }) =>
    call(`setting deployment ${id} to ${state}`, (o) =>
      o.rest.repos.createDeploymentStatus(kit.githubDeploymentStatus(ctx, id, state, { ...opts, environmentUrl: options.environmentUrl })),
    ).then(
      () => {},
      (err: unknown) => warn(err instanceof Error ? err.message : String(err)),
    );
  await status('in_progress', { logUrl: kit.runUrl(ctx) });
  return {
    id,
    fact: kit.githubDeploymentFact(id, options.environmentUrl),
    finish: (report: Report, redact: (text: string) => string) => {
      const { state, ...opts } = kit.githubDeploymentOutcome(report, ctx, redact);
      return status(state, opts);
    },
  };
}
