/**
 * `shiplog history`: deployments newest first, filtered by application, environment and/or component,
 * at most `--limit` (default 20). `--kind move|approve|reject|override` lists those events instead (from each
 * application version's record, release-events.ts).
 */
import type { Backend } from '../backend/backend.js';
import { InvalidInputError } from '../errors.js';
import type { Actor, Deployment, DeploymentMode, DeploymentStatus, Override, PipelineConfig } from '../model.js';
import { componentMatches } from '../naming.js';
import { findStage } from '../pipeline-config.js';
import { deploymentActor } from '../policy/identity.js';
import { eventDetail, eventsOf, type EventKind, type ReleaseEvent } from './release-events.js';
import { cleanVariant, cleanVersion, splitDomain } from '../naming.js';
import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import {
  assertKnownEnvironment,
  buildInfo,
  buildLabel,
  parseApplication,
  type ApplicationFilter,
  type BuildInfo,
} from './query-filters.js';
import { str } from './request-inputs.js';
import { renderAligned, shortTime, tableOf, versionPart, type TableData } from './render-table.js';

export const DEFAULT_HISTORY_LIMIT = 20;

export interface HistoryRequest {
  application?: ApplicationFilter;
  environment?: string;
  /** Full component base or version name, cleaned. */
  component?: string;
  limit: number;
  kind: EventKind;
}

export interface HistoryEntry {
  id: number;
  application: string;
  /** Full application version name. */
  appVersion: string;
  environment: string;
  status: DeploymentStatus;
  exitCode: number | null;
  startedAt: string;
  finishedAt: string | null;
  mode: DeploymentMode;
  components: string[];
  logUrl: string | null;
  build: BuildInfo;
  /** Who deployed ({id, source: 'unknown'} for records written before shiplog kept actors). */
  actor: Actor;
  /** Present when the deployment passed its gate by `--override`. */
  override?: Override;
}

export interface HistoryResult extends CommandResultBase {
  operation: 'history';
  kind: EventKind;
  /** `--kind deploy` (the default); empty for the other kinds. */
  deployments: HistoryEntry[];
  /** Every other kind: newest first. */
  events?: ReleaseEvent[];
  filter: { application: string | null; environment: string | null; component: string | null; limit: number; kind: EventKind };
}

export function historyRequest(inputs: ResolvedInputs): HistoryRequest {
  const problems: string[] = [];
  const app = str(inputs, 'application');
  const application = app === undefined ? undefined : parseApplication(app, problems);
  const environment = str(inputs, 'env');
  const compRaw = str(inputs, 'component-name');
  const component = compRaw === undefined ? undefined : parseComponentFilter(compRaw, problems);
  const limit = parseLimit(inputs.limit, problems);
  if (problems.length > 0) throw InvalidInputError.of(problems);
  return { application, environment, component, limit, kind: (str(inputs, 'kind') ?? 'deploy') as EventKind };
}

/** `--limit`: a whole number >= 1 (default 20). */
function parseLimit(raw: ResolvedInputs[string], problems: string[]): number {
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return DEFAULT_HISTORY_LIMIT;
  const text = Array.isArray(raw) ? raw[raw.length - 1] : String(raw);
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    problems.push(`--limit must be a whole number >= 1, got "${text}"`);
    return DEFAULT_HISTORY_LIMIT;
  }
  return n;
}

/**
 * `GLOBAL.Acme.Store.cart`, `...cart;main` or `...cart;main;v1.2.0`: cleaned as stored
 * (variant: `.`/`-`/`/` -> `_`; version: `.`/`-` -> `_`). A two-part name is read as base;variant.
 */
function parseComponentFilter(raw: string, problems: string[]): string | undefined {
  const [dotted, ...semi] = raw.split(';');
  try {
    splitDomain(dotted, 'component');
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
    return undefined;
  }
  if (semi.length > 2 || semi.some((p) => p.trim() === '')) {
    problems.push(`component "${raw}" must be <domain>.<name>[;variant][;version]`);
    return undefined;
  }
  const parts = [dotted.trim()];
  if (semi.length >= 1) parts.push(cleanVariant(semi[0].trim()));
  if (semi.length === 2) parts.push(cleanVersion(semi[1].trim()));
  return parts.join(';');
}

export async function runHistory(ctx: OperationContext, req: HistoryRequest): Promise<HistoryResult> {
  const backend = await ctx.backend();
  if (req.environment !== undefined) await assertKnownEnvironment(backend, await ctx.pipeline(), req.environment);
  const filterOut = {
    application: req.application?.appVersion ?? req.application?.application ?? null,
    environment: req.environment ?? null,
    component: req.component ?? null,
    limit: req.limit,
    kind: req.kind,
  };
  if (req.kind !== 'deploy') {
    return {
      ok: true,
      operation: 'history',
      kind: req.kind,
      deployments: [],
      events: await releaseEvents(backend, await ctx.pipeline(), req),
      filter: filterOut,
    };
  }
  const filter = {
    application: req.application?.application,
    environment: req.environment,
    component: req.component,
  };
  const wanted = (d: Deployment) => req.application?.appVersion === undefined || d.appVersion === req.application.appVersion;
  // The backend filters by application, not by application version: widen the window until enough match
  // or the history is exhausted, so an appVersion filter does not read the whole history up front.
  let ask = req.limit;
  let kept: Deployment[];
  for (;;) {
    const found = await backend.history({ ...filter, limit: ask });
    kept = found.filter(wanted);
    if (kept.length >= req.limit || found.length < ask) break;
    ask *= 4;
  }
  const deployments = kept
    .sort((a, b) => cmpNewestFirst(a, b))
    .slice(0, req.limit)
    .map(toEntry);
  return { ok: true, operation: 'history', kind: 'deploy', deployments, filter: filterOut };
}

/**
 * Moves, approvals, rejections or overrides newest first: read from the record of every application version of
 * the applications asked about (every application without --application). An environment filter keeps the events
 * of its stage (deployment overrides: of that environment); a component filter the versions that hold it.
 */
async function releaseEvents(backend: Backend, pipeline: PipelineConfig, req: HistoryRequest): Promise<ReleaseEvent[]> {
  const apps = req.application ? [req.application.application] : await backend.listApplications();
  const envStage = req.environment !== undefined ? pipeline.environments[req.environment] : undefined;
  const inEnv = (e: ReleaseEvent) => {
    if (req.environment === undefined) return true;
    if (e.environment !== undefined) return e.environment === req.environment;
    const stage = e.stage !== undefined ? findStage(pipeline, e.stage) : undefined;
    return stage !== undefined && stage.name === envStage;
  };
  const out: ReleaseEvent[] = [];
  for (const app of apps) {
    for (const av of await backend.listApplicationVersions(app)) {
      if (req.application?.appVersion !== undefined && av.name !== req.application.appVersion) continue;
      const component = req.component;
      if (component !== undefined && !av.components.some((c) => componentMatches(component, c))) continue;
      const record = await backend.applicationVersionRecord(av.name);
      if (record) out.push(...eventsOf(record).filter((e) => e.kind === req.kind && inEnv(e)));
    }
  }
  return out
    .map((e, i) => ({ e, i }))
    .sort((x, y) => (x.e.at < y.e.at ? 1 : x.e.at > y.e.at ? -1 : y.i - x.i))
    .slice(0, req.limit)
    .map((x) => x.e);
}

/** Newest first by start time, then by id (ids grow with time on both backends). */
function cmpNewestFirst(a: Deployment, b: Deployment): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return b.id - a.id;
}

function toEntry(d: Deployment): HistoryEntry {
  return {
    id: d.id,
    application: d.application,
    appVersion: d.appVersion,
    environment: d.environment,
    status: d.status,
    exitCode: d.exitCode,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt ?? null,
    mode: d.mode,
    components: [...d.componentVersions],
    logUrl: d.logUrl ?? null,
    build: buildInfo(d.provenance),
    actor: deploymentActor(d),
    ...(d.override ? { override: d.override } : {}),
  };
}

export function historyTable(res: HistoryResult): TableData {
  if (res.events) {
    return tableOf(
      [
        { header: 'TIME', cell: (e) => shortTime(e.at) },
        { header: 'APPLICATION', cell: (e) => e.application },
        { header: 'VERSION', cell: (e) => versionPart(e.appVersion) },
        { header: 'EVENT', cell: (e) => e.kind },
        { header: 'ACTOR', cell: (e) => e.actor.id },
        { header: 'SOURCE', cell: (e) => e.actor.source },
        { header: 'DETAIL', cell: (e) => eventDetail(e) },
      ],
      res.events,
      `no ${res.kind === 'approve' ? 'approvals' : res.kind === 'reject' ? 'rejections' : `${res.kind}s`}`,
    );
  }
  return tableOf(
    [
      { header: 'ID', cell: (d) => d.id, right: true },
      { header: 'STARTED', cell: (d) => shortTime(d.startedAt) },
      { header: 'ENVIRONMENT', cell: (d) => d.environment },
      { header: 'APPLICATION', cell: (d) => d.application },
      { header: 'VERSION', cell: (d) => versionPart(d.appVersion) },
      { header: 'STATUS', cell: (d) => d.status },
      { header: 'EXIT', cell: (d) => d.exitCode, right: true },
      { header: 'MODE', cell: (d) => (d.override ? `${d.mode} (override)` : d.mode) },
      { header: 'BUILD', cell: (d) => buildLabel(d.build) },
    ],
    res.deployments,
    'no deployments',
  );
}

export function renderHistory(res: HistoryResult): string {
  return renderAligned(historyTable(res));
}

export const historyCommand: CommandModule<HistoryRequest, HistoryResult> = {
  name: 'history',
  summary:
    'List deployments (or with --kind: moves, approvals, rejections, overrides) newest first, filtered by application, environment or component.',
  examples: [
    'shiplog history',
    'shiplog history --env prod --limit 5',
    'shiplog history --kind override --env prod',
    'shiplog history --kind approve --application GLOBAL.Acme.Store.shop',
    'shiplog history --application GLOBAL.Acme.Store.shop --json',
    'shiplog history --component-name "GLOBAL.Acme.Store.cart;main"',
  ],
  mutating: false,
  request: (inputs) => historyRequest(inputs),
  run: runHistory,
  render: renderHistory,
  table: historyTable,
};
