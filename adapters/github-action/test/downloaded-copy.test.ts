// The runner downloads the repository without node_modules: run a copy of the five folders + dist/ placed
// outside this tree (no node_modules anywhere above it), loading every lazy chunk (local store, ortelius
// client, GitHub Deployment client) so that nothing resolves from this repository's node_modules by accident.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADAPTER_COMMANDS } from '@shiplog/core';
import { DEFAULT_PASSWORD, DEFAULT_USER, startOrteliusEmulator } from '../../../core/test/ortelius-emulator/index.js';
import { fakeGithub } from './fake-github.js';
import { ACTION_ROOT, makeWorkspace, runAction } from './runner-harness.js';

let copy: string;
beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'shiplog-gha-download-'));
  for (const dir of [...ADAPTER_COMMANDS, 'dist']) await cp(join(ACTION_ROOT, dir), join(copy, dir), { recursive: true });
});
afterAll(async () => {
  await rm(copy, { recursive: true, force: true });
});

it('runs from a copy without node_modules, every chunk included', async () => {
  const ws = await makeWorkspace();
  const emu = await startOrteliusEmulator({ deployDelayMs: 10 });
  const gh = await fakeGithub([
    { method: 'POST', path: '/repos/acme/shop/deployments', status: 201, body: { id: 3 } },
    { method: 'POST', path: '/repos/acme/shop/deployments/3/statuses', status: 201, body: {} },
    { method: 'POST', path: '/repos/acme/shop/deployments/3/statuses', status: 201, body: {} },
  ]);
  try {
    const comp = { 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': 'v1.0.0', application: 'GLOBAL.Acme.Store.shop' };
    const local = await runAction('version-update', { workspace: ws.dir, actionRoot: copy, inputs: comp });
    expect(local.exitCode, local.stdout + local.stderr).toBe(0);
    const deploy = await runAction('deploy', {
      workspace: ws.dir,
      actionRoot: copy,
      inputs: { application: comp.application, env: 'dev', command: 'true', 'github-token': 'ghs_copytest_token_value' },
      env: { GITHUB_API_URL: gh.url },
    });
    expect(deploy.exitCode, deploy.stdout + deploy.stderr).toBe(0);
    gh.verify();
    const remote = await runAction('version-update', {
      workspace: ws.dir,
      actionRoot: copy,
      inputs: comp,
      env: { DHURL: emu.url, DHUSER: DEFAULT_USER, DHPASS: DEFAULT_PASSWORD },
    });
    expect(remote.exitCode, remote.stdout + remote.stderr).toBe(0);
    expect(remote.outputs['component-version']).toBe('GLOBAL.Acme.Store.cart;main;v1_0_0');
  } finally {
    await gh.close();
    await emu.close();
    await ws.cleanup();
  }
});
