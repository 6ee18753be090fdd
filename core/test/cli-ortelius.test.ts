// The CLI against an Ortelius server (the loopback emulator): same commands, same JSON, server-side deploys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, CART, makeRepo, type TestRepo, runCliInProcess } from './execute-fixtures.js';
import { DEFAULT_PASSWORD, DEFAULT_USER, startOrteliusEmulator, type OrteliusEmulator } from './ortelius-emulator/index.js';

let emu: OrteliusEmulator;
let repo: TestRepo;
beforeAll(async () => {
  emu = await startOrteliusEmulator({ deployDelayMs: 50 });
  repo = makeRepo({}, { git: false });
});
afterAll(async () => {
  await emu.close();
  repo.cleanup();
});

function cli(argv: string[], env: Record<string, string> = {}) {
  return runCliInProcess(argv, {
    cwd: repo.dir,
    env: { ...repo.env, DHURL: emu.url, DHUSER: DEFAULT_USER, DHPASS: DEFAULT_PASSWORD, ...env },
  });
}

describe('shiplog CLI on the ortelius backend (DHURL set)', () => {
  it('version-update, move, approve, deploy (server mode) with the same JSON contract', async () => {
    const up = await cli([
      'version-update',
      '--component-name',
      CART,
      '--component-version',
      '1.2.0',
      '--application',
      APP,
      '--app-version',
      '1.0',
      '--json',
    ]);
    expect(up.code, up.err).toBe(0);
    expect(up.json()).toMatchObject({
      ok: true,
      componentVersion: `${CART};1_2_0`,
      componentVersionCreated: true,
      appVersion: `${APP};1_0`,
      appVersionCreated: true,
    });
    const again = await cli([
      'version-update',
      '--component-name',
      CART,
      '--component-version',
      '1.2.0',
      '--application',
      APP,
      '--app-version',
      '1.0',
      '--json',
    ]);
    expect(again.json()).toMatchObject({ componentVersionCreated: false, appVersionCreated: false });

    const dev = await cli(['deploy', '--application', APP, '--env', 'dev', '--timeout', '30s', '--json']);
    expect(dev.code, dev.err).toBe(0);
    expect(dev.json()).toMatchObject({
      ok: true,
      operation: 'deploy',
      deployment: { mode: 'server', status: 'success', environment: 'dev' },
    });

    const mv = await cli(['move', '--application', APP, '--to', 'qa', '--json']);
    expect(mv.code, mv.err).toBe(0);
    expect(mv.json()).toMatchObject({ from: 'dev', to: 'qa' });
    const gated = await cli(['move', '--application', APP, '--to', 'prod', '--json']);
    expect(gated.code).toBe(1);
    expect((gated.json().error as { code: string }).code).toMatch(/^APPROVAL_/);
    expect((await cli(['approve', '--application', APP, '--stage', 'prod'])).code).toBe(0);
    expect((await cli(['move', '--application', APP, '--to', 'prod'])).code).toBe(0);
    for (const r of [up, dev, mv, gated]) expect(r.out + r.err).not.toContain(DEFAULT_PASSWORD);
  });

  it('wrong password: exit 3', async () => {
    const r = await cli(['approve', '--application', APP, '--json'], { DHPASS: 'wrong-password' });
    expect(r.code).toBe(3);
    expect(r.json()).toMatchObject({ ok: false, error: { exitCode: 3 } });
    expect(r.out + r.err).not.toContain('wrong-password');
  });
});
