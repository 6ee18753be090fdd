/**
 * The dashboard as one self-contained HTML page: style and script inline, a Content-Security-Policy that lets
 * the page fetch nothing, every value escaped (text and attributes), links only when they are plain http(s).
 * Filters run in the page (dashboard-assets.ts); the lineage is SVG drawn here (lineage-svg.ts).
 */
import { DASHBOARD_CSS, DASHBOARD_SCRIPT, DASHBOARD_SCRIPT_SHA256 } from './dashboard-assets.js';
import {
  driftText,
  formatAge,
  formatDuration,
  formatTime,
  gateText,
  shortName,
  type Dashboard,
  type DashboardApplication,
  type DashboardBuild,
  type DashboardCell,
  type DashboardCellNotes,
} from './dashboard-model.js';
import { escapeHtml as esc } from './html.js';
import { arrowMarker, lineageSvg } from './lineage-svg.js';

/** The one arrow marker every lineage drawing of the page points with. */
const MARKER = 'lineage-arrow';

export const DASHBOARD_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${DASHBOARD_SCRIPT_SHA256}'; img-src data:; base-uri 'none'; form-action 'none'`;

const SAFE_URL = /^https?:\/\/[^\s"'<>`]+$/;

function link(text: string, href: string | null | undefined, cls = ''): string {
  const c = cls ? ` class="${cls}"` : '';
  return href && SAFE_URL.test(href) ? `<a${c} href="${esc(href)}">${esc(text)}</a>` : `<span${c}>${esc(text)}</span>`;
}

/** `2026-01-01T12:00Z`: the page's script turns it into the tooltip (`2026-01-01 12:00 UTC`). */
function isoMinute(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})/.exec(at);
  return m ? `${m[1]}Z` : at;
}

function time(at: string, now: string): string {
  return `<time datetime="${esc(isoMinute(at))}">${esc(formatAge(at, now) || formatTime(at))}</time>`;
}

function build(b: DashboardBuild): string {
  return link(b.label, b.url, 'b');
}

function badges(n: DashboardCellNotes): string {
  return [
    n.gate ? `<span class="g g-${n.gate.state}">${esc(gateText(n.gate))}</span>` : '',
    n.drift ? `<span class="dr dr-${n.drift.state}">${esc(driftText(n.drift))}</span>` : '',
  ].join('');
}

function cell(env: string, c: DashboardCell | null, now: string, notes: DashboardCellNotes | null | undefined): string {
  if (!c) return `<td data-env="${esc(env)}" class="e" title="not deployed">—${notes ? badges(notes) : ''}</td>`;
  const cls = c.differsFromPrevious ? ' class="d"' : '';
  return `<td data-env="${esc(env)}"${cls}><b>${esc(c.version)}</b>${time(c.since, now)}${build(c.build)}${badges(c)}</td>`;
}

function matrix(d: Dashboard, ids: Map<string, string>, now: string): string {
  const head = d.environments.map((e) => `<th scope="col" data-env="${esc(e)}">${esc(e)}</th>`).join('');
  const rows = d.applications.map((a) => {
    const cells = a.cells.map((c, i) => cell(d.environments[i], c, now, a.emptyCells?.[i])).join('');
    return `<tr data-app="${esc(a.name)}"><th scope="row"><a href="#${ids.get(a.name)}">${esc(a.name)}</a></th>${cells}</tr>`;
  });
  return [
    '<section id="matrix" aria-labelledby="matrix-h"><h2 id="matrix-h">What runs where</h2>',
    '<p class="legend">Each cell: the version running, since when, the build that deployed it. <span class="d">Highlighted</span>: another version than in the environment before it.</p>',
    `<div class="scroll"><table class="matrix"><thead><tr><th scope="col">Application</th>${head}</tr></thead><tbody>`,
    ...rows,
    '</tbody></table></div></section>',
  ].join('\n');
}

function components(d: Dashboard, a: DashboardApplication): string {
  if (a.components.length === 0) return '<p class="none">No components.</p>';
  // Cells carry no environment name: the page's filter hides columns by their header's position (the same
  // environments, in the same order, as the matrix), which keeps a 200-application page small.
  const head = d.environments.map((e) => `<th data-env="${esc(e)}">${esc(e)}</th>`).join('');
  const rows = a.components.map((r) => {
    const cells = r.versions
      .map((v, i) =>
        v === null ? '<td class="e">—</td>' : r.differs[i] ? `<td class="x"><mark>${esc(v)}</mark></td>` : `<td>${esc(v)}</td>`,
      )
      .join('');
    return `<tr data-component="${esc(r.base)}"><th><code title="${esc(r.base)}">${esc(shortName(r.base))}</code></th>${cells}</tr>`;
  });
  return `<div class="scroll"><table class="comp"><thead><tr><th>Component</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function deployments(a: DashboardApplication): string {
  if (a.deployments.length === 0) return '<p class="none">No deployments.</p>';
  const rows = a.deployments.map((x) => {
    const mark = x.status === 'success' ? '✔ ' : x.status === 'failed' ? '✖ ' : '';
    const outcome = `<span class="s-${esc(x.status)}">${mark}${esc(x.status)}${x.exitCode !== null && x.exitCode !== 0 ? ` (exit ${x.exitCode})` : ''}</span>`;
    const id = x.logUrl ? link(`#${x.id}`, x.logUrl) : `#${x.id}`;
    return `<tr data-env="${esc(x.environment)}"><td>${id}</td><td><time>${esc(formatTime(x.startedAt).replace(' UTC', ''))}</time></td><td>${esc(x.environment)}</td><td>${esc(x.version)}</td><td>${outcome}</td><td>${esc(formatDuration(x.durationMs))}</td><td>${esc(x.mode)}</td><td>${build(x.build)}</td></tr>`;
  });
  return `<div class="scroll"><table class="deps"><thead><tr><th>Deployment</th><th>Started (UTC)</th><th>Environment</th><th>Version</th><th>Outcome</th><th>Duration</th><th>Mode</th><th>Build</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function decisions(a: DashboardApplication, now: string): string {
  if (a.decisions.length === 0) return '<p class="none">No approvals, rejections or overrides recorded.</p>';
  const rows = a.decisions.map(
    (x) =>
      `<tr><td>${time(x.at, now)}</td><td>${esc(x.version)}</td><td>${esc(x.stage)}</td><td class="k-${x.decision}">${esc(x.decision)}</td><td>${esc(x.actor.id)}</td><td>${esc(x.notes ?? '')}</td></tr>`,
  );
  return `<div class="scroll"><table class="decisions"><thead><tr><th>When</th><th>Version</th><th>Stage</th><th>Decision</th><th>By</th><th>Notes</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function application(d: Dashboard, a: DashboardApplication, id: string, now: string): string {
  const comps = a.components.map((c) => c.base).join(' ');
  const omitted =
    a.lineage.omitted > 0 ? `<p class="note">${a.lineage.omitted} older version${a.lineage.omitted === 1 ? '' : 's'} not drawn.</p>` : '';
  const svg = lineageSvg(a.lineage.versions, `lineage of ${a.name}`, { sharedMarker: MARKER });
  return [
    `<section class="app" id="${id}" data-app="${esc(a.name)}" data-components="${esc(comps)}" aria-labelledby="${id}-h">`,
    `<h2 id="${id}-h">${esc(a.name)}</h2>`,
    '<h3>Components per environment</h3>',
    components(d, a),
    '<h3>Lineage</h3>',
    svg
      ? `<div class="scroll" tabindex="0" role="region" aria-label="${esc(`lineage of ${a.name}`)}">${svg}</div>${omitted}`
      : '<p class="none">No versions.</p>',
    `<h3>Last deployments</h3>`,
    deployments(a),
    '<h3>Approvals, rejections and overrides</h3>',
    decisions(a, now),
    '</section>',
  ].join('\n');
}

function filters(d: Dashboard): string {
  const apps = d.applications.map((a) => `<option value="${esc(a.name)}">${esc(a.name)}</option>`).join('');
  const envs = d.environments.map((e) => `<option value="${esc(e)}">${esc(e)}</option>`).join('');
  const comps = [...new Set(d.applications.flatMap((a) => a.components.map((c) => c.base)))].sort();
  return [
    '<form id="filters" role="search" aria-label="Filters">',
    '<label for="f-text">Search<input id="f-text" type="search" autocomplete="off" placeholder="name, version, actor…"></label>',
    `<label for="f-app">Application<select id="f-app"><option value="">All applications</option>${apps}</select></label>`,
    `<label for="f-env">Environment<select id="f-env"><option value="">All environments</option>${envs}</select></label>`,
    `<label for="f-comp">Component<input id="f-comp" type="text" list="f-comps" autocomplete="off" placeholder="cart;main"></label>`,
    `<datalist id="f-comps">${comps.map((c) => `<option value="${esc(c)}">`).join('')}</datalist>`,
    `<output id="f-count" for="f-text f-app f-env f-comp" aria-live="polite">${d.applications.length} of ${d.applications.length} applications shown</output>`,
    '</form>',
  ].join('\n');
}

export function renderDashboardHtml(d: Dashboard): string {
  const now = d.generatedAt;
  const ids = new Map(d.applications.map((a, i) => [a.name, `app-${i + 1}`]));
  const summary = `${d.applications.length} application${d.applications.length === 1 ? '' : 's'} × ${d.environments.length} environment${d.environments.length === 1 ? '' : 's'}`;
  const body =
    d.applications.length === 0
      ? '<p class="none">Nothing deployed yet.</p>'
      : [matrix(d, ids, now), ...d.applications.map((a) => application(d, a, ids.get(a.name)!, now))].join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(DASHBOARD_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${esc(d.title)}</title>`,
    `<style>${DASHBOARD_CSS}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#matrix">Skip to the matrix</a>',
    `<header><h1>${esc(d.title)}</h1><p class="meta">${esc(summary)} · generated ${esc(formatTime(now))} by shiplog</p></header>`,
    filters(d),
    `<main>\n<svg class="defs" aria-hidden="true" focusable="false"><defs>${arrowMarker(MARKER)}</defs></svg>\n${body}\n</main>`,
    `<script>${DASHBOARD_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
