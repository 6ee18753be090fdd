/**
 * Fault run (issue 8): the Ortelius emulator answers errors (success:false, HTTP 500), drops connections and
 * stalls a server-side deployment. Each of the four adapters runs the same four operations into those faults and
 * must fail with the documented exit code (docs/ortelius.md "Errors and exit codes"), a one-line message, and a
 * report on its platform: GitHub ::error:: + failed GitHub Deployment status, Buildkite error annotation,
 * Jenkins failed build (step error + description), CircleCI non-zero job + stored JSON result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suiteNeeds } from '../../scripts/suite-tools.mjs';
import { fakeGithub, type FakeGithub } from '../../adapters/github-action/test/fake-github.js';
import { startOrteliusEmulator, type OrteliusEmulator } from '../../core/test/ortelius-emulator/index.js';
import { backendArgs, runCli } from './cli-query.js';
import { annotationsOf, buildkiteDriver } from './drivers/buildkite.js';
import { circleciDriver } from './drivers/circleci.js';
import type { Backend, DriverResult, Inputs, Operation, RunContext } from './drivers/driver.js';
import { githubDriver } from './drivers/github.js';
import { jenkinsDriver, STEP_OF, stepArgs, type StepOutcome } from './drivers/jenkins.js';
import { scan } from './leak-scan.js';
import { APP, CART, PASSWORD, TOKEN } from './release-scenario.js';

const USER = 'releaser';
const GH_DEPLOYMENT = 8801;

interface Case {
  fault: string;
  op: Operation;
  inputs: Inputs;
  /** The documented exit code for this fault. */
  exit: number;
  message: RegExp;
}

const CASES: Case[] = [
  // HTTP 500 on the component lookups (idempotent: retried, then given up): backend error
  {
    fault: 'HTTP 500',
    op: 'version-update',
    inputs: { 'component-name': `${CART}x`, 'component-version': 'v9.0.0', application: APP },
    exit: 4,
    message: /500/,
  },
  // success:false from the server on the approval call: operation failed
  { fault: 'success:false', op: 'approve', inputs: { application: APP, stage: 'qa' }, exit: 1, message: /Injected approval failure/ },
  // the connection to RunTask is closed without an answer (never retried: it runs a task): backend unavailable
  { fault: 'dropped connection', op: 'move', inputs: { application: APP, to: 'qa' }, exit: 4, message: /./ },
  // a server-side deployment that never completes, followed with a short --timeout: timeout
  { fault: 'stalled deployment', op: 'deploy', inputs: { application: APP, env: 'dev', timeout: '2s' }, exit: 5, message: /./ },
];

function injectFaults(emu: OrteliusEmulator): void {
  emu.faults.status(/^GET \/dmadminweb\/API\/component\//, 500);
  emu.faults.fail('/dmadminweb/API/approve/', 'Injected approval failure');
  emu.faults.drop('/dmadminweb/RunTask');
  emu.faults.deployNeverCompletes = true;
}

function oneLine(message: unknown): string {
  expect(typeof message).toBe('string');
  expect(message as string).not.toMatch(/[\r\n]/);
  expect((message as string).length).toBeGreaterThan(0);
  return message as string;
}

function text(r: DriverResult, pick: (name: string) => boolean): string {
  return Object.entries(r.artifacts)
    .filter(([k]) => pick(k))
    .map(([, v]) => String(v))
    .join('\n');
}

// groovy/java run the Jenkins leg: see suite-tools.mjs (skipped and named by `npm test`, required by CI).
describe.skipIf(!suiteNeeds('e2e: fault run', ['groovy', 'java']))('fault run: every adapter against a failing Ortelius server', () => {
  let emu: OrteliusEmulator;
  let backend: Backend;
  let ctx: RunContext;
  let github: FakeGithub;
  const runs: Record<string, Record<string, DriverResult>> = { github: {}, buildkite: {}, circleci: {}, jenkins: {} };
  let jenkinsOutcomes: StepOutcome[] = [];
  const gh = githubDriver();
  const bk = buildkiteDriver();
  const cc = circleciDriver();
  const jk = jenkinsDriver();

  beforeAll(async () => {
    emu = await startOrteliusEmulator({ users: { [USER]: PASSWORD }, deployDelayMs: 20 });
    backend = { kind: 'ortelius', url: emu.url, user: USER };
    ctx = { backend, password: PASSWORD, token: TOKEN };
    // a healthy release first (bare CLI), so every operation has something to act on
    const b = backendArgs(backend, PASSWORD);
    const seed = await runCli(
      ['version-update', ...b.args, '--component-name', CART, '--component-version', 'v1.0.0', '--application', APP, '--json'],
      b.env,
    );
    expect(seed.exitCode, seed.stderr).toBe(0);
    injectFaults(emu);
    github = await fakeGithub([
      { method: 'POST', path: '/repos/acme/shop/deployments', status: 201, body: { id: GH_DEPLOYMENT } },
      { method: 'POST', path: `/repos/acme/shop/deployments/${GH_DEPLOYMENT}/statuses`, status: 201, body: { id: 1 } },
      { method: 'POST', path: `/repos/acme/shop/deployments/${GH_DEPLOYMENT}/statuses`, status: 201, body: { id: 2 } },
    ]);
    for (const c of CASES) {
      const ghInputs = c.op === 'deploy' ? { ...c.inputs, 'github-token': TOKEN } : c.inputs;
      runs.github[c.op] = await gh.run(c.op, ghInputs, { ...ctx, env: { GITHUB_API_URL: github.url } });
      runs.buildkite[c.op] = await bk.run(c.op, c.inputs, ctx);
      runs.circleci[c.op] = await cc.run(c.op, c.inputs, ctx);
    }
    // Jenkins: the four steps in one build (one JVM); each failing step is caught so the next one runs
    jenkinsOutcomes = (
      await jk.runBuild(
        CASES.map((c) => ({ name: STEP_OF[c.op], args: stepArgs(c.inputs) })),
        ctx,
      )
    ).outcomes;
  }, 240_000);

  afterAll(async () => {
    await github?.close();
    await Promise.all([gh.close(), bk.close(), cc.close(), jk.close()]);
    await emu?.close();
  });

  for (const c of CASES) {
    describe(`${c.fault} (${c.op}): exit ${c.exit}`, () => {
      it('GitHub Actions: failed step, ::error:: annotation with the one-line message, result output with the exit code', () => {
        const r = runs.github[c.op];
        expect(
          r.result,
          text(r, (k) => k === 'stdout'),
        ).toMatchObject({ ok: false, error: { exitCode: c.exit } });
        const message = oneLine(r.result.error.message);
        expect(message).toMatch(c.message);
        expect(r.exitCode).toBe(1); // the runner's only failure status (core.setFailed)
        const errors = String(r.artifacts.stdout)
          .split('\n')
          .filter((l) => l.startsWith('::error'));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain(message);
        expect(String(r.artifacts['runner-file:GITHUB_STEP_SUMMARY'])).toContain(`shiplog ${c.op} failed`);
      });

      it('Buildkite: the hook exits with the code and posts an error annotation', () => {
        const r = runs.buildkite[c.op];
        expect(
          r.exitCode,
          text(r, (k) => k.startsWith('hook:')),
        ).toBe(c.exit);
        expect(r.result).toMatchObject({ ok: false, error: { exitCode: c.exit } });
        const message = oneLine(r.result.error.message);
        expect(message).toMatch(c.message);
        const notes = annotationsOf(r);
        expect(notes).toEqual([expect.objectContaining({ style: 'error', context: `shiplog-${c.op}` })]);
        expect(notes[0].body).toContain(message);
        expect(text(r, (k) => k === 'hook:command:stderr')).toContain(`shiplog: error: ${message}`);
      });

      it('Jenkins: the build fails with the one-line message and the build description says so', () => {
        const o = jenkinsOutcomes[CASES.indexOf(c)];
        expect(o.failed, o.console).toBe(true);
        const result = JSON.parse(o.archived.at(-1)?.text ?? 'null');
        expect(result).toMatchObject({ ok: false, error: { exitCode: c.exit } });
        const message = oneLine(result.error.message);
        expect(message).toMatch(c.message);
        expect(oneLine(o.error)).toBe(`shiplog ${c.op} failed (exit ${c.exit}): ${message}`);
        const line = (o.description ?? '').split('<br>').at(-1) ?? '';
        expect(line).toMatch(new RegExp(`^shiplog ${c.op}(:.* FAILED| failed: )`));
      });

      it('CircleCI: the job exits with the code after storing the JSON result as an artifact', () => {
        const r = runs.circleci[c.op];
        expect(
          r.exitCode,
          text(r, (k) => k.startsWith('step:')),
        ).toBe(c.exit);
        expect(r.artifacts[`artifact:shiplog/${c.op}.json`]).toBeDefined();
        expect(r.result).toMatchObject({ ok: false, error: { exitCode: c.exit } });
        const message = oneLine(r.result.error.message);
        expect(message).toMatch(c.message);
        expect(text(r, (k) => k.startsWith('step:'))).toContain(`shiplog: error: ${message}`);
      });
    });
  }

  it('GitHub: the stalled deployment ends the GitHub Deployment with a failure status', () => {
    github.verify();
    expect(github.received.map((q) => (q.body as { state?: string }).state ?? 'create')).toEqual(['create', 'in_progress', 'failure']);
  });

  it('no failure leaks the password or the token', () => {
    const all: Record<string, string | Buffer> = {};
    for (const [who, byOp] of Object.entries(runs))
      for (const [op, r] of Object.entries(byOp))
        for (const [k, v] of Object.entries(r.artifacts))
          if (k !== 'runner-commands:add-mask' && !k.startsWith('agent-redactor-input')) all[`${who} ${op} ${k}`] = v;
    jenkinsOutcomes.forEach((o, i) => (all[`jenkins step ${i}`] = JSON.stringify(o)));
    expect(scan(all, { DHPASS: PASSWORD, token: TOKEN })).toEqual([]);
  });
});
