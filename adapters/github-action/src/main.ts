/**
 * The action: runner inputs -> the core's execute() -> step outputs, job summary and (deploy + github-token)
 * a GitHub Deployment. One catch turns anything thrown into setFailed. No release logic here: it is all in core;
 * the kit (input table, report model, outputs) decides what the inputs mean and what a result says.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import {
  buildReport,
  execute,
  gateAnnotations,
  inPlatformTerms,
  inputsFor,
  InvalidInputError,
  jobSummaryWithReport,
  maxResponseBytes,
  parseDuration,
  publishedReportOf,
  Redactor,
  registerSecrets,
  renderMarkdown,
  renderOutputs,
  secretParamNames,
  toShiplogError,
  type Fact,
  type Host,
  type JsonResult,
  type AdapterCommandName,
  type RawInputs,
  type Report,
  RESULT_SCHEMA_VERSION,
} from '@shiplog/core';
import { coreInputs, githubOptions, operationOf, type GithubOptions } from './action-inputs.js';
import { actionsHost } from './actions-host.js';
import type { GithubDeployment } from './github-deployment.js';
import { githubGateReader } from './platform-gate.js';
import { uploadReportArtifact } from './report-artifact.js';
import { reportLinks, runLinks, runUrl, type RunContext } from './run-links.js';

const TERMS = { noun: 'input', doc: 'adapters/github-action/README.md, "Inputs and outputs"' };

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const redactor = new Redactor();
  let op: AdapterCommandName | undefined;
  let ctx: RunContext | undefined;
  try {
    const read = (name: string) => core.getInput(name);
    op = operationOf(read);
    const inputs = coreInputs(op, read);
    // The core (and a deploy command it runs) sees the job's environment, not the action's INPUT_* variables:
    // they carry dhpass and github-token, which the command has no business reading.
    const coreEnv = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('INPUT_')));
    const host = actionsHost(coreEnv, redactor);
    // Every secret before anything is logged: the core's rule plus the action's own secret inputs. The runner
    // masks them in the log; the same redactor cleans the outputs, the summary and every file the core writes.
    registerSecrets(host, inputs);
    for (const name of secretParamNames('github', op)) redactor.add(read(name));
    // The runner's token for the artifact service (report: true uploads with it): never in a log, output or summary.
    if (env.ACTIONS_RUNTIME_TOKEN?.trim()) redactor.add(env.ACTIONS_RUNTIME_TOKEN.trim());
    for (const value of redactor.values()) core.setSecret(value);

    const problems: string[] = [];
    const gh = githubOptions(op, read, problems);
    if (op === 'envscript' && gh.exportEnv) exportEnvInputs(inputs, env, problems);
    const runCtx = (ctx = runContext(env));
    // A deployment the action runs logs into this workflow run: link it unless the user gave another log.
    if (op === 'deploy' && inputs['log-url'] === undefined && runUrl(runCtx)) inputs['log-url'] = runUrl(runCtx)!;
    const withGithub = op === 'deploy' && gh.githubToken !== undefined;
    if (withGithub && !/^[^/\s]+\/[^/\s]+$/.test(runCtx.repository ?? '')) {
      problems.push('github-token needs GITHUB_REPOSITORY (owner/repo) to create a GitHub Deployment');
    }
    const timeoutMs = withGithub || op === 'approve' ? apiTimeout(env, problems) : undefined;
    const platformGate = op === 'approve' ? githubGateReader(inputs, gh.githubToken, env, problems, { timeoutMs, maxResponseBytes: maxResponseBytes(undefined) }) : undefined;

    // The GitHub Deployment is created only once the core is about to deploy for real (every input valid, the
    // version allowed into that stage, not a dry run): a rejected request leaves nothing behind on GitHub.
    let deployment: GithubDeployment | undefined;
    const operation = op;
    const run = () =>
      execute(operation, inputs, host, {
        commandArgs: [],
        problems,
        ...(platformGate ? { platformGate } : {}),
        beforeDeployment: withGithub
          ? async ({ values, appVersion, application, environment }) => {
              const target = { ...values, application, env: environment, 'app-version': appVersion };
              deployment = await startGithubDeployment(runCtx, env, target, gh, redactor, timeoutMs);
            }
          : undefined,
      });
    // apply folds each deployment in a ::group:: of its own (the core does it on GitHub); groups do not nest.
    const outcome = op === 'apply' ? await run() : await core.group(`shiplog ${op}`, run);
    let json = inPlatformTerms('github', op, redactor.redactValue(outcome.result as JsonResult), TERMS);
    // With step debug logging on (ACTIONS_STEP_DEBUG), the stack behind a failure, as the CLI's --debug shows it.
    if (outcome.error && core.isDebug()) core.debug(redactor.redact(stackOf(outcome.error)));
    const facts: Fact[] = deployment ? [githubDeploymentFact(deployment, gh)] : [];
    // report: true: the page the core wrote becomes the run's artifact; the result's report names it (the outputs read it).
    const artifact = await uploadReportArtifact(json, host.cwd, runCtx, env, redactor);
    if (artifact) json = { ...json, report: { ...(json.report as object), artifact } };
    const diagram = await lineage(op, json, inputs, actionsHost(coreEnv, redactor, { quiet: true }));
    const report = buildReport(op, json, { links: reportLinks(runLinks(runCtx, recordedCommit(json))), facts, diagram });
    for (const [name, value] of renderOutputs(report, 'github')) core.setOutput(name, value);
    if (deployment) await finishGithubDeployment(deployment, report, runCtx, gh, redactor);
    await finish(report, redactor, env, await dashboardSummary(json, host.cwd, runCtx));
    // A result that is ok with its own exit code: a plan with changes (without pass-on-changes).
    if (!report.error && outcome.exitCode !== 0) core.setFailed(`${report.headline} (exit ${outcome.exitCode}; pass-on-changes: true passes the step)`);
  } catch (err) {
    // A failure outside the core (the operation input, the runner's files): still a result and a summary.
    const json = redactor.redactValue({ ok: false, ...(op ? { operation: op } : {}), schemaVersion: RESULT_SCHEMA_VERSION, error: toShiplogError(err).toJSON() });
    let links: Report['links'] = [];
    try {
      links = reportLinks(runLinks(ctx ?? runContext(env)));
    } catch {
      /* no links without a readable run context */
    }
    core.setOutput('result', JSON.stringify(json));
    await finish(buildReport(op, json, { links }), redactor, env);
  }
}

/** The GitCommit a version-update recorded (the summary links it). */
function recordedCommit(json: JsonResult): string | undefined {
  const attrs = (json as { attributes?: unknown }).attributes;
  const commit = attrs !== null && typeof attrs === 'object' ? (attrs as Record<string, unknown>).GitCommit : undefined;
  return typeof commit === 'string' ? commit : undefined;
}

/**
 * `report: true`: the dashboard's markdown the core wrote, and where the page is: the uploaded artifact's page, or
 * (not uploaded) the run's artifacts, where an upload-artifact step of the workflow's own puts it.
 */
async function dashboardSummary(json: JsonResult, cwd: string, ctx: RunContext): Promise<{ markdown?: string; where: { name: string; href?: string } } | undefined> {
  const published = publishedReportOf(json);
  if (!published?.html) return undefined;
  const markdown = published.markdown ? await readFile(path.resolve(cwd, published.markdown.path), 'utf8').catch(() => undefined) : undefined;
  const artifact = published.artifact;
  if (artifact?.url) return { markdown, where: { name: artifact.name, href: artifact.url } };
  const run = ctx.serverUrl && ctx.repository && ctx.runId ? `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}#artifacts` : undefined;
  return { markdown, where: { name: published.html.path, ...(run ? { href: run } : {}) } };
}

/**
 * The job summary (with the dashboard when one was written, under GitHub's 1 MiB limit), one annotation per unmet
 * rule of a refused gate, then setFailed for a failure.
 */
async function finish(report: Report, redactor: Redactor, env: NodeJS.ProcessEnv, dashboard?: Awaited<ReturnType<typeof dashboardSummary>>): Promise<void> {
  for (const a of gateAnnotations(report.gate)) core.error(redactor.redact(a.message), { title: redactor.redact(a.title) });
  try {
    const own = renderMarkdown(report, { diagrams: true });
    await writeSummary(redactor.redact(dashboard ? jobSummaryWithReport(own, dashboard.markdown, dashboard.where) : own), env);
  } finally {
    const e = report.error;
    if (e) core.setFailed(report.nextStep ? `${e.message} (hint: ${report.nextStep})` : e.message);
  }
}

/** The job summary is a report: a runner without GITHUB_STEP_SUMMARY (old GHES, local runs) or a write error
 * must not fail an operation that succeeded. */
async function writeSummary(markdown: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return core.debug('no GITHUB_STEP_SUMMARY: job summary skipped');
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (err) {
    core.warning(`could not write the job summary: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function stackOf(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  return [err.stack ?? err.message, cause instanceof Error ? `caused by: ${cause.stack ?? cause.message}` : ''].filter(Boolean).join('\n');
}

function runContext(env: NodeJS.ProcessEnv): RunContext {
  const { eventName, sha, ref, serverUrl, runId, runNumber, runAttempt, workflow } = context;
  return { eventName, sha, ref, serverUrl, runId, runNumber, runAttempt, workflow, repository: env.GITHUB_REPOSITORY, payload: context.payload as Record<string, unknown> };
}

/**
 * export-env: the core's `github` format appended to the runner's GITHUB_ENV file. It takes over `format`
 * (whose action.yml default the runner always passes); an explicit `output` file contradicts it.
 */
function exportEnvInputs(inputs: RawInputs, env: NodeJS.ProcessEnv, problems: string[]): void {
  const file = env.GITHUB_ENV;
  if (!file) problems.push("export-env needs the runner's GITHUB_ENV file, and GITHUB_ENV is not set");
  if (inputs.output !== undefined) problems.push('export-env writes to GITHUB_ENV: leave the output input empty, or set export-env to false');
  if (!file || inputs.output !== undefined) return;
  inputs.format = 'github';
  inputs.output = file;
}

/** Creates the GitHub Deployment from the core's validated values, then posts in_progress (a warning if that fails). */
async function startGithubDeployment(
  ctx: RunContext,
  env: NodeJS.ProcessEnv,
  values: Readonly<Record<string, unknown>>,
  gh: GithubOptions,
  redactor: Redactor,
  timeoutMs: number | undefined,
): Promise<GithubDeployment> {
  const { createGithubDeployment } = await import('./github-deployment.js');
  const [owner, repo] = (ctx.repository ?? '').split('/');
  const environment = stringValue(values.env);
  // deploy requires env: the core has refused the request before this runs without one.
  if (!environment) throw new InvalidInputError('input "env" is required to create a GitHub Deployment');
  const application = stringValue(values.application) ?? '';
  const d = await createGithubDeployment(
    {
      token: gh.githubToken!,
      baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
      owner,
      repo,
      ref: ctx.sha ?? ctx.ref ?? 'HEAD',
      environment,
      transientEnvironment: gh.transientEnvironment,
      description: `shiplog deploy ${application}`.trim(),
      payload: { application, appVersion: stringValue(values['app-version']) ?? '' },
      timeoutMs,
      maxResponseBytes: maxResponseBytes(typeof values['max-response-mib'] === 'number' ? values['max-response-mib'] : undefined),
    },
    (m) => core.warning(redactor.redact(m)),
  );
  core.info(`created GitHub Deployment ${d.id} for ${environment}`);
  // As for the final status: the deployment goes ahead, and its final status is still posted.
  await d.setStatus('in_progress', { logUrl: runUrl(ctx), environmentUrl: gh.environmentUrl }).catch((err: unknown) => warnRedacted(err, redactor));
  return d;
}

function warnRedacted(err: unknown, redactor: Redactor): void {
  core.warning(redactor.redact(err instanceof Error ? err.message : String(err)));
}

/** SHIPLOG_GITHUB_API_TIMEOUT (a duration like 10s; default 30s): the limit for each GitHub API request. */
function apiTimeout(env: NodeJS.ProcessEnv, problems: string[]): number | undefined {
  const raw = env.SHIPLOG_GITHUB_API_TIMEOUT?.trim();
  if (!raw) return undefined;
  const ms = parseDuration(raw);
  if (ms === undefined) problems.push(`SHIPLOG_GITHUB_API_TIMEOUT must be a duration like 10s or 1m (got "${raw}")`);
  return ms;
}

function githubDeploymentFact(d: GithubDeployment, gh: GithubOptions): Fact {
  return { label: 'GitHub Deployment', values: [{ text: `#${d.id}` }, ...(gh.environmentUrl ? [{ text: 'environment', href: gh.environmentUrl }] : [])] };
}

/** The deployment itself is recorded; a final status that did not post is worth a warning, not a failed step. */
async function finishGithubDeployment(deployment: GithubDeployment, report: Report, ctx: RunContext, gh: GithubOptions, redactor: Redactor): Promise<void> {
  const d = (report.result.deployment ?? {}) as { logUrl?: unknown; status?: unknown };
  const ok = report.result.ok === true && d.status !== 'failed';
  const logUrl = typeof d.logUrl === 'string' && /^https?:\/\//.test(d.logUrl) ? d.logUrl : runUrl(ctx);
  const description = ok ? 'deployed by shiplog' : redactor.redact(report.error?.message ?? 'deployment failed');
  await deployment
    .setStatus(ok ? 'success' : 'failure', { logUrl, environmentUrl: gh.environmentUrl, description })
    .catch((err: unknown) => warnRedacted(err, redactor));
}

/** The application's lineage as Mermaid (the core's graph query); undefined when it cannot be drawn. */
async function lineage(op: AdapterCommandName, json: JsonResult, inputs: RawInputs, host: Host): Promise<string | undefined> {
  if (json.ok !== true || op === 'envscript' || op === 'plan' || op === 'apply' || json.dryRun === true) return undefined;
  const av = json.appVersion ?? (json.deployment as { appVersion?: unknown } | undefined)?.appVersion;
  const name = typeof av === 'string' ? av : (av as { name?: unknown } | undefined)?.name;
  const application = (typeof name === 'string' ? name.split(';')[0] : undefined) ?? stringValue(inputs.application);
  if (!application) return undefined;
  // json: the Mermaid text comes back in the result only; the connection inputs the graph query shares with the operation.
  const graphInputs: RawInputs = { application, json: 'true' };
  for (const spec of inputsFor('graph')) if (inputs[spec.name] !== undefined && spec.name !== 'application') graphInputs[spec.name] = inputs[spec.name];
  const { result } = await execute('graph', graphInputs, host, { commandArgs: [] });
  if (result.ok === true && typeof result.mermaid === 'string') return result.mermaid;
  core.debug(`no lineage graph: ${String((result.error as { message?: unknown } | undefined)?.message ?? 'no mermaid in the result')}`);
  return undefined;
}

function stringValue(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
