/**
 * `shiplog status`: what runs where. One entry per (environment, application): the application version,
 * its component versions, the deployment that put it there, since when, and which CI build did it.
 * Reads only the backend's current-state view (never the whole history).
 */
import { InvalidInputError } from '../errors.js';
import { renderDashboardHtml } from '../report/dashboard-html.js';
import type { Actor, EnvironmentState, Override } from '../model.js';
import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import {
  assertKnownEnvironment,
  buildInfo,
  buildLabel,
  environmentOrder,
  parseApplication,
  type ApplicationFilter,
  type BuildInfo,
} from './query-filters.js';
import { buildDashboard, DEFAULT_RECENT } from './report.js';
import { str } from './request-inputs.js';
import { renderAligned, shortTime, tableOf, versionPart, type TableData } from './render-table.js';

export interface StatusRequest {
  environment?: string;
  application?: ApplicationFilter;
  /** `--format html`: also draw the release dashboard page (the result's `html`). */
  html?: boolean;
}

export interface StatusEntry {
  name: string;
  application: string;
  /** Full application version name, e.g. `GLOBAL.Acme.Store.shop;1_0_2`. */
  appVersion: string;
  /** Full component version names. */
  components: string[];
  deploymentId: number;
  deployedAt: string;
  build: BuildInfo;
  /** Who deployed it (absent in records written before shiplog kept actors). */
  actor?: Actor;
  /** Present when the deployment that put it there passed its gate by `--override`. */
  override?: Override;
}

export interface StatusResult extends CommandResultBase {
  operation: 'status';
  environments: StatusEntry[];
  /** The filters applied (null when absent). */
  filter: { environment: string | null; application: string | null };
  /** `--format html`: the release dashboard page (report's renderer), printed on stdout instead of the table. */
  html?: string;
}

export function statusRequest(inputs: ResolvedInputs): StatusRequest {
  const problems: string[] = [];
  const environment = str(inputs, 'env');
  const app = str(inputs, 'application');
  const application = app === undefined ? undefined : parseApplication(app, problems);
  const html = inputs.format === 'html';
  if (html && environment !== undefined)
    problems.push('--format html draws every environment (the page filters by environment): leave out --env');
  if (html && application?.appVersion !== undefined)
    problems.push('--format html draws applications, not one version: name the application without a version');
  if (problems.length > 0) throw InvalidInputError.of(problems);
  return { environment, application, ...(html ? { html } : {}) };
}

export async function runStatus(ctx: OperationContext, req: StatusRequest): Promise<StatusResult> {
  const backend = await ctx.backend();
  const config = await ctx.pipeline();
  if (req.environment !== undefined) await assertKnownEnvironment(backend, config, req.environment);
  const states = await backend.status({ environment: req.environment, application: req.application?.application });
  const byEnv = environmentOrder(config);
  const entries = states
    // the backend filters; filter again so a lax backend cannot widen the answer
    .filter((s) => req.environment === undefined || s.name === req.environment)
    .filter((s) => req.application === undefined || s.application === req.application.application)
    .filter((s) => req.application?.appVersion === undefined || s.appVersion === req.application.appVersion)
    .sort((a, b) => byEnv(a.name, b.name) || cmp(a.application, b.application))
    .map(toEntry);
  const result: StatusResult = {
    ok: true,
    operation: 'status',
    environments: entries,
    filter: { environment: req.environment ?? null, application: req.application?.appVersion ?? req.application?.application ?? null },
  };
  // --format html: the same page `report --html` writes, from the same model (redacted before it is drawn)
  if (req.html)
    result.html = renderDashboardHtml(
      ctx.host.redactor.redactValue(
        await buildDashboard(ctx, {
          application: req.application,
          recent: DEFAULT_RECENT,
          intent: ctx.host.env.SHIPLOG_INTENT || undefined,
        }),
      ),
    );
  return result;
}

function toEntry(s: EnvironmentState): StatusEntry {
  return {
    name: s.name,
    application: s.application,
    appVersion: s.appVersion,
    components: [...s.components],
    deploymentId: s.deploymentId,
    deployedAt: s.deployedAt,
    build: buildInfo(s.provenance),
    ...(s.actor ? { actor: s.actor } : {}),
    ...(s.override ? { override: s.override } : {}),
  };
}

/** The status rows: one per component version, the entry's own cells grouped over them. */
export function statusTable(res: StatusResult): TableData {
  const where = res.filter.environment ? ` to ${res.filter.environment}` : '';
  const what = res.filter.application ? ` of ${res.filter.application}` : '';
  const rows = res.environments.flatMap((e) => {
    const comps = e.components.length > 0 ? e.components : [''];
    return comps.map((c, i) => ({ e, c, first: i === 0 }));
  });
  return tableOf(
    [
      { header: 'ENVIRONMENT', cell: (r) => r.e.name, group: true },
      { header: 'APPLICATION', cell: (r) => r.e.application, group: true },
      { header: 'VERSION', cell: (r) => `${versionPart(r.e.appVersion)}${r.e.override ? ' (override)' : ''}`, group: true },
      { header: 'DEPLOYED', cell: (r) => shortTime(r.e.deployedAt), group: true },
      { header: 'ID', cell: (r) => r.e.deploymentId, right: true, group: true },
      { header: 'BUILD', cell: (r) => buildLabel(r.e.build), group: true },
      { header: 'COMPONENTS', cell: (r) => r.c },
    ],
    rows,
    `nothing deployed${what}${where} yet`,
    (r) => r.first,
  );
}

export function renderStatus(res: StatusResult): string {
  return renderAligned(statusTable(res));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const statusCommand: CommandModule<StatusRequest, StatusResult> = {
  name: 'status',
  summary: 'Show what runs where: per environment the application version, its components, since when and by which build.',
  examples: ['shiplog status', 'shiplog status --env prod --json', 'shiplog status --application GLOBAL.Acme.Store.shop'],
  mutating: false,
  request: (inputs) => statusRequest(inputs),
  run: runStatus,
  render: renderStatus,
  table: statusTable,
};
