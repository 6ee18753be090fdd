/**
 * approve + platform-gate (read lazily by platform-gate.ts: Octokit loads only for such a step): the required reviewer who approved this job's environment, read from the run's
 * approvals (`GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals`, Octokit's actions.getReviewsForRun)
 * and mapped by the kit (githubGateApproval) to a `verified:github` approval. The API base comes from
 * GITHUB_API_URL (GHES, or a loopback fake in tests).
 */
import { Octokit } from '@octokit/rest';
import { githubGateApproval, limitedFetch, PlatformApiError, type GateApproval } from '@shiplog/core';

export interface RunApprovalsTarget {
  token: string;
  baseUrl: string;
  /** owner/repo */
  repository: string;
  runId: number;
  environment: string;
  timeoutMs: number;
  maxResponseBytes: number;
}

export async function readGithubGate(t: RunApprovalsTarget): Promise<GateApproval> {
  const [owner, repo] = t.repository.split('/');
  const fetchLimited = limitedFetch(t.maxResponseBytes);
  const octokit = new Octokit({
    auth: t.token,
    baseUrl: t.baseUrl.replace(/\/+$/, ''),
    userAgent: 'shiplog-github-action',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    request: { fetch: (url: string | URL, init?: RequestInit) => fetchLimited(url, { ...init, signal: AbortSignal.timeout(t.timeoutMs) }) },
  });
  let approvals: unknown;
  try {
    approvals = (await octokit.rest.actions.getReviewsForRun({ owner, repo, run_id: t.runId })).data;
  } catch (err) {
    const status = typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : undefined;
    const refused = status === 401 || status === 403 || status === 404;
    throw new PlatformApiError('GITHUB_API', `GitHub API: reading the approvals of run ${t.runId} failed${status ? ` (HTTP ${status})` : `: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`}`, {
      status,
      failure: refused ? 'refused' : err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'unavailable',
      ...(refused ? { hint: 'grant the job `permissions: actions: read` and pass github-token: ${{ github.token }}' } : {}),
    });
  }
  return githubGateApproval(approvals, t.environment);
}

