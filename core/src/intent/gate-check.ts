/**
 * The seam between desired state and the release policy: plan's "blocked" verdict and the `latest-approved`
 * selector ask ONE question, "may this application version be deployed to this environment now?", through a
 * GateCheck. `deploy` must give the same answer for the same facts, so this must stay the policy's gate, never
 * a second set of rules.
 *
 * `releaseGate` asks policy/gate.ts evaluateGate with target `{ action: 'deploy', environment }` on the
 * application version's record, as `deploy` does (operations/gate-check.ts passGate), and maps its verdict. A
 * GateCheck belongs to one plan: it reads each application version's record once and keeps it for that plan.
 * `apply` deploys through deployment-flow.ts performDeployment, which runs that same gate again before writing.
 */
import type { Backend } from '../backend/backend.js';
import type { Actor, ApplicationVersion, PipelineConfig, Stage, UnmetRule } from '../model.js';
import { recordFor } from '../operations/gate-check.js';
import { gateSubject } from '../policy/enforce.js';
import { evaluateGate, type GateSubject } from '../policy/gate.js';

/** An unmet rule as plan shows it: the policy gate's UnmetRule (model.ts) without its detail fields. */
export type UnmetGateRule = Pick<UnmetRule, 'rule' | 'stage' | 'message'> & Partial<Pick<UnmetRule, 'next'>>;

export interface GateCheckResult {
  passed: boolean;
  unmetRules: UnmetGateRule[];
}

export interface GateCheckTarget {
  environment: string;
  /** The stage the environment belongs to. */
  stage: Stage;
}

export type GateCheck = (appVersion: ApplicationVersion, target: GateCheckTarget) => Promise<GateCheckResult>;

/**
 * The release policy's verdict on deploying an application version to an environment now (policy/gate.ts): the
 * same rules, messages and next steps `deploy` gives. `actor` and `now` are the asking command's.
 */
export function releaseGate(pipeline: PipelineConfig, backend: Backend, actor: () => Promise<Actor>, now: () => Date): GateCheck {
  // One plan asks about the same application version once per environment: its record is read once.
  const subjects = new Map<string, Promise<GateSubject>>();
  return async (av, { environment }) => {
    let subject = subjects.get(av.name);
    if (!subject) subjects.set(av.name, (subject = recordFor(backend, av, pipeline).then(gateSubject)));
    const verdict = evaluateGate(pipeline, await subject, { action: 'deploy', environment }, await actor(), now());
    return {
      passed: verdict.gatePassed,
      unmetRules: verdict.unmetRules.map((r) => ({
        rule: r.rule,
        stage: r.stage,
        message: r.message,
        ...(r.next ? { next: r.next } : {}),
      })),
    };
  };
}
