// The dashboard renderers (HTML, markdown, lineage SVG) on hand-made models, and `shiplog report` through
// execute() on the local store: validation, files written, the model in --json, redaction, gate/drift fields.
// The browser suite (test/browser/dashboard.test.ts) checks the page as chromium shows it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DASHBOARD_SCRIPT, DASHBOARD_SCRIPT_SHA256 } from '../../src/report/dashboard-assets.js';
import { renderDashboardHtml } from '../../src/report/dashboard-html.js';
import { renderDashboardMarkdown, SUMMARY_LIMIT_BYTES } from '../../src/report/dashboard-markdown.js';
import { formatDuration, type Dashboard, type DashboardApplication } from '../../src/report/dashboard-model.js';
import { lineageSvg } from '../../src/report/lineage-svg.js';
import { renderReport, type ReportResult } from '../../src/operations/report.js';
import { buildReport, renderHeadline } from '../../src/report/index.js';
import { APP, CART, makeRepoWithAppVersion, type TestRepo } from '../execute-fixtures.js';

const HOSTILE = `<script>alert("x")</script>'"&ü🚀`;

function app(name: string, over: Partial<DashboardApplication> = {}): DashboardApplication {
  const build = { label: `github ${HOSTILE} #1`, url: 'https://ci.example/run/1', commit: null, user: null };
  return {
    name,
    cells: [
      { appVersion: `${name};2`, version: '2', since: '2026-01-01T00:00:00Z', deploymentId: 2, build, differsFromPrevious: false },
      {
        appVersion: `${name};1`,
        version: '1',
        since: '2025-12-30T00:00:00Z',
        deploymentId: 1,
        build: { ...build, url: 'javascript:alert(1)' },
        differsFromPrevious: true,
      },
      null,
    ],
    components: [{ base: `GLOBAL.A.${HOSTILE};main`, versions: ['1_1', '1_0', null], differs: [false, true, false] }],
    lineage: {
      versions: [
        { name: `${name};1`, version: '1', predecessor: null, changed: [`GLOBAL.A.c;main;1_0`], removed: [], deployedTo: ['qa'] },
        { name: `${name};2`, version: '2', predecessor: `${name};1`, changed: [`GLOBAL.A.c;main;1_1`], removed: [], deployedTo: ['dev'] },
      ],
      omitted: 0,
    },
    deployments: [
      {
        id: 2,
        environment: 'dev',
        appVersion: `${name};2`,
        version: '2',
        status: 'success',
        exitCode: 0,
        startedAt: '2026-01-01T00:00:00Z',
        finishedAt: '2026-01-01T00:01:05Z',
        durationMs: 65_000,
        mode: 'record',
        logUrl: null,
        build,
      },
    ],
    decisions: [
      {
        appVersion: `${name};1`,
        version: '1',
        stage: 'prod',
        decision: 'rejected',
        actor: { id: HOSTILE, source: 'unknown' },
        at: '2026-01-01T00:00:00Z',
        notes: HOSTILE,
      },
    ],
    ...over,
  };
}

function dashboard(apps: DashboardApplication[], over: Partial<Dashboard> = {}): Dashboard {
  return {
    title: 'shiplog release dashboard',
    generatedAt: '2026-01-02T00:00:00Z',
    environments: ['dev', 'qa', 'prod'],
    applications: apps,
    limits: { deployments: 10, lineage: 12 },
    ...over,
  };
}

describe('dashboard HTML', () => {
  it('the policy names the page script by its hash (update DASHBOARD_SCRIPT_SHA256 to the value below when the script changes)', () => {
    expect(createHash('sha256').update(DASHBOARD_SCRIPT, 'utf8').digest('base64')).toBe(DASHBOARD_SCRIPT_SHA256);
  });

  it('every value is escaped, in text and in attributes; only http(s) URLs become links', () => {
    const html = renderDashboardHtml(dashboard([app(`GLOBAL.A.${HOSTILE}`)]));
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('alert("x")');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&quot;&amp;ü🚀');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<a class="b" href="https://ci.example/run/1">');
    // every attribute value is one quoted string without a raw quote or angle bracket inside
    for (const m of html.matchAll(/ [a-z-]+="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>]/);
  });

  it('draws gate and drift when the model has them, and nothing when it has not', () => {
    const plain = renderDashboardHtml(dashboard([app('GLOBAL.A.shop')]));
    expect(plain).not.toContain('class="g ');
    const a = app('GLOBAL.A.shop');
    a.cells[0]!.gate = { state: 'waiting', approvalsMissing: 2 };
    a.cells[1]!.gate = { state: 'overridden', actor: { id: 'maria', source: 'git' }, reason: 'hotfix' };
    a.cells[0]!.drift = { state: 'drifted', intended: 'GLOBAL.A.shop;1' };
    const html = renderDashboardHtml(dashboard([a]));
    expect(html).toContain('<span class="g g-waiting">waiting for 2 approvals</span>');
    expect(html).toContain('<span class="g g-overridden">overridden by maria: hotfix</span>');
    expect(html).toContain('<span class="dr dr-drifted">intended 1</span>');
  });

  it('an empty store says so', () => {
    expect(renderDashboardHtml(dashboard([]))).toContain('Nothing deployed yet.');
  });

  it('durations read as people say them', () => {
    expect([null, 0, 45_000, 65_000, 3_725_000].map(formatDuration)).toEqual(['—', '0 s', '45 s', '1 min 05 s', '1 h 02 min']);
  });
});

describe('lineage SVG', () => {
  it('a version whose predecessor already has a successor starts a lane below; text is escaped', () => {
    const v = (n: string, p: string | null) => ({
      name: `A;${n}`,
      version: n,
      predecessor: p,
      changed: [`GLOBAL.A.${HOSTILE};m;${n}`],
      removed: [],
      deployedTo: [],
    });
    const straight = lineageSvg([v('1', null), v('2', 'A;1')], 'l');
    const branched = lineageSvg([v('1', null), v('2', 'A;1'), v('3', 'A;1')], 'l');
    const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)![1]);
    expect(height(branched)).toBeGreaterThan(height(straight));
    expect(branched.match(/class="edge"/g)).toHaveLength(2);
    expect(branched).not.toContain('<script');
    expect(branched).toContain('&lt;script&gt;');
  });
});

describe('dashboard markdown', () => {
  it('renders the matrix and per application sections; differing versions in bold; names cannot break a table', () => {
    const { text, truncated } = renderDashboardMarkdown(dashboard([app('GLOBAL.A.sh|op')]));
    expect(truncated).toBe(false);
    expect(text).toContain('| Application | dev | qa | prod |');
    expect(text).toContain('| `GLOBAL.A.sh\\|op` | `2`<br>24 h ago | **`1`**<br>3 d ago | — |');
    expect(text).toContain('**`1_0`**');
    // outside code spans (whose text markdown shows literally) no tag survives
    expect(text.replace(/`[^`\n]*`/g, '')).not.toMatch(/<(?!br>)[a-z/]/i);
  });

  it("stays under GitHub's 1 MiB summary limit, cut at a whole section, pointing at the HTML", () => {
    const many = Array.from({ length: 2500 }, (_, i) => app(`GLOBAL.Acme.app${i}`));
    const d = dashboard(many, { htmlUrl: 'https://ci.example/artifacts/report.html' });
    const md = renderDashboardMarkdown(d);
    expect(Buffer.byteLength(md.text)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(md.truncated).toBe(true);
    expect(md.omittedApplications).toBeGreaterThan(0);
    expect(md.text).toContain(`${md.omittedApplications} application sections left out`);
    expect(md.text).toContain('[the full HTML report](https://ci.example/artifacts/report.html)');
    expect(md.text.trimEnd().endsWith('.')).toBe(true);
    const small = renderDashboardMarkdown(d, { maxBytes: 4096, htmlFile: 'report.html' });
    expect(Buffer.byteLength(small.text)).toBeLessThanOrEqual(4096);
    expect(small.text).toMatch(/matrix rows? and 2500 application sections left out/);
  });
});

describe('shiplog report (execute, local store)', () => {
  let repo: TestRepo | undefined;
  afterEach(() => {
    repo?.cleanup();
    repo = undefined;
  });

  it('reports every bad input at once, exit 2, writing nothing', async () => {
    repo = await makeRepoWithAppVersion();
    const r = await repo.run('report', { html: 'same.html', markdown: 'same.html', 'html-url': 'javascript:x', recent: '0' });
    expect(r.exitCode).toBe(2);
    const problems = (r.result.error as { problems: string[] }).problems;
    expect(problems).toEqual([
      '--html and --markdown name the same file',
      '--html-url must be an http(s) URL, got "javascript:x"',
      '--recent must be a whole number >= 1, got "0"',
    ]);
    expect(existsSync(path.join(repo.dir, 'same.html'))).toBe(false);
    const j = await repo.run('report', { markdown: '-', json: true });
    expect(j.exitCode).toBe(2);
    expect(JSON.stringify(j.result.error)).toContain('--markdown - prints on stdout');
  });

  it('writes the HTML and markdown files, answers the model, and redacts secrets from both', async () => {
    repo = await makeRepoWithAppVersion();
    expect((await repo.run('deploy', { application: APP, env: 'dev', 'exit-code': '0' })).exitCode).toBe(0);
    expect((await repo.run('approve', { application: APP, stage: 'prod', notes: 'ticket s3cr3t-t0ken-value' })).exitCode).toBe(0);
    const env = { DEPLOY_API_TOKEN: 's3cr3t-t0ken-value' };
    const r = await repo.run('report', { html: 'out.html', markdown: 'out.md', recent: '5' }, { env });
    expect(r.exitCode).toBe(0);
    const res = r.result as { html: { path: string; bytes: number }; markdown: { truncated: boolean }; dashboard: Dashboard };
    expect(res.html.path).toBe('out.html');
    expect(res.markdown.truncated).toBe(false);
    expect(res.dashboard.environments).toEqual(['dev', 'qa', 'prod']);
    expect(res.dashboard.generatedAt).toBe('2026-01-02T03:04:05.000Z');
    const a = res.dashboard.applications[0];
    expect(a.name).toBe(APP);
    expect(a.cells.map((c) => c?.version ?? null)).toEqual(['1_0_0', null, null]);
    expect(a.components).toEqual([{ base: CART, versions: ['1_0_0', null, null], differs: [false, false, false] }]);
    expect(a.decisions.map((d) => [d.decision, d.stage, d.notes])).toEqual([['approved', 'prod', 'ticket ***']]);
    const html = readFileSync(path.join(repo.dir, 'out.html'), 'utf8');
    const md = readFileSync(path.join(repo.dir, 'out.md'), 'utf8');
    expect(res.html.bytes).toBe(Buffer.byteLength(html));
    for (const text of [html, md, JSON.stringify(r.result)]) expect(text).not.toContain('s3cr3t-t0ken-value');
    expect(html).toContain('ticket ***');
    expect(md).toContain('ticket \\*\\*\\*');
    expect(renderReport(r.result as unknown as ReportResult)).toMatch(
      /^dashboard of 1 application\(s\) x 3 environment\(s\): HTML in out.html \(\d+ KiB\), markdown in out.md$/,
    );
  });

  it('the kit report of a report run says what it made (adapters and Jenkins shiplogQuery show this headline)', async () => {
    repo = await makeRepoWithAppVersion();
    await repo.run('deploy', { application: APP, env: 'dev', 'exit-code': '0' });
    const r = await repo.run('report', { html: 'out.html' });
    expect(renderHeadline(buildReport('report', r.result))).toBe('shiplog report: dashboard of 1 application x 3 environments in out.html');
  });

  it('without --html or --markdown prints the markdown on stdout', async () => {
    repo = await makeRepoWithAppVersion();
    await repo.run('deploy', { application: APP, env: 'dev', 'exit-code': '0' });
    const r = await repo.run('report', {});
    expect(r.exitCode).toBe(0);
    expect(r.out).toMatch(/^## shiplog release dashboard\n/);
    expect(r.out).toContain(`| \`${APP}\` | \`1_0_0\``);
  });

  it('a file in a missing directory is exit 2 naming it', async () => {
    repo = await makeRepoWithAppVersion();
    const r = await repo.run('report', { html: 'no/such/dir/out.html' });
    expect(r.exitCode).toBe(2);
    expect((r.result.error as { message: string }).message).toBe('cannot write no/such/dir/out.html: ENOENT');
  });
});
