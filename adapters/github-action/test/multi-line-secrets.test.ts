// Issue 20, item 1, through the bundled action: a multi-line secret in the job's environment (DEPLOY_PRIVATE_KEY)
// printed by the deployment command, carried by approval notes and an attribute, is masked line by line in every
// sink the action writes (log, outputs, job summary, GITHUB_ENV, the store in the workspace, the Ortelius
// server's requests), on both backends; each line is announced to the runner with ::add-mask::.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leaks, needles, printed, SECRET_CASES } from '../../../core/test/multi-line-secret-cases.js';
import { startOrteliusEmulator, type OrteliusEmulator } from '../../../core/test/ortelius-emulator/index.js';
import { makeWorkspace, runAction, type ActionRun } from './runner-harness.js';

const APP = 'GLOBAL.Acme.Store.shop';
const USER = 'deployer';
const PASSWORD = 'emulator-pass-1';

async function workspaceText(dir: string): Promise<string> {
  let all = '';
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const parent = (entry as unknown as { parentPath?: string; path?: string }).parentPath ?? (entry as unknown as { path: string }).path;
    if (!entry.isFile() || parent.split('/').includes('.git') || entry.name === 'payload.txt') continue;
    all += `\n--- ${join(parent, entry.name)}\n` + (await readFile(join(parent, entry.name), 'utf8'));
  }
  return all;
}

/** The runner log without the ::add-mask:: commands (the one place a secret is meant to be). */
const log = (r: ActionRun) =>
  (r.stdout + r.stderr)
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

let emu: OrteliusEmulator;
let ws: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  emu = await startOrteliusEmulator({ users: { [USER]: PASSWORD }, deployDelayMs: 20 });
  ws = await makeWorkspace();
});
afterEach(async () => {
  await emu.close();
  await ws.cleanup();
});

describe.each(['local', 'ortelius'] as const)('github action, %s backend', (backend) => {
  it.each(SECRET_CASES.filter((c) => c.name !== 'single-line'))('$name: 0 leaks in every sink', async ({ value }) => {
    await writeFile(join(ws.dir, 'payload.txt'), printed(value));
    const line = needles(value).find((l) => l !== value && l.trim() === l) ?? value;
    const env = {
      DEPLOY_PRIVATE_KEY: value,
      ...(backend === 'ortelius' ? { DHURL: emu.url, DHUSER: USER, DHPASS: PASSWORD } : { SHIPLOG_BACKEND: 'local' }),
    };
    const runs: ActionRun[] = [];
    const run = async (op: string, inputs: Record<string, string>) => {
      const r = await runAction(op, { workspace: ws.dir, inputs, env });
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      runs.push(r);
      return r;
    };
    await run('version-update', {
      'component-name': 'GLOBAL.Acme.Store.cart',
      'component-version': 'v1.0.0',
      application: APP,
      attr: `Note=key ${line} end`,
    });
    await run('approve', { application: APP, stage: 'qa', notes: `approved with ${line}` });
    const dep = await run('deploy', { application: APP, env: 'dev', command: 'cat payload.txt' });
    expect(dep.stdout).toContain('whole:');
    // the runner is told to mask each line of the key, as it does for a multi-line secret of its own
    for (const l of needles(value))
      if (l.trim() === l && !/[\r\n]/.test(l)) expect(dep.stdout).toContain(`::add-mask::${l.replace(/%/g, '%25')}`);
    const sinks: Record<string, string> = {
      log: runs.map(log).join('\n'),
      outputs: runs.map((r) => JSON.stringify(r.outputs)).join('\n'),
      summary: runs.map((r) => r.summary).join('\n'),
      env: runs.map((r) => r.files.GITHUB_ENV).join('\n'),
      workspace: await workspaceText(ws.dir),
      ...(backend === 'ortelius'
        ? { requests: JSON.stringify(emu.requests.filter((r) => r.path !== '/dmadminweb/API/login')), server: JSON.stringify(emu.state) }
        : {}),
    };
    expect(sinks.summary).toContain('approved with');
    expect(leaks(sinks, value)).toEqual([]);
  });
});
