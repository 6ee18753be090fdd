/**
 * Issue 16: the Ortelius backend as a drop-in for dh users, with the server as the source of truth.
 * Every run goes through execute() (the CLI's path) with DHURL/DHUSER/DHPASS and NO shiplog.toml, against the
 * emulator: names only the server knows, both SBOM generations, ids the server did not return, success:false at
 * every step, lost answers at every create/start step (in-run recovery and re-run: the state dump equals an
 * uninterrupted run's).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execute } from '../src/execute.js';
import { createMemoryHost } from '../src/host.js';
import type { CommandName } from '../src/inputs.js';
import {
  DEFAULT_PASSWORD,
  DEFAULT_USER,
  type EmulatorOptions,
  type OrteliusEmulator,
  startOrteliusEmulator,
} from './ortelius-emulator/index.js';

const APP = 'GLOBAL.Acme.Store.shop';
const COMP = 'GLOBAL.Acme.Store.cart';
const NOW = new Date('2026-05-06T07:08:09.000Z');
/** A Jenkins build: the deployment key is jenkins:<build>:<job>. */
const CI_ENV = {
  JENKINS_URL: 'https://ci.example/',
  BUILD_NUMBER: '41',
  BUILD_ID: '41',
  JOB_NAME: 'shop/main',
  BUILD_URL: 'https://ci.example/job/shop/41/',
};

let dir: string;
const emus: OrteliusEmulator[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shiplog-dropin-'));
});
afterEach(async () => {
  while (emus.length) await emus.pop()!.close();
  await rm(dir, { recursive: true, force: true });
});

async function server(opts: EmulatorOptions = {}): Promise<OrteliusEmulator> {
  const emu = await startOrteliusEmulator({ deployDelayMs: 40, ...opts });
  emus.push(emu);
  return emu;
}

async function run(
  emu: OrteliusEmulator,
  command: CommandName,
  inputs: Record<string, string | string[]>,
  env: Record<string, string> = {},
) {
  const host = createMemoryHost({
    cwd: dir,
    now: () => NOW,
    env: { DHURL: emu.url, DHUSER: DEFAULT_USER, DHPASS: DEFAULT_PASSWORD, PATH: process.env.PATH ?? '', ...env },
  });
  const r = await execute(command, inputs, host);
  const error = r.result.error as { message: string; exitCode: number } | undefined;
  return { ...r, message: error?.message ?? '', err: host.err() };
}

/**
 * The emulator's dump with what differs between two runs that did the same things left out: the random part of
 * event attribute names (ShiplogMove_<ms>_<random>, one per move) and the server's wall-clock times that a
 * server-side deployment's stored facts (ShiplogDeployment_<id>) repeat.
 */
function stableDump(emu: OrteliusEmulator): unknown {
  return JSON.parse(
    JSON.stringify(emu.dump())
      .replace(/"(Shiplog(?:Move|Decision)_\d+)_[0-9a-f]+"/g, '"$1"')
      .replace(/\\"(startedAt|finishedAt)\\":\\"[^\\]*\\"/g, '\\"$1\\":\\"-\\"'),
  );
}

const versionUpdate = (emu: OrteliusEmulator, extra: Record<string, string | string[]> = {}, env: Record<string, string> = {}) =>
  run(
    emu,
    'version-update',
    {
      'component-name': COMP,
      'component-variant': 'main',
      'component-version': '1.2.0',
      application: APP,
      'app-version': '1.0.0',
      ...extra,
    },
    env,
  );

describe('names shiplog.toml does not define come from the server', () => {
  it("deploy --env with a full Ortelius name (as dh takes it), or a short one within the application's domain", async () => {
    const emu = await server({ environments: ['GLOBAL.Acme.Store.staging', 'GLOBAL.Other.staging', 'GLOBAL.Acme.Store.perf'] });
    expect((await versionUpdate(emu)).exitCode).toBe(0);
    const full = await run(emu, 'deploy', { application: APP, 'app-version': '1.0.0', env: 'GLOBAL.Acme.Store.perf' });
    expect(full.exitCode, full.message).toBe(0);
    // the short name is ambiguous on the server, but only one is within the application's domain
    const short = await run(emu, 'deploy', { application: APP, 'app-version': '1.0.0', env: 'staging' });
    expect(short.exitCode, short.message).toBe(0);
    const started = emu.requests.filter((r) => r.path === '/dmadminweb/API/deploy' && r.method === 'GET').map((r) => r.query.env);
    expect(started).toEqual(['GLOBAL.Acme.Store.perf', 'GLOBAL.Acme.Store.staging']);
  });

  it('an environment the server does not have either: exit 2, one line with the near matches', async () => {
    const emu = await server({ environments: ['GLOBAL.Acme.Store.staging', 'GLOBAL.Acme.Store.perf'] });
    expect((await versionUpdate(emu)).exitCode).toBe(0);
    const before = emu.dump();
    const r = await run(emu, 'deploy', { application: APP, 'app-version': '1.0.0', env: 'GLOBAL.Acme.Store.stagin' });
    expect(r.exitCode).toBe(2);
    expect(r.message).toBe(
      'unknown environment "GLOBAL.Acme.Store.stagin": not in the pipeline config nor on the Ortelius server (did you mean GLOBAL.Acme.Store.staging?)',
    );
    expect(r.message).not.toContain('\n');
    expect(emu.dump()).toEqual(before);
  });

  it('move --from_domain D --task T with D only on the server: the target comes from the task', async () => {
    const emu = await server({
      stages: [
        { name: 'Integration', domain: 'GLOBAL.Acme.Integration' },
        { name: 'Release', domain: 'GLOBAL.Acme.Release' },
      ],
    });
    expect((await versionUpdate(emu)).exitCode).toBe(0);
    const r = await run(emu, 'move', {
      application: APP,
      'app-version': '1.0.0',
      from: 'GLOBAL.Acme.Integration',
      task: 'Move to Release',
    });
    expect(r.exitCode, r.message).toBe(0);
    expect(r.result).toMatchObject({ from: 'GLOBAL.Acme.Integration', to: 'GLOBAL.Acme.Release', task: 'Move to Release', moved: true });
    expect(emu.state.findApplication(`${APP};1_0_0`)!.currentDomainId).toBe(emu.state.findDomain('GLOBAL.Acme.Release')!.id);
    const bad = await run(emu, 'move', {
      application: APP,
      'app-version': '1.0.0',
      from: 'GLOBAL.Acme.Integratoin',
      task: 'Move to Release',
    });
    expect(bad.exitCode).toBe(2);
    expect(bad.message).toContain('(did you mean GLOBAL.Acme.Integration?)');
  });
});

describe('SBOMs on both server generations', () => {
  async function bom(): Promise<string> {
    const file = join(dir, 'bom.json');
    await writeFile(file, JSON.stringify({ bomFormat: 'CycloneDX', components: [{ name: 'left-pad', version: '1.3.0' }] }));
    return 'cyclonedx@bom.json';
  }

  it('a server with /msapi/sbomtype ("fullfile" -> /msapi/package) and an older one without it (-> deppkg)', async () => {
    const newer = await server();
    newer.state.sbomType = 'fullfile';
    const a = await versionUpdate(newer, { sbom: [await bom()] });
    expect(a.exitCode, a.message).toBe(0);
    expect(newer.calls().filter((c) => c.includes('/msapi/'))).toEqual(['GET /msapi/sbomtype', 'POST /msapi/package']);
    const older = await server();
    older.state.sbomApi = 'deppkg';
    const b = await versionUpdate(older, { sbom: [await bom()] });
    expect(b.exitCode, b.message).toBe(0);
    const cv = older.state.findComponent(`${COMP};main;1_2_0`)!;
    expect(older.calls().filter((c) => c.includes('/msapi/'))).toEqual([
      'GET /msapi/sbomtype',
      `POST /msapi/deppkg/cyclonedx?compid=${cv.id}`,
    ]);
    expect(cv.packages).toHaveLength(1);
  });

  it('a refused SBOM leaves both versions recorded: exit 1 "recorded ..., SBOM not uploaded"', async () => {
    const emu = await server();
    emu.faults.status('POST /msapi/deppkg/', 500);
    const r = await versionUpdate(emu, { sbom: [await bom()] });
    expect(r.exitCode).toBe(1);
    expect(r.message).toMatch(
      /^recorded GLOBAL\.Acme\.Store\.cart;main;1_2_0 and GLOBAL\.Acme\.Store\.shop;1_0_0, SBOM not uploaded: Ortelius answered HTTP 500/,
    );
    expect(emu.state.findApplication(`${APP};1_0_0`)!.components).toHaveLength(1);
  });

  it('--sbom-required: a server that cannot say where SBOMs go stops the run before anything is written (exit 4)', async () => {
    const emu = await server();
    emu.faults.status('GET /msapi/sbomtype', 500);
    const before = emu.dump();
    const r = await versionUpdate(emu, { sbom: [await bom()], 'sbom-required': 'true' });
    expect(r.exitCode).toBe(4);
    expect(emu.dump()).toEqual(before);
  });
});

describe('ids the server did not return are never used', () => {
  for (const appid of [0, null, -3]) {
    it(`record-only deploy answered with appid ${appid}: exit 4 "server returned no application id", nothing written after`, async () => {
      const emu = await server();
      expect((await versionUpdate(emu)).exitCode).toBe(0);
      emu.faults.respond('POST /dmadminweb/API/deploy', { deployid: 7, application: `${APP};1_0_0`, appid });
      const from = emu.requests.length;
      const r = await run(emu, 'deploy', { application: APP, 'app-version': '1.0.0', env: 'dev', 'exit-code': '0' });
      expect(r.exitCode).toBe(4);
      expect(r.message).toContain('server returned no application id');
      const after = emu.calls().slice(from);
      expect(after[after.length - 1]).toBe('POST /dmadminweb/API/deploy');
      expect(after.some((c) => c.includes('/setvar/application/0'))).toBe(false);
    });
  }

  it('a lookup answered with id 0 is not written to', async () => {
    const emu = await server();
    expect((await versionUpdate(emu)).exitCode).toBe(0);
    emu.faults.respond('GET /dmadminweb/API/application/?name=GLOBAL.Acme.Store.shop&latest=Y', {
      success: true,
      result: { id: 0, name: 'shop;1_0_0', domain: 'GLOBAL.Acme.Store', components: [] },
    });
    const before = emu.dump();
    const r = await versionUpdate(emu, { 'component-version': '1.3.0', 'app-version': '' });
    expect(r.exitCode).toBe(4);
    expect(r.message).toContain('server returned no application id');
    // the component version was recorded before; nothing touched the applications
    expect((emu.dump() as { applications: unknown }).applications).toEqual((before as { applications: unknown }).applications);
  });
});

describe("every success:false is an error with the server's message", () => {
  it('at every step of version-update, deploy (server and record), approve and move', async () => {
    // the calls of each flow, learned from a clean run
    const probe = await server();
    const steps = async (emu: OrteliusEmulator) => {
      const flows: [string, () => Promise<Awaited<ReturnType<typeof run>>>][] = [
        ['version-update', () => versionUpdate(emu)],
        ['deploy (server)', () => run(emu, 'deploy', { application: APP, 'app-version': '1.0.0', env: 'dev' })],
        // The release policy: a deployment is recorded where the version is (qa after the move).
        ['move', () => run(emu, 'move', { application: APP, 'app-version': '1.0.0', to: 'qa' })],
        ['deploy (record)', () => run(emu, 'deploy', { application: APP, 'app-version': '1.0.0', env: 'qa', 'exit-code': '0' })],
        ['approve', () => run(emu, 'approve', { application: APP, 'app-version': '1.0.0', stage: 'prod' })],
      ];
      return flows;
    };
    // the state before each flow, so that each failing call replays only its own flow
    const perFlow: { flow: string; calls: string[]; before: unknown }[] = [];
    for (const [flow, go] of await steps(probe)) {
      const before = structuredClone(Object.fromEntries(Object.entries(probe.state).filter(([, v]) => typeof v !== 'function')));
      const from = probe.requests.length;
      expect((await go()).exitCode).toBe(0);
      perFlow.push({
        flow,
        before,
        calls: [
          ...new Set(
            probe.requests
              .slice(from)
              .map((r) => `${r.method} ${r.path}`)
              .filter((c) => !c.endsWith('/login')),
          ),
        ],
      });
    }
    let tried = 0;
    for (const { flow, calls, before } of perFlow) {
      for (const call of calls) {
        const emu = await server();
        Object.assign(emu.state, structuredClone(before));
        const [method, path] = call.split(' ');
        emu.faults.fail(new RegExp(`^${method} ${path.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&')}(\\?|$)`), `Injected refusal at ${path}`, 1);
        const r = await (await steps(emu)).find(([name]) => name === flow)![1]();
        tried++;
        expect(r.exitCode, `${flow}: ${call}`).not.toBe(0);
        expect(r.message, `${flow}: ${call}`).toContain(path.includes('RunTask') ? 'Injected refusal' : `Injected refusal at ${path}`);
        await emu.close();
        emus.splice(emus.indexOf(emu), 1);
      }
    }
    expect(tried).toBeGreaterThanOrEqual(20);
  });
});

/** Eight steps, each run (and re-run after the server was down) from scratch: longer than one ordinary test. */
const LOST_ANSWER_TIMEOUT_MS = 240_000;

describe('lost answers at every create and start step', () => {
  const STEPS = [
    'GET /dmadminweb/API/new/compver/?name=',
    'GET /dmadminweb/API/new/compver/1',
    'GET /dmadminweb/API/new/application/',
    'GET /dmadminweb/API/newappver/',
    'GET /dmadminweb/API/deploy?',
    'POST /dmadminweb/API/deploy',
    'GET /dmadminweb/API/approve/',
    'GET /dmadminweb/RunTask?',
  ];
  /** Steps whose effect the API cannot read back (approve, RunTask): a lost answer is exit 4 until a re-run. */
  const CANNOT_BE_ASKED = new Set(['GET /dmadminweb/API/approve/', 'GET /dmadminweb/RunTask?']);
  /** How many requests of this step the server received. */
  const sent = (emu: OrteliusEmulator, step: string) => emu.calls().filter((c) => c.startsWith(step)).length;
  const flow = async (emu: OrteliusEmulator) => {
    const v = await versionUpdate(emu, {}, CI_ENV);
    if (v.exitCode !== 0) return v;
    const d = await run(emu, 'deploy', { application: APP, 'app-version': '1.0.0', env: 'dev' }, CI_ENV);
    if (d.exitCode !== 0) return d;
    // The release policy: qa's deployment is recorded once the version is in qa.
    const m = await run(emu, 'move', { application: APP, 'app-version': '1.0.0', to: 'qa' }, CI_ENV);
    if (m.exitCode !== 0) return m;
    const q = await run(emu, 'deploy', { application: APP, 'app-version': '1.0.0', env: 'qa', 'exit-code': '0' }, CI_ENV);
    if (q.exitCode !== 0) return q;
    // prod needs an approval (the emulator's prod domain and the release policy): approve, then move (RunTask).
    const a = await run(emu, 'approve', { application: APP, 'app-version': '1.0.0', stage: 'prod', notes: 'CAB-7' }, CI_ENV);
    if (a.exitCode !== 0) return a;
    return run(emu, 'move', { application: APP, 'app-version': '1.0.0', to: 'prod' }, CI_ENV);
  };

  it(
    'answer lost, server still up: the run finds what it made (one run, no orphan, no second deployment; approve and move: exit 4, the re-run adopts)',
    async () => {
      const clean = await server();
      expect((await flow(clean)).exitCode).toBe(0);
      for (const step of STEPS) {
        const emu = await server();
        emu.faults.lose(step, 1);
        let r = await flow(emu);
        // the answer was really lost (the step ran)
        expect(
          emu.faults.rules.map((rule) => rule.times),
          step,
        ).toEqual([0]);
        if (CANNOT_BE_ASKED.has(step)) {
          // nothing to look for: exit 4 naming the lost answer, then the build's re-run adopts it without sending again
          expect([r.exitCode, r.message], step).toEqual([4, expect.stringMatching(/the answer was lost after the request was sent/)]);
          r = await flow(emu);
        }
        // the step was not sent again
        expect(sent(emu, step), step).toBe(sent(clean, step));
        expect(r.exitCode, `${step}: ${r.message}`).toBe(0);
        expect(stableDump(emu), step).toEqual(stableDump(clean));
      }
    },
    LOST_ANSWER_TIMEOUT_MS,
  );

  it(
    'answer lost and the server down until the re-run: the re-run adopts, the final state equals an uninterrupted run',
    async () => {
      const clean = await server();
      expect((await flow(clean)).exitCode).toBe(0);
      expect(clean.state.deployments).toHaveLength(2);
      for (const step of STEPS) {
        const emu = await server();
        emu.faults.lose(step, 1, { thenDown: true });
        const first = await flow(emu);
        expect(first.exitCode, step).toBe(4);
        expect(
          emu.faults.rules.map((rule) => rule.times),
          step,
        ).toEqual([0]);
        emu.faults.clear();
        const again = await flow(emu);
        expect(again.exitCode, `${step}: ${again.message}`).toBe(0);
        // no second approval, task run, creation or start: the re-run sent the step no more often than a clean run
        expect(sent(emu, step), step).toBe(sent(clean, step));
        expect(stableDump(emu), step).toEqual(stableDump(clean));
      }
    },
    LOST_ANSWER_TIMEOUT_MS,
  );
});

describe('approve and move are sent once per build', () => {
  it('the same build re-run sends neither again; another build or a run outside CI sends', async () => {
    const emu = await server();
    expect((await versionUpdate(emu, {}, CI_ENV)).exitCode).toBe(0);
    const approve = (env: Record<string, string>) =>
      run(emu, 'approve', { application: APP, 'app-version': '1.0.0', stage: 'qa', notes: 'ok' }, env);
    const approvals = () => emu.calls().filter((c) => c.startsWith('GET /dmadminweb/API/approve/')).length;
    expect((await approve(CI_ENV)).exitCode).toBe(0);
    expect((await approve(CI_ENV)).exitCode).toBe(0);
    expect(approvals()).toBe(1);
    expect((await approve({ ...CI_ENV, BUILD_NUMBER: '42', BUILD_ID: '42' })).exitCode).toBe(0);
    expect((await approve({})).exitCode).toBe(0);
    expect((await approve({})).exitCode).toBe(0);
    expect(approvals()).toBe(4);
    expect(emu.state.findApplication(`${APP};1_0_0`)!.approvals).toHaveLength(4);

    const move = () => run(emu, 'move', { application: APP, 'app-version': '1.0.0', to: 'qa' }, CI_ENV);
    expect((await move()).exitCode).toBe(0);
    const tasks = () => emu.calls().filter((c) => c.startsWith('GET /dmadminweb/RunTask?')).length;
    const after = stableDump(emu);
    const again = await move();
    expect([again.exitCode, tasks()], again.message).toEqual([0, 1]);
    expect(stableDump(emu)).toEqual(after);
  });
});
