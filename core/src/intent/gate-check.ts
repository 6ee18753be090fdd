/**
 * The seam between desired state and the release policy: plan's "blocked" verdict and the `latest-approved`
 * selector ask ONE question, "may this application version be deployed to this environment now?", through a
 * GateCheck. `deploy` must give the same answer for the same facts, so this must stay the policy's gate, never
 * a second set of rules.
 *
 * LEAD: when core/src/policy/gate.ts (evaluateGate) is on main, replace the body of `releaseGate` below with a
 * call to it: target `{ action: 'deploy', environment }`, the subject built from the application version, its
 * approvals and deployments (as deploy's own gate check builds it), the actor from ctx and host.now(); map
 * `verdict.gatePassed` to `passed` and `verdict.unmetRules` (rule, stage, message, next) to `unmetRules`.
 * Nothing else in intent/ needs to change. Until then it holds today's rule, exactly what `deploy` enforces
 * (operations/deployment-flow.ts performDeployment, and `move`'s approval backstop in record-backend.ts).
 */
import type { Backend } from '../backend/backend.js';
import type { ApplicationVersion, PipelineConfig, Stage } from '../model.js';
import { stageIndex } from '../pipeline-config.js';

export interface UnmetGateRule {
  /** stage-reached | approval | rejected today; the policy gate adds its own (freeze, wait, branches...). */
  rule: string;
  stage: string;
  /** What is wrong, one sentence. */
  message: string;
  /** The next step that would meet the rule. */
  next?: string;
}

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
 * Today's rule for deploying to an environment: the application version must have reached the
 * environment's stage (a version whose stage the backend cannot tell passes, as deploy lets it). When it has
 * not, the move it needs is unmet, and so is the approval that move needs when the stage is gated.
 */
export function releaseGate(pipeline: PipelineConfig, backend: Backend): GateCheck {
  return async (av, { environment, stage }) => {
    const at = av.stage === undefined ? -1 : stageIndex(pipeline, av.stage);
    if (at < 0 || at >= stageIndex(pipeline, stage.name)) return { passed: true, unmetRules: [] };
    const rules: UnmetGateRule[] = [
      {
        rule: 'stage-reached',
        stage: stage.name,
        message: `${av.name} is in stage ${av.stage}, not yet in ${stage.name} (environment ${environment} belongs to ${stage.name})`,
        next: `shiplog move --application "${av.name}" --to ${stage.name}`,
      },
    ];
    if (stage.requiresApproval) {
      const decisions = (await backend.listApprovals(av.name)).filter((a) => a.stage === stage.name || a.stage === stage.domain);
      const last = decisions[decisions.length - 1];
      if (!last) {
        rules.push({
          rule: 'approval',
          stage: stage.name,
          message: `${stage.name} needs an approval of ${av.name}`,
          next: `shiplog approve --application "${av.name}" --stage ${stage.name}`,
        });
      } else if (!last.approved) {
        rules.push({ rule: 'rejected', stage: stage.name, message: `${av.name} was rejected for ${stage.name} by ${last.by} at ${last.at}`, next: 'a new approval, or a newer application version' });
      }
    }
    return { passed: false, unmetRules: rules };
  };
}
