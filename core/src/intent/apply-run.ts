/**
 * Carries a plan out (docs/intent.md "Apply"): wave after wave, up to --parallel deployments at once within a
 * wave, each through the deploy operation's own path (deployment-flow.ts planDeployment + performDeployment:
 * the same gate, records, redaction, timeouts and interrupts as `shiplog deploy`). A failure stops its
 * environment's later waves (--fail-fast: every environment's); a row whose dependency in its environment did
 * not end up deployed is not started. One progress line per start and end, and one heartbeat for all the
 * deployments running (progress.ts: a line, or the terminal's status line; each with the last line of its
 * output or its server's status), which also renews the leases.
 */
import type { Backend } from '../backend/backend.js';
import { FailedDeploymentError, toShiplogError } from '../errors.js';
import type { Host } from '../host.js';
import { logGroupsFor } from '../kit/log-groups.js';
import { groupedLog, type Write } from './grouped-log.js';
import type { ApplicationVersion, PipelineConfig } from '../model.js';
import { requireEnvironmentStage } from '../pipeline-config.js';
import type { OperationContext } from '../operations/context.js';
import { runDeploymentCommand } from '../operations/deploy-runner.js';
import { deploymentVariables } from '../operations/deploy-variables.js';
import {
  TIMED_OUT_EXIT_CODE,
  performDeployment,
  planDeployment,
  type DeploySource,
  type DeploymentSummary,
} from '../operations/deployment-flow.js';
import { versionPart } from '../operations/render-table.js';
import { HEARTBEAT_MS, formatDuration, noteOf, startHeartbeat, type ProgressSink } from '../progress.js';
import type { LeaseKeeper } from './lease-keeper.js';
import type { BuiltPlan, PlanAction, PlanRow } from './plan-build.js';

export type StepStatus = 'succeeded' | 'failed' | 'skipped' | 'blocked' | 'unchanged';

export interface ApplyStep {
  environment: string;
  application: string;
  wave: number;
  action: PlanAction;
  /** What was deployed (or undeployed), full name; null for an undeploy-nothing row. */
  appVersion: string | null;
  /** What ran there before. */
  previous: string | null;
  status: StepStatus;
  deploymentId: number | null;
  exitCode: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** Why it failed, was skipped or is blocked. */
  message?: string;
}

export interface ApplyRunOptions {
  parallel: number;
  failFast: boolean;
  timeoutMs: number;
  /** Heartbeat (progress line and lease renewal) period; at most 30 s (progress.ts HEARTBEAT_MS). */
  heartbeatMs: number;
  /** Stored on every deployment of this run as the attribute `shiplog.apply`. */
  runId: string;
}

export async function runApply(
  ctx: OperationContext,
  pipeline: PipelineConfig,
  rawBackend: Backend,
  built: BuiltPlan,
  leases: LeaseKeeper | undefined,
  opts: ApplyRunOptions,
): Promise<ApplyStep[]> {
  const { host } = ctx;
  const backend = serialWrites(rawBackend);
  const rows = built.plan.rows;
  const steps = new Map<PlanRow, ApplyStep>();
  for (const r of rows) {
    steps.set(r, {
      environment: r.environment,
      application: r.application,
      wave: r.wave,
      action: r.action,
      appVersion: r.action === 'undeploy' ? r.current : r.desired,
      previous: r.current,
      status: r.action === 'nothing' ? 'unchanged' : r.action === 'blocked' ? 'blocked' : 'skipped',
      deploymentId: null,
      exitCode: null,
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      ...(r.action === 'blocked' ? { message: r.unmetRules.map((u) => `${u.rule}: ${u.message}`).join('; ') } : {}),
    });
  }
  const rowOf = new Map(rows.map((r) => [`${r.environment}\0${r.application}`, r]));
  const work = rows.filter((r) => r.action === 'deploy' || r.action === 'undeploy');
  /** The steps running now: since when, and the last line of their output (or their server's status). */
  const running = new Map<ApplyStep, { since: number; note?: string }>();
  const stopped = new Map<string, string>();
  let abort: string | undefined;
  let done = 0;
  // On a CI platform each deployment's output is folded in the job log (kit/log-groups.ts).
  const groups = logGroupsFor(ctx.ci().provider);

  const unsubscribe = host.onInterrupt?.((signal) => {
    abort ??= `${signal} received`;
  });
  const heartbeat = startHeartbeat(host, {
    periodMs: Math.min(opts.heartbeatMs, HEARTBEAT_MS),
    isCi: ctx.ci().isCi,
    text: () => {
      if (running.size === 0) return undefined;
      const now = host.now().getTime();
      const list = [...running]
        .map(
          ([s, r]) =>
            `${s.environment} ${s.application} ${versionPart(s.appVersion)} for ${formatDuration(now - r.since)}${r.note ? ` (${r.note})` : ''}`,
        )
        .join('; ');
      return `apply: heartbeat: ${running.size} running: ${list} (${done} of ${work.length} done)`;
    },
    onBeat: async () => {
      const lost = leases ? await leases.renew() : [];
      if (lost.length) {
        abort ??= `the lease of ${lost.join(', ')} was lost (it expired and another apply took it)`;
        host.log.error(`apply: ${abort}: starting nothing more`);
      }
    },
  });

  const skipReason = (row: PlanRow): string | undefined => {
    if (abort) return `not started: ${abort}`;
    const halt = stopped.get(row.environment);
    if (halt) return `not started: ${row.environment} stopped after ${halt}`;
    if (row.action !== 'deploy') return undefined;
    for (const dep of row.dependsOn) {
      const d = rowOf.get(`${row.environment}\0${dep}`);
      if (!d || d.action === 'nothing' || d.action === 'undeploy') continue;
      const s = steps.get(d)!;
      if (s.status !== 'succeeded')
        return `not started: its dependency ${dep} ${s.status === 'blocked' ? 'is blocked' : 'was not deployed'} in ${row.environment}`;
    }
    return undefined;
  };

  const runRow = async (row: PlanRow) => {
    const step = steps.get(row)!;
    const why = skipReason(row);
    const verb = row.action === 'undeploy' ? 'undeploying' : 'deploying';
    const what = `${row.application} ${versionPart(step.appVersion)} ${row.action === 'undeploy' ? 'from' : 'to'} ${row.environment}`;
    if (why) {
      step.message = why;
      host.log.info(`apply: wave ${row.wave}: ${why.replace(/^not started/, `not ${verb} ${what}`)}`);
      return;
    }
    const note =
      row.action !== 'deploy'
        ? ''
        : row.current === row.desired
          ? ` (redeploy: ${row.stateChanged.join(', ')} changed)`
          : row.current
            ? ` (runs ${versionPart(row.current)})`
            : '';
    host.log.info(`apply: wave ${row.wave}: ${verb} ${what}${note}`);
    const t0 = host.now().getTime();
    const progress: { since: number; note?: string } = { since: t0 };
    running.set(step, progress);
    const sink: ProgressSink = {
      line: (l) => {
        const note = noteOf(l);
        if (note) progress.note = `last line: ${note}`;
      },
      status: (st) => {
        progress.note = `server status: ${noteOf(st)}`;
      },
    };
    const log = groupedLog(host, groups, `wave ${row.wave}: ${verb} ${what}`, opts.parallel > 1);
    try {
      if (row.action === 'deploy') await deployRow(ctx, pipeline, backend, built, row, step, opts, log.write, sink);
      else await undeployRow(ctx, pipeline, backend, built, row, step, opts, log.write, sink);
    } catch (err) {
      step.status = 'failed';
      step.message = toShiplogError(err).message;
    } finally {
      running.delete(step);
      done++;
      log.end(step.status !== 'succeeded');
    }
    step.durationMs =
      step.startedAt && step.finishedAt ? Date.parse(step.finishedAt) - Date.parse(step.startedAt) : host.now().getTime() - t0;
    const ref = step.deploymentId !== null ? `deployment ${step.deploymentId}` : 'not recorded';
    if (step.status === 'succeeded') {
      host.log.info(`apply: wave ${row.wave}: ${what}: succeeded in ${formatDuration(step.durationMs)} (${ref})`);
      return;
    }
    host.log.info(
      `apply: wave ${row.wave}: ${what}: failed in ${formatDuration(step.durationMs)} (${step.exitCode !== null ? `exit code ${step.exitCode}, ` : ''}${ref}): ${step.message ?? ''}`,
    );
    stopped.set(row.environment, `${row.application} failed in wave ${row.wave}`);
    if (opts.failFast) abort ??= `--fail-fast: ${row.application} failed in ${row.environment}`;
  };

  try {
    for (const wave of [...new Set(work.map((r) => r.wave))].sort((a, b) => a - b)) {
      await pool(
        work.filter((r) => r.wave === wave),
        opts.parallel,
        runRow,
      );
    }
  } finally {
    // A lease renewal under way ends before apply releases its leases (no write after the run).
    await heartbeat.stop();
    unsubscribe?.();
  }
  return rows.map((r) => steps.get(r)!);
}

async function deployRow(
  ctx: OperationContext,
  pipeline: PipelineConfig,
  backend: Backend,
  built: BuiltPlan,
  row: PlanRow,
  step: ApplyStep,
  opts: ApplyRunOptions,
  write: Write,
  sink: ProgressSink,
): Promise<void> {
  const av = built.versions.get(row.desired!)!;
  const app = built.applications.get(row.application)!;
  const source: DeploySource = app.deploy ? { kind: 'run', argv: app.deploy } : { kind: 'server' };
  const sub = { ...rowContext(ctx, row, row.current ? { SHIPLOG_PREVIOUS_APP_VERSION_NAME: row.current } : {}, write), progress: sink };
  const fill = (d: DeploymentSummary) => {
    step.deploymentId = d.id;
    step.exitCode = d.exitCode;
    step.startedAt = d.startedAt ?? null;
    step.finishedAt = d.finishedAt ?? null;
  };
  try {
    const plan = await planDeployment(sub, pipeline, backend, {
      environment: row.environment,
      source,
      timeoutMs: opts.timeoutMs,
      attributes: { 'shiplog.apply': opts.runId },
    });
    const res = await performDeployment(sub, pipeline, backend, plan, av);
    fill(res.deployment);
    step.status = 'succeeded';
  } catch (err) {
    if (err instanceof FailedDeploymentError) fill(err.result.deployment as DeploymentSummary);
    throw err;
  }
}

async function undeployRow(
  ctx: OperationContext,
  pipeline: PipelineConfig,
  backend: Backend,
  built: BuiltPlan,
  row: PlanRow,
  step: ApplyStep,
  opts: ApplyRunOptions,
  write: Write,
  sink: ProgressSink,
): Promise<void> {
  const av: ApplicationVersion | undefined = built.versions.get(row.current!) ?? (await backend.getApplicationVersion(row.current!));
  if (!av) throw new Error(`application version ${row.current} does not exist`);
  const app = built.applications.get(row.application)!;
  const stage = requireEnvironmentStage(pipeline, row.environment);
  const sub = rowContext(ctx, row, {}, write);
  const vars = await deploymentVariables(backend, sub.host.env, av, row.environment, stage, 'undeploy');
  sub.host.log.info(`undeploying ${av.name} from ${row.environment}: ${app.undeploy!.join(' ')}`);
  const out = await runDeploymentCommand(sub.host, {
    argv: app.undeploy!,
    timeoutMs: opts.timeoutMs,
    env: vars.env,
    onLine: (l) => sink.line(l),
  });
  const exitCode = out.timedOut && out.exitCode === 0 ? TIMED_OUT_EXIT_CODE : out.exitCode;
  const d = await backend.recordUndeployment({
    appVersion: av,
    environment: row.environment,
    exitCode,
    log: out.log,
    startedAt: out.startedAt,
    finishedAt: out.finishedAt,
    mode: 'run',
    attributes: { 'shiplog.apply': opts.runId },
    provenance: ctx.ci(),
  });
  Object.assign(step, { deploymentId: d.id, exitCode: d.exitCode, startedAt: d.startedAt, finishedAt: d.finishedAt ?? null });
  if (d.status === 'success') step.status = 'succeeded';
  else {
    step.status = 'failed';
    step.message = `undeployment ${d.id} of ${av.name} from ${row.environment} failed (exit code ${d.exitCode ?? 'unknown'})${out.timedOut ? ' after the timeout' : ''}`;
  }
}

/** The context one row's deployment runs with: its output lines prefixed (into `write`), the apply facts in its environment. */
function rowContext(ctx: OperationContext, row: PlanRow, extraEnv: Record<string, string>, write: Write): OperationContext {
  const h = ctx.host;
  const prefix = `[${row.environment} ${row.application}] `;
  const stderr = (t: string) => write(t.replace(/^(?=.)/gm, prefix));
  const host: Host = {
    ...h,
    env: { ...h.env, ...extraEnv },
    stderr,
    log: {
      info: (m) => stderr(`${m}\n`),
      warn: (m) => stderr(`shiplog: warning: ${m}\n`),
      error: (m) => stderr(`shiplog: error: ${m}\n`),
      debug: (m) => {
        if (h.debug) stderr(`shiplog: debug: ${m}\n`);
      },
    },
  };
  return { ...ctx, host };
}

const WRITES = new Set<string>(['recordDeployment', 'recordUndeployment', 'acquireLease', 'renewLease', 'releaseLease', 'setCustomState']);

/** The backend with its store writes one at a time (parallel deployments and lease renewals share one store handle). */
export function serialWrites(inner: Backend): Backend {
  let chain: Promise<unknown> = Promise.resolve();
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (typeof prop !== 'string' || !WRITES.has(prop)) return value.bind(target);
      return (...args: unknown[]) => {
        const run = chain.then(() => value.apply(target, args));
        chain = run.catch(() => undefined);
        return run;
      };
    },
  });
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
}
