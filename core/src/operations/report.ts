/**
 * `shiplog report`: the release dashboard. Builds one dashboard model (report/dashboard-model.ts) from the
 * results of the queries (status for the matrix and the component versions, diff's comparison for the
 * highlighting, graph for the lineage, history for the last deployments) plus the approvals the backend
 * keeps, redacts it, and renders it as one self-contained HTML page (--html FILE) and/or markdown
 * (--markdown FILE, `-` or nothing for stdout).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '../errors.js';
import { renderDashboardHtml } from '../report/dashboard-html.js';
import { renderDashboardMarkdown } from '../report/dashboard-markdown.js';
import {
  versionOf,
  type Dashboard,
  type DashboardApplication,
  type DashboardBuild,
  type DashboardComponentRow,
  type DashboardDecision,
} from '../report/dashboard-model.js';
import { baseOfComponentVersion } from '../naming.js';
import { actorOrLegacy } from '../policy/identity.js';
import type { CommandModule, CommandResultBase, ResolvedInputs } from './command-module.js';
import type { OperationContext } from './context.js';
import { diffApplication } from './diff.js';
import { runGraph } from './graph.js';
import { runHistory, type HistoryEntry } from './history.js';
import {
  buildLabel,
  environmentOrder,
  parseApplication,
  pipelineEnvironments,
  type ApplicationFilter,
  type BuildInfo,
} from './query-filters.js';
import { annotateCells } from './report-annotations.js';
import { int, str } from './request-inputs.js';
import { runStatus, type StatusEntry } from './status.js';

export const DASHBOARD_TITLE = 'shiplog release dashboard';
/** Versions drawn per application's lineage (the newest). */
export const LINEAGE_LIMIT = 10;
/** Deployments shown per application unless --recent says otherwise. */
export const DEFAULT_RECENT = 10;
/** Applications read at once. */
const PARALLEL = 8;

export interface ReportRequest {
  application?: ApplicationFilter;
  html?: string;
  /** A file, or `-` for stdout. */
  markdown?: string;
  htmlUrl?: string;
  recent: number;
  /** The intent file the drift is read from (else the nearest intent.toml, when there is one). */
  intent?: string;
}

export interface ReportFile {
  path: string;
  bytes: number;
}

export interface ReportResult extends CommandResultBase {
  operation: 'report';
  dashboard: Dashboard;
  html: ReportFile | null;
  /** path `-` when printed on stdout. */
  markdown: (ReportFile & { truncated: boolean; omittedApplications: number }) | null;
}

export function reportRequest(inputs: ResolvedInputs): ReportRequest {
  const problems: string[] = [];
  const app = str(inputs, 'application');
  const application = app === undefined ? undefined : parseApplication(app, problems);
  const html = str(inputs, 'html');
  let markdown = str(inputs, 'markdown');
  if (inputs.html !== undefined && html === undefined) problems.push('--html needs a file name');
  if (inputs.markdown !== undefined && markdown === undefined) problems.push('--markdown needs a file name (or - for stdout)');
  const json = inputs.json === true || inputs.json === 'true';
  if (html === undefined && markdown === undefined && inputs.html === undefined && inputs.markdown === undefined && !json) markdown = '-';
  if (markdown === '-' && json) problems.push('--markdown - prints on stdout, which --json keeps for its one JSON object: name a file');
  if (html !== undefined && markdown !== undefined && path.normalize(html) === path.normalize(markdown))
    problems.push('--html and --markdown name the same file');
  const htmlUrl = str(inputs, 'html-url');
  if (htmlUrl !== undefined && !/^https?:\/\/[^\s"'<>`]+$/.test(htmlUrl))
    problems.push(`--html-url must be an http(s) URL, got "${htmlUrl}"`);
  const recent = int(inputs, 'recent') ?? DEFAULT_RECENT;
  if (!Number.isSafeInteger(recent) || recent < 1) problems.push(`--recent must be a whole number >= 1, got "${String(inputs.recent)}"`);
  if (problems.length > 0) throw InvalidInputError.of(problems, 'e.g. shiplog report --html report.html');
  const intent = str(inputs, 'intent');
  return { application, html, markdown, htmlUrl, recent, ...(intent !== undefined ? { intent } : {}) };
}

function dashboardBuild(b: BuildInfo): DashboardBuild {
  return { label: buildLabel(b), url: b.buildUrl, commit: b.commit, user: b.user };
}

function durationMs(d: HistoryEntry): number | null {
  if (!d.finishedAt) return null;
  const ms = Date.parse(d.finishedAt) - Date.parse(d.startedAt);
  return Number.isFinite(ms) ? ms : null;
}

/** Component versions per environment, each marked where `diff` against the previous running environment lists it. */
function componentRows(name: string, states: (StatusEntry | undefined)[]): DashboardComponentRow[] {
  const bases = [...new Set(states.flatMap((s) => (s ? s.components.map(baseOfComponentVersion) : [])))].sort();
  const versionIn = (s: StatusEntry | undefined, base: string): string | null => {
    const c = s?.components.find((x) => baseOfComponentVersion(x) === base);
    return c === undefined ? null : c.slice(base.length + 1);
  };
  const differing: Set<string>[] = [];
  let prev: StatusEntry | undefined;
  for (const s of states) {
    differing.push(s && prev ? new Set(diffApplication(name, prev, s).components.map((c) => c.base)) : new Set());
    if (s) prev = s;
  }
  return bases.map((base) => ({
    base,
    versions: states.map((s) => (s ? versionIn(s, base) : null)),
    differs: states.map((s, i) => s !== undefined && differing[i].has(base)),
  }));
}

async function applicationOf(
  ctx: OperationContext,
  name: string,
  envs: string[],
  states: StatusEntry[],
  recent: number,
): Promise<DashboardApplication> {
  const byEnv = envs.map((e) => states.find((s) => s.name === e));
  let prev: StatusEntry | undefined;
  const cells = byEnv.map((s) => {
    if (!s) return null;
    const cell = {
      appVersion: s.appVersion,
      version: versionOf(s.appVersion),
      since: s.deployedAt,
      deploymentId: s.deploymentId,
      build: dashboardBuild(s.build),
      differsFromPrevious: prev !== undefined && prev.appVersion !== s.appVersion,
    };
    prev = s;
    return cell;
  });
  const filter = { application: name };
  const [graph, history] = await Promise.all([
    runGraph(ctx, { application: filter, print: false }),
    runHistory(ctx, { application: filter, limit: recent, kind: 'deploy' }),
  ]);
  const drawn = graph.versions.slice(-LINEAGE_LIMIT);
  const backend = await ctx.backend();
  const decisions: DashboardDecision[] = [];
  for (const v of drawn) {
    for (const a of await backend.listApprovals(v.name)) {
      decisions.push({
        appVersion: a.appVersion,
        version: versionOf(a.appVersion),
        stage: a.stage,
        decision: a.approved ? 'approved' : 'rejected',
        actor: actorOrLegacy(a.actor, a.by),
        at: a.at,
        notes: a.notes ?? null,
      });
    }
  }
  decisions.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return {
    name,
    cells,
    components: componentRows(name, byEnv),
    lineage: {
      versions: drawn.map((v) => ({
        name: v.name,
        version: v.version,
        predecessor: v.predecessor,
        changed: v.changed,
        removed: v.removed,
        deployedTo: v.deployedTo,
      })),
      omitted: graph.versions.length - drawn.length,
    },
    deployments: history.deployments.map((d) => ({
      id: d.id,
      environment: d.environment,
      appVersion: d.appVersion,
      version: versionOf(d.appVersion),
      status: d.status,
      exitCode: d.exitCode,
      startedAt: d.startedAt,
      finishedAt: d.finishedAt,
      durationMs: durationMs(d),
      mode: d.mode,
      logUrl: d.logUrl,
      build: dashboardBuild(d.build),
    })),
    decisions,
  };
}

/** The dashboard model, unredacted (runReport redacts it before anything renders it). */
export async function buildDashboard(ctx: OperationContext, req: ReportRequest): Promise<Dashboard> {
  const status = await runStatus(ctx, { application: req.application });
  const config = await ctx.pipeline();
  const environments = [...new Set([...pipelineEnvironments(config), ...status.environments.map((s) => s.name)])].sort(
    environmentOrder(config),
  );
  const names = [...new Set(status.environments.map((s) => s.application))].sort();
  const applications: DashboardApplication[] = [];
  for (let i = 0; i < names.length; i += PARALLEL) {
    const batch = names.slice(i, i + PARALLEL);
    applications.push(
      ...(await Promise.all(
        batch.map((n) =>
          applicationOf(
            ctx,
            n,
            environments,
            status.environments.filter((s) => s.application === n),
            req.recent,
          ),
        ),
      )),
    );
  }
  const dashboard: Dashboard = {
    title: DASHBOARD_TITLE,
    generatedAt: ctx.host.now().toISOString(),
    environments,
    applications,
    limits: { deployments: req.recent, lineage: LINEAGE_LIMIT },
    ...(req.htmlUrl ? { htmlUrl: req.htmlUrl } : {}),
  };
  return annotateCells(ctx, dashboard, status.environments, req.intent);
}

async function write(ctx: OperationContext, file: string, text: string, flag: string): Promise<ReportFile> {
  const target = path.resolve(ctx.host.cwd, file);
  try {
    await writeFile(target, text, { encoding: 'utf8', mode: 0o644 });
  } catch (err) {
    throw new InvalidInputError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: `check that ${flag} names a writable file in an existing directory`,
    });
  }
  return { path: file, bytes: Buffer.byteLength(text, 'utf8') };
}

export async function runReport(ctx: OperationContext, req: ReportRequest): Promise<ReportResult> {
  // Secrets never reach the page: the model is redacted value by value before any renderer sees it.
  const dashboard = ctx.host.redactor.redactValue(await buildDashboard(ctx, req));
  const html = req.html === undefined ? null : await write(ctx, req.html, renderDashboardHtml(dashboard), '--html');
  let markdown: ReportResult['markdown'] = null;
  if (req.markdown !== undefined) {
    const md = renderDashboardMarkdown(dashboard, { htmlFile: req.html });
    const extra = { truncated: md.truncated, omittedApplications: md.omittedApplications };
    if (req.markdown === '-') {
      ctx.host.stdout(md.text);
      markdown = { path: '-', bytes: Buffer.byteLength(md.text, 'utf8'), ...extra };
    } else {
      markdown = { ...(await write(ctx, req.markdown, md.text, '--markdown')), ...extra };
    }
  }
  return { ok: true, operation: 'report', dashboard, html, markdown };
}

export function renderReport(res: ReportResult): string {
  const d = res.dashboard;
  const what = `dashboard of ${d.applications.length} application(s) x ${d.environments.length} environment(s)`;
  const files = [
    res.html ? `HTML in ${res.html.path} (${Math.ceil(res.html.bytes / 1024)} KiB)` : '',
    res.markdown && res.markdown.path !== '-'
      ? `markdown in ${res.markdown.path}${res.markdown.truncated ? ` (cut: ${res.markdown.omittedApplications} application(s) left out)` : ''}`
      : '',
  ].filter(Boolean);
  return files.length > 0 ? `${what}: ${files.join(', ')}` : what;
}

export const reportCommand: CommandModule<ReportRequest, ReportResult> = {
  name: 'report',
  summary:
    'Write the release dashboard: one self-contained HTML page (matrix, component differences, lineage, deployments, approvals) and/or markdown.',
  examples: [
    'shiplog report --html shiplog-report.html',
    'shiplog report --html shiplog-report.html --markdown - >> "$GITHUB_STEP_SUMMARY"',
    'shiplog report --application GLOBAL.Acme.Store.shop --markdown report.md --recent 5',
  ],
  mutating: false,
  request: (inputs) => reportRequest(inputs),
  run: runReport,
  render: renderReport,
};
