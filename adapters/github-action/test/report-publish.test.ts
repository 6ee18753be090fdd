// report: true on the action (the built bundle, run as the runner runs it): the core writes shiplog-report.html in
// the workspace, the action names it in its `report-html` output and puts the dashboard in the job summary, under
// GitHub's 1 MiB limit; no secret in either. Here the runner offers no artifact service (no ACTIONS_RUNTIME_TOKEN),
// so the summary links the run's artifacts; the upload itself: report-artifact.test.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeWorkspace, runAction } from './runner-harness.js';

const APP = 'GLOBAL.Acme.Store.shop';
const SECRET = 'gh-report-s3cret-value-42';

let ws: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(async () => {
  await ws.cleanup();
});

it('deploy with report: true writes the page, outputs report-html, and summarises the dashboard with a link', async () => {
  const vu = await runAction('version-update', {
    workspace: ws.dir,
    inputs: { 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': 'v1.0.0', application: APP },
  });
  expect(vu.exitCode, vu.stdout).toBe(0);
  expect(vu.outputs['report-html']).toBeUndefined();
  const r = await runAction('deploy', {
    workspace: ws.dir,
    inputs: { application: APP, env: 'dev', 'exit-code': '0', report: 'true', 'log-url': `https://ci.example/log?t=${SECRET}` },
    env: { DEPLOY_API_TOKEN: SECRET },
  });
  expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  expect(r.outputs['report-html']).toBe('shiplog-report.html');
  const page = await readFile(join(ws.dir, 'shiplog-report.html'), 'utf8');
  expect(page).toMatch(/^<!doctype html>/);
  expect(page).toContain(`<tr data-app="${APP}">`);
  expect(page).not.toContain(SECRET);
  // the operation's own summary, then the dashboard's markdown, then the pointer to the run's artifacts
  expect(r.summary).toContain('shiplog deploy');
  expect(r.summary).toContain('| Application |');
  expect(r.summary).toMatch(
    /\*\*Release dashboard\*\*: \[shiplog-report\.html\]\(https:\/\/github\.com\/[^)]+\/actions\/runs\/4242#artifacts\)/,
  );
  expect(r.summary).not.toContain(SECRET);
  expect(new TextEncoder().encode(r.summary).length).toBeLessThan(1024 * 1024);
});
