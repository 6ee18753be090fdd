/**
 * The GitHub artifact of `report: true` (docs/dashboard.md, "report: true on every adapter"): whether the runner
 * offers the artifact service, the artifact's name, and its page. Pure, over an injected env: the action
 * (adapters/github-action/src/report-artifact.ts) does the upload with @actions/artifact and turns a refusal here
 * into one warning.
 */
import type { Env } from '../host.js';

/** Every artifact name starts with this. */
export const REPORT_ARTIFACT_PREFIX = 'shiplog-report';

/** The part of a runtime token's claims the artifact service keys an upload with. */
interface ResultsScope {
  workflowRunId: string;
  jobRunId: string;
}

/**
 * The `Actions.Results:<workflow run>:<job run>` scope of ACTIONS_RUNTIME_TOKEN (a JWT whose `scp` claim lists
 * space-separated scopes), or undefined when the token is not shaped so. Only the claims are read: the token is
 * not verified here (the service does that) and never returned.
 */
export function resultsScopeOf(token: string): ResultsScope | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(base64UrlText(parts[1]));
  } catch {
    return undefined;
  }
  const scp = claims !== null && typeof claims === 'object' ? (claims as { scp?: unknown }).scp : undefined;
  if (typeof scp !== 'string') return undefined;
  for (const scope of scp.split(' ')) {
    const [kind, workflowRunId, jobRunId, ...rest] = scope.split(':');
    if (kind === 'Actions.Results' && workflowRunId && jobRunId && rest.length === 0) return { workflowRunId, jobRunId };
  }
  return undefined;
}

/** base64url -> UTF-8 text (atob, so that the kit needs no Node globals); throws on bad input. */
function base64UrlText(b64url: string): string {
  const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Hosts with artifacts v4: github.com, GHE.com (<name>.ghe.com) and *.localhost; anything else is GitHub Enterprise Server. */
function isEnterpriseServer(serverUrl: string | undefined): string | undefined {
  let host: string;
  try {
    host = new URL(serverUrl || 'https://github.com').hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return host === 'github.com' || host.endsWith('.ghe.com') || host.endsWith('.localhost') ? undefined : host;
}

/**
 * Why this runner cannot take an artifact (one phrase for the warning), or undefined when it can: no runtime
 * token or results service (a local run, act, an old runner), GitHub Enterprise Server (no artifacts v4), or a
 * token without the results scope. Never quotes the token.
 */
export function reportArtifactUnavailable(env: Env): string | undefined {
  const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((k) => !env[k]?.trim());
  if (missing.length > 0)
    return `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set (not a GitHub-hosted artifact service: a local run, act, or GitHub Enterprise Server without artifacts v4)`;
  const ghes = isEnterpriseServer(env.GITHUB_SERVER_URL);
  if (ghes) return `GitHub Enterprise Server (${ghes}) has no artifacts v4 service, which @actions/artifact needs`;
  if (!resultsScopeOf(env.ACTIONS_RUNTIME_TOKEN!.trim()))
    return 'ACTIONS_RUNTIME_TOKEN carries no Actions.Results scope (the artifact service is not offered to this job)';
  return undefined;
}

/** A name part: what artifact names allow (no " : < > | * ? \ / or line breaks), short, never empty-dashed. */
const part = (s: string | undefined, max = 40): string =>
  (s ?? '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '')
    .slice(0, max);

/**
 * The artifact's name: `shiplog-report-<job>-<step>-<attempt>-<job run>`. Artifact names are unique in a
 * workflow run (across its attempts), so each part keeps one upload from meeting another: the job (GITHUB_JOB),
 * the step (GITHUB_ACTION: the step's id, or `shiplog-dev_shiplog`, `..._2` for a step without one), the run
 * attempt (GITHUB_RUN_ATTEMPT: a re-run), and the first 8 characters of the job run's id from the runtime token
 * (every matrix leg is a job run of its own). Parts the runner does not give are left out.
 */
export function reportArtifactName(env: Env): string {
  const jobRun = resultsScopeOf(env.ACTIONS_RUNTIME_TOKEN?.trim() ?? '')?.jobRunId;
  const parts = [part(env.GITHUB_JOB), part(env.GITHUB_ACTION), part(env.GITHUB_RUN_ATTEMPT, 6), part(jobRun?.replace(/-/g, ''), 8)];
  return [REPORT_ARTIFACT_PREFIX, ...parts.filter((p) => p !== '')].join('-');
}

/** The artifact's page, from the run context and the id the upload returned; undefined without a repository or run. */
export function reportArtifactUrl(
  ctx: { serverUrl?: string; repository?: string; runId?: number | string },
  id: number,
): string | undefined {
  if (!ctx.repository || ctx.runId === undefined || ctx.runId === '' || Number.isNaN(Number(ctx.runId))) return undefined;
  const server = (ctx.serverUrl || 'https://github.com').replace(/\/+$/, '');
  return `${server}/${ctx.repository}/actions/runs/${ctx.runId}/artifacts/${id}`;
}
