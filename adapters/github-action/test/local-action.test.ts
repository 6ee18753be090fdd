// Every action run by @github/local-action (offline, from the registry's package in devDependencies): it reads
// <operation>/action.yml, loads a dotenv of inputs and runner files, imports the entry named in action.yml
// (../dist/index.cjs, the bundle the runner runs) and calls its exported run(). The entry runs run() by itself
// only as the main module (node dist/index.cjs), so the import does not run the action twice (issue 20, item 3).
//
// Limitation (local-action 7.0.1): it finds the toolkit to stub with `npm ls @actions/core ... --json --long`
// and reads only the top-level `dependencies`; in this npm-workspaces tree that lists just the workspace
// package, so its @actions/core / @actions/github stubs are not installed and run() uses the real toolkit.
// The dotenv therefore sets INPUT_OPERATION itself (the stub would have taken action.yml's default), and the
// outputs are read from GITHUB_OUTPUT (local-action's own "Action Outputs" table stays empty).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parseFileCommands, ACTION_ROOT } from './runner-harness.js';
import { validateResult } from '../../../core/test/support/result-schemas.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shiplog-gha-local-action-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const OPERATIONS: ReadonlyArray<readonly [string, Record<string, string>, (outputs: Record<string, string>, summary: string) => void]> = [
  [
    'version-update',
    {
      'COMPONENT-NAME': 'GLOBAL.Acme.Store.cart',
      'COMPONENT-VERSION': 'v2.0.0',
      'COMPONENT-VARIANT': 'main',
      APPLICATION: 'GLOBAL.Acme.Store.shop',
    },
    (o) => expect(o['component-version']).toBe('GLOBAL.Acme.Store.cart;main;v2_0_0'),
  ],
  ['move', { APPLICATION: 'GLOBAL.Acme.Store.shop', TO: 'qa' }, (o) => expect(JSON.parse(o.result)).toMatchObject({ to: 'qa' })],
  [
    'approve',
    { APPLICATION: 'GLOBAL.Acme.Store.shop', STAGE: 'prod', NOTES: 'local-action' },
    (o) => expect(JSON.parse(o.result)).toMatchObject({ stage: 'prod', approved: true }),
  ],
  [
    'deploy',
    { APPLICATION: 'GLOBAL.Acme.Store.shop', ENV: 'qa', COMMAND: 'echo deployed-by-local-action' },
    (o) => expect(o['deployment-status']).toBe('success'),
  ],
  ['envscript', { FORMAT: 'dotenv' }, (o) => expect(JSON.parse(o.result)).toMatchObject({ format: 'dotenv' })],
];

it('runs every action through local-action, from the bundle the runner runs', async () => {
  const state = join(dir, 'state');
  const bin = join(ACTION_ROOT, '..', '..', 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
  for (const [op, inputs, check] of OPERATIONS) {
    const files = { output: join(dir, `${op}.output`), summary: join(dir, `${op}.summary`) };
    await writeFile(files.output, '');
    await writeFile(files.summary, '');
    const dotenv = join(dir, `${op}.env`);
    await writeFile(
      dotenv,
      [
        // the real toolkit is bundled (local-action's stubs do not apply): the folder's operation default is set here
        `INPUT_OPERATION=${op}`,
        ...Object.entries(inputs).map(([k, v]) => `INPUT_${k}=${v}`),
        `INPUT_STATE-DIR=${state}`,
        ...(op === 'envscript' ? [`INPUT_OUTPUT=${join(dir, 'build.env')}`] : []),
        `GITHUB_OUTPUT=${files.output}`,
        `GITHUB_STEP_SUMMARY=${files.summary}`,
        'GITHUB_REPOSITORY=acme/shop',
        'GITHUB_API_URL=http://127.0.0.1:9',
        '',
      ].join('\n'),
    );
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'run', `./${op}`, '../dist/index.cjs', dotenv], {
      cwd: ACTION_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: dir, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
      maxBuffer: 16 << 20,
    });
    expect(stdout, op).toContain('Action Metadata');
    expect(stdout, op).not.toContain('does not export a run() function');
    // run() ran once: local-action's call, not also the import
    expect(stdout.split(`::group::shiplog ${op}`).length - 1, op).toBe(1);
    const outputs = parseFileCommands(await readFile(files.output, 'utf8'));
    expect(JSON.parse(outputs.result), `${op}: ${stdout}`).toMatchObject({ ok: true, operation: op });
    // the action's whole-result output follows the command's schema (schemas/)
    expect(validateResult(JSON.parse(outputs.result)), op).toEqual([]);
    check(outputs, await readFile(files.summary, 'utf8'));
    expect(await readFile(files.summary, 'utf8')).toContain(`### shiplog ${op}`);
  }
}, 600_000);

it('the entry exports run() and runs it only as the main module', async () => {
  const entry = join(ACTION_ROOT, 'dist', 'index.cjs');
  // required (as local-action does for a CommonJS action): nothing runs, run is a function
  const required = await promisify(execFile)(
    process.execPath,
    ['-e', `const m = require(${JSON.stringify(entry)}); process.stdout.write(typeof m.run)`],
    {
      env: { PATH: process.env.PATH ?? '', INPUT_OPERATION: 'bogus' },
    },
  );
  expect(required.stdout).toBe('function');
  // started by node (as the runner does): it runs, and reports the bad operation
  const started = await promisify(execFile)(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', INPUT_OPERATION: 'bogus' },
  }).catch((e: { stdout: string }) => e);
  expect(started.stdout).toContain('::error::input "operation" must be one of');
});
