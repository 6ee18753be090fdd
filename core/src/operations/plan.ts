/**
 * `shiplog plan`: what it takes to make the environments match intent.toml (docs/intent.md): per environment
 * and application the current and desired version, the action (deploy / undeploy / nothing / blocked) and,
 * when blocked, every unmet rule of the release gate; grouped into dependency waves. Exit 0 when there is
 * nothing to do, 1 when there is work or drift (so a scheduled job can alert), 2 on a bad intent.
 */
import { InvalidInputError } from '../errors.js';
import { releaseGate } from '../intent/gate-check.js';
import { loadIntent } from '../intent/intent-file.js';
import { buildPlan, type BuiltPlan, type Plan } from '../intent/plan-build.js';
import { renderPlanMermaid, renderPlanTable } from '../intent/plan-render.js';
import { namePartProblem } from '../naming.js';
import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import { parseApplication } from './query-filters.js';
import { bool, list, str } from './request-inputs.js';

export interface PlanRequest {
  intent?: string;
  environments: string[];
  applications: string[];
  /** Print the Mermaid waves on stdout (--mermaid, not under --json). */
  mermaid: boolean;
  /** Exit 0 also when the plan has changes (--pass-on-changes). */
  passOnChanges: boolean;
}

export interface PlanResult extends CommandResultBase, Plan {
  operation: 'plan';
  /** The waves as a Mermaid flowchart (also what --mermaid prints). */
  mermaid: string;
  /** Present (true) only with --pass-on-changes: the plan exits 0 whatever it holds. */
  passOnChanges?: true;
}

/** The --env and --application filters of plan and apply, every problem pushed. */
export function planFilters(inputs: ResolvedInputs, problems: string[]): Pick<PlanRequest, 'intent' | 'environments' | 'applications'> {
  const environments = list(inputs, 'env');
  for (const e of environments) {
    const p = namePartProblem(e, '--env');
    if (p) problems.push(p);
  }
  const applications: string[] = [];
  for (const raw of list(inputs, 'application')) {
    const app = parseApplication(raw, problems);
    if (app?.appVersion) problems.push(`--application ${raw}: name the application without a version`);
    else if (app) applications.push(app.application);
  }
  return { intent: str(inputs, 'intent'), environments, applications };
}

/** Reads the intent, the pipeline and the store, and builds the plan (plan-build.ts). */
export async function computePlan(
  ctx: OperationContext,
  req: Pick<PlanRequest, 'intent' | 'environments' | 'applications'>,
): Promise<BuiltPlan> {
  const { intent, problems } = await loadIntent(ctx.host, req.intent);
  const pipeline = await ctx.pipeline();
  const backend = await ctx.backend();
  return buildPlan({
    intent,
    problems,
    pipeline,
    backend,
    gate: releaseGate(
      pipeline,
      backend,
      () => ctx.actor(),
      () => ctx.host.now(),
    ),
    environments: req.environments,
    applications: req.applications,
  });
}

export const planCommand: CommandModule<PlanRequest, PlanResult> = {
  name: 'plan',
  summary: 'Compare what runs where with intent.toml: the deployments to make, in dependency waves (exit 1 when there is work)',
  examples: [
    'shiplog plan',
    'shiplog plan --env prod-eu --json',
    'shiplog plan --mermaid > waves.mmd',
    'shiplog plan --intent deploy/intent.toml --application GLOBAL.Acme.Store.shop',
  ],
  mutating: false,

  request(inputs) {
    const problems: string[] = [];
    const filters = planFilters(inputs, problems);
    if (problems.length) throw InvalidInputError.of(problems);
    return { ...filters, mermaid: bool(inputs, 'mermaid') && inputs.json !== true, passOnChanges: bool(inputs, 'pass-on-changes') };
  },

  async run(ctx, req) {
    const { plan } = await computePlan(ctx, req);
    const mermaid = renderPlanMermaid(plan);
    if (req.mermaid) ctx.host.stdout(mermaid);
    return { ok: true, operation: 'plan', ...plan, mermaid, ...(req.passOnChanges ? { passOnChanges: true as const } : {}) };
  },

  render(res) {
    return renderPlanTable(res);
  },

  exitCode(res) {
    return res.changes && !res.passOnChanges ? 1 : 0;
  },
};
