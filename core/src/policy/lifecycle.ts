/**
 * The lifecycle: stages linked by `after` into a tree rooted at the first stage. A version enters a stage from
 * the stage it comes after, skipping only stages marked optional; it may go back to a stage it already passed.
 */
import type { PipelineConfig, Stage, StagePolicy } from '../model.js';

/**
 * The policy of a stage. A stage built in code without one (no shiplog.toml keys) gets the permissive defaults:
 * after the stage before it, no success requirement, one approval when requiresApproval, overrides refused.
 */
export function policyOf(config: PipelineConfig, stage: Stage): StagePolicy {
  if (stage.policy) return stage.policy;
  const i = config.stages.indexOf(stage);
  return {
    ...(i > 0 ? { after: config.stages[i - 1].name } : {}),
    optional: false,
    requireSuccess: false,
    allEnvironments: false,
    minApprovals: stage.requiresApproval ? 1 : 0,
    allowSelfApproval: true,
    allowOverride: false,
  };
}

function byName(config: PipelineConfig, name: string | undefined): Stage | undefined {
  return name === undefined ? undefined : (config.stages.find((s) => s.name === name) ?? config.stages.find((s) => s.domain === name));
}

/** The stage a stage comes after; undefined for the first stage. */
export function predecessorOf(config: PipelineConfig, stage: Stage): Stage | undefined {
  return byName(config, policyOf(config, stage).after);
}

/** The stages before `stage` on its way from the first stage, nearest first. */
export function ancestorsOf(config: PipelineConfig, stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s = predecessorOf(config, stage); s && !out.includes(s) && s !== stage; s = predecessorOf(config, s)) out.push(s);
  return out;
}

/** Whether a version in stage `current` has reached `target` (is in it, or went past it). */
export function hasReached(config: PipelineConfig, current: Stage, target: Stage): boolean {
  return current === target || ancestorsOf(config, current).includes(target);
}

/** The stages that come right after `name` (file order); the first stage when `name` is undefined. */
export function successorsOf(config: PipelineConfig, name: string | undefined): Stage[] {
  if (name === undefined) return config.stages.slice(0, 1);
  const from = byName(config, name);
  if (!from) return [];
  return config.stages.filter((s) => predecessorOf(config, s) === from);
}

/**
 * What stands between `from` and `to` on the way in: `skipped` lists the non-optional stages a move would jump
 * over; `offPath` is true when `from` is not on the way to `to` at all.
 */
export function pathTo(config: PipelineConfig, from: Stage, to: Stage): { offPath: boolean; skipped: Stage[] } {
  const before = ancestorsOf(config, to);
  const i = before.indexOf(from);
  if (i < 0) {
    const passed = ancestorsOf(config, from);
    return { offPath: true, skipped: before.filter((s) => !passed.includes(s) && !policyOf(config, s).optional).reverse() };
  }
  return {
    offPath: false,
    skipped: before
      .slice(0, i)
      .filter((s) => !policyOf(config, s).optional)
      .reverse(),
  };
}
