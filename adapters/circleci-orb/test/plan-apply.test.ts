/**
 * The orb's plan and apply jobs, expanded with concrete parameters the way CircleCI compiles them and run step by
 * step in bash (the pinned bundle from a loopback npm registry), on an intent repository: two applications
 * (payments <- shop) in dev, on the embedded store. The step output carries the plan table and apply's banners;
 * the JSON results are the artifacts.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expandJob } from './circleci-expand.js';
import { runJob, type JobRun } from './circleci-runner.js';
import { freshOrb, makeMachine, startFakeRegistry, type FakeRegistry, type Machine } from './e2e-fixture.js';

const orb = freshOrb();
const PAYMENTS = 'GLOBAL.Acme.Store.payments';
const SHOP = 'GLOBAL.Acme.Store.shop';
let registry: FakeRegistry;
let machine: Machine;

beforeAll(async () => {
  registry = await startFakeRegistry();
});
afterAll(async () => {
  await registry.close();
});
afterEach(() => machine?.cleanup());

function job(name: string, args: Record<string, unknown>): Promise<JobRun> {
  const steps = expandJob(orb, name, { registry: registry.url, ...args });
  return runJob(steps, { cwd: machine.cwd, env: machine.env, artifactsDir: machine.artifacts, pathMap: machine.pathMap });
}

const artifact = (name: string): any => JSON.parse(readFileSync(join(machine.artifacts, 'shiplog', name), 'utf8'));
const stepOutput = (run: JobRun, op: string) => run.steps.find((s) => s.name === `shiplog ${op}`)?.output ?? '';

describe('orb plan and apply jobs on an intent repository', () => {
  it('plan: the table in the step output, fails on changes unless pass_on_changes; apply: banners per deployment, result artifact', async () => {
    machine = makeMachine();
    writeFileSync(
      join(machine.cwd, 'intent.toml'),
      `[application."${PAYMENTS}"]\ndeploy = ["sh", "deploy.sh"]\n\n[application."${SHOP}"]\ndepends_on = ["${PAYMENTS}"]\ndeploy = ["sh", "deploy.sh"]\n\n` +
        `[environment.dev]\n"${PAYMENTS}" = "latest"\n"${SHOP}" = "latest"\n`,
    );
    writeFileSync(join(machine.cwd, 'deploy.sh'), 'echo "rolling out $SHIPLOG_APPLICATION $SHIPLOG_APP_VERSION"\n');
    chmodSync(join(machine.cwd, 'deploy.sh'), 0o755);
    for (const app of [PAYMENTS, SHOP]) {
      const vu = await job('version-update', { application: app, component_name: `${app}-svc`, component_version: '1.0' });
      expect(vu.exitCode, vu.output).toBe(0);
    }

    const failing = await job('plan', {});
    expect(failing.exitCode, failing.output).toBe(1);
    const shown = await job('plan', { pass_on_changes: true, env: 'dev' });
    expect(shown.exitCode, shown.output).toBe(0);
    const out = stepOutput(shown, 'plan');
    expect(out).toMatch(/ENVIRONMENT +WAVE +APPLICATION +CURRENT +DESIRED +ACTION +REASON/);
    expect(out).toMatch(new RegExp(`dev +2 +${SHOP.replace(/\./g, '\\.')} +- +1 +deploy `));
    expect(out).toContain('plan: 2 to deploy, 0 up to date');
    expect(artifact('plan-2.json')).toMatchObject({
      ok: true,
      operation: 'plan',
      changes: true,
      passOnChanges: true,
      counts: { deploy: 2 },
    });

    const apply = await job('apply', { env: 'dev', parallel: 2 });
    expect(apply.exitCode, apply.output).toBe(0);
    const log = stepOutput(apply, 'apply');
    expect(log).toContain(`==== wave 1: deploying ${PAYMENTS} 1 to dev ====\n[dev ${PAYMENTS}] `);
    expect(log).toContain(`[dev ${SHOP}] rolling out ${SHOP} 1\n`);
    expect(log).toContain(`==== end: wave 2: deploying ${SHOP} 1 to dev ====\napply: wave 2: ${SHOP} 1 to dev: succeeded in `);
    expect(artifact('apply.json')).toMatchObject({ ok: true, operation: 'apply', counts: { succeeded: 2, failed: 0 } });

    const after = await job('plan', {});
    expect(after.exitCode, after.output).toBe(0);
    expect(stepOutput(after, 'plan')).toContain('plan: nothing to do, 2 up to date');
  }, 600_000);
});
