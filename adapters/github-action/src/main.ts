/**
 * The action: runner inputs -> the core's execute() -> step outputs, job summary and (deploy + github-token)
 * a GitHub Deployment. One catch turns anything thrown into setFailed. No release logic here: it is all in core.
 */
import * as core from '@actions/core';
import { context } from '@actions/github';
import { execute, registerSecrets } from '../../../core/src/execute.js';
import type { Host } from '../../../core/src/host.js';
import { Redactor } from '../../../core/src/redact.js';
import { inputsFor, type OperationName } from '../../../core/src/inputs.js';
import { ActionInputError, coreInputs, githubOptions, operationOf, type GithubOptions, type RawInputs } from './action-inputs.js';
import { failureOf, outputsFor, type JsonResult } from './action-outputs.js';
import { secretInputNames } from './action-spec.js';
import { actionsHost } from './actions-host.js';
import { GithubApiError } from './github-api-error.js';
import type { GithubDeployment } from './github-deployment.js';
import { summaryMarkdown } from './job-summary.js';
import { runLinks, runUrl, type RunContext } from './run-links.js';

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const redactor = new Redactor();
  try {
    const read = (name: string) => core.getInput(name);
    const op = operationOf(read);
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

    const gh = githubOptions(op, read);
    if (op === 'envscript' && gh.exportEnv) exportEnvInputs(inputs, env);
    const ctx = runContext(env);
    // A deployment the action runs logs into this workflow run: link it unless the user gave another log.
    if (op === 'deploy' && inputs['log-url'] === undefined && runUrl(ctx)) inputs['log-url'] = runUrl(ctx)!;

    const deployment = op === 'deploy' && gh.githubToken && !isDryRun(inputs) ? await startGithubDeployment(ctx, env, inputs, gh) : undefined;

    const outcome = await core.group(`shiplog ${op}`, () => execute(op, inputs, host, { commandArgs: [] }));
    const json = redactor.redactValue(outcome.result as JsonResult);
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
    const message = err instanceof Error ? err.message : String(err);
    const hint = err instanceof GithubApiError && err.hint ? ` (hint: ${err.hint})` : '';
    core.setFailed(redactor.redact(`${message}${hint}`));
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

function isDryRun(inputs: RawInputs): boolean {
  return String(inputs['dry-run'] ?? '').trim() === 'true';
}

/**
 * export-env: the core's `github` format appended to the runner's GITHUB_ENV file. It takes over `format`
 * (whose action.yml default the runner always passes); an explicit `output` file contradicts it.
 */
function exportEnvInputs(inputs: RawInputs, env: NodeJS.ProcessEnv): void {
  const file = env.GITHUB_ENV;
  if (!file) throw new ActionInputError('export-env needs the runner\'s GITHUB_ENV file, and GITHUB_ENV is not set');
  if (inputs.output !== undefined) {
    throw new ActionInputError('export-env writes to GITHUB_ENV: leave the output input empty, or set export-env to false');
  }
  inputs.format = 'github';
  inputs.output = file;
}

async function startGithubDeployment(
  ctx: RunContext,
  env: NodeJS.ProcessEnv,
  inputs: RawInputs,
  gh: GithubOptions,
): Promise<GithubDeployment> {
  const { createGithubDeployment } = await import('./github-deployment.js');
  const [owner, repo] = (ctx.repository ?? '').split('/');
  const environment = givenOrBound('deploy', 'env', inputs, env);
  if (!owner || !repo) throw new Error('github-token needs GITHUB_REPOSITORY (owner/repo) to create a GitHub Deployment');
  if (!environment) throw new Error('github-token needs the env input (the environment to deploy to)');
  const application = givenOrBound('deploy', 'application', inputs, env) ?? '';
  const deployment = await core.group('GitHub Deployment', async () => {
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
        payload: { application, appVersion: givenOrBound('deploy', 'app-version', inputs, env) ?? '' },
      },
      (m) => core.warning(m),
    );
    core.info(`created GitHub Deployment ${d.id} for ${environment}`);
    await d.setStatus('in_progress', { logUrl: runUrl(ctx), environmentUrl: gh.environmentUrl });
    return d;
  });
  return deployment;
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
  const graphInputs: RawInputs = { application };
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

/** An input as given, else its env binding from the input table (what the core will use; no defaults). */
function givenOrBound(op: OperationName, name: string, inputs: RawInputs, env: NodeJS.ProcessEnv): string | undefined {
  const spec = inputsFor(op).find((s) => s.name === name);
  const bound = (spec?.env ?? []).map((e) => env[e]).find((v) => v !== undefined && v.trim() !== '');
  return stringValue(inputs[name]) ?? bound?.trim();
}

function stringValue(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
