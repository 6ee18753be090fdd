/**
 * THE gate: one pure function from (policy, an application version and its records, target, actor, now) to a
 * verdict naming every unmet rule. `move`, every `deploy` mode, `check-gate`, `show` and the dry runs call it
 * before writing; the record stores call it again inside their transaction (under the lock, on fresh reads), so
 * two racing writers cannot both pass on stale reads. docs/policy.md describes the rules.
 *
 * Entering a stage (a move, or a deploy into a stage the version has not reached):
 *   stage-order      no non-optional stage skipped on the way from the current stage
 *   require-success  the stage left had a successful deployment of the version (the last one there did not fail)
 *   wait             the soak time since that successful deployment has passed
 *   branches         the version was built from an allowed branch
 *   approval         enough approvals that count; rejected: no rejection standing
 *   freeze           no freeze window over the stage's environments
 * Deploying into a stage already reached: branches, no standing rejection, no freeze over the environment.
 * Moving back to a stage already passed: only freezes.
 */
import picomatch from 'picomatch';
import type { Actor, Approval, ApplicationVersion, DeploymentStatus, Override, PipelineConfig, Stage, UnmetRule } from '../model.js';
import { findStage, stageOfEnvironment } from '../pipeline-config.js';
import { approvalRules, q } from './approvals.js';
import { activeFreeze } from './freeze.js';
import { hasReached, pathTo, policyOf } from './lifecycle.js';

/** One deployment of the application version, as the gate needs it. */
export interface DeploymentFact {
  id: number;
  environment: string;
  status: DeploymentStatus;
  /** When it finished (else started). */
  at: string;
}

/** The application version and its records. */
export interface GateSubject {
  appVersion: ApplicationVersion;
  approvals: readonly Approval[];
  deployments: readonly DeploymentFact[];
  /** Branches the version and its component versions were built from (the known ones). */
  branches: readonly string[];
}

export type GateTarget = { action: 'move'; from?: string; to: string } | { action: 'deploy'; environment: string };

export interface Verdict {
  gatePassed: boolean;
  action: 'move' | 'deploy';
  appVersion: string;
  stage: string;
  environment?: string;
  /** Who asked (recorded with an override). */
  actor: Actor;
  unmetRules: UnmetRule[];
}

export function evaluateGate(config: PipelineConfig, subject: GateSubject, target: GateTarget, actor: Actor, now: Date): Verdict {
  const av = subject.appVersion;
  const current = av.stage !== undefined ? findStage(config, av.stage) : undefined;
  const rules: UnmetRule[] = [];
  const into = target.action === 'move' ? findStage(config, target.to) : stageOfEnvironment(config, target.environment);
  if (!into) {
    // A stage or environment the pipeline does not know has no policy (the operations refuse unknown names first).
    const environment = target.action === 'deploy' ? { environment: target.environment } : {};
    return {
      gatePassed: true,
      action: target.action,
      appVersion: av.name,
      stage: target.action === 'move' ? target.to : '',
      ...environment,
      actor,
      unmetRules: [],
    };
  }
  const stage: Stage = into;
  let environment: string | undefined;
  if (target.action === 'move') {
    const from = target.from !== undefined ? findStage(config, target.from) : current;
    if (!from || !hasReached(config, from, stage)) rules.push(...entryRules(config, subject, from, stage, now));
    rules.push(...freezeRules(config, stage, stage.environments, now));
  } else {
    environment = target.environment;
    if (current && !hasReached(config, current, stage)) {
      const { skipped } = pathTo(config, current, stage);
      rules.push({
        rule: 'stage-reached',
        stage: stage.name,
        environment,
        message: `${av.name} is in stage ${current.name}, not yet in ${stage.name} (environment ${environment} belongs to ${stage.name}): move it first`,
        next: `shiplog move --application ${q(av.name)} --to ${(skipped[0] ?? stage).name}`,
      });
      rules.push(...entryRules(config, subject, current, stage, now).filter((r) => r.rule !== 'stage-order'));
    } else {
      rules.push(...branchRules(config, subject, stage), ...approvalRules(config, stage, av, subject.approvals, now, false));
    }
    rules.push(...freezeRules(config, stage, [environment], now));
  }
  return {
    gatePassed: rules.length === 0,
    action: target.action,
    appVersion: av.name,
    stage: stage.name,
    ...(environment !== undefined ? { environment } : {}),
    actor,
    unmetRules: rules,
  };
}

/** The rules of entering `to` from `from` (undefined: the current stage is unknown). */
function entryRules(config: PipelineConfig, subject: GateSubject, from: Stage | undefined, to: Stage, now: Date): UnmetRule[] {
  const av = subject.appVersion;
  const out: UnmetRule[] = [];
  if (from) {
    const { skipped } = pathTo(config, from, to);
    if (skipped.length > 0) {
      out.push({
        rule: 'stage-order',
        stage: to.name,
        message: `moving ${av.name} from ${from.name} to ${to.name} would skip ${skipped.map((s) => s.name).join(', ')} (not optional)`,
        next: `shiplog move --application ${q(av.name)} --to ${skipped[0].name}`,
        skipped: skipped.map((s) => s.name),
      });
    }
    out.push(...successRules(config, subject, from, to, now));
  }
  out.push(...branchRules(config, subject, to), ...approvalRules(config, to, av, subject.approvals, now, true));
  return out;
}

/** require_success of the stage left, and the wait of the stage entered. */
function successRules(config: PipelineConfig, subject: GateSubject, from: Stage, to: Stage, now: Date): UnmetRule[] {
  const av = subject.appVersion;
  const leaving = policyOf(config, from);
  const wait = policyOf(config, to).wait;
  const out: UnmetRule[] = [];
  const mine = subject.deployments.filter((d) => from.environments.includes(d.environment)).sort((a, b) => a.id - b.id);
  const lastIn = (env: string) => [...mine].reverse().find((d) => d.environment === env);
  const deployCmd = (env: string) => `shiplog deploy --application ${q(av.name)} --env ${env} -- <command>`;
  if (leaving.requireSuccess) {
    if (leaving.allEnvironments) {
      for (const env of from.environments) {
        const last = lastIn(env);
        if (last?.status === 'success') continue;
        out.push(successRule(av, from, to, env, last, deployCmd(env)));
      }
    } else {
      const last = mine[mine.length - 1];
      if (last?.status !== 'success')
        out.push(successRule(av, from, to, last?.environment, last, deployCmd(last?.environment ?? from.environments[0])));
    }
  }
  if (wait) {
    const ok = mine.filter((d) => d.status === 'success');
    const latest = ok[ok.length - 1];
    if (!latest) {
      if (!leaving.requireSuccess) {
        out.push({
          rule: 'wait',
          stage: to.name,
          message: `${to.name} needs ${wait.text} of soak after a successful deployment of ${av.name} to ${from.name}, and there is none yet`,
          next: deployCmd(from.environments[0]),
        });
      }
    } else {
      const ends = Date.parse(latest.at) + wait.ms;
      if (now.getTime() < ends) {
        const endsAt = new Date(ends).toISOString();
        out.push({
          rule: 'wait',
          stage: to.name,
          message: `soak in ${from.name} (${wait.text} after deployment ${latest.id} at ${latest.at}) ends in ${formatSpan(ends - now.getTime())}, at ${endsAt}`,
          next: `wait until ${endsAt}, then move again`,
          deploymentId: latest.id,
          endsAt,
        });
      }
    }
  }
  return out;
}

function successRule(
  av: ApplicationVersion,
  from: Stage,
  to: Stage,
  env: string | undefined,
  last: DeploymentFact | undefined,
  deploy: string,
): UnmetRule {
  const where = env ?? from.environments.join(', ');
  if (!last) {
    return {
      rule: 'require-success',
      stage: to.name,
      ...(env ? { environment: env } : {}),
      message: `${av.name} has no successful deployment to ${from.name} (${where}); leaving ${from.name} needs one`,
      next: deploy,
    };
  }
  const what = last.status === 'running' ? 'is still running' : 'failed';
  return {
    rule: 'require-success',
    stage: to.name,
    environment: last.environment,
    message: `the last deployment of ${av.name} to ${from.name} (deployment ${last.id} to ${last.environment}) ${what}; leaving ${from.name} needs a successful one`,
    next: last.status === 'running' ? `wait for deployment ${last.id} to finish` : deploy,
    deploymentId: last.id,
  };
}

function branchRules(config: PipelineConfig, subject: GateSubject, stage: Stage): UnmetRule[] {
  const patterns = policyOf(config, stage).branches;
  if (!patterns) return [];
  const av = subject.appVersion;
  const allowed = (b: string) => patterns.some((p) => picomatch.isMatch(b, p, { dot: true }));
  const bad = subject.branches.filter((b) => !allowed(b));
  if (subject.branches.length > 0 && bad.length === 0) return [];
  const built = subject.branches.length === 0 ? 'from a branch shiplog does not know' : `from ${bad.join(', ')}`;
  return [
    {
      rule: 'branches',
      stage: stage.name,
      message: `${av.name} was built ${built}; ${stage.name} takes only versions built from ${patterns.join(', ')}`,
      next: `build and record a version from ${patterns[0]} (shiplog version-update on that branch)`,
    },
  ];
}

function freezeRules(config: PipelineConfig, stage: Stage, environments: readonly string[], now: Date): UnmetRule[] {
  const out: UnmetRule[] = [];
  const overridable = policyOf(config, stage).allowOverride;
  for (const env of environments) {
    const f = activeFreeze(config.freezes, env, now);
    if (!f) continue;
    out.push({
      rule: 'freeze',
      stage: stage.name,
      environment: env,
      message: `${env} is frozen by "${f.window.name}" (${f.window.text})${f.window.reason ? `: ${f.window.reason}` : ''} until ${f.endsAt}`,
      next: `wait until ${f.endsAt}${overridable ? ', or pass --override --reason "..."' : ''}`,
      endsAt: f.endsAt,
      window: f.window.name,
    });
  }
  return out;
}

/**
 * `--override --reason`: a refused verdict passes when its stage allows overrides; the Override to record.
 * When it does not, the verdict gains an `override` rule saying so. A passing verdict needs no override.
 */
export function applyOverride(
  config: PipelineConfig,
  verdict: Verdict,
  override: { reason: string } | undefined,
  now: Date,
): { verdict: Verdict; override?: Override } {
  if (verdict.gatePassed || !override) return { verdict };
  const stage = findStage(config, verdict.stage)!;
  if (!policyOf(config, stage).allowOverride) {
    const rule: UnmetRule = {
      rule: 'override',
      stage: stage.name,
      message: `${stage.name} does not allow --override (allow_override = false)`,
      next: `meet the rules above, or set allow_override = true on stage ${stage.name} in shiplog.toml`,
    };
    return { verdict: { ...verdict, unmetRules: [...verdict.unmetRules, rule] } };
  }
  return {
    verdict,
    override: {
      reason: override.reason,
      actor: verdict.actor,
      at: now.toISOString(),
      rules: verdict.unmetRules.map((r) => ({ rule: r.rule, stage: r.stage, message: r.message })),
    },
  };
}

/** 750000 -> "12m 30s"; 90061000 -> "1d 1h 1m". */
export function formatSpan(ms: number): string {
  let s = Math.ceil(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(s / size);
    if (n > 0 || (unit === 's' && parts.length === 0)) parts.push(`${n}${unit}`);
    s -= n * size;
  }
  return parts.slice(0, 2).join(' ');
}
