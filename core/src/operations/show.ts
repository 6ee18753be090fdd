/**
 * `shiplog show <application-version>`: one application version's readable decisions: its components (and the
 * branch each was built from), its stage, every approval, rejection, move, deployment and override with who
 * (actor and identity source), when and notes, and for each stage it has not reached what is still missing
 * to get there, as the gate (policy/gate.ts) judges it now.
 */
import { InvalidInputError } from '../errors.js';
import type { Actor, UnmetRule } from '../model.js';
import { findStage } from '../pipeline-config.js';
import { gateSubject } from '../policy/enforce.js';
import { evaluateGate } from '../policy/gate.js';
import { actorOrLegacy } from '../policy/identity.js';
import { hasReached } from '../policy/lifecycle.js';
import { findAppVersion, parseAppVersionRef, type AppVersionRef } from './app-version-lookup.js';
import type { CommandModule, CommandResultBase } from './command-module.js';
import { recordFor } from './gate-check.js';
import { eventDetail, eventsOf, type ReleaseEvent } from './release-events.js';
import { renderTable, shortTime } from './render-table.js';
import { str } from './request-inputs.js';

export interface ShowRequest {
  app: AppVersionRef;
}

export interface StageView {
  name: string;
  /** passed: the version went through it; current: it is in it; ahead: not reached yet. */
  state: 'passed' | 'current' | 'ahead';
  /** ahead: whether a move there would pass the gate now, and what is missing. */
  gatePassed?: boolean;
  unmetRules?: UnmetRule[];
}

export interface ShowResult extends CommandResultBase {
  operation: 'show';
  appVersion: string;
  application: string;
  version: string;
  stage: string | null;
  createdAt: string;
  /** Who recorded it ({id: 'unknown', source: 'unknown'} for records written before shiplog kept actors). */
  actor: Actor;
  predecessor: string | null;
  /** Full component version names. */
  components: string[];
  /** The git branch each component version was built from, by component version name (only those known). */
  componentBranches: Record<string, string>;
  /** Oldest first. */
  events: ReleaseEvent[];
  stages: StageView[];
}

export const showCommand: CommandModule<ShowRequest, ShowResult> = {
  name: 'show',
  summary:
    'Show one application version: components, stage, every approval, rejection, move, deployment and override, and what each later stage still needs',
  examples: ['shiplog show "GLOBAL.Acme.Store.shop;3"', 'shiplog show --application GLOBAL.Acme.Store.shop --json'],
  mutating: false,

  request(inputs) {
    const problems: string[] = [];
    const app = parseAppVersionRef(str(inputs, 'application'), str(inputs, 'app-version'), problems);
    if (problems.length > 0 || !app) throw InvalidInputError.of(problems);
    return { app };
  },

  async run(ctx, req) {
    const pipeline = await ctx.pipeline();
    const backend = await ctx.backend();
    const av = await findAppVersion(backend, req.app);
    const record = await recordFor(backend, av);
    const now = ctx.host.now();
    const actor = await ctx.actor();
    const current = av.stage !== undefined ? findStage(pipeline, av.stage) : undefined;
    const subject = gateSubject(record);
    const stages: StageView[] = pipeline.stages.map((s) => {
      if (current === s) return { name: s.name, state: 'current' };
      if (current && hasReached(pipeline, current, s)) return { name: s.name, state: 'passed' };
      if (!current) return { name: s.name, state: 'ahead' };
      const v = evaluateGate(pipeline, subject, { action: 'move', from: current.name, to: s.name }, actor, now);
      return { name: s.name, state: 'ahead', gatePassed: v.gatePassed, unmetRules: v.unmetRules };
    });
    return {
      ok: true,
      operation: 'show',
      appVersion: av.name,
      application: av.application,
      version: av.version,
      stage: av.stage ?? null,
      createdAt: av.createdAt,
      actor: actorOrLegacy(record.appVersion.actor, undefined),
      predecessor: av.predecessor ?? null,
      components: record.components.map((c) => c.name),
      componentBranches: Object.fromEntries(record.components.filter((c) => c.branch).map((c) => [c.name, c.branch!])),
      events: eventsOf(record),
      stages,
    };
  },

  render(res) {
    const who = res.actor.id !== 'unknown' ? ` by ${res.actor.id} (${res.actor.source})` : '';
    const lines = [`${res.appVersion}: stage ${res.stage ?? 'unknown'}; recorded ${shortTime(res.createdAt)}${who}`, '', 'components:'];
    for (const c of res.components) lines.push(`  ${c}${res.componentBranches[c] ? ` (branch ${res.componentBranches[c]})` : ''}`);
    lines.push('', 'record:');
    lines.push(
      renderTable(
        [
          { header: 'TIME', cell: (e) => shortTime(e.at) },
          { header: 'EVENT', cell: (e) => e.kind },
          { header: 'ACTOR', cell: (e) => e.actor.id },
          { header: 'SOURCE', cell: (e) => e.actor.source },
          { header: 'DETAIL', cell: (e) => eventDetail(e) },
        ],
        res.events,
        'nothing recorded yet',
      ),
    );
    lines.push('', 'stages:');
    for (const s of res.stages) {
      if (s.state !== 'ahead') lines.push(`  ${s.name}: ${s.state}`);
      else if (s.gatePassed) lines.push(`  ${s.name}: a move would pass now`);
      else if (s.unmetRules) lines.push(`  ${s.name}: needs ${s.unmetRules.map((r) => `${r.rule}: ${r.message}`).join('; ')}`);
      else lines.push(`  ${s.name}: ahead`);
    }
    return lines.join('\n');
  },
};
