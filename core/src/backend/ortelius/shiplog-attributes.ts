/**
 * What shiplog keeps on an Ortelius application version as attributes (setvar/getvar application), because
 * the API has no way to read it back otherwise (docs/ortelius.md, "What shiplog stores on the server"):
 * - `ShiplogStage`: the pipeline stage (set on creation and by every move through shiplog);
 * - `ShiplogApproval_<stage>`: the latest approval decision for a stage (JSON);
 * - `ShiplogDeployment_<id>`: the facts of a deployment the log endpoint does not keep (JSON).
 * Attribute writes merge (no delattrs), so each key is written on its own without a read first.
 */
import type { Approval, CiContext, Deployment, DeploymentMode } from '../../model.js';

export const STAGE_KEY = 'ShiplogStage';
const APPROVAL_PREFIX = 'ShiplogApproval_';
const DEPLOYMENT_PREFIX = 'ShiplogDeployment_';

export function approvalKey(stage: string): string {
  return `${APPROVAL_PREFIX}${stage}`;
}

export function deploymentKey(id: number): string {
  return `${DEPLOYMENT_PREFIX}${id}`;
}

interface StoredApproval {
  approved: boolean;
  by: string;
  at: string;
  notes?: string;
  provenance?: CiContext;
}

export function encodeApproval(a: Approval): string {
  const s: StoredApproval = { approved: a.approved, by: a.by, at: a.at, ...(a.notes ? { notes: a.notes } : {}), ...(a.provenance ? { provenance: a.provenance } : {}) };
  return JSON.stringify(s);
}

/** The latest decision per stage, oldest first. */
export function approvalsFrom(appVersion: string, attrs: Record<string, string>): Approval[] {
  const out: Approval[] = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (!k.startsWith(APPROVAL_PREFIX)) continue;
    const s = parse<StoredApproval>(v);
    if (!s || typeof s.approved !== 'boolean') continue;
    out.push({
      appVersion,
      stage: k.slice(APPROVAL_PREFIX.length),
      approved: s.approved,
      by: String(s.by ?? ''),
      at: String(s.at ?? ''),
      ...(s.notes ? { notes: s.notes } : {}),
      ...(s.provenance ? { provenance: s.provenance } : {}),
    });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
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
