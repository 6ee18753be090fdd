/**
 * The release policy as the operations apply it: read the application version's record from the backend, judge
 * it with the one gate (policy/gate.ts), throw the refusal (the same error a dry run and the real run give), and
 * hand the backend the GateCheck its transaction re-runs. Also the `--override --reason` inputs and the verdict
 * fields every gated result carries (`gatePassed`, `unmetRules`, `override`).
 */
import type { Backend, GateCheck } from '../backend/backend.js';
import type { AppVersionRecord, ApplicationVersion, Override, PipelineConfig, UnmetRule } from '../model.js';
import { judge } from '../policy/enforce.js';
import type { GateTarget, Verdict } from '../policy/gate.js';
import { gateRefusal } from '../policy/refusal.js';
import type { ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import { bool, str } from './request-inputs.js';

/** The verdict fields of a gated result. */
export interface VerdictFields {
  gatePassed: boolean;
  unmetRules: UnmetRule[];
  /** Present when the gate passed only by `--override`. */
  override?: Override;
}

/** `--override` and `--reason` from the inputs: both or neither (pushes a problem otherwise). */
export function overrideInput(inputs: ResolvedInputs, problems: string[]): { reason: string } | undefined {
  const wanted = bool(inputs, 'override');
  const reason = str(inputs, 'reason')?.trim();
  if (wanted && !reason) problems.push('--override needs --reason "<why>" (it is recorded with the override)');
  if (!wanted && reason) problems.push('--reason is only taken with --override');
  return wanted && reason ? { reason } : undefined;
}

/**
 * The record of an application version, or one with no decisions when the backend has none (a dry run's empty
 * store). Component branches are asked for only when a stage has a branch rule (`pipeline` given) or always.
 */
export async function recordFor(backend: Backend, av: ApplicationVersion, pipeline?: PipelineConfig): Promise<AppVersionRecord> {
  const branches = pipeline === undefined || pipeline.stages.some((s) => s.policy?.branches !== undefined);
  return (
    (await backend.applicationVersionRecord(av.name, { branches })) ?? {
      appVersion: av,
      components: [],
      approvals: [],
      moves: [],
      deployments: [],
    }
  );
}

export interface GateOutcome {
  check: GateCheck;
  verdict: Verdict;
  override?: Override;
  fields: VerdictFields;
}

/** Judges a move or deployment; throws the refusal when it does not pass (and no override applies). */
export async function passGate(
  ctx: OperationContext,
  pipeline: PipelineConfig,
  backend: Backend,
  av: ApplicationVersion,
  target: GateTarget,
  override?: { reason: string },
): Promise<GateOutcome> {
  const check: GateCheck = { pipeline, actor: await ctx.actor(), now: ctx.host.now().toISOString(), ...(override ? { override } : {}) };
  const decided = judge(check, await recordFor(backend, av, pipeline), target);
  if (!decided.verdict.gatePassed && !decided.override) throw gateRefusal(decided.verdict);
  if (decided.override)
    ctx.host.log.warn(
      `overriding the release policy (${decided.override.rules.map((r) => r.rule).join(', ')}): ${decided.override.reason}`,
    );
  return { check, ...decided, fields: verdictFields(decided.verdict, decided.override) };
}

export function verdictFields(verdict: Verdict, override?: Override): VerdictFields {
  return { gatePassed: verdict.gatePassed, unmetRules: verdict.unmetRules, ...(override ? { override } : {}) };
}
