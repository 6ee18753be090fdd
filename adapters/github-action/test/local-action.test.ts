// Smoke run with @github/local-action (offline): it reads <operation>/action.yml, loads a dotenv of inputs
// and runner files, and runs src/main.ts's run() under tsx.
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

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shiplog-gha-local-action-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('runs the version-update action through local-action', async () => {
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') };
  await writeFile(files.output, '');
  await writeFile(files.summary, '');
  const dotenv = join(dir, 'action.env');
  await writeFile(
    dotenv,
    [
      'INPUT_OPERATION=version-update',
      'INPUT_COMPONENT-NAME=GLOBAL.Acme.Store.cart',
      'INPUT_COMPONENT-VERSION=v2.0.0',
      'INPUT_COMPONENT-VARIANT=main',
      'INPUT_APPLICATION=GLOBAL.Acme.Store.shop',
      `INPUT_STATE-DIR=${join(dir, 'state')}`,
      `GITHUB_OUTPUT=${files.output}`,
      `GITHUB_STEP_SUMMARY=${files.summary}`,
      'GITHUB_REPOSITORY=acme/shop',
      'GITHUB_API_URL=http://127.0.0.1:9',
      '',
    ].join('\n'),
  );
  const bin = join(ACTION_ROOT, '..', '..', 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
  const { stdout } = await promisify(execFile)(process.execPath, [bin, 'run', './version-update', '../src/main.ts', dotenv], {
    cwd: ACTION_ROOT,
    // src/main.ts imports @shiplog/core from its TypeScript sources (the `shiplog-source` export condition).
    env: { PATH: process.env.PATH ?? '', HOME: dir, npm_config_offline: 'true', npm_config_update_notifier: 'false', NODE_OPTIONS: '--conditions=shiplog-source' },
    maxBuffer: 16 << 20,
  });
  // local-action read our metadata ...
  expect(stdout).toContain('Action Metadata');
  expect(stdout).toContain("'component-version'");
  expect(stdout).toContain('::group::shiplog version-update');
  // ... and the action did its work
  const outputs = parseFileCommands(await readFile(files.output, 'utf8'));
  expect(outputs['component-version']).toBe('GLOBAL.Acme.Store.cart;main;v2_0_0');
  expect(JSON.parse(outputs.result)).toMatchObject({ ok: true, operation: 'version-update' });
  expect(await readFile(files.summary, 'utf8')).toContain('### shiplog version-update');
}, 180_000);
