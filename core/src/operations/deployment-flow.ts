/**
 * The deployment steps shared by `deploy` and `version-update --env`: choosing the mode (run a command,
 * record an earlier step's result, or let the server's deploy engine run it), the checks that must pass
 * before anything is written (the release policy's gate, in every mode and on a dry run), and recording the
 * result.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Backend } from '../backend/backend.js';
import { FailedDeploymentError, InvalidInputError, TimeoutError, UsageError } from '../errors.js';
import type { Actor, ApplicationVersion, CiContext, Deployment, DeploymentMode, Override, PipelineConfig, Stage } from '../model.js';
import { environmentStage } from './server-names.js';
import type { CommandResultBase } from './command-module.js';
import type { OperationContext } from './context.js';
import { maskSecretAttributes } from '../attributes.js';
import { RECORD_GRACE_MS } from '../deadline.js';
import { LineTail, MAX_STORED_LOG_LINES, runDeploymentCommand } from './deploy-runner.js';
import { passGate, type VerdictFields } from './gate-check.js';
import { deploymentVariables } from './deploy-variables.js';
import { forwardedProgress, startDeployProgress, type DeployProgress } from '../progress.js';

/** Where the deployment's result comes from. */
export type DeploySource =
  { kind: 'run'; shell?: string; argv?: string[] } | { kind: 'record'; exitCode: number; logFile?: string } | { kind: 'server' };

export interface DeploymentRequest {
  environment: string;
  /** The application (full base name), to find a short environment name within its domain on the server. */
  application?: string;
  source: DeploySource;
  timeoutMs: number;
  logUrl?: string;
  attributes?: Record<string, string>;
  /** `--override --reason`. */
  override?: { reason: string };
}

export interface DeploymentSummary {
  id: number | null;
  appVersion: string;
  application: string;
  environment: string;
  stage: string;
  exitCode: number | null;
  status: Deployment['status'] | 'planned';
  mode: DeploymentMode;
  /** Full component version names. */
  components: string[];
  startedAt?: string;
  finishedAt?: string;
  /** How long it ran (run: the command; server: start to end as shiplog followed it); null when nothing ran here. */
  durationMs: number | null;
  logLines: number;
  logUrl?: string;
  /** Who deployed. */
  actor?: Actor;
  /** Set when the deployment passed its gate only by `--override`. */
  override?: Override;
}

export interface DeployResult extends CommandResultBase, Partial<VerdictFields> {
  operation: 'deploy';
  deployment: DeploymentSummary;
  dryRun?: boolean;
}

/** Recorded exit code of a command stopped at --timeout that still ended with 0 (as timeout(1) reports). */
export const TIMED_OUT_EXIT_CODE = 124;

/** A deployment whose inputs have been checked; nothing has been written yet. */
export interface DeploymentPlan {
  req: DeploymentRequest;
  mode: DeploymentMode;
  stage: Stage;
  /** Record mode: the (redacted, capped) log lines read from --log-file. */
  recordedLog?: string[];
}

/**
 * The same for every run (and re-run) of one CI build and job, so that a backend can tell a re-run from a new
 * deployment: `<provider>:<build id>:<job>`. Undefined outside CI (nothing tells two runs apart there).
 */
export function deploymentKeyOf(ci: CiContext): string | undefined {
  if (!ci.isCi || !ci.buildId) return undefined;
  return `${ci.provider}:${ci.buildId}:${ci.job ?? ''}`;
}

/** Whether the backend's own deploy engine can run a deployment (server mode: no command, no exit code). */
export function canDeployItself(backend: Backend): boolean {
  return backend.startDeployment !== undefined && backend.followDeployment !== undefined;
}

/**
 * Checks what can be checked before any write: the environment exists in the pipeline, the backend can
 * run the chosen mode, the log file is readable. `command` is the operation asking, so that a hint only
 * suggests flags it takes (version-update has no record-only mode).
 */
export async function planDeployment(
  ctx: OperationContext,
  pipeline: PipelineConfig,
  backend: Backend,
  req: DeploymentRequest,
  command: 'deploy' | 'version-update' = 'deploy',
): Promise<DeploymentPlan> {
  // Not in the pipeline config: the backend's server may know it (server-names.ts); its full name is sent.
  const resolved = await environmentStage(pipeline, backend, req.environment, req.application);
  const stage = resolved.stage;
  req = { ...req, environment: resolved.environment };
  const mode: DeploymentMode = req.source.kind;
  if (mode === 'server' && !canDeployItself(backend)) {
    if (command === 'version-update') {
      throw new UsageError(
        `the ${backend.kind} backend cannot run deployments itself: give the deployment command to deploy to ${req.environment}`,
        {
          hint: `shiplog version-update ... --env ${req.environment} -- ./deploy.sh (or --command "./deploy.sh"); or leave --env out and record the deployment later with shiplog deploy`,
        },
      );
    }
    throw new UsageError(`the ${backend.kind} backend cannot run deployments itself: give the deployment command or its exit code`, {
      hint: 'shiplog deploy ... -- ./deploy.sh   (run and record), or --exit-code N [--log-file F] (record only)',
    });
  }
  let recordedLog: string[] | undefined;
  if (req.source.kind === 'record' && req.source.logFile) {
    const file = path.resolve(ctx.host.cwd, req.source.logFile);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new InvalidInputError(`cannot read --log-file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const tail = new LineTail(MAX_STORED_LOG_LINES);
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    for (const l of lines) tail.push(ctx.host.redactor.redact(l));
    recordedLog = tail.result();
  }
  return { req, mode, stage, recordedLog };
}

/** Runs (or records) the planned deployment of `av`. Throws FailedDeploymentError when it failed. */
export async function performDeployment(
  ctx: OperationContext,
  pipeline: PipelineConfig,
  backend: Backend,
  plan: DeploymentPlan,
  av: ApplicationVersion,
): Promise<DeployResult> {
  const { req, mode, stage } = plan;
  const host = ctx.host;
  // The release policy, in every mode, before anything runs or is written; a dry run gets the same verdict.
  const gate = await passGate(ctx, pipeline, backend, av, { action: 'deploy', environment: req.environment }, req.override);
  const actor = gate.check.actor;
  const summary = (d: Partial<DeploymentSummary>): DeploymentSummary => ({
    id: null,
    appVersion: av.name,
    application: av.application,
    environment: req.environment,
    stage: stage.name,
    exitCode: null,
    status: 'planned',
    mode,
    components: av.components,
    durationMs: null,
    logLines: 0,
    ...(req.logUrl ? { logUrl: req.logUrl } : {}),
    actor,
    ...(gate.override ? { override: gate.override } : {}),
    ...d,
  });
  if (ctx.dryRun) {
    const how =
      req.source.kind === 'run'
        ? `run ${describeCommand(req.source)}`
        : req.source.kind === 'record'
          ? `record exit code ${req.source.exitCode}`
          : `start it on ${backend.location}`;
    host.log.info(`dry run: would deploy ${av.name} to ${req.environment}: ${how}`);
    return { ok: true, operation: 'deploy', deployment: summary({}), ...gate.fields, dryRun: true };
  }

  await ctx.beforeDeployment?.({ appVersion: av.name, application: av.application, environment: req.environment, stage: stage.name });
  let deployment: Deployment;
  let timedOut = false;
  let durationMs: number | null = null;
  const provenance = ctx.ci();
  const attributes =
    req.attributes && Object.keys(req.attributes).length > 0
      ? host.redactor.redactValue(maskSecretAttributes(host, req.attributes))
      : undefined;
  // Start line, heartbeat and end line (progress.ts); under apply its own heartbeat reports instead.
  let progress: DeployProgress | undefined;
  const startProgress = (runs: string): DeployProgress =>
    (progress = ctx.progress
      ? forwardedProgress(host, ctx.progress)
      : startDeployProgress(host, { appVersion: av.name, environment: req.environment, runs, isCi: provenance.isCi }));
  try {
    if (req.source.kind === 'server') {
      const p = startProgress(`server-side deployment on ${backend.location}`);
      const facts = { actor, provenance, ...(gate.override ? { override: gate.override } : {}) };
      const { id } = await backend.startDeployment!(av, req.environment, { key: deploymentKeyOf(provenance), facts });
      host.log.info(`deployment ${id} started; following it (timeout ${Math.round(req.timeoutMs / 1000)} s)`);
      deployment = await backend.followDeployment!(id, {
        timeoutMs: Math.min(req.timeoutMs, ctx.deadline?.remaining() ?? req.timeoutMs),
        onLog: (lines) => {
          for (const l of lines) {
            host.stderr(`${l}\n`);
            p.line(l);
          }
        },
        onStatus: (status) => p.status(status),
      });
    } else {
      let exitCode: number;
      let log: string[];
      let startedAt: string;
      let finishedAt: string;
      let stateRevisions: Record<string, number> | undefined;
      if (req.source.kind === 'run') {
        // SHIPLOG_* facts and the environment's custom state (SHIPLOG_STATE_*), docs/intent.md.
        const vars = await deploymentVariables(backend, host.env, av, req.environment, stage);
        stateRevisions = vars.stateRevisions;
        const p = startProgress(`run: ${describeCommand(req.source)}`);
        // What is left of --timeout (the lookups before took some), but reported as the --timeout given.
        const left = Math.max(1, Math.min(req.timeoutMs, ctx.deadline?.remaining() ?? req.timeoutMs));
        const out = await runDeploymentCommand(host, {
          shell: req.source.shell,
          argv: req.source.argv,
          timeoutMs: left,
          timeoutLabelMs: req.timeoutMs,
          env: vars.env,
          onLine: (l) => p.line(l),
        });
        ({ exitCode, log, startedAt, finishedAt } = out);
        durationMs = Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt));
        if (out.timedOut) {
          timedOut = true;
          // Recording the stopped deployment as failed may still talk to a server.
          ctx.deadline?.extend(RECORD_GRACE_MS);
          // Stopped, so failed, even when the command caught SIGTERM and exited 0.
          if (exitCode === 0) exitCode = TIMED_OUT_EXIT_CODE;
        }
      } else {
        exitCode = req.source.exitCode;
        log = plan.recordedLog ?? [];
        startedAt = finishedAt = host.now().toISOString();
      }
      deployment = await backend.recordDeployment({
        appVersion: av,
        environment: req.environment,
        exitCode,
        log,
        startedAt,
        finishedAt,
        mode,
        ...(req.logUrl ? { logUrl: req.logUrl } : {}),
        ...(attributes ? { attributes } : {}),
        actor,
        // Record mode: the record stores re-judge under their lock (nothing ran through shiplog yet).
        ...(mode === 'record' ? { gate: gate.check } : {}),
        ...(gate.override ? { override: gate.override } : {}),
        ...(stateRevisions ? { stateRevisions } : {}),
        provenance,
        key: deploymentKeyOf(provenance),
      });
    }
  } catch (err) {
    progress?.end(err instanceof TimeoutError ? 'timed out' : 'ended with an error');
    throw err;
  }
  if (progress) {
    const outcome = timedOut ? 'timed out' : deployment.status === 'success' ? 'succeeded' : 'failed';
    durationMs = progress.end(
      outcome,
      `deployment ${deployment.id}, exit code ${deployment.exitCode ?? 'unknown'}`,
      durationMs ?? undefined,
    );
  }
  const result: DeployResult = {
    ok: true,
    operation: 'deploy',
    ...gate.fields,
    ...(deployment.override ? { override: deployment.override } : {}),
    deployment: summary({
      id: deployment.id,
      exitCode: deployment.exitCode,
      status: deployment.status,
      mode: deployment.mode,
      components: deployment.componentVersions,
      startedAt: deployment.startedAt,
      ...(deployment.finishedAt ? { finishedAt: deployment.finishedAt } : {}),
      durationMs,
      logLines: deployment.log.length,
      ...(deployment.logUrl ? { logUrl: deployment.logUrl } : {}),
      ...(deployment.override ? { override: deployment.override } : {}),
    }),
  };
  if (timedOut) {
    throw new FailedDeploymentError(
      `deployment ${deployment.id} of ${av.name} to ${req.environment} timed out after ${formatDuration(req.timeoutMs)}: the command was stopped and the deployment recorded as failed (exit code ${deployment.exitCode ?? 'unknown'})`,
      { ...result, ok: false },
      { timedOut: true },
    );
  }
  if (deployment.status !== 'success') {
    throw new FailedDeploymentError(
      `deployment ${deployment.id} of ${av.name} to ${req.environment} failed (exit code ${deployment.exitCode ?? 'unknown'})`,
      { ...result, ok: false },
    );
  }
  return result;
}

export function renderDeployment(d: DeploymentSummary, dryRun?: boolean): string {
  const overridden = d.override ? ` (release policy overridden: ${d.override.reason})` : '';
  if (dryRun) return `[dry run] ${d.appVersion} -> ${d.environment} (${d.mode})${overridden}`;
  return `deployment ${d.id}: ${d.appVersion} -> ${d.environment}: ${d.status} (exit code ${d.exitCode ?? 'unknown'})${overridden}`;
}

/** 90000 -> "90 s", 1500 -> "1.5 s". */
function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function describeCommand(src: { shell?: string; argv?: string[] }): string {
  return src.shell !== undefined ? src.shell : (src.argv ?? []).join(' ');
}
