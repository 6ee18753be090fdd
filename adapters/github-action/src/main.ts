/**
 * The action: runner inputs -> the core's execute() -> step outputs, job summary and (deploy + github-token)
 * a GitHub Deployment. One catch turns anything thrown into setFailed. No release logic here: it is all in core;
 * the kit (input table, report model, outputs, githubStepReport) decides what the inputs mean and what a result
 * says, and this file hands it to GitHub's sinks.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import {
  buildReport,
  debugStack,
  execute,
  failureResult,
  githubStepReport,
  inPlatformTerms,
  InvalidInputError,
  lineageAfter,
  maxResponseBytes,
  parseDuration,
  publishedReportOf,
  recordedCommitOf,
  Redactor,
  registerSecrets,
  secretParamNames,
  type AdapterCommandName,
  type JsonResult,
  type RawInputs,
  type Report,
} from '@shiplog/core';
import { coreInputs, githubOptions, operationOf } from './action-inputs.js';
import { actionsHost } from './actions-host.js';
import type { GithubDeployment } from './github-deployment.js';
import { githubGateReader } from './platform-gate.js';
import { uploadReportArtifact } from './report-artifact.js';
import { reportLinks, runLinks, runUrl, type RunContext } from './run-links.js';

const TERMS = { noun: 'input', doc: 'adapters/github-action/README.md, "Inputs and outputs"' };

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const redactor = new Redactor();
  const warn = (m: string) => core.warning(redactor.redact(m));
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
    const platformGate =
      op === 'approve'
        ? githubGateReader(inputs, gh.githubToken, env, problems, { timeoutMs, maxResponseBytes: maxResponseBytes(undefined) })
        : undefined;

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
              // deploy requires env: the core has refused the request before this runs without one.
              if (!environment) throw new InvalidInputError('input "env" is required to create a GitHub Deployment');
              const { startGithubDeployment } = await import('./github-deployment.js');
              const mib = values['max-response-mib'];
              const limits = { timeoutMs, maxResponseBytes: maxResponseBytes(typeof mib === 'number' ? mib : undefined) };
              const step = { ...limits, token: gh.githubToken!, env, ctx: runCtx, options: gh };
              deployment = await startGithubDeployment(
                step,
                { environment, application: application ?? '', appVersion: appVersion ?? '' },
                warn,
              );
              core.info(`created GitHub Deployment ${deployment.id} for ${environment}`);
            }
          : undefined,
      });
    // apply folds each deployment in a ::group:: of its own (the core does it on GitHub); groups do not nest.
    const outcome = op === 'apply' ? await run() : await core.group(`shiplog ${op}`, run);
    let json = inPlatformTerms('github', op, redactor.redactValue(outcome.result as JsonResult), TERMS);
    // With step debug logging on (ACTIONS_STEP_DEBUG), the stack behind a failure, as the CLI's --debug shows it.
    if (outcome.error && core.isDebug()) core.debug(redactor.redact(debugStack(outcome.error)));
    // report: true: the page the core wrote becomes the run's artifact; the result's report names it (the outputs read it).
    const artifact = await uploadReportArtifact(json, host.cwd, runCtx, env, redactor);
    if (artifact) json = { ...json, report: { ...(json.report as object), artifact } };
    const quiet = actionsHost(coreEnv, redactor, { quiet: true });
    const diagram = await lineageAfter(op, json, inputs, quiet, (command, i) =>
      execute(command, i as RawInputs, quiet, { commandArgs: [] }),
    );
    const links = reportLinks(runLinks(runCtx, recordedCommitOf(json)));
    const report = buildReport(op, json, { links, facts: deployment ? [deployment.fact] : [], diagram });
    await deployment?.finish(report, (text) => redactor.redact(text));
    await publish(report, outcome.exitCode, redactor, env, await dashboardSummary(json, host.cwd, runCtx));
  } catch (err) {
    // A failure outside the core (the operation input, the runner's files): still a result and a summary.
    const json = redactor.redactValue(failureResult(op, err));
    let links: Report['links'] = [];
    try {
      links = reportLinks(runLinks(ctx ?? runContext(env)));
    } catch {
      /* no links without a readable run context */
    }
    await publish(buildReport(op, json, { links }), 1, redactor, env);
  }
}

/**
 * `report: true`: the dashboard's markdown the core wrote, and where the page is: the uploaded artifact's page, or
 * (not uploaded) the run's artifacts, where an upload-artifact step of the workflow's own puts it.
 */
async function dashboardSummary(
  json: JsonResult,
  cwd: string,
  ctx: RunContext,
): Promise<{ markdown?: string; where: { name: string; href?: string } } | undefined> {
  const published = publishedReportOf(json);
  if (!published?.html) return undefined;
  const markdown = published.markdown
    ? await readFile(path.resolve(cwd, published.markdown.path), 'utf8').catch(() => undefined)
    : undefined;
  const artifact = published.artifact;
  if (artifact?.url) return { markdown, where: { name: artifact.name, href: artifact.url } };
  const run =
    ctx.serverUrl && ctx.repository && ctx.runId ? `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}#artifacts` : undefined;
  return { markdown, where: { name: published.html.path, ...(run ? { href: run } : {}) } };
}

/**
 * The kit's GitHub step report to GitHub's sinks: the outputs, one annotation per unmet rule of a refused gate, the
 * job summary, then setFailed for a failure (also when the summary could not be written).
 */
async function publish(
  report: Report,
  exitCode: number,
  redactor: Redactor,
  env: NodeJS.ProcessEnv,
  dashboard?: Parameters<typeof githubStepReport>[2],
): Promise<void> {
  const step = githubStepReport(report, exitCode, dashboard);
  for (const [name, value] of step.outputs) core.setOutput(name, value);
  for (const a of step.annotations) core.error(redactor.redact(a.message), { title: redactor.redact(a.title) });
  try {
    await writeSummary(redactor.redact(step.summary), env);
  } finally {
    if (step.failure !== undefined) core.setFailed(step.failure);
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

function runContext(env: NodeJS.ProcessEnv): RunContext {
  const { eventName, sha, ref, serverUrl, runId, runNumber, runAttempt, workflow } = context;
  return {
    eventName,
    sha,
    ref,
    serverUrl,
    runId,
    runNumber,
    runAttempt,
    workflow,
    repository: env.GITHUB_REPOSITORY,
    payload: context.payload as Record<string, unknown>,
  };
}

/**
 * export-env: the core's `github` format appended to the runner's GITHUB_ENV file. It takes over `format`
 * (whose action.yml default the runner always passes); an explicit `output` file contradicts it.
 */
function exportEnvInputs(inputs: RawInputs, env: NodeJS.ProcessEnv, problems: string[]): void {
  const file = env.GITHUB_ENV;
  if (!file) problems.push("export-env needs the runner's GITHUB_ENV file, and GITHUB_ENV is not set");
  if (inputs.output !== undefined)
    problems.push('export-env writes to GITHUB_ENV: leave the output input empty, or set export-env to false');
  if (!file || inputs.output !== undefined) return;
  inputs.format = 'github';
  inputs.output = file;
}

/** SHIPLOG_GITHUB_API_TIMEOUT (a duration like 10s; default 30s): the limit for each GitHub API request. */
function apiTimeout(env: NodeJS.ProcessEnv, problems: string[]): number | undefined {
  const raw = env.SHIPLOG_GITHUB_API_TIMEOUT?.trim();
  if (!raw) return undefined;
  const ms = parseDuration(raw);
  if (ms === undefined) problems.push(`SHIPLOG_GITHUB_API_TIMEOUT must be a duration like 10s or 1m (got "${raw}")`);
  return ms;
}
