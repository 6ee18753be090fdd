// report: true uploads the dashboard as the run's artifact (the built bundle, run as the runner runs it, against a
// loopback emulator of the artifact service): the bytes the service receives are the page and markdown written,
// the summary links the artifact's page, the outputs name it; a runner without the service, or a refused upload,
// is one warning and a passing step; the runtime token appears nowhere. The action runs from a copy outside this
// tree, as the runner downloads it (no node_modules): dist/artifact-upload.cjs must load on its own.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACT_ID, fakeArtifactService, runtimeToken, type FakeArtifactService } from './fake-artifact-service.js';
import { ADAPTER_COMMANDS } from '@shiplog/core';
import { validateResult } from '../../../core/test/support/result-schemas.js';
import { ACTION_ROOT, makeWorkspace, runAction as runFrom, type ActionRun, type RunOptions } from './runner-harness.js';

const APP = 'GLOBAL.Acme.Store.shop';
const RUN_BACKEND = 'ce7f54c7-61c7-4aae-887f-30da475f5f1a';
const JOB_BACKEND = 'ca395085-040a-526b-2ce8-bdc85f692774';
const TOKEN = runtimeToken(RUN_BACKEND, JOB_BACKEND);
const NAME = 'shiplog-report-release-deploy-1-ca395085';
const ARTIFACT_URL = `https://github.com/acme/shop/actions/runs/4242/artifacts/${ARTIFACT_ID}`;

let svc: FakeArtifactService;
let ws: Awaited<ReturnType<typeof makeWorkspace>>;
let copy: string;
beforeAll(async () => {
  svc = await fakeArtifactService();
  ws = await makeWorkspace();
  copy = await mkdtemp(join(tmpdir(), 'shiplog-gha-artifact-'));
  for (const dir of [...ADAPTER_COMMANDS, 'dist']) await cp(join(ACTION_ROOT, dir), join(copy, dir), { recursive: true });
});
afterAll(async () => {
  await svc?.close();
  await ws?.cleanup();
  if (copy) await rm(copy, { recursive: true, force: true });
});

const runAction = (op: string, opts: RunOptions) => runFrom(op, { ...opts, actionRoot: copy });

const warnings = (r: ActionRun) => r.stdout.split('\n').filter((l) => l.startsWith('::warning'));

/**
 * No byte the step wrote (log, outputs, summary, env files) holds the token or its claims, but the leading
 * `::add-mask::` commands that announce it to the runner (which masks it from then on).
 */
function expectNoToken(r: ActionRun): void {
  const claims = TOKEN.split('.')[1];
  const lines = r.stdout.split('\n');
  const masks = lines.slice(
    0,
    lines.findIndex((l) => !l.startsWith('::add-mask::')),
  );
  expect(masks).toContain(`::add-mask::${TOKEN}`);
  const log = lines.slice(masks.length).join('\n');
  for (const text of [log, r.stderr, ...Object.values(r.files)]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(claims);
  }
}

it('without the runtime token: one warning naming why, the page stays (report-html), the step passes', async () => {
  const r = await runAction('version-update', {
    workspace: ws.dir,
    inputs: { 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': 'v1.0.0', application: APP, report: 'true' },
    env: { ACTIONS_RESULTS_URL: svc.url, GITHUB_ACTION: 'vu' },
  });
  expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  expect(warnings(r)).toEqual([
    expect.stringMatching(
      /release dashboard was not uploaded as an artifact: ACTIONS_RUNTIME_TOKEN is not set .*shiplog-report\.html stays in the workspace/,
    ),
  ]);
  expect(r.outputs['report-html']).toBe('shiplog-report.html');
  expect(r.outputs['report-artifact-id']).toBeUndefined();
  expect(r.outputs['report-artifact-url']).toBeUndefined();
  expect(svc.requests).toEqual([]);
});

it('uploads shiplog-report.html and .md as one artifact, links it from the summary and outputs its id and URL', async () => {
  const r = await runAction('deploy', {
    workspace: ws.dir,
    inputs: { application: APP, env: 'dev', 'exit-code': '0', report: 'true' },
    env: { ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_RESULTS_URL: svc.url, GITHUB_ACTION: 'deploy' },
  });
  expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  svc.verify();
  expect(warnings(r)).toEqual([]);
  // the twirp calls: keyed by the ids of the token's results scope, authorised by the token
  expect(svc.calls.map((c) => c.method)).toEqual(['CreateArtifact', 'FinalizeArtifact']);
  for (const c of svc.calls) {
    expect(c.authorization).toBe(`Bearer ${TOKEN}`);
    expect(c.body).toMatchObject({ workflow_run_backend_id: RUN_BACKEND, workflow_job_run_backend_id: JOB_BACKEND, name: NAME });
  }
  // the blob is a zip of exactly the two files the core wrote, byte for byte
  const [blob] = [...svc.blobs.values()];
  expect(svc.calls[1].body.size).toBe(String(blob.length));
  const files = unzipSync(new Uint8Array(blob));
  expect(Object.keys(files).sort()).toEqual(['shiplog-report.html', 'shiplog-report.md']);
  expect(Buffer.from(files['shiplog-report.html']).equals(await readFile(join(ws.dir, 'shiplog-report.html')))).toBe(true);
  expect(Buffer.from(files['shiplog-report.md']).equals(await readFile(join(ws.dir, 'shiplog-report.md')))).toBe(true);
  // outputs, the result's report, and the summary's link to the artifact's page
  expect(r.outputs).toMatchObject({
    'report-html': 'shiplog-report.html',
    'report-artifact-id': ARTIFACT_ID,
    'report-artifact-url': ARTIFACT_URL,
  });
  expect(JSON.parse(r.outputs.result).report.artifact).toEqual({ name: NAME, id: Number(ARTIFACT_ID), url: ARTIFACT_URL });
  // the whole-result output, with the artifact the action added, still matches the command's schema (schemas/)
  expect(validateResult(JSON.parse(r.outputs.result))).toEqual([]);
  expect(r.summary).toContain(`**Release dashboard**: [${NAME}](${ARTIFACT_URL})`);
  expectNoToken(r);
});

it('an upload the service refuses is a warning: the deployment stands, the summary points at the run', async () => {
  svc.refuseCreate = true;
  const before = svc.calls.length;
  const r = await runAction('deploy', {
    workspace: ws.dir,
    inputs: { application: APP, env: 'dev', 'exit-code': '0', report: 'true' },
    env: { ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_RESULTS_URL: svc.url, GITHUB_ACTION: 'deploy' },
  });
  expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  svc.verify();
  expect(svc.calls.slice(before).map((c) => c.method)).toEqual(['CreateArtifact']);
  expect(warnings(r)).toContainEqual(
    expect.stringMatching(
      new RegExp(`release dashboard was not uploaded as an artifact \\(${NAME}\\): .*409.*the operation's outcome stands`),
    ),
  );
  expect(r.outputs['deployment-status']).toBe('success');
  expect(r.outputs['report-html']).toBe('shiplog-report.html');
  expect(r.outputs['report-artifact-id']).toBeUndefined();
  expect(r.summary).toContain('**Release dashboard**: [shiplog-report.html](https://github.com/acme/shop/actions/runs/4242#artifacts)');
  expectNoToken(r);
});
