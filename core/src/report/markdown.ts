/**
 * Markdown renderer: the GitHub job summary and the Buildkite annotation. Every value is escaped for both
 * markdown and the HTML these renderers accept (`&`, `<`, `>` as entities), so no name, message or note can
 * open a tag, a link or a table cell.
 */
import { ruleWhere } from './gate-verdict.js';
import type { Report, ReportValue } from './model.js';

/** Plain text safe anywhere in markdown, a table cell included (no markup, no HTML, one line). */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\`*_[\]|&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    .replace(/\r?\n/g, ' ');
}

/** A value shown as inline code, safe inside a table cell. */
export function markdownCode(s: string): string {
  return s === '' ? '' : '`' + s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ') + '`';
}

/** A markdown link, or plain text when the URL is not a plain http(s) URL. */
export function markdownLink(label: string, url: string | undefined): string {
  if (!url || !/^https?:\/\/[^\s()<>]+$/.test(url)) return escapeMarkdown(label);
  return `[${escapeMarkdown(label)}](${url})`;
}

const MARK = { success: '✅', failed: '❌' } as const;

function value(x: ReportValue): string {
  if (x.href !== undefined) return markdownLink(x.text, x.href);
  if (x.status) return `${MARK[x.status]} ${escapeMarkdown(x.text)}`;
  const shown = x.code ? markdownCode(x.text) : escapeMarkdown(x.text);
  return x.note ? `${shown} (${escapeMarkdown(x.note)})` : shown;
}

export interface MarkdownOptions {
  /** Draw the diagram as a ```mermaid block (GitHub renders it; Buildkite annotations do not). */
  diagrams?: boolean;
}

export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const failed = report.verdict === 'failed' || report.verdict === 'blocked';
  const refused = report.verdict === 'blocked' && report.gate?.passed === false;
  const heading = refused
    ? `### ⛔ ${report.title} refused by the release policy (exit ${report.error?.exitCode ?? 1})`
    : failed
      ? `### ❌ ${report.title} failed (exit ${report.error?.exitCode ?? 1})`
      : `### ${report.title}${report.verdict === 'dry-run' ? ' (dry run: nothing written)' : ''}`;
  const rows = report.facts.map((f) => `| ${escapeMarkdown(f.label)} | ${f.values.map(value).join(' ')} |`);
  if (report.nextStep) rows.splice(failed ? 1 : rows.length, 0, `| Hint | ${escapeMarkdown(report.nextStep)} |`);
  for (const l of report.links) rows.push(`| ${escapeMarkdown(l.label)} | ${markdownLink(l.text, l.href)} |`);
  const out = [heading, ''];
  if (rows.length > 0) out.push('| | |', '| --- | --- |', ...rows, '');
  out.push(...gateSection(report));
  for (const t of report.tables) {
    out.push(`${escapeMarkdown(t.title)}:`, '');
    if (t.columns.length === 1) out.push(...t.rows.map((r) => `- ${escapeMarkdown(r[0] ?? '')}`), '');
    else
      out.push(
        `| ${t.columns.map(escapeMarkdown).join(' | ')} |`,
        `|${' --- |'.repeat(t.columns.length)}`,
        ...t.rows.map((r) => `| ${r.map(escapeMarkdown).join(' | ')} |`),
        '',
      );
  }
  if (opts.diagrams && report.diagram)
    out.push(`#### ${escapeMarkdown(report.diagramTitle ?? 'Lineage')}`, '', '```mermaid', report.diagram.trimEnd(), '```', '');
  return out.join('\n');
}

/**
 * The release policy's section: a refused gate's unmet rules as a table (rule, where, what is missing, the next
 * step), or a plain list for rules that come as sentences only.
 */
function gateSection(report: Report): string[] {
  const rules = report.gate?.rules ?? [];
  if (report.gate?.passed !== false || rules.length === 0) {
    return report.unmetRules.length > 0 ? ['Unmet rules:', '', ...report.unmetRules.map((r) => `- ${escapeMarkdown(r)}`), ''] : [];
  }
  if (rules.every((r) => r.stage === ''))
    return ['#### Release policy: refused', '', ...rules.map((r) => `- ${escapeMarkdown(r.message)}`), ''];
  const n = rules.length;
  return [
    '#### Release policy: refused',
    '',
    `${n} unmet rule${n === 1 ? '' : 's'}; nothing was written.`,
    '',
    '| Rule | Where | What is missing | Next step |',
    '| --- | --- | --- | --- |',
    ...rules.map(
      (r) => `| ${markdownCode(r.rule)} | ${markdownCode(ruleWhere(r))} | ${escapeMarkdown(r.message)} | ${escapeMarkdown(r.next ?? '')} |`,
    ),
    '',
  ];
}
