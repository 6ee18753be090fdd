/**
 * Publishing the release dashboard from a CI step (the `report` input, docs/dashboard.md "Publishing it from
 * CI"): the files the core writes after the operation, the inputs of that `report` run, and what each platform
 * is handed. Pure: the adapters do the I/O (GitHub job summary, `buildkite-agent`, the orb's and Jenkins'
 * own steps), the core writes the files (operations/report-after.ts).
 */
import { INPUTS, type CommandName } from '../inputs.js';
import { SUMMARY_LIMIT_BYTES } from '../report/dashboard-markdown.js';

/** The page, in the step's working directory. */
export const REPORT_HTML_FILE = 'shiplog-report.html';
/** The same content as markdown (cut under GitHub's 1 MiB summary limit, pointing at the page). */
export const REPORT_MARKDOWN_FILE = 'shiplog-report.md';
/** The Buildkite annotation context (one annotation per build, replaced by each step that publishes). */
export const REPORT_ANNOTATION_CONTEXT = 'shiplog-report';

/** What the action added to the result's `report` once the page was uploaded (the outputs read it). */
export interface ReportArtifact {
  name: string;
  id: number;
  /** The artifact's page: https://github.com/<repo>/actions/runs/<run id>/artifacts/<id> */
  url?: string;
}

/** What `report: true` made: the files and their size, or why there are none (the operation's outcome stands). */
export interface PublishedReport {
  html: { path: string; bytes: number } | null;
  markdown: { path: string; bytes: number; truncated: boolean } | null;
  /** Set when the dashboard could not be written (a warning, never the step's failure). */
  error?: string;
  /** GitHub: the artifact the action uploaded the page (and the markdown) as (adapters/github-action/src/report-artifact.ts). */
  artifact?: ReportArtifact;
}

/** Commands that take `report`. */
export const REPORTING_COMMANDS: readonly CommandName[] = INPUTS.find((i) => i.name === 'report')?.commands ?? [];

const TRUE = new Set([true, 'true', 'TRUE', 'True', '1', 'yes']);

/** Whether the inputs ask for the dashboard after `command`. */
export function wantsReport(command: CommandName, inputs: Readonly<Record<string, unknown>>): boolean {
  return REPORTING_COMMANDS.includes(command) && TRUE.has(inputs.report as string | boolean);
}

/**
 * The inputs of the `report` run that follows an operation: the operation's store and connection inputs (every
 * input both commands take, secrets included: they reach the core only, never a file), and the two files.
 * Not the operation's application: the dashboard is the whole store's.
 */
export function reportInputsFrom(command: CommandName, inputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { html: REPORT_HTML_FILE, markdown: REPORT_MARKDOWN_FILE };
  const skip = new Set(['application', 'html', 'markdown', 'json', 'report']);
  for (const spec of INPUTS) {
    if (skip.has(spec.name) || !spec.commands.includes('report') || !spec.commands.includes(command)) continue;
    if (inputs[spec.name] !== undefined) out[spec.name] = inputs[spec.name];
  }
  return out;
}

/** The `report` block of a result, when there is one. */
export function publishedReportOf(result: Readonly<Record<string, unknown>>): PublishedReport | undefined {
  const r = result.report;
  return r !== null && typeof r === 'object' && 'html' in r ? (r as PublishedReport) : undefined;
}

const bytes = (s: string): number => new TextEncoder().encode(s).length;

/**
 * A GitHub job summary: the operation's own summary, then the dashboard's markdown when both fit under the
 * 1 MiB limit; otherwise the dashboard gives way to one line pointing at the page (`where`: a link or a name).
 */
export function jobSummaryWithReport(
  own: string,
  dashboard: string | undefined,
  where: { href?: string; name: string },
  limit = SUMMARY_LIMIT_BYTES,
): string {
  const link = where.href ? `[${where.name}](${where.href})` : `\`${where.name}\``;
  const pointer = `\n\n**Release dashboard**: ${link}\n`;
  if (dashboard !== undefined && bytes(own) + bytes(dashboard) + bytes(pointer) + 2 <= limit) return `${own}\n\n${dashboard}${pointer}`;
  const cut = `${pointer}\n_The dashboard's markdown would pass GitHub's ${Math.round(limit / 1024)} KiB summary limit: open the page._\n`;
  if (bytes(own) + bytes(cut) <= limit) return `${own}${cut}`;
  // the operation's own summary alone is over the limit (it never is in practice): keep what fits, whole lines
  let kept = own;
  while (kept.length > 0 && bytes(kept) + bytes(cut) > limit)
    kept = kept.slice(0, kept.lastIndexOf('\n', kept.length - 2) + 1 || Math.floor(kept.length / 2));
  return `${kept}${cut}`;
}

/**
 * `buildkite-agent` calls that publish the page: upload, then an annotation linking it (its text on stdin: the
 * link and the dashboard's `markdown`, when the adapter could read that file). Each runs only if the one before it
 * succeeded.
 */
export function buildkiteReportCalls(report: PublishedReport, markdown?: string): { argv: string[]; stdin?: string }[] {
  if (!report.html) return [];
  return [
    { argv: ['artifact', 'upload', report.html.path] },
    { argv: ['annotate', '--style', 'info', '--context', REPORT_ANNOTATION_CONTEXT], stdin: buildkiteAnnotation(report, markdown) },
  ];
}

/** The annotation's text: a link to the uploaded page (Buildkite resolves `artifact://`), then the markdown. */
export function buildkiteAnnotation(report: PublishedReport, markdown: string | undefined, limit = SUMMARY_LIMIT_BYTES): string {
  const head = report.html ? `**Release dashboard**: <a href="artifact://${report.html.path}">${report.html.path}</a>\n\n` : '';
  const body = markdown ?? '';
  return bytes(head) + bytes(body) <= limit
    ? `${head}${body}`
    : `${head}_The dashboard's markdown is too large for an annotation: open the page._\n`;
}
