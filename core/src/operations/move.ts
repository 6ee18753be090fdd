/**
 * `move`: moves an application version from its stage to another (an Ortelius domain) via the target's move
 * task. The release policy judges the move first (policy/gate.ts: no skipped stage, a successful deployment in
 * the stage left, soak time, branches, approvals, freezes); a refusal is exit 1 naming every unmet rule, on a
 * dry run too, and the record stores judge it again in their transaction. Accepts dh's --from-domain/--task and
 * a friendlier --to.
 */
import { InvalidInputError } from '../errors.js';
import type { Actor } from '../model.js';
import { findStage, nextStage, requireStage, stageIndex } from '../pipeline-config.js';
import { namedStage, nextServerStage } from './server-names.js';
import { findAppVersion, parseAppVersionRef, type AppVersionRef } from './app-version-lookup.js';
import type { CommandModule, CommandResultBase } from './command-module.js';
import { overrideInput, passGate, type VerdictFields } from './gate-check.js';
import { bool, str } from './request-inputs.js';

export interface MoveRequest {
  app: AppVersionRef;
  to?: string;
  from?: string;
  task?: string;
  notes?: string;
  override?: { reason: string };
  dryRun: boolean;
}

export interface MoveResult extends CommandResultBase, Partial<VerdictFields> {
  operation: 'move';
  appVersion: string;
  from: string;
  to: string;
  task: string;
  /** false when the application version already was in the target stage (nothing changed). */
  moved: boolean;
  requiresApproval: boolean;
  /** Who moved it (absent when nothing moved). */
  actor?: Actor;
  /** `--notes` as stored with the move (redacted); absent without notes or when nothing moved. */
  notes?: string;
  dryRun?: boolean;
}

export const moveCommand: CommandModule<MoveRequest, MoveResult> = {
  name: 'move',
  summary: 'Move an application version to another pipeline stage (approval-gated stages need `approve` first)',
  examples: [
    'shiplog move --application GLOBAL.Acme.Store.shop --app-version 1.0.3 --to qa',
    'shiplog move --application "GLOBAL.Acme.Store.shop;1.0.3" --from-domain GLOBAL.Acme.qa --task "Move to prod"',
  ],
  mutating: true,

  request(inputs) {
    const problems: string[] = [];
    const app = parseAppVersionRef(str(inputs, 'application'), str(inputs, 'app-version'), problems);
    const override = overrideInput(inputs, problems);
    if (problems.length > 0 || !app) throw InvalidInputError.of(problems);
    return {
      app,
      to: str(inputs, 'to'),
      from: str(inputs, 'from'),
      task: str(inputs, 'task'),
      notes: str(inputs, 'notes'),
      ...(override ? { override } : {}),
      dryRun: bool(inputs, 'dry-run'),
    };
  },

  async run(ctx, req) {
    const pipeline = await ctx.pipeline();
    const problems: string[] = [];
    const inConfig = (v: string | undefined) => (v === undefined ? undefined : findStage(pipeline, v));
    const backend = await ctx.backend();
    // A stage the config does not define may be a domain of the backend's server (server-names.ts).
    const named = async (v: string | undefined) => {
      if (v === undefined) return undefined;
      const s = inConfig(v) ?? (backend.resolveDomain ? await namedStage(pipeline, backend, v, req.app.application) : undefined);
      if (!s) problems.push(`unknown stage "${v}"`);
      return s;
    };
    const toNamed = await named(req.to);
    const fromNamed = await named(req.from);
    if (problems.length > 0) {
      throw InvalidInputError.of(problems, `stages: ${pipeline.stages.map((s) => `${s.name} (domain ${s.domain})`).join(', ')}`);
    }
    const av = await findAppVersion(backend, req.app);
    const current = av.stage !== undefined ? inConfig(av.stage) : undefined;
    // A --from the config does not define names a server domain (dh's --from_domain): the server, which runs the
    // task, knows where the version is; shiplog's own record of its stage does not overrule that.
    if (fromNamed && current && fromNamed.name !== current.name && stageIndex(pipeline, fromNamed.name) >= 0) {
      throw new InvalidInputError(`${av.name} is in stage "${current.name}", not "${fromNamed.name}"`, {
        hint: 'omit --from to move from the current stage',
      });
    }
    const from =
      fromNamed ?? current ?? (av.stage !== undefined ? ((await named(av.stage)) ?? requireStage(pipeline, av.stage)) : undefined);
    if (!from) {
      throw new InvalidInputError(`the current stage of ${av.name} is unknown to the ${backend.kind} backend`, {
        hint: 'name it with --from (stage or domain)',
      });
    }
    // From a stage the config does not define, the server's Move tasks say where it goes.
    const viaServer =
      !toNamed && stageIndex(pipeline, from.name) < 0
        ? await nextServerStage(pipeline, backend, from, req.task, req.app.application)
        : undefined;
    const to = toNamed ?? viaServer?.stage ?? nextStage(pipeline, from.name);
    if (!to) {
      throw new InvalidInputError(`${av.name} is in the last stage ("${from.name}"); there is no next stage`, {
        hint: 'name the target with --to',
      });
    }
    const task = req.task ?? to.task;
    const base = {
      ok: true as const,
      operation: 'move' as const,
      appVersion: av.name,
      from: from.name,
      to: to.name,
      task,
      requiresApproval: to.requiresApproval,
    };
    if (from.name === to.name) {
      ctx.host.log.info(`${av.name} already is in ${to.name}; nothing to move`);
      return { ...base, moved: false };
    }
    // The same verdict, message and exit code on a dry run as on the real run.
    const gate = await passGate(ctx, pipeline, backend, av, { action: 'move', from: from.name, to: to.name }, req.override);
    const actor = gate.check.actor;
    if (req.dryRun) {
      ctx.host.log.info(
        `dry run: would move ${av.name} from ${from.name} to ${to.name} via task "${task}"${to.requiresApproval ? ` (${to.name} needs an approval)` : ''}`,
      );
      return { ...base, moved: false, actor, ...(req.notes ? { notes: req.notes } : {}), ...gate.fields, dryRun: true };
    }
    const done = await backend.moveApplicationVersion({
      appVersion: av,
      from: { name: from.name, domain: from.domain },
      to: { name: to.name, domain: to.domain },
      task,
      requiresApproval: to.requiresApproval,
      gate: gate.check,
      by: actor.id,
      actor,
      at: gate.check.now,
      ...(req.notes ? { notes: req.notes } : {}),
      ...(gate.override ? { override: gate.override } : {}),
      provenance: ctx.ci(),
    });
    const notes = done.notes ?? (req.notes ? ctx.host.redactor.redact(req.notes) : undefined);
    const override = done.override ?? gate.override;
    return {
      ...base,
      from: done.from,
      to: done.to,
      moved: true,
      actor,
      ...(notes ? { notes } : {}),
      ...gate.fields,
      ...(override ? { override } : {}),
    };
  },

  render(res) {
    const overridden = res.override ? ` (release policy overridden: ${res.override.reason})` : '';
    if (res.dryRun) return `[dry run] ${res.appVersion}: ${res.from} -> ${res.to} (task "${res.task}")${overridden}`;
    if (!res.moved) return `${res.appVersion} stays in ${res.to}`;
    return `${res.appVersion} moved ${res.from} -> ${res.to} (task "${res.task}")${overridden}`;
  },
};
