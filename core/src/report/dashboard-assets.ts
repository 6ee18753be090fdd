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
.g-frozen,.dr-drifted,.dr-missing{background:var(--badbg);color:var(--bad)}
.s-success{color:var(--ok)}.s-failed{color:var(--bad)}.s-running{color:var(--warn)}
section.app{border-top:2px solid var(--line);padding-top:12px;margin-top:20px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.lineage{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;display:block}
.lineage rect{fill:var(--node);stroke:var(--muted)}
.lineage .deployed rect{fill:var(--dep);stroke:var(--ok);stroke-width:2}
.lineage text{fill:var(--fg)}.lineage .nv{font-weight:700}
.lineage .edge{fill:none;stroke:var(--muted);stroke-width:1.5}.lineage .arrowhead{fill:var(--muted)}
.legend{font-size:12px;color:var(--muted)}.legend .d{background:var(--diff);color:var(--fg);padding:0 4px}
[hidden]{display:none!important}
@media (max-width:600px){body{padding:0 8px 24px}#filters input,#filters select{min-width:0;width:100%}#filters label{flex:1 1 40%}}
@media print{#filters,.skip{display:none}.scroll{overflow:visible}section.app{break-inside:avoid-page}a{text-decoration:none}body{font-size:10pt}}
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
    return { s: s, row: row, name: name, comps: (s.getAttribute('data-components') || '').toLowerCase(),
      words: (s.textContent + ' ' + (row ? row.textContent : '')).toLowerCase() };
  });
  var envCells = all('[data-env]');
  var compRows = all('tr[data-component]');
  function apply() {
    var t = text.value.trim().toLowerCase(), a = app.value, e = env.value, c = comp.value.trim().toLowerCase();
    var shown = 0;
    apps.forEach(function (x) {
      var keep = (!a || x.name === a) && (!c || x.comps.indexOf(c) >= 0) && (!t || x.words.indexOf(t) >= 0);
      x.s.hidden = !keep;
      if (x.row) x.row.hidden = !keep;
      if (keep) shown++;
    });
    envCells.forEach(function (el) { el.hidden = e !== '' && el.getAttribute('data-env') !== e; });
    compRows.forEach(function (r) { r.hidden = c !== '' && r.getAttribute('data-component').toLowerCase().indexOf(c) < 0; });
    count.textContent = shown + ' of ' + apps.length + ' applications shown';
  }
  text.addEventListener('input', apply);
  comp.addEventListener('input', apply);
  app.addEventListener('change', apply);
  env.addEventListener('change', apply);
  q('#filters').addEventListener('submit', function (ev) { ev.preventDefault(); });
  apply();
})();
`.trim();

/** base64 SHA-256 of DASHBOARD_SCRIPT, for the page's Content-Security-Policy (checked by a test). */
export const DASHBOARD_SCRIPT_SHA256 = 'r9QuVdAiyeS44ZA1SIyyGP7UcjKULaWhrxm7BbovbQU=';
