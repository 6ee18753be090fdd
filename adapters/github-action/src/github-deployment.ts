/**
 * The two-way link with GitHub for `deploy` + `github-token`: a GitHub Deployment for the environment
 * (auto_merge false, no required contexts) whose statuses follow shiplog's deployment: in_progress, then
 * success or failure with log_url. The API base comes from GITHUB_API_URL (GHES, or a loopback fake in tests).
 */
import { Octokit } from '@octokit/rest';
import { GithubApiError } from './github-api-error.js';

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
}

export type GithubDeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

export interface GithubDeployment {
  id: number;
  setStatus(state: GithubDeploymentState, opts: { logUrl?: string; environmentUrl?: string; description?: string }): Promise<void>;
}

const PERMISSION_HINT =
  'the token cannot write deployments: add `permissions: deployments: write` to the job (or workflow), or use a token with the repo_deployment scope';

function apiError(what: string, err: unknown): GithubApiError {
  const status = typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : undefined;
  const detail = responseMessage(err) ?? (err instanceof Error ? err.message.split('\n')[0] : String(err));
  const hint =
    status === 403 || status === 404
      ? PERMISSION_HINT
      : status === 401
        ? 'the github-token was refused: pass the workflow\'s github.token or another valid token'
        : undefined;
  return new GithubApiError(`GitHub API: ${what} failed${status ? ` (HTTP ${status})` : ''}: ${detail}`, status, hint);
}

function responseMessage(err: unknown): string | undefined {
  const data = (err as { response?: { data?: unknown } })?.response?.data;
  const msg = (data as { message?: unknown } | undefined)?.message;
  return typeof msg === 'string' ? msg : undefined;
}

function client(target: GithubDeploymentTarget, warn: (m: string) => void): Octokit {
  return new Octokit({
    auth: target.token,
    baseUrl: target.baseUrl.replace(/\/+$/, ''),
    userAgent: 'shiplog-github-action',
    log: { debug: () => {}, info: () => {}, warn: (m: string) => warn(String(m)), error: () => {} },
  });
}

export async function createGithubDeployment(
  target: GithubDeploymentTarget,
  warn: (message: string) => void,
): Promise<GithubDeployment> {
  const octokit = client(target, warn);
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
    if (typeof data.id !== 'number') {
      throw new GithubApiError(`GitHub API: creating a deployment for ${target.environment} was refused: ${String(data.message ?? 'no deployment id')}`);
    }
    id = data.id;
  } catch (err) {
    throw err instanceof GithubApiError ? err : apiError(`creating a deployment for ${target.environment}`, err);
  }
  return {
    id,
    async setStatus(state, opts) {
      try {
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
        throw apiError(`setting deployment ${id} to ${state}`, err);
      }
    },
  };
}
