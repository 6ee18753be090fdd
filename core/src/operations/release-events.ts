/**
 * The decisions and actions recorded about an application version as one list of events (`show`, and `history
 * --kind move|approve|reject|override`): approvals, rejections, moves, deployments, and an `override` event
 * for every move or deployment that passed its gate by `--override`.
 */
import type { Actor, AppVersionRecord } from '../model.js';
import { actorOrLegacy } from '../policy/identity.js';

export type EventKind = 'deploy' | 'move' | 'approve' | 'reject' | 'override';

export interface ReleaseEvent {
  kind: EventKind;
  at: string;
  appVersion: string;
  application: string;
  actor: Actor;
  /** approve, reject: the stage decided about; move, override of a move: the target stage. */
  stage?: string;
  from?: string;
  to?: string;
  environment?: string;
  deploymentId?: number;
  status?: string;
  notes?: string;
  /** override: the reason given. */
  reason?: string;
  /** override: the rules that were overridden. */
  rules?: string[];
  /** approve: the rejection this approval overrides (source `unknown`: the record keeps only the id). */
  overrides?: { actor: Actor; at: string };
}

/** Every event of a record, oldest first. */
export function eventsOf(record: AppVersionRecord): ReleaseEvent[] {
  const av = record.appVersion;
  const base = { appVersion: av.name, application: av.application };
  const out: ReleaseEvent[] = [];
  for (const a of record.approvals) {
    out.push({
      ...base,
      kind: a.approved ? 'approve' : 'reject',
      at: a.at,
      actor: actorOrLegacy(a.actor, a.by),
      stage: a.stage,
      ...(a.notes ? { notes: a.notes } : {}),
      ...(a.overrides ? { overrides: { actor: actorOrLegacy(undefined, a.overrides.by), at: a.overrides.at } } : {}),
    });
  }
  for (const m of record.moves) {
    const move = { ...base, at: m.at, actor: actorOrLegacy(m.actor, m.by), stage: m.to, from: m.from, to: m.to };
    out.push({ ...move, kind: 'move', ...(m.notes ? { notes: m.notes } : {}) });
    if (m.override)
      out.push({
        ...move,
        kind: 'override',
        actor: m.override.actor,
        reason: m.override.reason,
        rules: m.override.rules.map((r) => r.rule),
      });
  }
  for (const d of record.deployments) {
    const at = d.finishedAt ?? d.startedAt;
    const deploy = {
      ...base,
      at,
      actor: actorOrLegacy(d.actor, undefined),
      environment: d.environment,
      deploymentId: d.id,
      status: d.status,
    };
    out.push({ ...deploy, kind: 'deploy' });
    if (d.override)
      out.push({
        ...deploy,
        kind: 'override',
        actor: d.override.actor,
        reason: d.override.reason,
        rules: d.override.rules.map((r) => r.rule),
      });
  }
  return out
    .map((e, i) => ({ e, i }))
    .sort((x, y) => (x.e.at < y.e.at ? -1 : x.e.at > y.e.at ? 1 : x.i - y.i))
    .map((x) => x.e);
}

/** One line of what an event was: `qa -> prod`, `prod-eu: success (deployment 7)`, `prod: "CAB-123"`. */
export function eventDetail(e: ReleaseEvent): string {
  const notes = e.notes ? ` "${e.notes}"` : '';
  switch (e.kind) {
    case 'move':
      return `${e.from} -> ${e.to}${notes}`;
    case 'deploy':
      return `${e.environment}: ${e.status} (deployment ${e.deploymentId})`;
    case 'override':
      return `${e.environment ? `deployment ${e.deploymentId} to ${e.environment}` : `move to ${e.to}`}: ${e.rules?.join(', ')}: "${e.reason}"`;
    default:
      return `${e.stage}${notes}${e.overrides ? ` (overrides the rejection by ${e.overrides.actor.id})` : ''}`;
  }
}
