// `report: true` on an operation (operations/report-after.ts through execute(), as every adapter runs it) and the
// kit's publishing helpers (kit/report-publishing.ts): the files, the result's `report`, a failed deployment
// still reported, bad input and dry runs not, secrets kept out, GitHub's 1 MiB summary limit, Buildkite calls.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildkiteAnnotation,
  buildkiteReportCalls,
  jobSummaryWithReport,
  publishedReportOf,
  reportInputsFrom,
  REPORT_HTML_FILE,
  REPORT_MARKDOWN_FILE,
  wantsReport,
} from '../../src/kit/report-publishing.js';
import { APP, makeRepoWithAppVersion, type TestRepo } from '../execute-fixtures.js';

const SECRET = 'hunter2-very-secret-token';

describe('report: true after an operation (execute)', () => {
  let repo: TestRepo | undefined;
  afterEach(() => {
    repo?.cleanup();
    repo = undefined;
  });

  it('writes the page and the markdown after a deployment, even a failed one; the result says where', async () => {
    repo = await makeRepoWithAppVersion();
    const ok = await repo.run(
      'deploy',
      { application: APP, env: 'dev', 'exit-code': '0', report: 'true' },
      { env: { DEPLOY_API_TOKEN: SECRET } },
    );
    expect(ok.exitCode).toBe(0);
    const report = publishedReportOf(ok.result)!;
    expect(report).toMatchObject({ html: { path: REPORT_HTML_FILE }, markdown: { path: REPORT_MARKDOWN_FILE, truncated: false } });
    expect(report.html!.bytes).toBeGreaterThan(1000);
    const html = readFileSync(path.join(repo.dir, REPORT_HTML_FILE), 'utf8');
    expect(html).toContain(`<tr data-app="${APP}">`);
    expect(readFileSync(path.join(repo.dir, REPORT_MARKDOWN_FILE), 'utf8')).toContain(APP);
    expect(ok.err).toContain('release dashboard written to shiplog-report.html');

    const failed = await repo.run(
      'deploy',
      { application: APP, env: 'dev', 'exit-code': '3', report: true, 'log-url': `https://ci.example/log?token=${SECRET}` },
      { env: { DEPLOY_API_TOKEN: SECRET } },
    );
    expect(failed.exitCode).toBe(1);
    expect(publishedReportOf(failed.result)?.html?.path).toBe(REPORT_HTML_FILE);
    const after = readFileSync(path.join(repo.dir, REPORT_HTML_FILE), 'utf8');
    expect(after).toContain('exit 3');
    expect(after).not.toContain(SECRET);
  });

  it('no report after refused input, a dry run, or without report: true; a report that cannot be written is a warning', async () => {
    repo = await makeRepoWithAppVersion();
    const bad = await repo.run('deploy', { application: APP, env: 'dev', report: 'true' });
    expect(bad.exitCode).toBe(2);
    expect(bad.result.report).toBeUndefined();
    const dry = await repo.run('deploy', { application: APP, env: 'dev', 'exit-code': '0', 'dry-run': true, report: true });
    expect(dry.exitCode).toBe(0);
    const plain = await repo.run('deploy', { application: APP, env: 'dev', 'exit-code': '0' });
    expect(plain.result.report).toBeUndefined();
    expect(existsSync(path.join(repo.dir, REPORT_HTML_FILE))).toBe(false);
    // the page cannot be written (a directory is in the way): the move stands (exit 0), the report says why
    mkdirSync(path.join(repo.dir, REPORT_HTML_FILE));
    const ro = await repo.run('move', { application: APP, to: 'qa', report: true });
    expect(ro.exitCode, JSON.stringify(ro.result)).toBe(0);
    expect(publishedReportOf(ro.result)).toMatchObject({
      html: null,
      markdown: null,
      error: expect.stringContaining('cannot write shiplog-report.html'),
    });
    expect(ro.err).toContain('the release dashboard was not written');
  });
});

describe('kit: report publishing', () => {
  it('wantsReport only for the commands that take it; the report run takes the store inputs, not the application', () => {
    expect(wantsReport('deploy', { report: 'true' })).toBe(true);
    expect(wantsReport('deploy', { report: 'false' })).toBe(false);
    expect(wantsReport('envscript', { report: 'true' })).toBe(false);
    const inputs = reportInputsFrom('deploy', {
      application: APP,
      env: 'dev',
      store: '/srv/state',
      'state-dir': '.s',
      dhpass: SECRET,
      report: 'true',
      json: true,
    });
    expect(inputs).toMatchObject({
      html: REPORT_HTML_FILE,
      markdown: REPORT_MARKDOWN_FILE,
      store: '/srv/state',
      'state-dir': '.s',
      dhpass: SECRET,
    });
    expect(inputs).not.toHaveProperty('application');
    expect(inputs).not.toHaveProperty('env');
    expect(inputs).not.toHaveProperty('report');
    expect(inputs).not.toHaveProperty('json');
  });

  it("GitHub's job summary: the dashboard beside the operation's summary under the limit, else a pointer to the page", () => {
    const own = '### shiplog deploy\nok\n';
    const both = jobSummaryWithReport(own, '## dashboard\n| a |\n', {
      name: REPORT_HTML_FILE,
      href: 'https://github.example/acme/store/actions/runs/7#artifacts',
    });
    expect(both).toBe(
      `${own}\n\n## dashboard\n| a |\n\n\n**Release dashboard**: [shiplog-report.html](https://github.example/acme/store/actions/runs/7#artifacts)\n`,
    );
    const big = 'x'.repeat(2000);
    const cut = jobSummaryWithReport(own, big, { name: REPORT_HTML_FILE }, 1024);
    expect(new TextEncoder().encode(cut).length).toBeLessThanOrEqual(1024);
    expect(cut).not.toContain('xxx');
    expect(cut).toContain('`shiplog-report.html`');
    expect(cut).toContain('summary limit');
    const hugeOwn = 'line of the summary\n'.repeat(200);
    const trimmed = jobSummaryWithReport(hugeOwn, undefined, { name: REPORT_HTML_FILE }, 1024);
    expect(new TextEncoder().encode(trimmed).length).toBeLessThanOrEqual(1024);
    expect(trimmed).toMatch(/^line of the summary\n/);
  });

  it('Buildkite: upload the page, then annotate with an artifact:// link and the markdown', () => {
    const report = { html: { path: REPORT_HTML_FILE, bytes: 10 }, markdown: { path: REPORT_MARKDOWN_FILE, bytes: 5, truncated: false } };
    expect(buildkiteReportCalls(report).map((c) => c.argv)).toEqual([
      ['artifact', 'upload', 'shiplog-report.html'],
      ['annotate', '--style', 'info', '--context', 'shiplog-report'],
    ]);
    expect(buildkiteReportCalls({ html: null, markdown: null, error: 'x' })).toEqual([]);
    // the annotation's text goes on the annotate call's stdin
    expect(buildkiteReportCalls(report, '## md\n')[1].stdin).toBe(buildkiteAnnotation(report, '## md\n'));
    expect(buildkiteReportCalls(report)[0].stdin).toBeUndefined();
    expect(buildkiteAnnotation(report, '## md\n')).toBe(
      '**Release dashboard**: <a href="artifact://shiplog-report.html">shiplog-report.html</a>\n\n## md\n',
    );
    expect(buildkiteAnnotation(report, 'y'.repeat(3000), 1024)).not.toContain('yyy');
  });
});
