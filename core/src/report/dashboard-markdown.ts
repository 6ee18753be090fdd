/**
 * The dashboard as markdown, for PR comments and job summaries: the matrix, then per application its
 * components per environment (differences in bold), last deployments and decisions. GitHub refuses a job
 * summary over 1 MiB: the text stops before that at a whole section, saying what was left out and where the
 * full HTML report is.
 */
import {
  driftText,
  formatAge,
  formatDuration,
  gateText,
  shortName,
  type Dashboard,
  type DashboardApplication,
  type DashboardCell,
  type DashboardCellNotes,
} from './dashboard-model.js';
import { escapeMarkdown as md, markdownCode, markdownLink } from './markdown.js';

/** GitHub's job summary limit (bytes). */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

export interface DashboardMarkdownOptions {
  /** Largest output in bytes (default SUMMARY_LIMIT_BYTES). */
  maxBytes?: number;
  /** Where the full report is, when there is no link (`report.html`): named in the truncation note. */
  htmlFile?: string;
}

const bytes = (s: string): number => new TextEncoder().encode(s).length;

function notesText(n: DashboardCellNotes): string[] {
  return [n.gate ? gateText(n.gate) : '', n.drift ? driftText(n.drift) : ''].filter(Boolean).map(md);
}

function cell(c: DashboardCell | null, now: string, notes: DashboardCellNotes | null | undefined): string {
  if (!c) return ['—', ...(notes ? notesText(notes) : [])].join('<br>');
  const v = c.differsFromPrevious ? `**${markdownCode(c.version)}**` : markdownCode(c.version);
  const extra = [formatAge(c.since, now) ? md(formatAge(c.since, now)) : '', ...notesText(c)].filter(Boolean);
  return [v, ...extra].join('<br>');
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${' --- |'.repeat(head.length)}`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function matrixRows(d: Dashboard): string[][] {
  return d.applications.map((a) => [markdownCode(a.name), ...a.cells.map((c, i) => cell(c, d.generatedAt, a.emptyCells?.[i]))]);
}

function applicationSection(d: Dashboard, a: DashboardApplication): string {
  const out = [`### ${md(a.name)}`, ''];
  const envs = d.environments.map((e, i) => ({ e, i })).filter(({ i }) => a.cells[i] !== null);
  if (a.components.length > 0 && envs.length > 0) {
    const rows = a.components.map((r) => [
      markdownCode(shortName(r.base)),
      ...envs.map(({ i }) =>
        r.versions[i] === null ? '—' : r.differs[i] ? `**${markdownCode(r.versions[i]!)}**` : markdownCode(r.versions[i]!),
      ),
    ]);
    out.push(...table(['Component', ...envs.map(({ e }) => md(e))], rows), '');
  }
  if (a.deployments.length > 0) {
    const rows = a.deployments.map((x) => [
      x.logUrl ? markdownLink(`#${x.id}`, x.logUrl) : `#${x.id}`,
      md(formatAge(x.startedAt, d.generatedAt)),
      md(x.environment),
      markdownCode(x.version),
      `${x.status === 'success' ? '✅' : x.status === 'failed' ? '❌' : '⏳'} ${md(x.status)}`,
      md(formatDuration(x.durationMs)),
      markdownLink(x.build.label, x.build.url ?? undefined),
    ]);
    out.push('Last deployments:', '', ...table(['#', 'Started', 'Environment', 'Version', 'Outcome', 'Duration', 'Build'], rows), '');
  }
  if (a.decisions.length > 0) {
    const rows = a.decisions.map((x) => [
      md(formatAge(x.at, d.generatedAt)),
      markdownCode(x.version),
      md(x.stage),
      md(x.decision),
      md(x.actor.id),
      md(x.notes ?? ''),
    ]);
    out.push('Approvals, rejections and overrides:', '', ...table(['When', 'Version', 'Stage', 'Decision', 'By', 'Notes'], rows), '');
  }
  return `${out.join('\n')}\n`;
}

function pointer(d: Dashboard, opts: DashboardMarkdownOptions): string {
  if (d.htmlUrl) return markdownLink('the full HTML report', d.htmlUrl);
  return opts.htmlFile ? `the full HTML report (${markdownCode(opts.htmlFile)})` : 'the full HTML report (`shiplog report --html FILE`)';
}

export interface DashboardMarkdown {
  text: string;
  /** Applications left out to stay under the limit (0: nothing left out). */
  omittedApplications: number;
  truncated: boolean;
}

export function renderDashboardMarkdown(d: Dashboard, opts: DashboardMarkdownOptions = {}): DashboardMarkdown {
  const max = opts.maxBytes ?? SUMMARY_LIMIT_BYTES;
  const n = d.applications.length;
  const head = [
    `## ${md(d.title)}`,
    '',
    `${n} application${n === 1 ? '' : 's'} × ${d.environments.length} environment${d.environments.length === 1 ? '' : 's'}, generated ${md(d.generatedAt)}${d.htmlUrl ? ` · ${pointer(d, opts)}` : ''}`,
    '',
    '',
  ].join('\n');
  if (n === 0) return { text: `${head}\nNothing deployed yet.\n`, omittedApplications: 0, truncated: false };
  // The note a truncated text ends with; its size is reserved up front (with room for the counts).
  const note = (apps: number, rows: number) =>
    `\n> **Truncated** to stay under GitHub's ${Math.round(max / 1024)} KiB summary limit: ${rows > 0 ? `${rows} matrix row${rows === 1 ? '' : 's'} and ` : ''}${apps} application section${apps === 1 ? '' : 's'} left out. See ${pointer(d, opts)}.\n`;
  const reserve = bytes(note(n, n)) + 16;
  const budget = max - reserve;
  const parts: string[] = [head];
  let used = bytes(head);
  const mhead = `${['### What runs where', '', ...table(['Application', ...d.environments.map(md)], [])].join('\n')}\n`;
  parts.push(mhead);
  used += bytes(mhead);
  const rows = matrixRows(d);
  let rowsShown = 0;
  for (const r of rows) {
    const line = `| ${r.join(' | ')} |\n`;
    const size = bytes(line);
    if (used + size > budget) break;
    parts.push(line);
    used += size;
    rowsShown++;
  }
  parts.push('\n');
  used += 1;
  let appsShown = 0;
  if (rowsShown === n) {
    for (const a of d.applications) {
      const s = applicationSection(d, a);
      const size = bytes(s);
      if (used + size > budget) break;
      parts.push(s);
      used += size;
      appsShown++;
    }
  }
  const truncated = appsShown < n;
  if (truncated) parts.push(note(n - appsShown, n - rowsShown));
  return { text: parts.join(''), omittedApplications: n - appsShown, truncated };
}
