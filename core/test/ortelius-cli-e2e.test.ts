/**
 * End to end: the CLI bundle (core/dist/shiplog.mjs) as CI runs it, against the loopback Ortelius emulator.
 * Every run's stdout and stderr are kept and scanned for DHPASS (raw, URL-encoded, base64) at the end.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER, type OrteliusEmulator, startOrteliusEmulator } from './ortelius-emulator/index.js';

const BUNDLE = process.env.SHIPLOG_E2E_BUNDLE ?? resolve(__dirname, '../dist/shiplog.mjs');
const PASSWORD = 'e2e-S3cret;pa55 w/ space';
const APP = 'GLOBAL.Acme.Store.shop';
const COMP = 'GLOBAL.Acme.Store.cart';

let emu: OrteliusEmulator;
let dir: string;
const outputs: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  json: Record<string, unknown> | undefined;
}

function shiplog(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, DHURL: emu.url, DHUSER: DEFAULT_USER, DHPASS: PASSWORD, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => {
      outputs.push(stdout, stderr);
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      done({ code, stdout, stderr, json });
    });
  });
}

const versionUpdate = (version = 'v1.2.0-g61ba0ab') =>
  shiplog([
    'version-update',
    '--json',
    '--component-name',
    COMP,
    '--component-variant',
    'main',
    '--component-version',
    version,
    '--application',
    APP,
    '--app-version',
    '1.0.0',
  ]);

const CREATING = ['/new/compver/', '/newappver/', '/new/application/', '/UpdateSummaryData', '/UpdateAttrs', '/replace/', '/msapi/'];

beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: npm run build`);
  emu = await startOrteliusEmulator({ users: { [DEFAULT_USER]: PASSWORD }, deployDelayMs: 300 });
  dir = await mkdtemp(join(tmpdir(), 'shiplog-ortelius-e2e-'));
  await writeFile(
    join(dir, 'shiplog.toml'),
    [
      '[[stage]]',
      'name = "dev"',
      'environments = ["dev", "dev-fail", "dev-hang"]',
      // These tests move versions that were never deployed: leaving a stage needs no successful deployment here.
      'require_success = false',
      '[[stage]]',
      'name = "qa"',
      'environments = ["qa"]',
      'require_success = false',
      '[[stage]]',
      'name = "prod"',
      'approval = true',
      'environments = ["prod"]',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await emu?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('shiplog CLI against the Ortelius emulator', () => {
  it('version-update creates the component and application versions; the identical re-run creates nothing', async () => {
    const first = await versionUpdate();
    expect(first.stderr).not.toContain('internal error');
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ ok: true, operation: 'version-update' });
    expect(emu.state.findComponent(`${COMP};main;v1_2_0_g61ba0ab`)).toBeDefined();
    const app = emu.state.findApplication(`${APP};1_0_0`);
    expect(app?.components.map((c) => c.compId)).toEqual([emu.state.findComponent(`${COMP};main;v1_2_0_g61ba0ab`)!.id]);
    const counts = [emu.state.components.length, emu.state.applications.length];
    const from = emu.requests.length;
    const again = await versionUpdate();
    expect(again.code).toBe(0);
    expect([emu.state.components.length, emu.state.applications.length]).toEqual(counts);
    const writes = emu.requests.slice(from).filter((r) => CREATING.some((p) => r.path.includes(p)));
    expect(writes.map((r) => `${r.path} ${r.body}`)).toEqual([]);
    // attributes are only re-sent when their value changed: the core stamps DockerBuildDate with the run's time
    const setvars = emu.requests.slice(from).filter((r) => r.path.includes('/setvar/'));
    expect(setvars.flatMap((r) => Object.keys(JSON.parse(r.body) as object))).toEqual(setvars.length ? ['DockerBuildDate'] : []);
  });

  it('move to qa; a gated move to prod needs approve first (exit 1, then 0)', async () => {
    const toQa = await shiplog(['move', '--application', APP, '--app-version', '1.0.0', '--to', 'qa']);
    expect(toQa.code).toBe(0);
    const refused = await shiplog(['move', '--application', APP, '--app-version', '1.0.0', '--to', 'prod']);
    expect(refused.code).toBe(1);
    const approve = await shiplog(['approve', '--application', APP, '--app-version', '1.0.0', '--stage', 'prod', '--notes', 'ship it']);
    expect(approve.code).toBe(0);
    expect(
      emu.requests.some((r) => r.path.startsWith('/dmadminweb/API/approve/') && r.query.approve === 'Y' && r.query.notes === 'ship it'),
    ).toBe(true);
    const toProd = await shiplog(['move', '--application', APP, '--app-version', '1.0.0', '--to', 'prod', '--json']);
    expect(toProd.code).toBe(0);
    expect(emu.state.findApplication(`${APP};1_0_0`)!.currentDomainId).toBe(emu.state.findDomain('prod')!.id);
  });

  it('server-side deploy: success streams the log (exit 0), failure exits 1', async () => {
    await shiplog([
      'version-update',
      '--component-name',
      COMP,
      '--component-variant',
      'main',
      '--component-version',
      'v1.3.0',
      '--application',
      APP,
      '--app-version',
      '2.0.0',
    ]);
    const ok = await shiplog(['deploy', '--application', APP, '--app-version', '2.0.0', '--env', 'dev']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain(`Deploying ${APP};2_0_0 to dev`);
    expect(ok.stderr).toContain(`Finished ${APP};2_0_0`);
    const bad = await shiplog(['deploy', '--application', APP, '--app-version', '2.0.0', '--env', 'dev-fail']);
    expect(bad.code).toBe(1);
  });

  it('record-only deploy posts the result (exit 0)', async () => {
    const before = emu.state.deployments.length;
    const r = await shiplog(['deploy', '--application', APP, '--app-version', '2.0.0', '--env', 'dev', '--exit-code', '0']);
    expect(r.code).toBe(0);
    expect(emu.state.deployments.length).toBe(before + 1);
    expect(emu.state.deployments[before]).toMatchObject({ recorded: true, exitcode: 0, environment: 'dev' });
  });

  it('a deployment that never completes ends with exit 5 at --timeout', async () => {
    const r = await shiplog(['deploy', '--application', APP, '--app-version', '2.0.0', '--env', 'dev-hang', '--timeout', '2s']);
    expect(r.code).toBe(5);
  });

  it('a bad password exits 3', async () => {
    const r = await shiplog(['approve', '--application', APP, '--app-version', '2.0.0', '--stage', 'qa'], { DHPASS: `${PASSWORD}-wrong` });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/login/i);
  });

  it('a server that is down exits 4 after bounded retries', async () => {
    const down = await startOrteliusEmulator();
    const url = down.url;
    await down.close();
    const r = await shiplog(['approve', '--application', APP, '--app-version', '2.0.0', '--stage', 'qa'], { DHURL: url });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('ECONNREFUSED');
  });

  it("DHPASS appears in no byte of any run's output", () => {
    expect(outputs.length).toBeGreaterThanOrEqual(20);
    const all = outputs.join('\n');
    const b64 = Buffer.from(PASSWORD).toString('base64');
    for (const form of [
      PASSWORD,
      encodeURIComponent(PASSWORD),
      encodeURIComponent(PASSWORD).replace(/%20/g, '+'),
      b64,
      b64.replace(/=+$/, ''),
    ]) {
      expect(all.includes(form), form).toBe(false);
    }
  });
});
