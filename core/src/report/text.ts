/**
 * Plain-text renderer: the CircleCI step log, the Jenkins console, and (its first line) the Jenkins build
 * description. Control characters are replaced, so a value cannot forge a line or a terminal sequence.
 */
import type { Report, ReportValue } from './model.js';

/** One line of plain text: newlines become spaces, other control characters `?`. */
export function plainLine(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
  return s.replace(/\r?\n/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function value(x: ReportValue): string {
  const note = x.note ? ` (${plainLine(x.note)})` : '';
  const href = x.href && /^https?:\/\//.test(x.href) ? ` <${plainLine(x.href)}>` : '';
  return `${plainLine(x.text)}${note}${href}`;
}

/** The headline alone: the one-line summary (Jenkins build description). */
export function renderHeadline(report: Report): string {
  return plainLine(report.headline);
}

/** A table of several columns, aligned under its header (the plan in a CI log); one-column tables stay one line per row. */
function alignedTable(t: Report['tables'][number]): string[] {
  const rows = [t.columns, ...t.rows].map((r) => r.map((c) => plainLine(c)));
  const widths = t.columns.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}`.trimEnd();
  return [`  ${plainLine(t.title)}:`, ...rows.map(line)];
}

export function renderText(report: Report): string {
  const lines = [renderHeadline(report)];
  for (const f of report.facts) lines.push(`  ${plainLine(f.label)}: ${f.values.map(value).join(' ')}`);
  for (const l of report.links) lines.push(`  ${plainLine(l.label)}: ${value({ text: l.text, href: l.href })}`);
  for (const r of report.unmetRules) lines.push(`  unmet rule: ${plainLine(r)}`);
  for (const t of report.tables) {
    if (t.columns.length > 2) lines.push(...alignedTable(t));
    else for (const row of t.rows) lines.push(`  ${plainLine(t.title)}: ${row.map(plainLine).join(' | ')}`);
  }
  if (report.nextStep) lines.push(`  next step: ${plainLine(report.nextStep)}`);
  return `${lines.join('\n')}\n`;
}
