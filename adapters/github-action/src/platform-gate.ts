/**
 * approve + platform-gate on GitHub: which environment's approval to read, and a reader execute() calls once every
 * input is valid (run-approvals.ts, loaded only then). See docs/policy.md, "Platform gates".
 */
import type { GateApproval } from '@shiplog/core';

const TRUE = ['true', 'True', 'TRUE'];

/**
 * The gate reader execute() calls for `approve` with platform-gate (after every input is valid), or undefined
 * when the step does not ask for it. Missing github-token or environment: a problem, reported with the core's.
 */
export function githubGateReader(
  inputs: Readonly<Record<string, unknown>>,
  token: string | undefined,
  env: NodeJS.ProcessEnv,
  problems: string[],
  limits: { timeoutMs?: number; maxResponseBytes: number },
): (() => Promise<GateApproval>) | undefined {
  if (!TRUE.includes(String(inputs['platform-gate'] ?? '').trim())) return undefined;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const environment = text(inputs['gate-name']) ?? text(inputs.stage);
  const runId = Number(env.GITHUB_RUN_ID);
  if (!token)
    problems.push(
      "platform-gate needs github-token (the workflow's github.token, with permissions: actions: read) to read the run's approvals",
    );
  if (!environment) problems.push('platform-gate needs the environment whose reviewers approved: give gate-name or stage');
  if (!/^[^/\s]+\/[^/\s]+$/.test(env.GITHUB_REPOSITORY ?? '') || !Number.isInteger(runId) || runId < 1) {
    problems.push('platform-gate needs GITHUB_REPOSITORY and GITHUB_RUN_ID (set by the runner)');
  }
  return async () => {
    const { readGithubGate } = await import('./run-approvals.js');
    return readGithubGate({
      token: token!,
      baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
      repository: env.GITHUB_REPOSITORY!,
      runId,
      environment: environment!,
      timeoutMs: limits.timeoutMs,
      maxResponseBytes: limits.maxResponseBytes,
    });
  };
}
