/**
 * The action: runner inputs -> the core's execute() -> step outputs, job summary and (deploy + github-token) a
 * GitHub Deployment. No release logic here, and no decision: the kit reads and checks the step (githubStep), builds
 * the report and says what GitHub is given (githubStepReport); this file hands it to GitHub's sinks. One catch turns
 * anything thrown into a failed step that still has a result and a summary.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import * as kit from '@shiplog/core';
import type { AdapterCommandName, JsonResult, RawInputs, Report, RunContext } from '@shiplog/core';
import { actionsHost } from './actions-host.js';
import type { startGithubDeployment } from './github-client.js';
import { uploadReportArtifact } from './report-artifact.js';

const TERMS = { noun: 'input', doc: 'adapters/github-action/README.md, "Inputs and outputs"' };

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const redactor = new kit.Redactor();
  const warn = (m: string) => core.warning(redactor.redact(m));
  let op: AdapterCommandName | undefined;
  const ctx: RunContext = { ...context, repository: env.GITHUB_REPOSITORY, payload: context.payload as Record<string, unknown> };
  try {
    const step = kit.githubStep((name) => core.getInput(name), env, ctx);
    op = step.op;
    const host = actionsHost(step.coreEnv, redactor);
    // Every secret before anything is logged: the runner masks them, the redactor cleans outputs, summary and files.
    kit.registerSecrets(host, step.inputs);
    for (const value of step.secrets) redactor.add(value);
    for (const value of redactor.values()) core.setSecret(value);
    const { gate, deployment: api } = step;
    // The GitHub Deployment is created only once the core is about to deploy for real (every input valid, the version
    // allowed into that stage, not a dry run): a rejected request leaves nothing behind on GitHub.
    let deployment: Awaited<ReturnType<typeof startGithubDeployment>> | undefined;
    const execute = () =>
      kit.execute(step.op, step.inputs, host, {
        commandArgs: [],
        problems: step.problems,
        ...(gate ? { platformGate: async () => (await import('./github-client.js')).readGithubGate(gate) } : {}),
        beforeDeployment: api
          ? async ({ values, appVersion, application, environment }) => {
              if (!environment) throw new kit.InvalidInputError('input "env" is required to create a GitHub Deployment');
              const mib = values['max-response-mib'];
              const limits = { ...api, maxResponseBytes: kit.maxResponseBytes(typeof mib === 'number' ? mib : undefined) };
              const target = { environment, application: application ?? '', appVersion: appVersion ?? '' };
              const gh = await import('./github-client.js');
              deployment = await gh.startGithubDeployment(limits, ctx, step.options, target, warn);
              core.info(`created GitHub Deployment ${deployment.id} for ${environment}`);
            }
          : undefined,
      });
    // apply folds each deployment in a ::group:: of its own (the core does it on GitHub); groups do not nest.
    const outcome = op === 'apply' ? await execute() : await core.group(`shiplog ${op}`, execute);
    let json = kit.inPlatformTerms('github', op, redactor.redactValue(outcome.result as JsonResult), TERMS);
    if (outcome.error && core.isDebug()) core.debug(redactor.redact(kit.debugStack(outcome.error)));
    // report: true: the page the core wrote becomes the run's artifact; the result's report names it (the outputs read it).
    const artifact = await uploadReportArtifact(json, host.cwd, ctx, env, redactor);
    if (artifact) json = { ...json, report: { ...(json.report as object), artifact } };
    const quiet = actionsHost(step.coreEnv, redactor, { quiet: true });
    const diagram = await kit.lineageAfter(op, json, step.inputs, quiet, (command, i) =>
      kit.execute(command, i as RawInputs, quiet, { commandArgs: [] }),
    );
    const links = kit.reportLinks(kit.runLinks(ctx, kit.recordedCommitOf(json)));
    const report = kit.buildReport(op, json, { links, facts: deployment ? [deployment.fact] : [], diagram });
    await deployment?.finish(report, (text) => redactor.redact(text));
    await publish(report, outcome.exitCode, redactor, env, await dashboard(json, host.cwd, ctx));
  } catch (err) {
    // A failure outside the core (the operation input, the runner's files): still a result and a summary.
    const json = redactor.redactValue(kit.failureResult(op, err));
    await publish(kit.buildReport(op, json, { links: kit.reportLinks(kit.runLinks(ctx)) }), 1, redactor, env);
  }
}

/** `report: true`: the dashboard's markdown the core wrote, and where the job summary points for the page. */
async function dashboard(json: JsonResult, cwd: string, ctx: RunContext) {
  const published = kit.publishedReportOf(json);
  if (!published?.html) return undefined;
  const file = published.markdown && path.resolve(cwd, published.markdown.path);
  const markdown = file ? await readFile(file, 'utf8').catch(() => undefined) : undefined;
  return { markdown, where: kit.githubDashboardWhere(published, ctx) };
}

/**
 * The kit's GitHub step report to GitHub's sinks: the outputs, one annotation per unmet rule of a refused gate, the
 * job summary (a runner without GITHUB_STEP_SUMMARY or a write error only warns), then setFailed for a failure.
 */
async function publish(
  report: Report,
  exitCode: number,
  redactor: kit.Redactor,
  env: NodeJS.ProcessEnv,
  shown?: Parameters<typeof kit.githubStepReport>[2],
) {
  const step = kit.githubStepReport(report, exitCode, shown);
  for (const [name, value] of step.outputs) core.setOutput(name, value);
  for (const a of step.annotations) core.error(redactor.redact(a.message), { title: redactor.redact(a.title) });
  try {
    if (!env.GITHUB_STEP_SUMMARY) core.debug('no GITHUB_STEP_SUMMARY: job summary skipped');
    else await core.summary.addRaw(redactor.redact(step.summary), true).write();
  } catch (err) {
    core.warning(`could not write the job summary: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    if (step.failure !== undefined) core.setFailed(step.failure);
  }
}
