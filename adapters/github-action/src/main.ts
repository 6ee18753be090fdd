/**
 * The action: runner inputs -> the core's execute() -> step outputs, job summary and (deploy + github-token)
 * a GitHub Deployment. One catch turns anything thrown into setFailed. No release logic here: it is all in core.
 */
import * as core from '@actions/core';
import { context } from '@actions/github';
import { execute, registerSecrets } from '../../../core/src/execute.js';
import type { Host } from '../../../core/src/host.js';
import { EXIT, InvalidInputError, toShiplogError } from '../../../core/src/errors.js';
import { parseDuration } from '../../../core/src/operations/input-resolution.js';
import { maxResponseBytes } from '../../../core/src/response-limit.js';
import { Redactor } from '../../../core/src/redact.js';
import { inputsFor, type OperationName } from '../../../core/src/inputs.js';
import { ActionInputError, coreInputs, githubOptions, operationOf, type GithubOptions, type RawInputs } from './action-inputs.js';
import { failureOf, inActionTerms, outputsFor, type JsonResult } from './action-outputs.js';
import { secretInputNames } from './action-spec.js';
import { actionsHost } from './actions-host.js';
import type { GithubDeployment } from './github-deployment.js';
import { summaryMarkdown } from './job-summary.js';
import { runLinks, runUrl, type RunContext } from './run-links.js';

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const redactor = new Redactor();
  let op: OperationName | undefined;
  let ctx: RunContext | undefined;
  try {
    const read = (name: string) => core.getInput(name);
    op = operationOf(read);
    const inputs = coreInputs(op, read);
    // The core (and a deploy command it runs) sees the job's environment, not the action's INPUT_* variables:
    // they carry dhpass and github-token, which the command has no business reading.
    const coreEnv = withoutInputs(env);
    const host = actionsHost(coreEnv, redactor);
    // Register every secret before anything is logged: the core's rule (secret inputs, DHPASS, *_TOKEN, ...)
    // plus the GitHub-only secret inputs. The runner masks them (and their encodings) in the log; the same
    // redactor removes them from the outputs, the summary and every file the core writes.
    registerSecrets(host, inputs);
    for (const name of secretInputNames(op)) redactor.add(read(name));
    for (const value of redactor.values()) core.setSecret(value);

    // Problems with the action-only inputs go to the core with the request, which reports them with its own.
    const problems: string[] = [];
    const gh = githubOptions(op, read, problems);
    if (op === 'envscript' && gh.exportEnv) exportEnvInputs(inputs, env, problems);
    ctx = runContext(env);
    const runCtx = ctx;
    // A deployment the action runs logs into this workflow run: link it unless the user gave another log.
    if (op === 'deploy' && inputs['log-url'] === undefined && runUrl(ctx)) inputs['log-url'] = runUrl(ctx)!;
    const withGithub = op === 'deploy' && gh.githubToken !== undefined;
    if (withGithub && !/^[^/\s]+\/[^/\s]+$/.test(ctx.repository ?? '')) {
      problems.push('github-token needs GITHUB_REPOSITORY (owner/repo) to create a GitHub Deployment');
    }
    const timeoutMs = withGithub ? apiTimeout(env, problems) : undefined;

    // The GitHub Deployment is created only when the core is about to deploy for real: every input valid, the
    // environment in the pipeline, the application version found and allowed into that stage, not a dry run.
    // A rejected request leaves nothing behind on GitHub.
    let deployment: GithubDeployment | undefined;
    const outcome = await core.group(`shiplog ${op}`, () =>
      execute(op!, inputs, host, {
        commandArgs: [],
        problems,
        beforeDeployment: withGithub
          ? async ({ values, appVersion, application, environment }) => {
              deployment = await startGithubDeployment(runCtx, env, { ...values, application, env: environment, 'app-version': appVersion }, gh, redactor, timeoutMs);
            }
          : undefined,
      }),
    );
    const json = inActionTerms(op, redactor.redactValue(outcome.result as JsonResult));
    // With step debug logging on (ACTIONS_STEP_DEBUG), the stack behind a failure, as the CLI's --debug shows it.
    if (outcome.error && core.isDebug()) core.debug(redactor.redact(stackOf(outcome.error)));

    for (const [name, value] of Object.entries(outputsFor(op, json))) core.setOutput(name, value);
    if (deployment) await finishGithubDeployment(deployment, json, ctx, gh, redactor);

    const mermaid = await lineage(op, json, inputs, actionsHost(coreEnv, redactor, { quiet: true }));
    const summary = summaryMarkdown({
      operation: op,
      result: json,
      links: runLinks(ctx),
      mermaid,
      githubDeployment: deployment ? { id: deployment.id, environmentUrl: gh.environmentUrl } : undefined,
    });
    await writeSummary(redactor.redact(summary), env);

    const failure = failureOf(json);
    if (failure) core.setFailed(failure.hint ? `${failure.message} (hint: ${failure.hint})` : failure.message);
  } catch (err) {
    // A failure outside the core (the operation input, the runner's files): still a result and a summary.
    await failEarly(err, op, ctx, redactor, env);
  }
}

/** The `result` output, a failure summary and setFailed for an error thrown outside execute(). */
async function failEarly(
  err: unknown,
  op: OperationName | undefined,
  ctx: RunContext | undefined,
  redactor: Redactor,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const error =
    err instanceof ActionInputError
      ? { code: 'INVALID_INPUT', message: err.message, exitCode: EXIT.INVALID }
      : toShiplogError(err).toJSON();
  const json = redactor.redactValue({ ok: false, ...(op ? { operation: op } : {}), error } as JsonResult);
  try {
    core.setOutput('result', JSON.stringify(json));
    let links = {};
    try {
      links = runLinks(ctx ?? runContext(env));
    } catch {
      /* no links without a readable run context */
    }
    await writeSummary(redactor.redact(summaryMarkdown({ operation: op, result: json, links })), env);
  } finally {
    const failure = failureOf(json)!;
    core.setFailed(failure.hint ? `${failure.message} (hint: ${failure.hint})` : failure.message);
  }
}

/** The job summary is a report: a runner without GITHUB_STEP_SUMMARY (old GHES, local runs) or a write error
 * must not fail an operation that succeeded. */
async function writeSummary(markdown: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) {
    core.debug('no GITHUB_STEP_SUMMARY: job summary skipped');
    return;
  }
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

function withoutInputs(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('INPUT_')));
}

function runContext(env: NodeJS.ProcessEnv): RunContext {
  return {
    eventName: context.eventName,
    sha: context.sha,
    ref: context.ref,
    serverUrl: context.serverUrl,
    runId: context.runId,
    runNumber: context.runNumber,
    runAttempt: context.runAttempt,
    workflow: context.workflow,
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
  if (!file) problems.push('export-env needs the runner\'s GITHUB_ENV file, and GITHUB_ENV is not set');
  if (inputs.output !== undefined) {
    problems.push('export-env writes to GITHUB_ENV: leave the output input empty, or set export-env to false');
  }
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
  try {
    await d.setStatus('in_progress', { logUrl: runUrl(ctx), environmentUrl: gh.environmentUrl });
  } catch (err) {
    // As for the final status: the deployment goes ahead, and its final status is still posted.
    core.warning(redactor.redact(err instanceof Error ? err.message : String(err)));
  }
  return d;
}

/** SHIPLOG_GITHUB_API_TIMEOUT (a duration like 10s; default 30s): the limit for each GitHub API request. */
function apiTimeout(env: NodeJS.ProcessEnv, problems: string[]): number | undefined {
  const raw = env.SHIPLOG_GITHUB_API_TIMEOUT?.trim();
  if (!raw) return undefined;
  const ms = parseDuration(raw);
  if (ms === undefined) problems.push(`SHIPLOG_GITHUB_API_TIMEOUT must be a duration like 10s or 1m (got "${raw}")`);
  return ms;
}

async function finishGithubDeployment(
  deployment: GithubDeployment,
  json: JsonResult,
  ctx: RunContext,
  gh: GithubOptions,
  redactor: Redactor,
): Promise<void> {
  const d = (json.deployment ?? {}) as { logUrl?: unknown; status?: unknown };
  const ok = json.ok === true && d.status !== 'failed';
  const logUrl = typeof d.logUrl === 'string' && /^https?:\/\//.test(d.logUrl) ? d.logUrl : runUrl(ctx);
  try {
    await deployment.setStatus(ok ? 'success' : 'failure', {
      logUrl,
      environmentUrl: gh.environmentUrl,
      description: ok ? 'deployed by shiplog' : redactor.redact(failureOf(json)?.message ?? 'deployment failed'),
    });
  } catch (err) {
    // The deployment itself is recorded; a status that did not post is worth a warning, not a failed step.
    core.warning(redactor.redact(err instanceof Error ? err.message : String(err)));
  }
}

/** The application's lineage as Mermaid (the core's graph query); undefined when it cannot be drawn. */
async function lineage(op: OperationName, json: JsonResult, inputs: RawInputs, host: Host): Promise<string | undefined> {
  if (json.ok !== true || op === 'envscript' || json.dryRun === true) return undefined;
  const application = applicationOf(json) ?? stringValue(inputs.application);
  if (!application) return undefined;
  // json: the Mermaid text comes back in the result only (the graph query prints it otherwise).
  const graphInputs: RawInputs = { application, json: 'true' };
  // The connection inputs the graph query shares with the operation (backend, state-dir, dhurl, ...).
  for (const spec of inputsFor('graph')) {
    const v = inputs[spec.name];
    if (v !== undefined && spec.name !== 'application') graphInputs[spec.name] = v;
  }
  const { result } = await execute('graph', graphInputs, host, { commandArgs: [] });
  const r = result as JsonResult;
  if (r.ok === true && typeof r.mermaid === 'string') return r.mermaid;
  core.debug(`no lineage graph: ${failureOf(r)?.message ?? 'no mermaid in the result'}`);
  return undefined;
}

/** The base application name `domain.short` from the result's application version. */
function applicationOf(json: JsonResult): string | undefined {
  const av = json.appVersion ?? (json.deployment as { appVersion?: unknown } | undefined)?.appVersion;
  const name = typeof av === 'string' ? av : typeof (av as { name?: unknown })?.name === 'string' ? (av as { name: string }).name : undefined;
  return name?.split(';')[0];
}

function stringValue(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
