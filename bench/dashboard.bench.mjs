#!/usr/bin/env node
/* global document, requestAnimationFrame -- page.evaluate callbacks run in the browser */
// Issue 19: the release dashboard at scale. A local store of 200 applications x 10 environments with 1,000
// deployments per application (200k deployments; 20 versions each, so the lineage is cut to its newest 12) is
// written in the store's on-disk format, `shiplog report --html` renders it through the bundled CLI, and
// Debian's chromium (playwright-core) opens the file: first contentful paint and load from the Performance API,
// and how long one filter keystroke takes. Targets (issue 19): file < 2 MB, painted in < 1 s. Numbers as measured.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { generate, removeTree } from './local-store-fixture.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(here, '..', 'core', 'dist', 'shiplog.mjs');
if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build:local first`);
const executablePath = process.env.SHIPLOG_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) throw new Error('chromium is not installed: apt-get install chromium (or set SHIPLOG_CHROMIUM)');

const APPS = 200;
const ENVS = 10;
const PER_APP = 1_000;
const SHAPE = {
  apps: APPS,
  envs: ENVS,
  deployments: APPS * PER_APP,
  components: APPS * 5,
  versionsPerApp: 20,
  // every application reaches every environment; versions climb with time, later environments lag behind
  envOf: (id) => Math.floor(id / APPS) % ENVS,
  // every deployment by its own CI run, with a link (as on GitHub): the page carries 4,000 build links
  provenanceOf: (id) => ({
    provider: 'github',
    isCi: true,
    buildId: String(id),
    job: 'release / deploy',
    buildUrl: `https://github.com/acme/bench/actions/runs/${id}`,
  }),
  versionOf: (id) => Math.max(1, Math.min(20, Math.ceil((id / (APPS * PER_APP)) * 20) - ((Math.floor(id / APPS) % ENVS) % 3))),
};
const LIMIT_BYTES = 2 * 1000 * 1000;
const RUNS = 3;

const work = mkdtempSync(join(tmpdir(), 'shiplog-bench-dashboard-'));
const store = join(work, 'store');
try {
  await generate(store, SHAPE, 'dashboard');
  const stages = Array.from({ length: ENVS }, (_, i) => `[[stage]]\nname = "e${i}"\nenvironments = ["e${i}"]\n`).join('\n');
  writeFileSync(join(work, 'shiplog.toml'), stages);
  const html = join(work, 'report.html');
  const md = join(work, 'report.md');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bundle, 'report', '--html', html, '--markdown', md, '--json'], {
    cwd: work,
    env: { PATH: process.env.PATH, HOME: work, SHIPLOG_STATE_DIR: store, SHIPLOG_BACKEND: 'local' },
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const reportSecs = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`shiplog report exited ${r.status}: ${r.stderr}`);
  const res = JSON.parse(r.stdout);
  const apps = res.dashboard.applications.length;
  const cells = res.dashboard.applications.reduce((n, a) => n + a.cells.filter(Boolean).length, 0);
  const bytes = statSync(html).size;
  const mdBytes = statSync(md).size;

  const browser = await chromium.launch({ executablePath, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  const paints = [];
  let keystroke = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      const m = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const done = () => {
              const fcp = performance.getEntriesByName('first-contentful-paint')[0];
              const nav = performance.getEntriesByType('navigation')[0];
              resolve({ fcp: fcp ? fcp.startTime : null, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd });
            };
            requestAnimationFrame(() => setTimeout(done, 0));
          }),
      );
      paints.push(m);
      if (i === RUNS - 1) {
        keystroke = await page.evaluate(() => {
          const input = document.getElementById('f-text');
          const t = performance.now();
          input.value = 'a17';
          input.dispatchEvent(new Event('input'));
          document.body.getBoundingClientRect();
          return performance.now() - t;
        });
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fcp = median(paints.map((p) => p.fcp));
  const load = median(paints.map((p) => p.load));
  const dcl = median(paints.map((p) => p.dcl));
  const lines = [
    '## dashboard: `shiplog report --html` of 200 applications x 10 environments',
    '',
    `Store: ${APPS} applications x ${ENVS} environments, ${SHAPE.deployments.toLocaleString('en')} deployments (${PER_APP} per application), 20 versions per application; ${apps} applications and ${cells} matrix cells in the report. Chromium ${browser.version()} headless, median of ${RUNS} loads.`,
    '',
    '| measure | value | target |',
    '| --- | --- | --- |',
    `| HTML file | ${(bytes / 1e6).toFixed(2)} MB | < 2 MB ${bytes < LIMIT_BYTES ? 'met' : 'NOT met'} |`,
    `| markdown (job summary) | ${(mdBytes / 1024).toFixed(0)} KiB${res.markdown.truncated ? `, cut: ${res.markdown.omittedApplications} application sections left out` : ''} | <= 1024 KiB |`,
    `| first contentful paint | ${fcp === null ? 'n/a' : `${fcp.toFixed(0)} ms`} | < 1000 ms ${fcp !== null && fcp < 1000 ? 'met' : 'NOT met'} |`,
    `| DOMContentLoaded / load | ${dcl.toFixed(0)} ms / ${load.toFixed(0)} ms | |`,
    `| one filter keystroke (text search over 200 applications, with layout) | ${keystroke.toFixed(0)} ms | |`,
    `| \`shiplog report\` (bundled CLI, reading the store, both files) | ${reportSecs.toFixed(1)} s | |`,
    '',
    `Paint runs: ${paints.map((p) => `${p.fcp?.toFixed(0)} ms`).join(', ')}.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  if (process.env.SHIPLOG_BENCH_KEEP) process.stderr.write(`dashboard: kept ${work}\n`);
  else await removeTree(work);
}
