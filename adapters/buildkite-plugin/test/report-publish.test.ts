// report: true on the plugin, through the real hooks and the shipped CLI bundle with the recording fake
// buildkite-agent: the page is uploaded as an artifact (`buildkite-agent artifact upload shiplog-report.html`,
// run in the checkout where the core wrote it) and an annotation in context shiplog-report links it
// (artifact://) above the dashboard's markdown; nothing of it without report; no password anywhere.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { annotations, expectNoSecret, makeJob, PASSWORD, type Job } from './hook-harness.js';

const APP = 'GLOBAL.Acme.Store.shop';

let job: Job;
beforeEach(() => {
  job = makeJob();
});
afterEach(() => {
  rmSync(job.dir, { recursive: true, force: true });
});

it('uploads the page and annotates with a link to it and the dashboard', async () => {
  const plain = await job.run('command', {
    operation: 'version-update',
    'component-name': 'GLOBAL.Acme.Store.cart',
    'component-version': '1.2.0',
    application: APP,
  });
  expect(plain.status, plain.stderr).toBe(0);
  expect(plain.calls.filter((c) => c.args[0] === 'artifact')).toEqual([]);
  expect(existsSync(join(job.checkout, 'shiplog-report.html'))).toBe(false);

  const run = await job.run('command', {
    operation: 'version-update',
    'component-name': 'GLOBAL.Acme.Store.cart',
    'component-version': '1.3.0',
    application: APP,
    report: true,
    attr: [`Leak=${PASSWORD}`],
  });
  expect(run.status, run.stderr).toBe(0);
  const uploads = run.calls.filter((c) => c.args[0] === 'artifact');
  expect(uploads.map((c) => c.args)).toEqual([['artifact', 'upload', 'shiplog-report.html']]);
  const page = readFileSync(join(job.checkout, 'shiplog-report.html'), 'utf8');
  expect(page).toMatch(/^<!doctype html>/);
  const dashboard = annotations(run.calls).find((a) => a.context === 'shiplog-report');
  expect(dashboard).toBeDefined();
  expect(dashboard!.style).toBe('info');
  expect(dashboard!.body).toMatch(/^\*\*Release dashboard\*\*: <a href="artifact:\/\/shiplog-report\.html">shiplog-report\.html<\/a>\n\n/);
  expect(dashboard!.body).toMatch(/\d+ applications? × \d+ environments, generated /);
  // the upload comes before the annotation that links it
  const order = run.calls
    .map((c) => (c.args[0] === 'artifact' ? 'upload' : c.args.includes('shiplog-report') ? 'annotate' : ''))
    .filter(Boolean);
  expect(order).toEqual(['upload', 'annotate']);
  expectNoSecret(job, [plain, run]);
});
