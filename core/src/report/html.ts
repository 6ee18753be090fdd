/**
 * HTML renderer (for a dashboard): one <section> per report, every text escaped, links only http(s).
 */
import type { Report, ReportValue } from './model.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function link(text: string, href: string | undefined): string {
  return href && /^https?:\/\/[^\s"'<>]+$/.test(href) ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

function value(x: ReportValue): string {
  if (x.href !== undefined) return link(x.text, x.href);
  const shown = x.code
    ? `<code>${escapeHtml(x.text)}</code>`
    : x.status
      ? `<span class="status-${x.status}">${escapeHtml(x.text)}</span>`
      : escapeHtml(x.text);
  return x.note ? `${shown} (${escapeHtml(x.note)})` : shown;
}

export function renderHtml(report: Report): string {
  const out = [
    `<section class="shiplog-report shiplog-${report.verdict}">`,
    `<h3>${escapeHtml(report.title)}</h3>`,
    `<p>${escapeHtml(report.headline)}</p>`,
  ];
  const rows = [
    ...report.facts.map((f) => `<tr><th>${escapeHtml(f.label)}</th><td>${f.values.map(value).join(' ')}</td></tr>`),
    ...report.links.map((l) => `<tr><th>${escapeHtml(l.label)}</th><td>${link(l.text, l.href)}</td></tr>`),
  ];
  if (rows.length > 0) out.push('<table>', ...rows, '</table>');
  const list = (title: string, items: string[]) => {
    if (items.length > 0) out.push(`<p>${escapeHtml(title)}</p>`, '<ul>', ...items.map((i) => `<li>${escapeHtml(i)}</li>`), '</ul>');
  };
  list('Unmet rules', report.unmetRules);
  for (const t of report.tables)
    list(
      t.title,
      t.rows.map((r) => r.join(' | ')),
    );
  if (report.nextStep) out.push(`<p class="next-step">${escapeHtml(report.nextStep)}</p>`);
  if (report.diagram) out.push(`<pre class="mermaid">${escapeHtml(report.diagram)}</pre>`);
  out.push('</section>');
  return `${out.join('\n')}\n`;
}
