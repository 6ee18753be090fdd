/**
 * `approve`: records an approval (or with --reject a rejection) of an application version for a stage:
 * who (model.ts Actor: the CI platform's identity, else git user.email, else the OS user; `--as` outside CI),
 * when, and notes. The stage's approval rule decides who may: an identity not in `approvers`, from an untrusted
 * source, or (approving) the one that recorded the version without allow_self_approval is refused with exit 1
 * and nothing stored. A gated `move` into that stage counts the approvals (policy/approvals.ts).
 */
import { InvalidInputError } from '../errors.js';
import type { Actor, Approval } from '../model.js';
import { findStage, nextStage, requireStage } from '../pipeline-config.js';
import { approverProblems } from '../policy/approvals.js';
import { actorOrLegacy } from '../policy/identity.js';
import { approverRefusal } from '../policy/refusal.js';
import { gateNotes } from '../kit/platform-gates.js';
import { findAppVersion, parseAppVersionRef, type AppVersionRef } from './app-version-lookup.js';
import type { CommandModule, CommandResultBase } from './command-module.js';
import type { VerdictFields } from './gate-check.js';
import { bool, str } from './request-inputs.js';

export interface ApproveRequest {
  app: AppVersionRef;
  stage?: string;
  reject: boolean;
  notes?: string;
  dryRun: boolean;
}

export interface ApproveResult extends CommandResultBase, VerdictFields {
  operation: 'approve';
  appVersion: string;
  approved: boolean;
  stage: string;
  /** Who decided. */
  actor: Actor;
  at: string;
  notes?: string;
  /** An approval that overrides the stage's standing rejection names it (source `unknown`: the record keeps only the id). */
  overrides?: { actor: Actor; at: string };
  dryRun?: boolean;
}

export const approveCommand: CommandModule<ApproveRequest, ApproveResult> = {
  name: 'approve',
  summary: 'Approve (or --reject) an application version for a stage',
  examples: [
    'shiplog approve --application GLOBAL.Acme.Store.shop --app-version 1.0.3 --stage prod',
    'shiplog approve --application "GLOBAL.Acme.Store.shop;1.0.3" --reject --notes "smoke tests failed"',
  ],
  mutating: true,

  request(inputs) {
    const problems: string[] = [];
    const app = parseAppVersionRef(str(inputs, 'application'), str(inputs, 'app-version'), problems);
    // A platform gate is released, never rejected: the platform stops the job before this step runs.
    if (bool(inputs, 'platform-gate') && bool(inputs, 'reject')) problems.push('--platform-gate records an approval: leave out --reject');
    if (problems.length > 0 || !app) throw InvalidInputError.of(problems);
    return {
      app,
      stage: str(inputs, 'stage'),
      reject: bool(inputs, 'reject'),
      notes: str(inputs, 'notes'),
      dryRun: bool(inputs, 'dry-run'),
    };
  },

  async run(ctx, req) {
    const pipeline = await ctx.pipeline();
    // An unknown --stage is reported before the store is even opened.
    const named = req.stage !== undefined ? requireStage(pipeline, req.stage) : undefined;
    const backend = await ctx.backend();
    const av = await findAppVersion(backend, req.app);
    let stage = named;
    if (!stage && av.stage !== undefined && !findStage(pipeline, av.stage)) {
      throw new InvalidInputError(`${av.name} is in stage "${av.stage}", which the pipeline config does not have`, {
        hint: 'name the stage with --stage',
      });
    }
    if (!stage) {
      stage = nextStage(pipeline, av.stage);
      if (!stage) {
        throw new InvalidInputError(`${av.name} is in the last stage ("${av.stage}"); there is no next stage to approve`, {
          hint: 'name the stage with --stage',
        });
      }
    }
    const actor = await ctx.actor();
    const gate = await ctx.platformGate?.();
    const notes = gate ? gateNotes(gate, req.notes) : req.notes;
    const approval: Approval = {
      appVersion: av.name,
      stage: stage.name,
      approved: !req.reject,
      by: actor.id,
      actor,
      at: ctx.host.now().toISOString(),
      ...(notes ? { notes } : {}),
      provenance: ctx.ci(),
    };
    // Who may decide: judged before anything is written, on a dry run too (the record stores re-check it).
    const problems = approverProblems(pipeline, stage, av, actor, { rejecting: req.reject });
    if (problems.length > 0)
      throw approverRefusal(`${req.reject ? 'rejection' : 'approval'} of ${av.name} for ${stage.name}`, av.name, problems);
    const base = {
      ok: true as const,
      operation: 'approve' as const,
      appVersion: av.name,
      approved: approval.approved,
      stage: stage.name,
      gatePassed: true,
      unmetRules: [],
    };
    if (req.dryRun) {
      ctx.host.log.info(
        `dry run: would record ${approval.approved ? 'an approval' : 'a rejection'} of ${av.name} for ${stage.name} by ${approval.by}`,
      );
      return { ...base, actor, at: approval.at, ...(notes ? { notes } : {}), dryRun: true };
    }
    const saved = await backend.recordApproval(approval, { pipeline });
    return {
      ...base,
      actor: saved.actor ?? actor,
      at: saved.at,
      ...(saved.notes ? { notes: saved.notes } : {}),
      ...(saved.overrides ? { overrides: { actor: actorOrLegacy(undefined, saved.overrides.by), at: saved.overrides.at } } : {}),
    };
  },

  render(res) {
    const what = res.approved ? 'approved' : 'rejected';
    const over = res.overrides ? ` (overrides the rejection by ${res.overrides.actor.id} at ${res.overrides.at})` : '';
    return `${res.dryRun ? '[dry run] ' : ''}${res.appVersion} ${what} for ${res.stage} by ${res.actor.id}${over}`;
  },
};
