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
} from './dashboard-model.js';
import { escapeHtml as esc } from './html.js';
import { lineageSvg } from './lineage-svg.js';

export const DASHBOARD_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${DASHBOARD_SCRIPT_SHA256}'; img-src data:; base-uri 'none'; form-action 'none'`;

const SAFE_URL = /^https?:\/\/[^\s"'<>`]+$/;

function link(text: string, href: string | null | undefined, cls = ''): string {
  const c = cls ? ` class="${cls}"` : '';
  return href && SAFE_URL.test(href) ? `<a${c} href="${esc(href)}">${esc(text)}</a>` : `<span${c}>${esc(text)}</span>`;
}

function time(at: string, now: string): string {
  return `<time datetime="${esc(at)}" title="${esc(formatTime(at))}">${esc(formatAge(at, now) || formatTime(at))}</time>`;
}

function build(b: DashboardBuild): string {
  return link(b.label, b.url, 'b');
}

function cell(env: string, c: DashboardCell | null, now: string): string {
  if (!c) return `<td data-env="${esc(env)}" class="e" title="not deployed">—</td>`;
  const badges = [
    c.gate ? `<span class="g g-${c.gate.state}">${esc(gateText(c.gate))}</span>` : '',
    c.drift ? `<span class="dr dr-${c.drift.state}">${esc(driftText(c.drift))}</span>` : '',
  ].join('');
  const cls = c.differsFromPrevious ? ' class="d"' : '';
  return `<td data-env="${esc(env)}"${cls}><b title="${esc(c.appVersion)}">${esc(c.version)}</b>${time(c.since, now)}${build(c.build)}${badges}</td>`;
}

function matrix(d: Dashboard, ids: Map<string, string>, now: string): string {
  const head = d.environments.map((e) => `<th scope="col" data-env="${esc(e)}">${esc(e)}</th>`).join('');
  const rows = d.applications.map((a) => {
    const cells = a.cells.map((c, i) => cell(d.environments[i], c, now)).join('');
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
  const head = d.environments.map((e) => `<th scope="col" data-env="${esc(e)}">${esc(e)}</th>`).join('');
  const rows = a.components.map((r) => {
    const cells = r.versions
      .map((v, i) => {
        const env = esc(d.environments[i]);
        if (v === null) return `<td data-env="${env}" class="e">—</td>`;
        return r.differs[i] ? `<td data-env="${env}" class="x"><mark>${esc(v)}</mark></td>` : `<td data-env="${env}">${esc(v)}</td>`;
      })
      .join('');
    return `<tr data-component="${esc(r.base)}"><th scope="row"><code title="${esc(r.base)}">${esc(shortName(r.base))}</code></th>${cells}</tr>`;
  });
  return `<div class="scroll"><table class="comp"><thead><tr><th scope="col">Component</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function deployments(a: DashboardApplication, now: string): string {
  if (a.deployments.length === 0) return '<p class="none">No deployments.</p>';
  const rows = a.deployments.map((x) => {
    const mark = x.status === 'success' ? '✔ ' : x.status === 'failed' ? '✖ ' : '';
    const outcome = `<span class="s-${esc(x.status)}">${mark}${esc(x.status)}${x.exitCode !== null && x.exitCode !== 0 ? ` (exit ${x.exitCode})` : ''}</span>`;
    const id = x.logUrl ? link(`#${x.id}`, x.logUrl) : `#${x.id}`;
    return `<tr data-env="${esc(x.environment)}"><td>${id}</td><td>${time(x.startedAt, now)}</td><td>${esc(x.environment)}</td><td>${esc(x.version)}</td><td>${outcome}</td><td>${esc(formatDuration(x.durationMs))}</td><td>${esc(x.mode)}</td><td>${build(x.build)}</td></tr>`;
  });
  return `<div class="scroll"><table class="deps"><thead><tr><th scope="col">Deployment</th><th scope="col">Started</th><th scope="col">Environment</th><th scope="col">Version</th><th scope="col">Outcome</th><th scope="col">Duration</th><th scope="col">Mode</th><th scope="col">Build</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function decisions(a: DashboardApplication, now: string): string {
  if (a.decisions.length === 0) return '<p class="none">No approvals, rejections or overrides recorded.</p>';
  const rows = a.decisions.map(
    (x) =>
      `<tr><td>${time(x.at, now)}</td><td>${esc(x.version)}</td><td>${esc(x.stage)}</td><td class="k-${x.decision}">${esc(x.decision)}</td><td>${esc(x.by)}</td><td>${esc(x.notes ?? '')}</td></tr>`,
  );
  return `<div class="scroll"><table class="decisions"><thead><tr><th scope="col">When</th><th scope="col">Version</th><th scope="col">Stage</th><th scope="col">Decision</th><th scope="col">By</th><th scope="col">Notes</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function application(d: Dashboard, a: DashboardApplication, id: string, now: string): string {
  const comps = a.components.map((c) => c.base).join(' ');
  const omitted = a.lineage.omitted > 0 ? `<p class="note">${a.lineage.omitted} older version${a.lineage.omitted === 1 ? '' : 's'} not drawn.</p>` : '';
  const svg = lineageSvg(a.lineage.versions, `lineage of ${a.name}`, id);
  return [
    `<section class="app" id="${id}" data-app="${esc(a.name)}" data-components="${esc(comps)}" aria-labelledby="${id}-h">`,
    `<h2 id="${id}-h">${esc(a.name)}</h2>`,
    '<h3>Components per environment</h3>',
    components(d, a),
    '<h3>Lineage</h3>',
    svg ? `<div class="scroll" tabindex="0" role="region" aria-label="${esc(`lineage of ${a.name}`)}">${svg}</div>${omitted}` : '<p class="none">No versions.</p>',
    `<h3>Last deployments</h3>`,
    deployments(a, now),
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
    `<main>\n${body}\n</main>`,
    `<script>${DASHBOARD_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
