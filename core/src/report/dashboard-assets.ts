/**
 * The dashboard page's own style and script, inlined into every page (nothing is fetched when it is viewed).
 * The page's Content-Security-Policy allows this one script by its hash and nothing else: a test recomputes
 * DASHBOARD_SCRIPT_SHA256 from DASHBOARD_SCRIPT and fails (printing the new value) when they part.
 */

export const DASHBOARD_CSS = `
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa;--ok:#1a7f37;--okbg:#dafbe1;--bad:#cf222e;--badbg:#ffebe9;--warn:#7d4e00;--warnbg:#fff8c5;--diff:#ffe58f;--link:#0969da;--node:#f6f8fa;--dep:#dafbe1;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--head:#151b23;--ok:#3fb950;--okbg:#12261e;--bad:#ff7b72;--badbg:#3c1618;--warn:#e3b341;--warnbg:#2e2610;--diff:#5a4a12;--link:#4493f8;--node:#151b23;--dep:#12261e}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--line:#999;--head:#eee;--diff:#ffe58f;--link:#000;--node:#fff;--dep:#e6f4ea;color-scheme:light}}
*{box-sizing:border-box}
body{margin:0;padding:0 16px 32px;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--link)}
:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:16px;top:8px;background:var(--bg);padding:4px 8px;z-index:2}
header{padding:12px 0 4px}h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0 0 8px;overflow-wrap:anywhere}h3{font-size:14px;margin:16px 0 6px;color:var(--muted)}
.meta,.none,.note{color:var(--muted);margin:4px 0}
#filters{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:end;padding:8px 0;background:var(--bg);border-bottom:1px solid var(--line)}
#filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
#filters input,#filters select{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:4px 6px;min-width:10em;max-width:22em}
#f-count{font-size:12px;color:var(--muted)}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:4px 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:var(--head)}
tbody th{font-weight:600;background:var(--bg)}
.matrix tbody th{position:sticky;left:0;z-index:0;max-width:20em;overflow-wrap:anywhere}
.matrix td{min-width:9em}
.matrix td b{display:block}
.matrix time,.matrix .b{display:block;font-size:12px}
.matrix time{color:var(--muted)}
td.e{color:var(--muted);text-align:center}
td.d,td.x{background:var(--diff)}
mark{background:transparent;color:inherit;font-weight:700}
.g,.dr{display:inline-block;margin-top:2px;padding:0 6px;border-radius:10px;font-size:11px;border:1px solid var(--line)}
.g-passed,.dr-in-sync{background:var(--okbg);color:var(--ok)}
.g-waiting,.g-overridden,.dr-unplanned{background:var(--warnbg);color:var(--warn)}
.g-frozen,.g-blocked,.dr-drifted,.dr-missing{background:var(--badbg);color:var(--bad)}
.s-success{color:var(--ok)}.s-failed{color:var(--bad)}.s-running{color:var(--warn)}
section.app{border-top:2px solid var(--line);padding-top:12px;margin-top:20px;content-visibility:auto;contain-intrinsic-size:auto 900px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.lineage{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;display:block}
.lineage rect{fill:var(--node);stroke:var(--muted)}
.lineage .deployed rect{fill:var(--dep);stroke:var(--ok);stroke-width:2}
.lineage text{fill:var(--fg)}.lineage tspan:first-child{font-weight:700}
.lineage .edge{fill:none;stroke:var(--muted);stroke-width:1.5;marker-end:url(#lineage-arrow)}.arrowhead{fill:var(--muted)}
.defs{position:absolute;width:0;height:0;overflow:hidden}
.legend{font-size:12px;color:var(--muted)}.legend .d{background:var(--diff);color:var(--fg);padding:0 4px}
[hidden]{display:none!important}
@media (max-width:600px){body{padding:0 8px 24px}#filters input,#filters select{min-width:0;width:100%}#filters label{flex:1 1 40%}}
@media print{#filters,.skip{display:none}section.app{content-visibility:visible}.scroll{overflow:visible}section.app{break-inside:avoid-page}a{text-decoration:none}body{font-size:10pt}}
`.trim();

/**
 * Filters without a server: application, environment, component, free text. Reads only the page; writes only
 * `hidden` attributes and the count. ES2017, no dependencies.
 */
export const DASHBOARD_SCRIPT = `
(function () {
  'use strict';
  var q = function (s) { return document.querySelector(s); };
  var all = function (s) { return Array.prototype.slice.call(document.querySelectorAll(s)); };
  var text = q('#f-text'), app = q('#f-app'), env = q('#f-env'), comp = q('#f-comp'), count = q('#f-count');
  if (!text || !app || !env || !comp || !count) return;
  var rows = {};
  all('#matrix tbody tr[data-app]').forEach(function (r) { rows[r.getAttribute('data-app')] = r; });
  var apps = all('section.app').map(function (s) {
    var name = s.getAttribute('data-app');
    var row = rows[name];
    return { s: s, row: row, name: name, comps: (s.getAttribute('data-components') || '').toLowerCase(), words: null };
  });
  // the text of each application, read on the first search rather than while the page loads
  var words = function (x) { return x.words || (x.words = (x.s.textContent + ' ' + (x.row ? x.row.textContent : '')).toLowerCase()); };
  var envNames = all('#f-env option').map(function (o) { return o.value; }).slice(1);
  var envCells = all('#matrix [data-env], tr[data-env]');
  var compRows = all('tr[data-component]');
  var compHeads = all('table.comp thead tr');
  // the page is drawn unfiltered: columns and component rows are touched only once a filter asks
  var lastEnv = '', lastComp = '';
  function apply() {
    var t = text.value.trim().toLowerCase(), a = app.value, e = env.value, c = comp.value.trim().toLowerCase();
    var shown = 0;
    apps.forEach(function (x) {
      var keep = (!a || x.name === a) && (!c || x.comps.indexOf(c) >= 0) && (!t || words(x).indexOf(t) >= 0);
      x.s.hidden = !keep;
      if (x.row) x.row.hidden = !keep;
      if (keep) shown++;
    });
    // columns and component rows change only when their own filter does (a keystroke in the search box is cheap)
    if (e !== lastEnv) {
      envCells.forEach(function (el) { el.hidden = e !== '' && el.getAttribute('data-env') !== e; });
      // component tables: the same environments in the same order; cells are hidden by column
      var col = envNames.indexOf(e) + 1;
      compHeads.concat(compRows).forEach(function (r) {
        for (var k = 1; k < r.cells.length; k++) r.cells[k].hidden = e !== '' && k !== col;
      });
      lastEnv = e;
    }
    if (c !== lastComp) {
      compRows.forEach(function (r) { r.hidden = c !== '' && r.getAttribute('data-component').toLowerCase().indexOf(c) < 0; });
      lastComp = c;
    }
    count.textContent = shown + ' of ' + apps.length + ' applications shown';
  }
  // absolute times as tooltips, from the machine-readable datetime (kept out of the file to keep it small), when pointed at
  document.addEventListener('mouseover', function (ev) {
    var t = ev.target;
    if (t && t.tagName === 'TIME' && !t.title && t.getAttribute('datetime')) t.title = t.getAttribute('datetime').replace('T', ' ').replace('Z', ' UTC');
  });
  text.addEventListener('input', apply);
  comp.addEventListener('input', apply);
  app.addEventListener('change', apply);
  env.addEventListener('change', apply);
  q('#filters').addEventListener('submit', function (ev) { ev.preventDefault(); });
  // a browser may restore filter values on back/forward navigation: apply them
  if (text.value || app.value || env.value || comp.value) apply();
})();
`.trim();

/** base64 SHA-256 of DASHBOARD_SCRIPT, for the page's Content-Security-Policy (checked by a test). */
export const DASHBOARD_SCRIPT_SHA256 = 'lGnewxbIHmarUOy0GRt52+622t/Ok9dIUS0wW3UwWWw=';
