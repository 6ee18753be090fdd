/**
 * Desired state against the Ortelius backend (loopback emulator): plan works; what the server has no place for
 * (leases for apply, custom state) is refused in one line with exit 2 (NOT_SUPPORTED), and envscript --env only
 * warns. Nothing is sent to the server for a refused command beyond the reads of its plan.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, type ExecuteInputs } from '../src/execute.js';
import { createMemoryHost } from '../src/host.js';
import type { CommandName } from '../src/inputs.js';
import { DEFAULT_PASSWORD, DEFAULT_USER, startOrteliusEmulator, type OrteliusEmulator } from './ortelius-emulator/index.js';

const APP = 'GLOBAL.Acme.Store.shop';
let emu: OrteliusEmulator;
let dir: string;

const run = async (command: CommandName, inputs: ExecuteInputs = {}) => {
  const host = createMemoryHost({
    env: { PATH: process.env.PATH ?? '', HOME: dir, DHURL: emu.url, DHUSER: DEFAULT_USER, DHPASS: DEFAULT_PASSWORD },
    cwd: dir,
  });
  const outcome = await execute(command, inputs, host);
  return { ...outcome, err: host.err() };
};

beforeAll(async () => {
  emu = await startOrteliusEmulator();
  dir = mkdtempSync(path.join(tmpdir(), 'shiplog-intent-ortelius-'));
  writeFileSync(path.join(dir, 'intent.toml'), `[application."${APP}"]\ndeploy = ["true"]\n\n[environment.dev]\n"${APP}" = "latest"\n`);
  writeFileSync(
    path.join(dir, 'state.toml'),
    `[application."${APP}"]\ndeploy = ["true"]\nuses_state = ["db_url"]\n\n[environment.dev]\n"${APP}" = "latest"\n`,
  );
  const up = await run('version-update', { 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': '1.0', application: APP });
  if (up.exitCode !== 0) throw new Error(up.err);
});

afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('desired state on the Ortelius backend', () => {
  it('plans against the server', async () => {
    const plan = await run('plan');
    expect(plan.exitCode, plan.err).toBe(1);
    expect(plan.result).toMatchObject({
      ok: true,
      store: { kind: 'ortelius' },
      rows: [{ environment: 'dev', application: APP, action: 'deploy', current: null }],
    });
  });

  it('refuses apply, state and uses_state in one line, exit 2', async () => {
    const cases: [CommandName, ExecuteInputs, string][] = [
      ['apply', {}, 'the Ortelius server has no place for apply leases'],
      ['state-set', { env: 'dev', key: 'db_url', value: 'x' }, 'the Ortelius server has no place for custom state'],
      ['state-get', { env: 'dev', key: 'db_url' }, 'the Ortelius server has no place for custom state'],
      ['state-list', {}, 'the Ortelius server has no place for custom state'],
      ['plan', { intent: 'state.toml' }, 'the Ortelius server has no place for custom state'],
    ];
    for (const [command, inputs, message] of cases) {
      const r = await run(command, inputs);
      expect(r.exitCode, `${command}: ${r.err}`).toBe(2);
      expect(r.result.error, command).toMatchObject({ code: 'NOT_SUPPORTED', message: expect.stringContaining(message) });
      expect((r.result.error as { message: string }).message, command).not.toContain('\n');
    }
  });

  it('envscript --env warns that there is no custom state and writes the rest', async () => {
    const r = await run('envscript', { env: 'dev', format: 'json', json: true });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.err).toContain('envscript: the ortelius backend keeps no custom state: no SHIPLOG_STATE_* variables for dev');
    expect(Object.keys(r.result.variables as object).filter((k) => k.startsWith('SHIPLOG_STATE_'))).toEqual([]);
  });
});
