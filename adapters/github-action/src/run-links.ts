/**
 * Links for the job summary and the GitHub Deployment, from the runner's context (@actions/github `context`:
 * GITHUB_* variables plus the event payload at GITHUB_EVENT_PATH). Pure: takes a context-shaped object.
 */
import type { ReportLink } from '@shiplog/core';

export interface RunLinks {
  /** The workflow run, e.g. https://github.com/o/r/actions/runs/1/attempts/1 */
  runUrl?: string;
  runLabel?: string;
  commitUrl?: string;
  commit?: string;
  /** What triggered the run (from the event payload): a pull request, a push, ... */
  triggerLabel?: string;
  triggerUrl?: string;
}

/** The fields of @actions/github's Context this adapter reads. */
export interface RunContext {
  eventName?: string;
  sha?: string;
  ref?: string;
  serverUrl?: string;
  runId?: number;
  runNumber?: number;
  runAttempt?: number;
  workflow?: string;
  repository?: string;
  payload: Record<string, unknown>;
}

const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function repoUrl(ctx: RunContext): string | undefined {
  const server = (ctx.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
  return ctx.repository ? `${server}/${ctx.repository}` : str(rec(ctx.payload.repository).html_url);
}

/** The workflow run's page (with the attempt when known). */
export function runUrl(ctx: RunContext): string | undefined {
  const repo = repoUrl(ctx);
  if (!repo || num(ctx.runId) === undefined) return undefined;
  const attempt = num(ctx.runAttempt);
  return `${repo}/actions/runs/${ctx.runId}${attempt ? `/attempts/${attempt}` : ''}`;
}

/**
 * `recordedCommit`: the commit the operation recorded (GitCommit); the summary links it, so that it never shows
 * another commit than the one stored (the event's own choice is the fallback, the same rule as the core's).
 */
export function runLinks(ctx: RunContext, recordedCommit?: string): RunLinks {
  const repo = repoUrl(ctx);
  const p = ctx.payload;
  const links: RunLinks = {
    runUrl: runUrl(ctx),
    runLabel: `${ctx.workflow ?? 'workflow'} run${num(ctx.runNumber) ? ` #${ctx.runNumber}` : ''}`,
  };
  const pr = rec(p.pull_request);
  const headCommit = rec(p.head_commit);
  const group = rec(p.merge_group);
  const recorded = recordedCommit !== undefined && /^[0-9a-f]{40}$/i.test(recordedCommit) ? recordedCommit : undefined;
  const commit = recorded ?? str(rec(pr.head).sha) ?? str(group.head_sha) ?? ctx.sha ?? str(headCommit.id);
  if (commit) {
    links.commit = commit;
    links.commitUrl = repo ? `${repo}/commit/${commit}` : undefined;
  }
  if (Object.keys(pr).length > 0) {
    links.triggerLabel = `pull request #${String(pr.number ?? '')}${str(pr.title) ? `: ${str(pr.title)}` : ''}`;
    links.triggerUrl = str(pr.html_url);
  } else if (ctx.eventName === 'push') {
    const ref = str(p.ref) ?? ctx.ref ?? '';
    links.triggerLabel = `push to ${ref.replace(/^refs\/(heads|tags)\//, '')}`;
    links.triggerUrl = str(p.compare) ?? str(headCommit.url);
  } else if (ctx.eventName === 'release') {
    const release = rec(p.release);
    links.triggerLabel = `release ${str(release.tag_name) ?? ''}`.trim();
    links.triggerUrl = str(release.html_url);
  } else if (ctx.eventName) {
    links.triggerLabel = ctx.eventName;
  }
  return links;
}

/** The run's links as the report shows them (Build, Commit, Trigger). */
export function reportLinks(links: RunLinks): ReportLink[] {
  const out: ReportLink[] = [];
  if (links.runUrl) out.push({ label: 'Build', text: links.runLabel ?? 'workflow run', href: links.runUrl });
  if (links.commit) out.push({ label: 'Commit', text: links.commit.slice(0, 7), href: links.commitUrl });
  if (links.triggerLabel) out.push({ label: 'Trigger', text: links.triggerLabel, href: links.triggerUrl });
  return out;
}
