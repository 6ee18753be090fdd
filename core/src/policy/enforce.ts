/**
 * Running the gate on a backend's record of an application version: the one path the operations (before any
 * write) and the record stores (inside their transaction) share, so both reach the same verdict.
 */
import type { GateCheck, MoveSpec } from '../backend/backend.js';
import type { AppVersionRecord, Override, PipelineConfig, Stage } from '../model.js';
import { applyOverride, evaluateGate, type GateSubject, type GateTarget, type Verdict } from './gate.js';
import { gateRefusal } from './refusal.js';

/** The gate's view of a record: deployments as facts, the branches the version's parts were built from. */
export function gateSubject(record: AppVersionRecord): GateSubject {
  const branches = new Set<string>();
  for (const c of record.components) if (c.branch) branches.add(c.branch);
  const own = record.appVersion.provenance?.branch;
  if (branches.size === 0 && own) branches.add(own);
  return {
    appVersion: record.appVersion,
    approvals: record.approvals,
    deployments: record.deployments.map((d) => ({
      id: d.id,
      environment: d.environment,
      status: d.status,
      at: d.finishedAt ?? d.startedAt,
    })),
    branches: [...branches],
  };
}

/** The verdict and, when `--override` passes it, the override to record. */
export function judge(check: GateCheck, record: AppVersionRecord, target: GateTarget): { verdict: Verdict; override?: Override } {
  const now = new Date(check.now);
  const verdict = evaluateGate(check.pipeline, gateSubject(record), target, check.actor, now);
  return applyOverride(check.pipeline, verdict, check.override, now);
}

/** judge(), throwing the refusal (nothing may be written) when the gate does not pass. */
export function enforceGate(check: GateCheck, record: AppVersionRecord, target: GateTarget): { verdict: Verdict; override?: Override } {
  const decided = judge(check, record, target);
  if (!decided.verdict.gatePassed && !decided.override) throw gateRefusal(decided.verdict);
  return decided;
}

/**
 * A move spec without a gate (a library caller): the policy of "the target needs a standing approval" when
 * spec.requiresApproval, as a two-stage pipeline, judged by the same function.
 */
export function legacyMoveCheck(spec: MoveSpec): GateCheck | undefined {
  if (spec.gate) return spec.gate;
  if (!spec.requiresApproval) return undefined;
  const base = { optional: false, requireSuccess: false, allEnvironments: false, allowSelfApproval: true, allowOverride: false };
  const from: Stage = { ...spec.from, requiresApproval: false, task: '', environments: [], policy: { ...base, minApprovals: 0 } };
  const to: Stage = {
    ...spec.to,
    requiresApproval: true,
    task: spec.task,
    environments: [],
    policy: { ...base, after: spec.from.name, minApprovals: 1 },
  };
  const pipeline: PipelineConfig = { stages: [from, to], environments: {} };
  return { pipeline, actor: spec.actor ?? { id: spec.by, source: 'unknown' }, now: spec.at };
}
