/**
 * `shiplog apply`: makes the environments match intent.toml (docs/intent.md "Apply"). Plans; when there is
 * work, takes the lease of every planned environment (waiting up to --lock-timeout for another apply), plans
 * again under the leases (another run may have done part of the work), and carries the plan out wave by wave
 * (intent/apply-run.ts). A reconcile, not a script: running it again after a failure or a kill does only what
 * still differs. Exit 0 when everything matches, 1 when a deployment failed or rows stayed blocked or not
 * started, 2 for a bad intent, 4 when a lease stayed held.
 */
import { randomBytes } from 'node:crypto';
import { ApplyFailedError, InvalidInputError } from '../errors.js';
import { runApply, type ApplyStep, type StepStatus } from '../intent/apply-run.js';
import type { Host } from '../host.js';
import { heartbeatPeriod } from '../progress.js';
import { LEASE_TTL_MS, LeaseKeeper, leaseHolder } from '../intent/lease-keeper.js';
import type { BuiltPlan, Plan } from '../intent/plan-build.js';
import { planSummary, renderPlanMermaid, renderPlanTable } from '../intent/plan-render.js';
import type { CommandModule, CommandResultBase } from './command-module.js';
import { canDeployItself } from './deployment-flow.js';
import { DEFAULT_TIMEOUT_MS, durationInput } from './input-resolution.js';
import { computePlan, planFilters, type PlanRequest } from './plan.js';
import { bool, int } from './request-inputs.js';
import type { Backend } from '../backend/backend.js';

export interface ApplyRequest extends Omit<PlanRequest, 'mermaid' | 'passOnChanges'> {
  parallel: number;
  failFast: boolean;
  lockTimeoutMs: number;
  timeoutMs: number;
  dryRun: boolean;
}

export interface ApplyResult extends CommandResultBase {
  operation: 'apply';
  /** The plan carried out (made under the leases), with its Mermaid waves. */
  plan: Plan & { mermaid: string };
  /** One per plan row, in plan order. */
  steps: ApplyStep[];
  counts: Record<StepStatus, number>;
  /** Who held the leases (this run), and on which environments. */
  lease: { holder: string; environments: string[] } | null;
  dryRun?: boolean;
}

const DEFAULT_LOCK_TIMEOUT_MS = 10 * 60_000;

/** Problems that would stop a row from running, found before anything runs (exit 2). */
function runnableProblems(built: BuiltPlan, backend: Backend): string[] {
  const problems = new Set<string>();
  for (const r of built.plan.rows) {
    const app = built.applications.get(r.application)!;
    if (r.action === 'deploy' && !app.deploy && !canDeployItself(backend)) {
      problems.add(
        `application ${r.application} has no "deploy" command in the intent, and the ${backend.kind} store cannot run deployments itself`,
      );
    }
    if (r.action === 'undeploy' && !app.undeploy)
      problems.add(`application ${r.application} has no "undeploy" command in the intent, and ${r.environment} wants none of it`);
  }
  return [...problems];
}

function countSteps(steps: ApplyStep[]): Record<StepStatus, number> {
  const c: Record<StepStatus, number> = { succeeded: 0, failed: 0, skipped: 0, blocked: 0, unchanged: 0 };
  for (const s of steps) c[s.status]++;
  return c;
}

export const applyCommand: CommandModule<ApplyRequest, ApplyResult> = {
  name: 'apply',
  summary: 'Make the environments match intent.toml: deploy wave by wave, under a per-environment lease',
  examples: [
    'shiplog apply',
    'shiplog apply --env prod-eu --parallel 4 --fail-fast',
    'shiplog apply --lock-timeout 30m --json',
    'shiplog apply --dry-run',
  ],
  mutating: true,

  request(inputs) {
    const problems: string[] = [];
    const filters = planFilters(inputs, problems);
    const parallel = int(inputs, 'parallel') ?? 1;
    if (!Number.isInteger(parallel) || parallel < 1) problems.push(`--parallel must be 1 or more (got ${parallel})`);
    const lockTimeoutMs = durationInput(inputs, 'lock-timeout', problems) ?? DEFAULT_LOCK_TIMEOUT_MS;
    const timeoutMs = durationInput(inputs, 'timeout', problems) ?? DEFAULT_TIMEOUT_MS;
    if (problems.length) throw InvalidInputError.of(problems);
    return { ...filters, parallel, failFast: bool(inputs, 'fail-fast'), lockTimeoutMs, timeoutMs, dryRun: bool(inputs, 'dry-run') };
  },

  async run(ctx, req) {
    const { host } = ctx;
    const first = await computePlan(ctx, req);
    const backend = await ctx.backend();
    const result = (built: BuiltPlan, steps: ApplyStep[], lease: ApplyResult['lease']): ApplyResult => ({
      ok: true,
      operation: 'apply',
      plan: { ...built.plan, mermaid: renderPlanMermaid(built.plan) },
      steps,
      counts: countSteps(steps),
      lease,
    });
    const hasWork = (b: BuiltPlan) => b.plan.rows.some((r) => r.action === 'deploy' || r.action === 'undeploy');
    const problems = runnableProblems(first, backend);
    if (problems.length) throw InvalidInputError.of(problems, `fix ${first.plan.intent} (docs/intent.md)`);
    if (ctx.dryRun || req.dryRun) {
      host.log.info(`dry run: ${planSummary(first.plan)}; nothing deployed`);
      return { ...result(first, [], null), dryRun: true };
    }
    let built = first;
    let steps: ApplyStep[];
    let lease: ApplyResult['lease'] = null;
    if (!hasWork(first)) {
      steps = await runApply(ctx, await ctx.pipeline(), backend, first, undefined, options(req, host));
    } else {
      const keeper = new LeaseKeeper(host, backend, leaseHolder(ctx.ci(), host.env.USER ?? host.env.USERNAME), {
        ttlMs: LEASE_TTL_MS,
        lockTimeoutMs: req.lockTimeoutMs,
      });
      const environments = first.plan.environments.map((e) => e.name);
      await keeper.acquire(environments);
      lease = { holder: keeper.holder.label, environments: [...environments].sort() };
      try {
        // Again under the leases: another apply may have done some of the work meanwhile.
        built = await computePlan(ctx, req);
        const again = runnableProblems(built, backend);
        if (again.length) throw InvalidInputError.of(again, `fix ${built.plan.intent} (docs/intent.md)`);
        host.log.info(`apply: ${planSummary(built.plan)}`);
        steps = await runApply(ctx, await ctx.pipeline(), backend, built, keeper, options(req, host));
      } finally {
        await keeper.releaseAll();
      }
    }
    const res = result(built, steps, lease);
    const c = res.counts;
    if (c.failed || c.skipped || c.blocked) {
      const parts = [
        c.failed ? `${c.failed} failed` : '',
        c.skipped ? `${c.skipped} not started` : '',
        c.blocked ? `${c.blocked} blocked by the release policy` : '',
      ].filter(Boolean);
      throw new ApplyFailedError(
        `apply did not reach the intent: ${parts.join(', ')} (${c.succeeded} deployed, ${c.unchanged} already matched)`,
        { ...res, ok: false },
        {
          hint:
            c.blocked && !c.failed
              ? 'see the unmet rules in the plan (shiplog plan)'
              : 'fix the cause and run shiplog apply again: it does only what still differs',
        },
      );
    }
    return res;
  },

  render(res) {
    if (res.dryRun) return `[dry run] ${renderPlanTable(res.plan)}`;
    const c = res.counts;
    return c.succeeded === 0
      ? 'apply: nothing to do: every environment matches the intent'
      : `apply: ${c.succeeded} deployed, ${c.unchanged} already matched`;
  },
};

function options(req: ApplyRequest, host: Host) {
  return {
    parallel: req.parallel,
    failFast: req.failFast,
    timeoutMs: req.timeoutMs,
    heartbeatMs: heartbeatPeriod(host),
    runId: randomBytes(6).toString('hex'),
  };
}
