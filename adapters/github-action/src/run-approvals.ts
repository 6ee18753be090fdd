/**
 * approve + platform-gate (read lazily by platform-gate.ts: Octokit loads only for such a step): the required reviewer who approved this job's environment, read from the run's
 * approvals (`GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals`, Octokit's actions.getReviewsForRun)
 * and mapped by the kit (githubGateApproval) to a `verified:github` approval. The client and its errors are
 * github-api.ts's.
 */
import { githubGateApproval, type GateApproval } from '@shiplog/core';
import { githubApiError, githubClient, type GithubApiTarget } from './github-api.js';

export interface RunApprovalsTarget extends Omit<GithubApiTarget, 'permissionHint'> {
  /** owner/repo */
  repository: string;
  runId: number;
  environment: string;
}

export async function readGithubGate(t: RunApprovalsTarget): Promise<GateApproval> {
  const [owner, repo] = t.repository.split('/');
  const api = { ...t, permissionHint: 'grant the job `permissions: actions: read` and pass github-token: ${{ github.token }}' };
  const { octokit, tooLarge } = githubClient(api);
  let approvals: unknown;
  try {
    approvals = (await octokit.rest.actions.getReviewsForRun({ owner, repo, run_id: t.runId })).data;
  } catch (err) {
    throw githubApiError(`reading the approvals of run ${t.runId}`, err, api, tooLarge());
  }
  if (tooLarge()) throw githubApiError(`reading the approvals of run ${t.runId}`, undefined, api, tooLarge());
  return githubGateApproval(approvals, t.environment);
}
