/**
 * `shiplog check-gate --application A --to STAGE` (or `--env ENV`): asks the release policy whether a move
 * into the stage (or a deployment to the environment) would pass now, without doing it, so a pipeline can ask
 * before it starts a long job. Exit 0 passes; exit 1 refused, with every unmet rule, in the very words `move`
 * or `deploy` would refuse with (the same gate, policy/gate.ts).
 */
import { InvalidInputError } from '../errors.js';
import type { UnmetRule } from '../model.js';
import { findStage, requireEnvironmentStage, requireStage } from '../pipeline-config.js';
import { judge } from '../policy/enforce.js';
import type { GateTarget } from '../policy/gate.js';
import { gateRefusal, verdictSubject } from '../policy/refusal.js';
import { findAppVersion, parseAppVersionRef, type AppVersionRef } from './app-version-lookup.js';
import type { CommandModule, CommandResultBase } from './command-module.js';
import { recordFor } from './gate-check.js';
import { str } from './request-inputs.js';

export interface CheckGateRequest {
  app: AppVersionRef;
  to?: string;
  environment?: string;
}

export interface CheckGateResult extends CommandResultBase {
  operation: 'check-gate';
  appVersion: string;
  action: 'move' | 'deploy';
  /** The stage the application version is in. */
  from: string | null;
  /** The stage a move would enter, or the environment's stage. */
  stage: string;
  environment: string | null;
  gatePassed: true;
  unmetRules: UnmetRule[];
}

export const checkGateCommand: CommandModule<CheckGateRequest, CheckGateResult> = {
  name: 'check-gate',
  summary:
    'Ask the release policy whether a move into a stage (--to) or a deployment to an environment (--env) would pass now: exit 0 passes, 1 refused with every unmet rule',
  examples: [
    'shiplog check-gate --application GLOBAL.Acme.Store.shop --to prod',
    'shiplog check-gate --application "GLOBAL.Acme.Store.shop;3" --env prod --json',
  ],
  mutating: false,

  request(inputs) {
    const problems: string[] = [];
    const app = parseAppVersionRef(str(inputs, 'application'), str(inputs, 'app-version'), problems);
    const to = str(inputs, 'to');
    const environment = str(inputs, 'env');
    if (to === undefined && environment === undefined)
      problems.push('give the stage a move would enter (--to) or the environment a deployment would go to (--env)');
    if (problems.length > 0 || !app) throw InvalidInputError.of(problems);
    // --to wins: DEPLOY_ENV left in the environment by a dh-style step must not turn a move question into a deploy one.
    return to !== undefined ? { app, to } : { app, environment };
  },

  async run(ctx, req) {
    const pipeline = await ctx.pipeline();
    const stage = req.to !== undefined ? requireStage(pipeline, req.to) : requireEnvironmentStage(pipeline, req.environment!);
    const backend = await ctx.backend();
    const av = await findAppVersion(backend, req.app);
    const current = av.stage !== undefined ? findStage(pipeline, av.stage) : undefined;
    if (req.to !== undefined && !current) {
      throw new InvalidInputError(`the current stage of ${av.name} is unknown to the ${backend.kind} backend`, {
        hint: 'ask with --env instead, or move it with shiplog move --from <stage>',
      });
    }
    const target: GateTarget =
      req.to !== undefined ? { action: 'move', from: current!.name, to: stage.name } : { action: 'deploy', environment: req.environment! };
    const check = { pipeline, actor: await ctx.actor(), now: ctx.host.now().toISOString() };
    const { verdict } = judge(check, await recordFor(backend, av, pipeline), target);
    if (!verdict.gatePassed) throw gateRefusal(verdict);
    return {
      ok: true,
      operation: 'check-gate',
      appVersion: av.name,
      action: target.action,
      from: current?.name ?? null,
      stage: stage.name,
      environment: req.environment ?? null,
      gatePassed: true,
      unmetRules: [],
    };
  },

  render(res) {
    return `gate passes: ${verdictSubject({ ...res, environment: res.environment ?? undefined })}`;
  },
};
