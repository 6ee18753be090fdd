/**
 * `deploy`: deploys an application version to an environment of the pipeline.
 * - run and record: `--command "..."` (run by /bin/sh -c) or the words after `--` (run directly);
 * - record only: `--exit-code N [--log-file F]` for a deployment an earlier step ran;
 * - server: neither given on the ortelius backend: the server's deploy engine runs it and shiplog follows it.
 * The environment's current state changes only on success; a failed deployment exits 1. The release policy
 * judges every mode first (deployment-flow.ts): a refusal is exit 1 naming every unmet rule, unless `--override
 * --reason` is given and the stage allows it.
 */
import { InvalidInputError } from '../errors.js';
import { parseAttrArgs } from '../attributes.js';
import { findAppVersion, parseAppVersionRef, type AppVersionRef } from './app-version-lookup.js';
import type { CommandModule } from './command-module.js';
import { performDeployment, planDeployment, renderDeployment, type DeployResult, type DeploySource } from './deployment-flow.js';
import { overrideInput } from './gate-check.js';
import { bool, int, list, str } from './request-inputs.js';
import { DEFAULT_TIMEOUT_MS, durationInput } from './input-resolution.js';

export interface DeployRequest {
  app: AppVersionRef;
  environment: string;
  source: DeploySource;
  logUrl?: string;
  attr: string[];
  timeoutMs: number;
  override?: { reason: string };
  dryRun: boolean;
}

/** Builds the deployment source from --command / words after `--` / --exit-code / --log-file. */
export function deploySource(
  command: string | undefined,
  commandArgs: string[],
  exitCode: number | undefined,
  logFile: string | undefined,
  problems: string[],
): DeploySource {
  if (command !== undefined && commandArgs.length > 0)
    problems.push('give the deployment command either with --command or after `--`, not both');
  const runs = command !== undefined || commandArgs.length > 0;
  if (exitCode !== undefined && runs)
    problems.push('--exit-code records a deployment another step ran; it cannot be combined with a command to run');
  if (logFile !== undefined && exitCode === undefined) problems.push('--log-file needs --exit-code (record-only mode)');
  if (exitCode !== undefined && (exitCode < 0 || exitCode > 255)) problems.push(`--exit-code must be between 0 and 255 (got ${exitCode})`);
  if (command !== undefined) return { kind: 'run', shell: command };
  if (commandArgs.length > 0) return { kind: 'run', argv: commandArgs };
  if (exitCode !== undefined) return { kind: 'record', exitCode, ...(logFile ? { logFile } : {}) };
  return { kind: 'server' };
}

export const deployCommand: CommandModule<DeployRequest, DeployResult> = {
  name: 'deploy',
  summary: 'Deploy an application version to an environment: run and record a command, or record an earlier result',
  examples: [
    'shiplog deploy --application GLOBAL.Acme.Store.shop --app-version 1.0.3 --env qa -- helm upgrade --install shop ./chart',
    'shiplog deploy --application GLOBAL.Acme.Store.shop --env dev --command "./deploy.sh dev"',
    'shiplog deploy --application GLOBAL.Acme.Store.shop --env dev --exit-code 0 --log-file deploy.log',
    'shiplog deploy --application GLOBAL.Acme.Store.shop --env prod --exit-code 0 --override --reason "hotfix INC-42, CAB approved by phone"',
  ],
  mutating: true,

  request(inputs, extra) {
    const problems: string[] = [];
    const app = parseAppVersionRef(str(inputs, 'application'), str(inputs, 'app-version'), problems);
    const environment = str(inputs, 'env');
    if (environment === undefined) problems.push('--env is required');
    const source = deploySource(str(inputs, 'command'), extra.commandArgs, int(inputs, 'exit-code'), str(inputs, 'log-file'), problems);
    const timeoutMs = durationInput(inputs, 'timeout', problems) ?? DEFAULT_TIMEOUT_MS;
    const override = overrideInput(inputs, problems);
    if (problems.length > 0 || !app || environment === undefined) throw InvalidInputError.of(problems);
    return {
      app,
      environment,
      source,
      logUrl: str(inputs, 'log-url'),
      attr: list(inputs, 'attr'),
      timeoutMs,
      ...(override ? { override } : {}),
      dryRun: bool(inputs, 'dry-run'),
    };
  },

  async run(ctx, req) {
    const pipeline = await ctx.pipeline();
    const attributes = await parseAttrArgs(ctx.host, req.attr);
    const backend = await ctx.backend();
    const plan = await planDeployment(ctx, pipeline, backend, {
      environment: req.environment,
      application: req.app.application,
      source: req.source,
      timeoutMs: req.timeoutMs,
      logUrl: req.logUrl,
      attributes,
      ...(req.override ? { override: req.override } : {}),
    });
    const av = await findAppVersion(backend, req.app);
    return performDeployment(ctx, pipeline, backend, plan, av);
  },

  render(res) {
    return renderDeployment(res.deployment, res.dryRun);
  },
};
