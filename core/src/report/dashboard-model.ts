/**
 * The dashboard model: what `shiplog report` shows, built once by the report operation from the results of the
 * queries (status, graph, history, diff) and drawn by the dashboard renderers (HTML page, markdown summary).
 * Plain data, already redacted when a renderer sees it; no renderer decides anything the model does not say.
 *
 * `gate` and `drift` on a cell are optional: they are filled when a release policy or an intent file says
 * something about the cell (operations/report-annotations.ts is the one place that fills them).
 */
import type { Actor } from '../model.js';

/** Which CI job did it, as the queries' `build` block says, with the link when there is one. */
export interface DashboardBuild {
  /** `github release / deploy #1234`, `local`. */
  label: string;
  /** http(s) only when rendered as a link. */
  url: string | null;
  commit: string | null;
  /** The CI user that started the build (the queries' `build.user`). */
  user: string | null;
}

/**
 * The release policy's gate for a cell (operations/report-annotations.ts): the gate the version waiting in an
 * earlier environment faces to come here (`next` names it), else the running version's own.
 */
export type GateStatus = (
  | { state: 'passed' }
  | { state: 'waiting'; approvalsMissing: number }
  | { state: 'frozen'; reason?: string }
  | { state: 'overridden'; actor?: Actor; reason?: string }
  /** Refused by other rules than approvals and freezes (require-success, wait, branches, rejected, ...). */
  | { state: 'blocked'; rules: string[] }
) & {
  /** The application version (full name) waiting to come here, when it is not the one running here. */
  next?: string;
};

/** What the release policy and the intent file say about an environment where the application does not run. */
export interface DashboardCellNotes {
  gate?: GateStatus;
  drift?: DriftStatus;
}

/** What runs against what the intent file says should run, when an intent file exists. */
export interface DriftStatus {
  /** in-sync: as intended; drifted: another version runs; missing: intended but nothing runs; unplanned: runs but no intent. */
  state: 'in-sync' | 'drifted' | 'missing' | 'unplanned';
  /** The intended application version (full name), when there is one. */
  intended?: string;
}

/** One cell of the matrix: what runs in one environment for one application. */
export interface DashboardCell {
  /** Full application version name. */
  appVersion: string;
  /** Its version part (`1_0_2`). */
  version: string;
  /** When the deployment that put it there happened (ISO-8601). */
  since: string;
  deploymentId: number;
  build: DashboardBuild;
  /** True when another version runs in the environment before this one (pipeline order) that has the application. */
  differsFromPrevious: boolean;
  gate?: GateStatus;
  drift?: DriftStatus;
}

/** One component of an application: its version in each environment (aligned with Dashboard.environments). */
export interface DashboardComponentRow {
  /** Component base: `GLOBAL.Acme.Store.cart;main`. */
  base: string;
  /** Version part per environment; null where the application does not run it. */
  versions: (string | null)[];
  /** Per environment: differs from the previous environment that runs the application (as `shiplog diff` says). */
  differs: boolean[];
}

export interface DashboardLineageVersion {
  /** Full application version name. */
  name: string;
  version: string;
  predecessor: string | null;
  /** Component versions new against the predecessor (full names). */
  changed: string[];
  /** Component bases dropped against the predecessor. */
  removed: string[];
  /** Environments it runs in now. */
  deployedTo: string[];
}

export interface DashboardDeployment {
  id: number;
  environment: string;
  appVersion: string;
  version: string;
  status: string;
  exitCode: number | null;
  startedAt: string;
  finishedAt: string | null;
  /** finishedAt - startedAt, when both are known. */
  durationMs: number | null;
  mode: string;
  logUrl: string | null;
  build: DashboardBuild;
}

/** An approval, a rejection, or an override of a gate, with who made it. */
export interface DashboardDecision {
  appVersion: string;
  version: string;
  stage: string;
  decision: 'approved' | 'rejected' | 'overridden';
  /** Who decided (source `unknown` for records written before shiplog kept actors). */
  actor: Actor;
  at: string;
  notes: string | null;
}

export interface DashboardApplication {
  /** Full base name: `GLOBAL.Acme.Store.shop`. */
  name: string;
  /** Aligned with Dashboard.environments; null where nothing of it runs. */
  cells: (DashboardCell | null)[];
  /** Aligned with `cells`, present when an empty cell has a gate (a version waiting to come) or drift (`missing`). */
  emptyCells?: (DashboardCellNotes | null)[];
  components: DashboardComponentRow[];
  lineage: { versions: DashboardLineageVersion[]; /** Older versions left out of the drawing. */ omitted: number };
  /** Newest first, at most Dashboard.limits.deployments. */
  deployments: DashboardDeployment[];
  /** Newest first. */
  decisions: DashboardDecision[];
}

export interface Dashboard {
  title: string;
  /** When the report was built (ISO-8601, the Host's clock). */
  generatedAt: string;
  /** Pipeline order, then the others by name. */
  environments: string[];
  applications: DashboardApplication[];
  limits: { deployments: number; lineage: number };
  /** Where the full HTML report is published, when known (the markdown's pointer). */
  htmlUrl?: string;
}

/** `GLOBAL.Acme.Store.shop;1_0_2` -> `1_0_2`. */
export function versionOf(fullName: string): string {
  const i = fullName.lastIndexOf(';');
  return i < 0 ? fullName : fullName.slice(i + 1);
}

/** `GLOBAL.Acme.Store.cart;main` -> `cart;main` (the domain is the application's already). */
export function shortName(full: string): string {
  const [dotted, ...rest] = full.split(';');
  const i = dotted.lastIndexOf('.');
  return [i < 0 ? dotted : dotted.slice(i + 1), ...rest].join(';');
}

/** `1 h 02 min`, `45 s`, `—`. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** `3 d ago` against `now`; the absolute time is shown beside it by the renderers. */
export function formatAge(at: string, now: string): string {
  const ms = Date.parse(now) - Date.parse(at);
  if (!Number.isFinite(ms)) return '';
  if (ms < 60_000) return 'just now';
  const min = Math.floor(ms / 60_000);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** `2026-01-01 12:00 UTC`. */
export function formatTime(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(at);
  return m ? `${m[1]} ${m[2]} UTC` : at;
}

/** The words a gate status is shown with (`next 1_0_3: waiting for 1 approval`). */
export function gateText(g: GateStatus): string {
  const next = g.next ? `next ${versionOf(g.next)}: ` : '';
  return `${next}${gateWords(g)}`;
}

function gateWords(g: GateStatus): string {
  switch (g.state) {
    case 'passed':
      return 'gate passed';
    case 'waiting':
      return `waiting for ${g.approvalsMissing} approval${g.approvalsMissing === 1 ? '' : 's'}`;
    case 'frozen':
      return g.reason ? `frozen: ${g.reason}` : 'frozen';
    case 'overridden':
      return `overridden${g.actor ? ` by ${g.actor.id}` : ''}${g.reason ? `: ${g.reason}` : ''}`;
    case 'blocked':
      return `blocked: ${g.rules.join(', ')}`;
  }
}

/** The words a drift status is shown with. */
export function driftText(d: DriftStatus): string {
  const intended = d.intended ? versionOf(d.intended) : 'none';
  switch (d.state) {
    case 'in-sync':
      return 'as intended';
    case 'drifted':
      return `intended ${intended}`;
    case 'missing':
      return `intended ${intended}, not running`;
    case 'unplanned':
      return 'not in the intent file';
  }
}
