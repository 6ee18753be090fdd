/**
 * `shiplog history`: deployments newest first, filtered by application, environment and/or component,
 * at most `--limit` (default 20).
 */
import { InvalidInputError } from '../errors.js';
import type { Deployment, DeploymentMode, DeploymentStatus } from '../model.js';
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
}

export interface HistoryResult extends CommandResultBase {
  operation: 'history';
  deployments: HistoryEntry[];
  filter: { application: string | null; environment: string | null; component: string | null; limit: number };
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
  return { application, environment, component, limit };
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
  return {
    ok: true,
    operation: 'history',
    deployments,
    filter: {
      application: req.application?.appVersion ?? req.application?.application ?? null,
      environment: req.environment ?? null,
      component: req.component ?? null,
      limit: req.limit,
    },
  };
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
  };
}

export function historyTable(res: HistoryResult): TableData {
  return tableOf(
    [
      { header: 'ID', cell: (d) => d.id, right: true },
      { header: 'STARTED', cell: (d) => shortTime(d.startedAt) },
      { header: 'ENVIRONMENT', cell: (d) => d.environment },
      { header: 'APPLICATION', cell: (d) => d.application },
      { header: 'VERSION', cell: (d) => versionPart(d.appVersion) },
      { header: 'STATUS', cell: (d) => d.status },
      { header: 'EXIT', cell: (d) => d.exitCode, right: true },
      { header: 'MODE', cell: (d) => d.mode },
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
  summary: 'List deployments newest first, filtered by application, environment or component.',
  examples: [
    'shiplog history',
    'shiplog history --env prod --limit 5',
    'shiplog history --application GLOBAL.Acme.Store.shop --json',
    'shiplog history --component-name "GLOBAL.Acme.Store.cart;main"',
  ],
  mutating: false,
  request: (inputs) => historyRequest(inputs),
  run: runHistory,
  render: renderHistory,
  table: historyTable,
};
