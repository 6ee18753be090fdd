/**
 * What shiplog keeps on an Ortelius application version as attributes (setvar/getvar application), because
 * the API has no way to read it back otherwise (docs/ortelius.md, "What shiplog stores on the server"):
 * - `ShiplogStage`: the pipeline stage (set on creation and by every move through shiplog);
 * - `ShiplogCreatedBy`: who recorded the version (JSON actor);
 * - `ShiplogApproval_<stage>`: the latest approval decision for a stage (JSON; what older shiplogs read);
 * - `ShiplogDecision_<ms>_<random>`: every approval and rejection (JSON, with the stage);
 * - `ShiplogMove_<ms>_<random>`: every move (JSON);
 * - `ShiplogDeployment_<id>`: the facts of a deployment the log endpoint does not keep (JSON).
 * Attribute writes merge (no delattrs), so each key is written on its own without a read first; the random part
 * keeps two writers at the same millisecond apart.
 */
import { randomBytes } from 'node:crypto';
import type { Actor, Approval, CiContext, Deployment, DeploymentMode, MoveRecord, Override } from '../../model.js';

export const STAGE_KEY = 'ShiplogStage';
export const CREATED_BY_KEY = 'ShiplogCreatedBy';
const APPROVAL_PREFIX = 'ShiplogApproval_';
const DECISION_PREFIX = 'ShiplogDecision_';
const MOVE_PREFIX = 'ShiplogMove_';
const DEPLOYMENT_PREFIX = 'ShiplogDeployment_';

/** A key no other write of the same record kind takes: `<prefix><ms, 13 digits>_<6 hex>`, sorting by time. */
function eventKey(prefix: string, at: string): string {
  const ms = Date.parse(at);
  return `${prefix}${String(Number.isFinite(ms) ? ms : 0).padStart(13, '0')}_${randomBytes(3).toString('hex')}`;
}

export function decisionKey(at: string): string {
  return eventKey(DECISION_PREFIX, at);
}

export function moveKey(at: string): string {
  return eventKey(MOVE_PREFIX, at);
}

export function approvalKey(stage: string): string {
  return `${APPROVAL_PREFIX}${stage}`;
}

export function deploymentKey(id: number): string {
  return `${DEPLOYMENT_PREFIX}${id}`;
}

interface StoredApproval {
  /** Decision records carry their stage; the per-stage key names it. */
  stage?: string;
  approved: boolean;
  by: string;
  actor?: Actor;
  at: string;
  notes?: string;
  overrides?: { by: string; at: string };
  provenance?: CiContext;
}

export function encodeApproval(a: Approval): string {
  const s: StoredApproval = {
    stage: a.stage,
    approved: a.approved,
    by: a.by,
    ...(a.actor ? { actor: a.actor } : {}),
    at: a.at,
    ...(a.notes ? { notes: a.notes } : {}),
    ...(a.overrides ? { overrides: a.overrides } : {}),
    ...(a.provenance ? { provenance: a.provenance } : {}),
  };
  return JSON.stringify(s);
}

function toApproval(appVersion: string, stage: string, s: StoredApproval): Approval {
  return {
    appVersion,
    stage,
    approved: s.approved,
    by: String(s.by ?? ''),
    actor: s.actor ?? { id: String(s.by || 'unknown'), source: 'unknown' },
    at: String(s.at ?? ''),
    ...(s.notes ? { notes: s.notes } : {}),
    ...(s.overrides ? { overrides: s.overrides } : {}),
    ...(s.provenance ? { provenance: s.provenance } : {}),
  };
}

/**
 * Every decision, oldest first: the decision records, plus the latest decision per stage written by a shiplog that
 * kept only that one (skipped when a decision record holds the same decision).
 */
export function approvalsFrom(appVersion: string, attrs: Record<string, string>): Approval[] {
  const out: Approval[] = [];
  for (const k of Object.keys(attrs).sort()) {
    if (!k.startsWith(DECISION_PREFIX)) continue;
    const s = parse<StoredApproval>(attrs[k]);
    if (s && typeof s.approved === 'boolean' && typeof s.stage === 'string') out.push(toApproval(appVersion, s.stage, s));
  }
  for (const [k, v] of Object.entries(attrs)) {
    if (!k.startsWith(APPROVAL_PREFIX)) continue;
    const s = parse<StoredApproval>(v);
    if (!s || typeof s.approved !== 'boolean') continue;
    const a = toApproval(appVersion, k.slice(APPROVAL_PREFIX.length), s);
    if (!out.some((o) => o.stage === a.stage && o.at === a.at && o.by === a.by && o.approved === a.approved)) out.push(a);
  }
  return out
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.at.localeCompare(y.a.at) || x.i - y.i)
    .map((x) => x.a);
}

export function encodeMove(m: MoveRecord): string {
  return JSON.stringify(m);
}

/** Every move recorded through shiplog, oldest first. */
export function movesFrom(attrs: Record<string, string>): MoveRecord[] {
  const out: MoveRecord[] = [];
  for (const k of Object.keys(attrs).sort()) {
    if (!k.startsWith(MOVE_PREFIX)) continue;
    const m = parse<MoveRecord>(attrs[k]);
    if (m && typeof m.to === 'string' && typeof m.at === 'string')
      out.push({ ...m, actor: m.actor ?? { id: String(m.by || 'unknown'), source: 'unknown' } });
  }
  return out;
}

export function createdByFrom(attrs: Record<string, string>): Actor | undefined {
  const a = attrs[CREATED_BY_KEY] ? parse<Actor>(attrs[CREATED_BY_KEY]) : undefined;
  return a && typeof a.id === 'string' && typeof a.source === 'string' ? { id: a.id, source: a.source } : undefined;
}

export interface StoredDeployment {
  environment: string;
  exitCode: number;
  mode: DeploymentMode;
  componentVersions: string[];
  startedAt: string;
  finishedAt?: string;
  logUrl?: string;
  attributes?: Record<string, string>;
  actor?: Actor;
  override?: Override;
  provenance: CiContext;
}

export function encodeDeployment(d: Deployment): string {
  const s: StoredDeployment = {
    environment: d.environment,
    exitCode: d.exitCode ?? 1,
    mode: d.mode,
    componentVersions: d.componentVersions,
    startedAt: d.startedAt,
    ...(d.finishedAt ? { finishedAt: d.finishedAt } : {}),
    ...(d.logUrl ? { logUrl: d.logUrl } : {}),
    ...(d.attributes ? { attributes: d.attributes } : {}),
    ...(d.actor ? { actor: d.actor } : {}),
    ...(d.override ? { override: d.override } : {}),
    provenance: d.provenance,
  };
  return JSON.stringify(s);
}

export function deploymentsFrom(attrs: Record<string, string>): Map<number, StoredDeployment> {
  const out = new Map<number, StoredDeployment>();
  for (const [k, v] of Object.entries(attrs)) {
    if (!k.startsWith(DEPLOYMENT_PREFIX)) continue;
    const id = Number(k.slice(DEPLOYMENT_PREFIX.length));
    const s = parse<StoredDeployment>(v);
    if (Number.isInteger(id) && s && typeof s.environment === 'string') out.set(id, s);
  }
  return out;
}

function parse<T>(v: string): T | undefined {
  try {
    const x: unknown = JSON.parse(v);
    return x && typeof x === 'object' ? (x as T) : undefined;
  } catch {
    return undefined;
  }
}
