/**
 * The two-way link with GitHub for `deploy` + `github-token`: a GitHub Deployment for the environment
 * (auto_merge false, no required contexts) whose statuses follow shiplog's deployment: in_progress, then
 * success or failure with log_url. Loaded lazily (only such a step pays for Octokit); the client and its errors
 * are github-api.ts's.
 */
import { deploymentOf, PlatformApiError, type Fact, type Report } from '@shiplog/core';
import type { GithubOptions } from './action-inputs.js';
import { githubApiError, githubClient, type GithubApiTarget } from './github-api.js';
import { runUrl, type RunContext } from './run-links.js';

/** The step's side of the link: its token and limits, the job's env (GITHUB_API_URL), the run, the GitHub-only inputs. */
export interface DeploymentStep extends Pick<GithubApiTarget, 'token' | 'timeoutMs' | 'maxResponseBytes'> {
  env: NodeJS.ProcessEnv;
  /** The run: its repository (owner/repo), the commit (or ref) deployed, and its page (the statuses' log_url). */
  ctx: RunContext;
  options: Pick<GithubOptions, 'transientEnvironment' | 'environmentUrl'>;
}

/** What the core is about to deploy (its validated values); application and app version go in the payload. */
export interface DeploymentTarget {
  environment: string;
  application: string;
  appVersion: string;
}

export type GithubDeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

export interface GithubDeployment {
  id: number;
  /** Its row in the job summary. */
  fact: Fact;
  /**
   * Posts the final status from the step's report: success, or failure with the error's message (redacted by the
   * caller). A status that did not post is a warning: the deployment itself is recorded.
   */
  finish(report: Report, redact: (text: string) => string): Promise<void>;
}

const PERMISSION_HINT =
  'the token cannot write deployments: add `permissions: deployments: write` to the job (or workflow), or use a token with the repo_deployment scope';

/**
 * Creates the GitHub Deployment, then posts in_progress. A failure to create it fails the step (nothing was
 * deployed yet); a status that does not post is one warning, and the deployment goes ahead.
 */
export async function startGithubDeployment(
  step: DeploymentStep,
  target: DeploymentTarget,
  warn: (message: string) => void,
): Promise<GithubDeployment> {
  const api = { ...step, baseUrl: step.env.GITHUB_API_URL ?? 'https://api.github.com', permissionHint: PERMISSION_HINT };
  const { octokit, tooLarge } = githubClient(api, warn);
  const [owner, repo] = (step.ctx.repository ?? '').split('/');
  const { environment, application } = target;
  const { transientEnvironment, environmentUrl } = step.options;
  const logUrl = runUrl(step.ctx);
  const creating = `creating a deployment for ${environment}`;
  let id: number;
  try {
    const res = await octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: step.ctx.sha ?? step.ctx.ref ?? 'HEAD',
      environment,
      auto_merge: false,
      required_contexts: [],
      transient_environment: transientEnvironment,
      description: `shiplog deploy ${application}`.trim(),
      payload: { application, appVersion: target.appVersion },
    });
    const data = res.data as { id?: unknown; message?: unknown };
    if (tooLarge()) throw githubApiError(creating, undefined, api, tooLarge());
    if (typeof data.id !== 'number') {
      throw new PlatformApiError('GITHUB_API', `GitHub API: ${creating} was refused: ${String(data.message ?? 'no deployment id')}`, {
        failure: 'unavailable',
      });
    }
    id = data.id;
  } catch (err) {
    throw err instanceof PlatformApiError ? err : githubApiError(creating, err, api, tooLarge());
  }
  const setStatus = async (state: GithubDeploymentState, opts: { logUrl?: string; description?: string }) => {
    const setting = `setting deployment ${id} to ${state}`;
    try {
      await octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: id,
        state,
        ...(opts.logUrl ? { log_url: opts.logUrl } : {}),
        ...(environmentUrl ? { environment_url: environmentUrl } : {}),
        ...(opts.description ? { description: opts.description.slice(0, 140) } : {}),
      });
    } catch (err) {
      throw githubApiError(setting, err, api, tooLarge());
    }
    if (tooLarge()) throw githubApiError(setting, undefined, api, tooLarge());
  };
  const warnOf = (err: unknown) => warn(err instanceof Error ? err.message : String(err));
  await setStatus('in_progress', { logUrl }).catch(warnOf);
  return {
    id,
    fact: {
      label: 'GitHub Deployment',
      values: [{ text: `#${id}` }, ...(environmentUrl ? [{ text: 'environment', href: environmentUrl }] : [])],
    },
    finish: (report, redact) => {
      const d = deploymentOf(report.result);
      const ok = report.result.ok === true && d?.status !== 'failed';
      const own = typeof d?.logUrl === 'string' && /^https?:\/\//.test(d.logUrl) ? d.logUrl : undefined;
      return setStatus(ok ? 'success' : 'failure', {
        logUrl: own ?? logUrl,
        description: ok ? 'deployed by shiplog' : redact(report.error?.message ?? 'deployment failed'),
      }).catch(warnOf);
    },
  };
}
