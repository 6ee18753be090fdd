/**
 * `approve --platform-gate`: who released the platform's own manual gate becomes the approval's actor
 * (docs/policy.md, "Platform gates"). The payload shapes and what they mean are the kit's
 * (kit/platform-gates.ts); this file only fetches what the core can fetch itself: CircleCI's API v2 when a token
 * is given, the Buildkite agent's and the Jenkins library's variables. GitHub's run approvals are read by the
 * action (Octokit, github-token) and handed in through ExecuteOptions.platformGate.
 */
import { ADAPTER_REFS } from '../cli/adapter-refs.js';
import { InvalidInputError, PlatformApiError } from '../errors.js';
import type { Host } from '../host.js';
import {
  circleciApprovalJob,
  circleciGateApproval,
  circleciPipelineApproval,
  envGateApproval,
  type GateApproval,
} from '../kit/platform-gates.js';
import type { CiContext } from '../model.js';
import { limitedFetch } from '../response-limit.js';

export const CIRCLECI_API_DEFAULT = 'https://circleci.com/api/v2';

export interface PlatformGateFacts {
  host: Host;
  ci: Pick<CiContext, 'provider' | 'isCi'>;
  /** `gate-name`: the GitHub environment or the CircleCI approval job. */
  gateName?: string;
  /** `circleci-token`. */
  circleciToken?: string;
  /** What an adapter already read from its platform (the GitHub action's run approvals). */
  given?: () => Promise<GateApproval>;
  maxResponseBytes: number;
  signal?: AbortSignal;
}

export async function resolvePlatformGate(f: PlatformGateFacts): Promise<GateApproval> {
  if (f.given) return f.given();
  const provider = f.ci.provider;
  if (provider === 'github') {
    throw new InvalidInputError(
      "platform-gate on GitHub Actions is read by the shiplog approve action (the run's approvals API, with github-token)",
      {
        hint: `use the action (uses: ${ADAPTER_REFS.githubAction('approve')}) with platform-gate: true and github-token (docs/policy.md, "Platform gates")`,
      },
    );
  }
  const fromEnv = envGateApproval(provider, f.host.env);
  if (fromEnv) return fromEnv;
  if (provider === 'circleci') return f.circleciToken ? circleciApprover(f) : circleciPipelineApproval(f.host.env);
  throw new InvalidInputError(
    `platform-gate needs a CI job of GitHub Actions, CircleCI, Buildkite or Jenkins (this is ${f.ci.isCi ? provider : 'not CI'})`,
    {
      hint: 'leave platform-gate out: the approval is recorded with your identity (docs/policy.md, "Identity")',
    },
  );
}

/** The approver of the workflow's approval job: GET /workflow/{id}/job, then GET /user/{approved_by}. */
async function circleciApprover(f: PlatformGateFacts): Promise<GateApproval> {
  const env = f.host.env;
  const workflow = env.CIRCLE_WORKFLOW_ID?.trim();
  if (!workflow) throw new InvalidInputError('platform-gate needs CIRCLE_WORKFLOW_ID (set by CircleCI in every job), which is not set');
  const base = (env.SHIPLOG_CIRCLECI_API_URL?.trim() || CIRCLECI_API_DEFAULT).replace(/\/+$/, '');
  const get = circleciGetter(base, f);
  const job = circleciApprovalJob(await get(`/workflow/${encodeURIComponent(workflow)}/job`), f.gateName);
  return circleciGateApproval(job, await get(`/user/${encodeURIComponent(job.approvedBy)}`));
}

function circleciGetter(base: string, f: PlatformGateFacts): (path: string) => Promise<unknown> {
  const fetchLimited = limitedFetch(f.maxResponseBytes);
  return async (path) => {
    const what = `CircleCI API GET ${path.replace(/\/[0-9a-f-]{36}/gi, '/{id}')}`;
    let res: Response;
    try {
      res = await fetchLimited(`${base}${path}`, {
        headers: { 'Circle-Token': f.circleciToken!, accept: 'application/json' },
        ...(f.signal ? { signal: f.signal } : {}),
      });
    } catch (err) {
      const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new PlatformApiError(
        'CIRCLECI_API',
        `${what} failed: ${timeout ? 'timed out' : err instanceof Error ? err.message : String(err)}`,
        { failure: timeout ? 'timeout' : 'unavailable' },
      );
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel().catch(() => undefined);
      throw new PlatformApiError('CIRCLECI_API', `${what}: HTTP ${res.status}: the token in circleci_token may not read this project`, {
        status: res.status,
        failure: 'refused',
      });
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new PlatformApiError('CIRCLECI_API', `${what}: HTTP ${res.status}`, { status: res.status, failure: 'unavailable' });
    }
    try {
      return await res.json();
    } catch {
      throw new PlatformApiError('CIRCLECI_API', `${what}: the answer is not JSON`, { failure: 'unavailable' });
    }
  };
}
