/**
 * One release across all four adapters (issue 8), run twice: on the embedded store (ONE state dir shared by
 * all four) and on the Ortelius emulator (in-process). Then `status` and `history` from the bare CLI bundle
 * must agree on every field with what the adapters reported, and a leak audit scans every byte every adapter
 * wrote, plus the stored state, for the password and the token. See docs/e2e.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suiteNeeds } from '../../scripts/suite-tools.mjs';
import { parseFileCommands } from '../../adapters/github-action/test/runner-harness.js';
import { startOrteliusEmulator, type OrteliusEmulator } from '../../core/test/ortelius-emulator/index.js';
import { backendArgs, query, runCli, type CliRun } from './cli-query.js';
import { jenkinsDriver, JENKINS_API_USER } from './drivers/jenkins.js';
import { startFakeJenkins } from './fake-jenkins.js';
import { annotationsOf, metaDataOf, REDACTOR_INPUT } from './drivers/buildkite.js';
import type { Backend, DriverResult } from './drivers/driver.js';
import { ADD_MASK } from './drivers/github.js';
import { dirArtifacts, scan, secretForms } from './leak-scan.js';
import { APP, CART, CHECKOUT, GITHUB_DEPLOYMENT_ID, PASSWORD, runRelease, TOKEN, type Release } from './release-scenario.js';

const USER = 'releaser';
const SCENARIO_TIMEOUT = 240_000;
// The Jenkins adapter runs in its Groovy harness: without groovy/java these suites are skipped and named at the end
// of `npm test` (CI sets SHIPLOG_REQUIRE_ALL_SUITES=1, which fails instead).
const HAS_GROOVY = suiteNeeds('e2e: one release across the adapters', ['groovy', 'java']);

/** Artifacts whose whole purpose is handing the secret to the platform's own log masker. */
const MASKER_INPUTS = (name: string) => name === ADD_MASK || name.startsWith(REDACTOR_INPUT);

function expectOk(label: string, r: DriverResult): void {
  const log = Object.entries(r.artifacts)
    .filter(([k]) => /stdout|stderr|step:|console|step-error/.test(k))
    .map(([k, v]) => `--- ${k}\n${String(v)}`)
    .join('\n');
  expect(r.exitCode, `${label}\n${log}`).toBe(0);
  expect(r.result, `${label}: no JSON result\n${log}`).toMatchObject({ ok: true });
}

/** The fields history and the adapters both report for a deployment must be equal (the same `components`). */
function expectSameDeployment(reported: any, recorded: any): void {
  const keys = ['id', 'appVersion', 'application', 'environment', 'exitCode', 'status', 'mode', 'startedAt', 'finishedAt', 'logUrl'];
  // an absent optional field in the result (logUrl?) is the same fact as null in history
  for (const k of keys) expect(recorded[k] ?? null, `history ${k}`).toEqual(reported[k] ?? null);
  expect(recorded.components).toEqual(reported.components);
  // nothing either side reports may disagree, whatever else they carry
  for (const k of Object.keys(reported)) if (k in recorded && k !== 'stage') expect(recorded[k], `history ${k}`).toEqual(reported[k]);
}

for (const kind of ['local', 'ortelius'] as const) {
  describe.skipIf(!HAS_GROOVY)(
    `one release across GitHub Actions, Buildkite, Jenkins and CircleCI (${kind === 'local' ? 'embedded store' : 'Ortelius emulator'})`,
    () => {
      let stateDir: string | undefined;
      let emu: OrteliusEmulator | undefined;
      let backend: Backend;
      let release: Release;
      let status: CliRun;
      let history: CliRun;

      beforeAll(async () => {
        if (kind === 'local') {
          stateDir = await mkdtemp(join(tmpdir(), 'shiplog-e2e-state-'));
          backend = { kind: 'local', stateDir };
        } else {
          emu = await startOrteliusEmulator({ users: { [USER]: PASSWORD }, deployDelayMs: 20 });
          backend = { kind: 'ortelius', url: emu.url, user: USER };
        }
        release = await runRelease(backend);
        status = await query('status', backend, PASSWORD, ['--application', APP]);
        history = await query('history', backend, PASSWORD, ['--application', APP]);
      }, SCENARIO_TIMEOUT);

      afterAll(async () => {
        await release?.close();
        await emu?.close();
        if (stateDir) await rm(stateDir, { recursive: true, force: true });
      });

      it('every adapter ran its operation and reported it on its platform', () => {
        const r = release.runs;
        for (const [label, run] of release.all) expectOk(label, run);
        const av1 = r.ghVersionUpdate.result.appVersion;
        const av2 = r.bkVersionUpdate.result.appVersion;
        expect(r.ghVersionUpdate.result.componentVersion).toBe(`${CART};main;v1_0_0`);
        expect(r.bkVersionUpdate.result.componentVersion).toBe(`${CHECKOUT};main;2_0_0`);
        expect(av1).toMatch(/^GLOBAL\.Acme\.Store\.shop;/);
        expect(av2).not.toBe(av1);
        // GitHub: step outputs; Buildkite: success annotation + meta-data; Jenkins: build description
        expect(parseFileCommands(String(r.ghVersionUpdate.artifacts['runner-file:GITHUB_OUTPUT']))['app-version']).toBe(av1);
        expect(annotationsOf(r.bkVersionUpdate)).toEqual([
          expect.objectContaining({ style: 'success', context: 'shiplog-version-update' }),
        ]);
        expect(metaDataOf(r.bkVersionUpdate)).toMatchObject({
          'shiplog-app-version': av2,
          'shiplog-component-version': `${CHECKOUT};main;2_0_0`,
        });
        expect(r.jkApproveProd.result).toMatchObject({ appVersion: av2, approved: true, stage: 'prod' });
        expect(r.jkApproveProd.artifacts.description).toContain(`approved ${av2} for prod`);
        expect(r.ccMoveQa.result).toMatchObject({ appVersion: av2, from: 'dev', to: 'qa', moved: true });
        expect(r.ccMoveProd.result).toMatchObject({ appVersion: av2, from: 'qa', to: 'prod', moved: true, requiresApproval: true });
        for (const d of [r.ghDeployDev.result.deployment, r.ccDeployProd.result.deployment]) {
          expect(d).toMatchObject({ appVersion: av2, application: APP, status: 'success', exitCode: 0, mode: 'run' });
          expect(d.components).toEqual([`${CART};main;v1_0_0`, `${CHECKOUT};main;2_0_0`]);
        }
        // the GitHub Deployment went in_progress -> success on the loopback GitHub API
        release.github.verify();
        expect(release.github.received.map((q) => (q.body as { state?: string }).state ?? 'create')).toEqual([
          'create',
          'in_progress',
          'success',
        ]);
        expect(parseFileCommands(String(r.ghDeployDev.artifacts['runner-file:GITHUB_OUTPUT']))).toMatchObject({
          'deployment-id': String(r.ghDeployDev.result.deployment.id),
          'deployment-status': 'success',
        });
        expect(String(r.ghDeployDev.artifacts['runner-file:GITHUB_STEP_SUMMARY'])).toContain(`#${GITHUB_DEPLOYMENT_ID}`);
      });

      it('status and history (CLI bundle --json) agree on every field with what the adapters reported', () => {
        expect(status.exitCode, status.stderr).toBe(0);
        expect(history.exitCode, history.stderr).toBe(0);
        const dev = release.runs.ghDeployDev.result.deployment;
        const prod = release.runs.ccDeployProd.result.deployment;

        expect(history.json.deployments).toHaveLength(2);
        const [newest, older] = history.json.deployments;
        expectSameDeployment(prod, newest);
        expectSameDeployment(dev, older);
        expect(newest.build).toMatchObject({ provider: 'circleci', buildUrl: 'https://circleci.com/gh/acme/shop/42', branch: 'main' });
        expect(older.build).toMatchObject({
          provider: 'github',
          buildUrl: 'https://github.com/acme/shop/actions/runs/4242',
          commit: 'ffffffffffffffffffffffffffffffffffffffff',
        });

        const envs = Object.fromEntries(status.json.environments.map((e: any) => [e.name, e]));
        expect(Object.keys(envs).sort()).toEqual(['dev', 'prod']);
        for (const [env, d, provider] of [
          ['dev', dev, 'github'],
          ['prod', prod, 'circleci'],
        ] as const) {
          const s = envs[env];
          expect(s).toMatchObject({ application: d.application, appVersion: d.appVersion, deploymentId: d.id, components: d.components });
          expect([d.finishedAt, d.startedAt]).toContain(s.deployedAt);
          expect(s.build).toEqual(history.json.deployments.find((h: any) => h.id === d.id).build);
          expect(s.build.provider).toBe(provider);
        }
      });

      it('leak audit: the password and the token appear in no byte any adapter wrote, nor in the stored state', async () => {
        const secrets = { DHPASS: PASSWORD, token: TOKEN };
        const audited: Record<string, string | Buffer> = {};
        const maskerInputs: string[] = [];
        for (const [label, run] of release.all) {
          for (const [name, bytes] of Object.entries(run.artifacts)) {
            if (MASKER_INPUTS(name)) maskerInputs.push(String(bytes));
            else audited[`${label} | ${name}`] = bytes;
          }
        }
        for (const [who, dir] of Object.entries(release.dirs)) Object.assign(audited, await dirArtifacts(dir, `${who} dir at the end`));
        if (stateDir) Object.assign(audited, await dirArtifacts(stateDir, 'state dir'));
        if (emu) audited['ortelius server state'] = JSON.stringify(emu.state, (_k, v) => (v instanceof Map ? Object.fromEntries(v) : v));
        audited['cli status'] = status.stdout + status.stderr;
        audited['cli history'] = history.stdout + history.stderr;

        // not vacuous: the secrets reached the adapters (both deploy commands printed them, masked) ...
        const devLog = String(release.runs.ghDeployDev.artifacts.stdout);
        expect(devLog).toContain('deploying dev with pw=*** token=***');
        const prodLog = Object.entries(release.runs.ccDeployProd.artifacts).find(([k]) => k.startsWith('step:shiplog deploy'))![1];
        expect(String(prodLog)).toContain('deploying prod with pw=*** token=***');
        // ... the platforms' maskers were handed them (GitHub ::add-mask::, Buildkite redactor), and there is a lot to scan
        expect(maskerInputs.join('\n')).toContain(PASSWORD);
        expect(Object.keys(audited).length).toBeGreaterThan(50);
        // ... and the stored state holds both deployment logs, with the printed secrets masked
        const stored = Object.entries(audited)
          .filter(([k]) => k.startsWith('state dir:') || k === 'ortelius server state')
          .map(([, v]) => String(v))
          .join('\n');
        for (const env of ['dev', 'prod']) expect(stored).toContain(`deploying ${env} with pw=***`);

        expect(scan(audited, secrets)).toEqual([]);
      });
    },
  );
}

describe('the leak scanner', () => {
  it('finds a planted secret in every form it looks for, in text and in bytes', () => {
    const clean = { log: 'nothing to see', file: Buffer.from('{"a":1}') };
    expect(scan(clean, { pw: PASSWORD })).toEqual([]);
    const planted = {
      raw: `x ${PASSWORD} y`,
      url: `https://h/?p=${encodeURIComponent(PASSWORD)}`,
      form: `p=${encodeURIComponent(PASSWORD).replace(/%20/g, '+')}`,
      b64: Buffer.from(Buffer.from(PASSWORD).toString('base64')),
      basic: `Authorization: Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
      b64url: Buffer.from(`${TOKEN}!`).toString('base64url'),
      json: JSON.stringify({ pw: `quote"${PASSWORD}` }),
    };
    const hits = scan(planted, { pw: PASSWORD, token: TOKEN });
    expect(new Set(hits.map((h) => h.where))).toEqual(new Set(Object.keys(planted)));
    expect(secretForms(PASSWORD)).toContain(Buffer.from(PASSWORD).toString('base64'));
  });
});

describe.skipIf(!HAS_GROOVY)(
  'leak audit: a Jenkins record-only deploy that attaches the build console through the Jenkins API token',
  () => {
    // The documented way: the token only as the `jenkinsCredentialsId` credential (not in the build env).
    // What a build console can hold although Jenkins masks bound credentials: the token encoded (curl -v prints the
    // basic-auth header, which Jenkins' masking of the raw value misses), and the raw token from a step that
    // bypassed masking.
    const basic = Buffer.from(`${JENKINS_API_USER}:${TOKEN}`).toString('base64');
    const consoleText = [
      'Started by user Alice',
      '+ curl -v -u ci-bot:**** https://ci.example.test/api',
      `> Authorization: Basic ${basic}`,
      `raw ${TOKEN}`,
      'helm: upgraded',
      '',
    ].join('\n');
    let stateDir: string;
    let fake: Awaited<ReturnType<typeof startFakeJenkins>>;
    const jk = jenkinsDriver();
    let run: DriverResult;
    let history: CliRun;
    let audited: Record<string, string | Buffer>;

    beforeAll(async () => {
      stateDir = await mkdtemp(join(tmpdir(), 'shiplog-e2e-jk-state-'));
      fake = await startFakeJenkins({ user: JENKINS_API_USER, token: TOKEN, consoleText });
      const backend: Backend = { kind: 'local', stateDir };
      const b = backendArgs(backend, PASSWORD);
      const seed = await runCli(
        ['version-update', ...b.args, '--component-name', CART, '--component-version', 'v1.0.0', '--application', APP, '--json'],
        b.env,
      );
      expect(seed.exitCode, seed.stderr).toBe(0);
      run = await jk.run(
        'deploy',
        { application: APP, env: 'dev', 'exit-code': 0, 'jenkins-credentials-id': 'jenkins-api' },
        {
          backend,
          password: PASSWORD,
          token: TOKEN,
          env: { JENKINS_URL: fake.url, JENKINS_API_TOKEN: '' },
        },
      );
      history = await query('history', backend, PASSWORD);
      audited = { ...run.artifacts, ...(await dirArtifacts(stateDir, 'state dir')) };
    }, 120_000);

    afterAll(async () => {
      await fake?.close();
      await jk.close();
      if (stateDir) await rm(stateDir, { recursive: true, force: true });
    });

    it('records the deployment with the console fetched through the token attached', () => {
      expectOk('jenkins deploy', run);
      expect(fake.requests.some((r) => r.includes('/logText/progressiveText'))).toBe(true);
      expect(history.json.deployments[0]).toMatchObject({ id: run.result.deployment.id, mode: 'record', environment: 'dev' });
      expect(run.result.deployment.logLines).toBeGreaterThan(3);
      expect(Object.values(audited).map(String).join('\n')).toContain('helm: upgraded');
    });

    it('the password and the raw token appear nowhere', () => {
      const hits = scan(audited, { DHPASS: PASSWORD, token: TOKEN }).filter((h) => h.secret === 'DHPASS' || h.form === TOKEN);
      expect(hits).toEqual([]);
    });

    // This caught a real leak: the Jenkins API helper masked only the raw token, so the base64 of `user:token`
    // (a basic-auth header in the console) reached the stored deployment log. It now masks with the core's Redactor.
    it('no encoded form of the token either (base64 of ci-bot:<token> in the console is masked)', () => {
      expect(scan(audited, { DHPASS: PASSWORD, token: TOKEN })).toEqual([]);
    });
  },
);
