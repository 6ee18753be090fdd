// The built action against the Ortelius emulator (DHURL/DHUSER/DHPASS from the job env, as the README shows).
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  DEFAULT_PASSWORD,
  DEFAULT_USER,
  startOrteliusEmulator,
  type OrteliusEmulator,
} from '../../../core/test/ortelius-emulator/index.js';
import { makeWorkspace, runAction } from './runner-harness.js';

const APP = 'GLOBAL.Acme.Store.shop';
let emu: OrteliusEmulator;
let ws: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  emu = await startOrteliusEmulator({ deployDelayMs: 20 });
  ws = await makeWorkspace();
});
afterEach(async () => {
  await emu.close();
  await ws.cleanup();
});

it('records a version, deploys it and reports both, on the ortelius backend', async () => {
  const env = { DHURL: emu.url, DHUSER: DEFAULT_USER, DHPASS: DEFAULT_PASSWORD };
  const vu = await runAction('version-update', {
    workspace: ws.dir,
    inputs: { 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': 'v3.1.0', application: APP, 'app-version': '3.1.0' },
    env,
  });
  expect(vu.exitCode, vu.stdout).toBe(0);
  expect(vu.outputs['component-version']).toBe('GLOBAL.Acme.Store.cart;main;v3_1_0');
  expect(vu.outputs['app-version']).toBe(`${APP};3_1_0`);
  expect(vu.summary).toContain('```mermaid');
  expect(emu.calls().some((c) => c.startsWith('POST /dmadminweb/API/login'))).toBe(true);

  const dep = await runAction('deploy', {
    workspace: ws.dir,
    inputs: { application: APP, env: 'dev', command: 'echo shipped' },
    env,
  });
  expect(dep.exitCode, dep.stdout).toBe(0);
  expect(dep.outputs['deployment-status']).toBe('success');
  expect(dep.outputs['app-version']).toBe(`${APP};3_1_0`);
  expect(dep.summary).toContain('| Environment | `dev` |');
  expect(dep.stdout).toContain('shipped');
});
