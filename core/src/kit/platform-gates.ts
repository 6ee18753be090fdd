/**
 * Platform gates become approvals (docs/policy.md, "Platform gates"): each CI platform's own manual gate, read in
 * the shape the platform documents, turned into the identity of who released it. Pure: the payloads come in (the
 * GitHub action reads the run's approvals with Octokit, policy/platform-gate.ts reads CircleCI's API and the
 * agent's or the library's variables) and an approval's actor comes out, or the error that says which gate is
 * missing. `approve --platform-gate` records that actor; the stage's approval rule (approvers, trust,
 * self-approval) then judges it like any other.
 *
 * Sources: `verified:<platform>` when the platform itself says who released the gate (a GitHub required
 * reviewer from the run's approvals, a Buildkite block step's unblocker, a CircleCI approval job's approver from
 * API v2, a Jenkins `input` step's submitter); `ci:circleci` for a CircleCI approval without an API token: the
 * identity is then the pipeline's (CIRCLE_USERNAME), not the approver's.
 */
import { InvalidInputError, OperationFailedError } from '../errors.js';
import type { Env } from '../host.js';
import type { Platform } from '../inputs.js';

/** Who released a platform gate, and which gate it was (said in the approval's notes). */
export interface GateApproval {
  actor: { id: string; source: string };
  /** `GitHub environment prod (required reviewers)`, `Buildkite block step "Release to prod"`, ... */
  gate: string;
  /** What the approver wrote, where the platform keeps it (a GitHub review comment). */
  comment?: string;
}

/** Exit 1: the platform's gate has not been released (or was rejected): nothing to record. */
export class GateNotReleasedError extends OperationFailedError {
  override readonly code = 'GATE_NOT_RELEASED';
}

const rec = (x: unknown): Record<string, unknown> | undefined =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
const str = (x: unknown): string | undefined =>
  typeof x === 'string' && x.trim() !== '' ? x.trim() : typeof x === 'number' ? String(x) : undefined;
const items = (x: unknown): Record<string, unknown>[] =>
  Array.isArray(x) ? x.map(rec).filter((r): r is Record<string, unknown> => r !== undefined) : [];

/** Where each platform's gate is documented for users (error hints). */
const DOC = 'docs/policy.md, "Platform gates"';

// --- GitHub: an environment with required reviewers ------------------------------------------------------------

/**
 * The reviewer who approved `environment` for this run, from `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals`
 * (an array of `{state, comment, environments: [{name}], user: {login}}`). The last approval of the environment
 * wins (a re-run's); a rejection of it means the job should not be running at all.
 */
export function githubGateApproval(approvals: unknown, environment: string): GateApproval {
  if (!Array.isArray(approvals))
    throw new InvalidInputError("the run's approvals answer is not a list (GET .../actions/runs/{run_id}/approvals)");
  const forEnv = items(approvals).filter((a) =>
    items(a.environments).some((e) => str(e.name)?.toLowerCase() === environment.toLowerCase()),
  );
  const approved = forEnv.filter((a) => a.state === 'approved');
  const last = approved[approved.length - 1];
  const login = str(rec(last?.user)?.login);
  if (!last || !login) {
    const rejected = forEnv.some((a) => a.state === 'rejected');
    throw new GateNotReleasedError(
      rejected
        ? `the GitHub environment ${environment} was rejected by its required reviewers in this run: no approval to record`
        : `no required reviewer approved the GitHub environment ${environment} in this run`,
      {
        hint: `run this step in a job with \`environment: ${environment}\` whose environment has required reviewers, or name the environment with gate-name (${DOC})`,
      },
    );
  }
  const comment = str(last.comment);
  return {
    actor: { id: login, source: 'verified:github' },
    gate: `GitHub environment ${environment} (required reviewers)`,
    ...(comment ? { comment } : {}),
  };
}

// --- Buildkite: a block step ----------------------------------------------------------------------------------

/**
 * The unblocker of the block step before this step, as the agent sets it for every later job of the build:
 * BUILDKITE_UNBLOCKER_EMAIL (else BUILDKITE_UNBLOCKER_ID, else the display name BUILDKITE_UNBLOCKER).
 */
export function buildkiteGateApproval(env: Env): GateApproval {
  const id = str(env.BUILDKITE_UNBLOCKER_EMAIL) ?? str(env.BUILDKITE_UNBLOCKER_ID) ?? str(env.BUILDKITE_UNBLOCKER);
  if (!id) {
    throw new GateNotReleasedError('no block step was unblocked before this step: BUILDKITE_UNBLOCKER_EMAIL is not set', {
      hint: `put a \`block\` step before this step (and \`depends_on\` it), so the agent names who unblocked it (${DOC})`,
    });
  }
  const teams = str(env.BUILDKITE_UNBLOCKER_TEAMS);
  return {
    actor: { id, source: 'verified:buildkite' },
    gate: `Buildkite block step${teams ? ` (unblocker's teams: ${teams.split(':').join(', ')})` : ''}`,
  };
}

// --- CircleCI: an approval job --------------------------------------------------------------------------------

/** The approval job of `GET /workflow/{id}/job` (`items: [{type: "approval", name, status, approved_by}]`) that was approved. */
export function circleciApprovalJob(page: unknown, name: string | undefined): { name: string; approvedBy: string } {
  const jobs = items(rec(page)?.items).filter((j) => j.type === 'approval');
  const named = name === undefined ? jobs : jobs.filter((j) => j.name === name);
  const approved = named.filter((j) => str(j.approved_by) !== undefined && (j.status === 'success' || j.status === undefined));
  // The most recently approved one: API order is not documented, stopped_at is.
  approved.sort((a, b) => (str(a.stopped_at) ?? '').localeCompare(str(b.stopped_at) ?? ''));
  const job = approved[approved.length - 1];
  if (!job) {
    const message =
      name === undefined
        ? 'no approval job of this workflow has been approved'
        : named.length === 0
          ? `this workflow has no approval job "${name}"`
          : `the approval job "${name}" of this workflow has not been approved`;
    throw new GateNotReleasedError(message, {
      hint: `add a \`type: approval\` job that this job \`requires\`, and name it with gate_name when the workflow has several (${DOC})`,
    });
  }
  return { name: str(job.name) ?? 'approval', approvedBy: str(job.approved_by)! };
}

/** The approver as `GET /user/{id}` names them (`{id, login, name}`). */
export function circleciGateApproval(job: { name: string; approvedBy: string }, user: unknown): GateApproval {
  const login = str(rec(user)?.login) ?? job.approvedBy;
  return { actor: { id: login, source: 'verified:circleci' }, gate: `CircleCI approval job "${job.name}"` };
}

/**
 * Without an API token CircleCI does not say who approved: the identity is the pipeline's (CIRCLE_USERNAME, who
 * triggered it), source `ci:circleci`, and the gate's name says so. A stage with `trust = ["verified"]` refuses it.
 */
export function circleciPipelineApproval(env: Env): GateApproval {
  const id = str(env.CIRCLE_USERNAME);
  if (!id)
    throw new InvalidInputError("platform-gate without circleci_token needs CIRCLE_USERNAME (the pipeline's user), which is not set", {
      hint: `give circleci_token so the approver is read from the API (${DOC})`,
    });
  return {
    actor: { id, source: 'ci:circleci' },
    gate: "CircleCI approval job (approver not confirmed without an API token: the pipeline's user)",
  };
}

// --- Jenkins: an input step -----------------------------------------------------------------------------------

/** The variable shiplogApprove sets to the `input` step's submitter (`submitterParameter`), for the CLI it runs. */
export const JENKINS_SUBMITTER_ENV = 'SHIPLOG_INPUT_SUBMITTER';

/** The submitter of the `input` step shiplogApprove ran (its `submitterParameter` value). */
export function jenkinsGateApproval(env: Env): GateApproval {
  const id = str(env[JENKINS_SUBMITTER_ENV]);
  if (!id) {
    throw new GateNotReleasedError(`no input step was submitted: ${JENKINS_SUBMITTER_ENV} is not set`, {
      hint: `use shiplogApprove(platformGate: true, gateMessage: '...'): it runs the input step and records its submitter (${DOC})`,
    });
  }
  return { actor: { id, source: 'verified:jenkins' }, gate: 'Jenkins input step' };
}

/** The platforms whose gate the core reads itself from the environment (GitHub's needs the action: Octokit and a token). */
export function envGateApproval(platform: Platform | string, env: Env): GateApproval | undefined {
  if (platform === 'buildkite') return buildkiteGateApproval(env);
  if (platform === 'jenkins') return jenkinsGateApproval(env);
  return undefined;
}

/** The note an approval from a platform gate carries: the gate, then what the approver wrote, then the user's notes. */
export function gateNotes(g: GateApproval, notes: string | undefined): string {
  return [`platform gate: ${g.gate}`, g.comment ? `reviewer: ${g.comment}` : undefined, notes].filter(Boolean).join('; ');
}
