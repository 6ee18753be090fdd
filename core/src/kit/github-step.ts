/**
 * The GitHub Action's decisions, pure: which operation an action folder runs and what its inputs mean (the input
 * table, read through core.getInput), the checks a step makes before anything runs, the secrets it registers, the
 * run's links, and where the release dashboard goes. The action (adapters/github-action) only calls @actions/core,
 * Octokit and the artifact client with what these functions return; its GitHub API decisions are github-api.ts's.
 */
import { InvalidInputError } from '../errors.js';
import type { Env } from '../host.js';
import { parseDuration, type RawInputs } from '../operations/input-resolution.js';
import { maxResponseBytes } from '../response-limit.js';
import { ADAPTER_REFS } from '../cli/adapter-refs.js';
import type { ReportLink } from '../report/model.js';
import { secretParamNames } from './exposure.js';
import { ADAPTER_COMMANDS, type AdapterCommandName } from '../inputs.js';
import { isYamlTrue, readPlatformInputs } from './read-inputs.js';
import type { PublishedReport } from './report-publishing.js';

/** Reads one input's raw value ('' when absent), e.g. @actions/core's getInput. */
export type ReadInput = (name: string) => string;

/** The hidden input that tells the shared bundle which operation its folder runs. */
export const OPERATION_INPUT = 'operation';

/** The core inputs of `op` that were given, lists split one item per line. */
export function githubCoreInputs(op: AdapterCommandName, read: ReadInput): RawInputs {
  return readPlatformInputs('github', op, read).inputs;
}

/** The operation of this action folder (the hidden `operation` input its action.yml defaults). */
export function githubOperationOf(read: ReadInput): AdapterCommandName {
  const op = read(OPERATION_INPUT).trim();
  if ((ADAPTER_COMMANDS as readonly string[]).includes(op)) return op as AdapterCommandName;
  throw new InvalidInputError(
    `input "${OPERATION_INPUT}" must be one of ${ADAPTER_COMMANDS.join(', ')} (got "${op}"); use one of the action folders, e.g. uses: ${ADAPTER_REFS.githubAction('deploy')}`,
  );
}

/** The GitHub-only inputs of `op` (github-token, environment-url, ...), defaults applied. */
export interface GithubOptions {
  githubToken?: string;
  environmentUrl?: string;
  transientEnvironment: boolean;
  exportEnv: boolean;
}

/** With `problems`, a bad value is added there (reported with the core's) and read as false; without, it throws. */
export function githubOptions(op: AdapterCommandName, read: ReadInput, problems?: string[]): GithubOptions {
  const { own, problems: found } = readPlatformInputs('github', op, read);
  if (found.length > 0 && !problems) throw new InvalidInputError(found[0]);
  problems?.push(...found);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    githubToken: text(own['github-token']),
    environmentUrl: text(own['environment-url']),
    transientEnvironment: own['transient-environment'] === true,
    exportEnv: own['export-env'] === true,
  };
}

/** The fields of @actions/github's Context the action reads, plus GITHUB_REPOSITORY. */
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

/** A GitHub API request's limits: the token, the API base (GITHUB_API_URL), the deadline and the largest answer. */
export interface GithubApiLimits {
  token: string;
  baseUrl: string;
  timeoutMs?: number;
  maxResponseBytes: number;
}

/** approve + platform-gate: whose approval to read (docs/policy.md, "Platform gates"). */
export interface GithubGateTarget extends GithubApiLimits {
  /** owner/repo */
  repository: string;
  runId: number;
  environment: string;
}

/** One step, decided before anything runs: what execute() gets, the secrets to register, the GitHub calls to make. */
export interface GithubStep {
  op: AdapterCommandName;
  inputs: RawInputs;
  options: GithubOptions;
  /** Problems found here, reported with the core's (all at once, exit 2). */
  problems: string[];
  /** The job's environment without the action's INPUT_* variables (they carry dhpass and github-token). */
  coreEnv: Env;
  /** The action's own secret values (its secret inputs, the runner's artifact token): masked everywhere. */
  secrets: string[];
  /** deploy + github-token: a GitHub Deployment follows the deployment; its API limits without the answer size. */
  deployment?: Omit<GithubApiLimits, 'maxResponseBytes'>;
  /** approve + platform-gate: the run's approvals to read. */
  gate?: GithubGateTarget;
}

const OWNER_REPO = /^[^/\s]+\/[^/\s]+$/;

/**
 * Reads and checks one step: the operation, the core inputs (export-env sends envscript to GITHUB_ENV; a deploy
 * links this run as its log unless given another), the GitHub-only inputs, and what GitHub calls need
 * (GITHUB_REPOSITORY, GITHUB_RUN_ID, a token, an environment). Throws InvalidInputError for a bad operation.
 */
export function githubStep(read: ReadInput, env: Env, ctx: RunContext): GithubStep {
  const op = githubOperationOf(read);
  const inputs = githubCoreInputs(op, read);
  const problems: string[] = [];
  const options = githubOptions(op, read, problems);
  if (op === 'envscript' && options.exportEnv) exportEnvInputs(inputs, env, problems);
  const run = runUrl(ctx);
  if (op === 'deploy' && inputs['log-url'] === undefined && run) inputs['log-url'] = run;
  const secrets = secretParamNames('github', op).map(read);
  // The runner's token for the artifact service (report: true uploads with it).
  if (env.ACTIONS_RUNTIME_TOKEN?.trim()) secrets.push(env.ACTIONS_RUNTIME_TOKEN.trim());
  const step: GithubStep = {
    op,
    inputs,
    options,
    problems,
    coreEnv: Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('INPUT_'))),
    secrets: secrets.filter((s) => s.trim() !== ''),
  };
  const gate = op === 'approve' && isYamlTrue(inputs['platform-gate']);
  if (!(op === 'deploy' && options.githubToken !== undefined) && !gate) return step;
  const api = {
    token: options.githubToken ?? '',
    baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    timeoutMs: apiTimeout(env, problems),
  };
  if (!gate) {
    if (!OWNER_REPO.test(ctx.repository ?? ''))
      problems.push('github-token needs GITHUB_REPOSITORY (owner/repo) to create a GitHub Deployment');
    return { ...step, deployment: api };
  }
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const environment = text(inputs['gate-name']) ?? text(inputs.stage);
  const runId = Number(env.GITHUB_RUN_ID);
  if (!options.githubToken)
    problems.push(
      "platform-gate needs github-token (the workflow's github.token, with permissions: actions: read) to read the run's approvals",
    );
  if (!environment) problems.push('platform-gate needs the environment whose reviewers approved: give gate-name or stage');
  if (!OWNER_REPO.test(env.GITHUB_REPOSITORY ?? '') || !Number.isInteger(runId) || runId < 1) {
    problems.push('platform-gate needs GITHUB_REPOSITORY and GITHUB_RUN_ID (set by the runner)');
  }
  const gateTarget = {
    ...api,
    maxResponseBytes: maxResponseBytes(undefined),
    repository: env.GITHUB_REPOSITORY ?? '',
    runId,
    environment: environment ?? '',
  };
  return { ...step, gate: gateTarget };
}

/**
 * export-env: the core's `github` format appended to the runner's GITHUB_ENV file. It takes over `format`
 * (whose action.yml default the runner always passes); an explicit `output` file contradicts it.
 */
function exportEnvInputs(inputs: RawInputs, env: Env, problems: string[]): void {
  const file = env.GITHUB_ENV;
  if (!file) problems.push("export-env needs the runner's GITHUB_ENV file, and GITHUB_ENV is not set");
  if (inputs.output !== undefined)
    problems.push('export-env writes to GITHUB_ENV: leave the output input empty, or set export-env to false');
  if (!file || inputs.output !== undefined) return;
  inputs.format = 'github';
  inputs.output = file;
}

/** SHIPLOG_GITHUB_API_TIMEOUT (a duration like 10s; default 30s): the limit for each GitHub API request. */
function apiTimeout(env: Env, problems: string[]): number | undefined {
  const raw = env.SHIPLOG_GITHUB_API_TIMEOUT?.trim();
  if (!raw) return undefined;
  const ms = parseDuration(raw);
  if (ms === undefined) problems.push(`SHIPLOG_GITHUB_API_TIMEOUT must be a duration like 10s or 1m (got "${raw}")`);
  return ms;
}

/** The run's links, from the runner's context (GITHUB_* variables plus the event payload at GITHUB_EVENT_PATH). */
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

/**
 * `report: true`: where the job summary points for the page: the uploaded artifact's page, or (not uploaded) the
 * run's artifacts, where an upload-artifact step of the workflow's own puts it.
 */
export function githubDashboardWhere(published: PublishedReport, ctx: RunContext): { name: string; href?: string } {
  const artifact = published.artifact;
  if (artifact?.url) return { name: artifact.name, href: artifact.url };
  const run =
    ctx.serverUrl && ctx.repository && ctx.runId ? `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}#artifacts` : undefined;
  return { name: published.html?.path ?? '', ...(run ? { href: run } : {}) };
}
