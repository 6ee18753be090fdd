/**
 * End to end: the packed orb's jobs and commands, expanded with concrete parameters the way CircleCI compiles them,
 * run step by step in bash, downloading the pinned bundle from a loopback npm registry, against the embedded store
 * and against the Ortelius emulator. Every byte the steps printed or wrote is scanned for the password.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '@shiplog/core';
import {
  DEFAULT_PASSWORD,
  DEFAULT_USER,
  startOrteliusEmulator,
  type OrteliusEmulator,
} from '../../../core/test/ortelius-emulator/index.js';
import { expandCommand, expandJob } from './circleci-expand.js';
import { runJob, type JobRun } from './circleci-runner.js';
import { CORE_BUNDLE } from '../scripts/orb-source.js';
import { freshOrb, makeMachine, startFakeRegistry, type FakeRegistry, type Machine } from './e2e-fixture.js';

const orb = freshOrb();
const APP = 'GLOBAL.Acme.Store.shop';
let registry: FakeRegistry;
let machine: Machine;

beforeAll(async () => {
  registry = await startFakeRegistry();
});
afterAll(async () => {
  await registry.close();
});
afterEach(() => machine?.cleanup());

function job(name: string, args: Record<string, unknown>, extraEnv: Record<string, string> = {}): Promise<JobRun> {
  const steps = expandJob(orb, name, { registry: registry.url, ...args });
  return runJob(steps, {
    cwd: machine.cwd,
    env: { ...machine.env, ...extraEnv },
    artifactsDir: machine.artifacts,
    pathMap: machine.pathMap,
  });
}

function artifact(name: string): any {
  return JSON.parse(readFileSync(join(machine.artifacts, 'shiplog', name), 'utf8'));
}

/** Every file under dir, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function expectNoSecret(secret: string, texts: string[]): void {
  const r = new Redactor();
  r.add(secret);
  const forms = r.values();
  expect(forms).toContain(secret);
  for (const text of texts) for (const form of forms) expect(text.includes(form), `found a form of the password: ${form}`).toBe(false);
}

describe('orb jobs on the embedded store', () => {
  it('records, deploys (log in the step output, result as artifact), approves and moves', async () => {
    machine = makeMachine();
    const vu = await job('version-update', {
      application: APP,
      component_name: 'GLOBAL.Acme.Store.cart',
      component_version: 'v1.4.0',
      attr: 'DockerTag=v1.4.0\nBuild=${CIRCLE_BUILD_NUM}',
    });
    expect(vu.exitCode, vu.output).toBe(0);
    const vuResult = artifact('version-update.json');
    expect(vuResult).toMatchObject({ ok: true, operation: 'version-update', appVersion: `${APP};1`, appVersionCreated: true });
    expect(vuResult.componentVersion).toBe('GLOBAL.Acme.Store.cart;main;v1_4_0');
    // CircleCI facts reach the core from the environment; ${NAME} in a parameter is expanded at run time.
    expect(vuResult.attributes).toMatchObject({
      GitCommit: machine.sha,
      BuildUrl: 'https://circleci.com/gh/acme/shop/42',
      DockerTag: 'v1.4.0',
      Build: '42',
    });
    expect(registry.requests).toContain('/@shiplog/core/-/core-0.1.0.tgz');

    const deploy = await job('deploy', { application: APP, env: 'dev', command: 'echo "rolling out $CIRCLE_SHA1"' });
    expect(deploy.exitCode, deploy.output).toBe(0);
    const step = deploy.steps.find((s) => s.name === 'shiplog deploy');
    expect(step?.output).toContain(`rolling out ${machine.sha}`);
    expect(artifact('deploy.json')).toMatchObject({
      ok: true,
      deployment: { appVersion: `${APP};1`, environment: 'dev', exitCode: 0, status: 'success' },
    });
    // The second job on this machine reuses the verified bundle instead of downloading it again.
    expect(registry.requests.filter((u) => u.endsWith('.tgz'))).toHaveLength(1);
    expect(deploy.steps[0].output).toContain('already installed (checksum verified)');

    expect((await job('move', { application: APP })).exitCode).toBe(0);
    expect(artifact('move.json')).toMatchObject({ ok: true, from: 'dev', to: 'qa' });

    const gated = await job('move', { application: APP, to: 'prod' });
    expect(gated.exitCode).toBe(1);
    expect(artifact('move-2.json')).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', exitCode: 1 } });
    // The verdict: the step output names each unmet rule, and $BASH_ENV carries it for a later step of the job.
    expect(gated.output).toMatch(/unmet rule: approval/);
    const exported = (name: string) =>
      [...readFileSync(machine.bashEnv, 'utf8').matchAll(new RegExp(`^export ${name}='(.*)'$`, 'gm'))].map((m) => m[1]);
    // (the deploy and the first move passed their gates; the refusal is the last word)
    expect(exported('SHIPLOG_GATE_PASSED')).toEqual([
      ...exported('SHIPLOG_GATE_PASSED')
        .slice(0, -1)
        .map(() => 'true'),
      'false',
    ]);
    expect(JSON.parse(exported('SHIPLOG_UNMET_RULES').at(-1)!)).toEqual([expect.objectContaining({ rule: 'approval', stage: 'prod' })]);

    expect((await job('approve', { application: APP, stage: 'prod', notes: 'ok from CircleCI' })).exitCode).toBe(0);
    expect(artifact('approve.json')).toMatchObject({ ok: true, approved: true, stage: 'prod' });
    expect((await job('move', { application: APP, to: 'prod' })).exitCode).toBe(0);
    expect(artifact('move-3.json')).toMatchObject({ ok: true, from: 'qa', to: 'prod' });
  });

  it('a failing deployment fails the job after its JSON result is stored', async () => {
    machine = makeMachine();
    expect(
      (await job('version-update', { application: APP, component_name: 'GLOBAL.Acme.Store.cart', component_version: 'v1' })).exitCode,
    ).toBe(0);
    const run = await job('deploy', { application: APP, env: 'dev', command: 'echo broken; exit 3' });
    expect(run.exitCode).toBe(1);
    expect(run.steps.map((s) => s.name)).toEqual(['Install shiplog 0.1.0', 'shiplog deploy', 'shiplog exit status']);
    expect(run.steps[1].exitCode).toBe(0);
    expect(run.steps[1].output).toContain('broken');
    expect(artifact('deploy.json')).toMatchObject({ ok: false, error: { code: 'DEPLOY_FAILED', exitCode: 1 } });
  });

  it('envscript in a user job appends to $BASH_ENV and a later step sees the variables', async () => {
    machine = makeMachine();
    const steps = [
      ...expandCommand(orb, 'envscript', { registry: registry.url }),
      { kind: 'run' as const, name: 'build', command: 'echo "image tag $SHORT_SHA from $GIT_COMMIT"', environment: {} },
    ];
    const run = await runJob(steps, { cwd: machine.cwd, env: machine.env, artifactsDir: machine.artifacts, pathMap: machine.pathMap });
    expect(run.exitCode, run.output).toBe(0);
    expect(run.steps[2].output).toContain(`image tag ${machine.sha.slice(0, 7)} from ${machine.sha}`);
    expect(readFileSync(machine.bashEnv, 'utf8')).toContain(`export GIT_COMMIT='${machine.sha}'`);
  });

  it('the envscript job stores the variables as shiplog/envscript.json', async () => {
    machine = makeMachine();
    const run = await job('envscript', {});
    expect(run.exitCode, run.output).toBe(0);
    expect(artifact('envscript.json')).toMatchObject({ ok: true, variables: { GIT_COMMIT: machine.sha } });
    expect(artifact('envscript.json').script).toContain(`export GIT_COMMIT='${machine.sha}'`);
  });

  it('envscript with another format and no output fails the step with exit 2 and leaves $BASH_ENV alone', async () => {
    machine = makeMachine();
    const steps = [
      ...expandCommand(orb, 'envscript', { registry: registry.url, format: 'json' }),
      { kind: 'run' as const, name: 'build', command: 'echo "after: $GIT_COMMIT"', environment: {} },
    ];
    const run = await runJob(steps, { cwd: machine.cwd, env: machine.env, artifactsDir: machine.artifacts, pathMap: machine.pathMap });
    expect(run.exitCode).toBe(2);
    expect(run.output).toContain('format json cannot go to $BASH_ENV');
    expect(existsSync(machine.bashEnv) ? readFileSync(machine.bashEnv, 'utf8') : '').not.toContain('GIT_COMMIT');
  });

  it('a record-only deploy whose exit_code references an unset variable fails instead of deploying', async () => {
    machine = makeMachine();
    expect(
      (await job('version-update', { application: APP, component_name: 'GLOBAL.Acme.Store.cart', component_version: 'v1' })).exitCode,
    ).toBe(0);
    const run = await job('deploy', { application: APP, env: 'dev', exit_code: '${DEPLOY_RC}' });
    expect(run.exitCode).toBe(2);
    expect(run.output).toContain('parameter exit_code references ${DEPLOY_RC}, which is not set in this job');
    expect(existsSync(join(machine.artifacts, 'shiplog', 'deploy.json'))).toBe(false);
  });

  it('refuses a bundle whose checksum differs from the pin', async () => {
    machine = makeMachine();
    const bad = join(machine.root, 'tampered.mjs');
    writeFileSync(bad, 'console.log("not shiplog")\n');
    const run = await job('approve', { application: APP, bundle_file: bad });
    expect(run.exitCode).toBe(4);
    expect(run.steps).toHaveLength(1);
    expect(run.output).toContain('checksum mismatch');
  });
});

// Until the core bundle carries the ortelius backend, this suite cannot run (it reports so instead of passing).
const orteliusInBundle = !readFileSync(CORE_BUNDLE, 'utf8').includes('the ortelius backend is not part of this build yet');

describe.skipIf(!orteliusInBundle)('orb jobs against the Ortelius emulator', () => {
  let emu: OrteliusEmulator;
  beforeAll(async () => {
    emu = await startOrteliusEmulator({ deployDelayMs: 50 });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('records and deploys with credentials read by name, and the password appears nowhere', async () => {
    machine = makeMachine();
    const creds = { DHURL: emu.url, DHUSER: DEFAULT_USER, ORTELIUS_PASSWORD: DEFAULT_PASSWORD };
    const vu = await job(
      'version-update',
      {
        backend: 'ortelius',
        application: APP,
        app_version: '1.4',
        component_name: 'GLOBAL.Acme.Store.cart',
        component_version: 'v1.4.0',
        dhpass: 'ORTELIUS_PASSWORD',
      },
      creds,
    );
    expect(vu.exitCode, vu.output).toBe(0);
    expect(artifact('version-update.json')).toMatchObject({ ok: true, appVersion: `${APP};1_4` });
    expect(emu.calls().some((c) => c.includes('/dmadminweb/API/login'))).toBe(true);

    const deploy = await job(
      'deploy',
      { backend: 'ortelius', application: APP, env: 'dev', command: 'echo deploying-to-dev', dhpass: 'ORTELIUS_PASSWORD' },
      creds,
    );
    expect(deploy.exitCode, deploy.output).toBe(0);
    expect(deploy.output).toContain('deploying-to-dev');
    expect(artifact('deploy.json')).toMatchObject({ ok: true, deployment: { environment: 'dev', exitCode: 0 } });

    // A wrong variable name does not fall back to another DHPASS the job has: login fails with exit 3.
    const wrong = await job(
      'approve',
      { backend: 'ortelius', application: APP, stage: 'prod', dhpass: 'NOT_SET' },
      { ...creds, DHPASS: DEFAULT_PASSWORD },
    );
    expect(wrong.exitCode, wrong.output).toBe(3);

    // envscript with the credentials in the job: the variables land in $BASH_ENV, the credentials do not.
    const envscript = await runJob(
      expandCommand(orb, 'envscript', { registry: registry.url, backend: 'ortelius', dhpass: 'ORTELIUS_PASSWORD' }),
      {
        cwd: machine.cwd,
        env: { ...machine.env, ...creds },
        artifactsDir: machine.artifacts,
        pathMap: machine.pathMap,
      },
    );
    expect(envscript.exitCode, envscript.output).toBe(0);
    expect(readFileSync(machine.bashEnv, 'utf8')).toContain(`export GIT_COMMIT='${machine.sha}'`);

    // The scan itself can fail: a base64 copy of the password is caught.
    expect(() => expectNoSecret(DEFAULT_PASSWORD, [`auth ${Buffer.from(DEFAULT_PASSWORD).toString('base64')}`])).toThrow();
    const written = [machine.root].flatMap(filesUnder).filter((f) => !f.endsWith('shiplog.mjs'));
    expectNoSecret(DEFAULT_PASSWORD, [
      vu.output,
      deploy.output,
      wrong.output,
      envscript.output,
      ...written.map((f) => readFileSync(f, 'utf8')),
    ]);
    // The command lines of every node process the steps started (logged by the shim) hold no password either; the
    // log holds the node that ran each operation (the bundle's circleciMain: parameters in its environment, not argv).
    expect(readFileSync(machine.argvLog, 'utf8').match(/^--input-type=module -e\s+const \{ circleciMain \}/gm)).toHaveLength(4);
  });
});
