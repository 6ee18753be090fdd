// execute()'s beforeDeployment: called once a deployment is about to start for real (what the GitHub Action
// uses to create its Deployment), never for a request that is refused or a dry run; it can still stop it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationFailedError } from '../src/errors.js';
import { execute, type ExecuteOptions } from '../src/execute.js';
import { createMemoryHost } from '../src/host.js';
import { APP, COMPONENT_TOML, makeRepo, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo;
beforeAll(async () => {
  repo = makeRepo({ 'component.toml': COMPONENT_TOML });
  const up = await repo.run('version-update');
  expect(up.exitCode, up.err).toBe(0);
});
afterAll(() => repo.cleanup());

async function deploy(inputs: Record<string, unknown>, hook: ExecuteOptions['beforeDeployment']) {
  const host = createMemoryHost({ env: repo.env, cwd: repo.dir });
  return execute('deploy', { application: APP, command: 'touch deployed.marker', ...inputs }, host, {
    commandArgs: [],
    beforeDeployment: hook,
  });
}

describe('execute beforeDeployment', () => {
  it('runs once, before the command, with the resolved version, environment, stage and the input values', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const out = await deploy({ env: 'dev' }, async (facts) => {
      calls.push({ ...facts, markerAlready: existsSync(path.join(repo.dir, 'deployed.marker')) });
    });
    expect(out.exitCode, JSON.stringify(out.result)).toBe(0);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      appVersion: `${APP};1_0_0`,
      application: APP,
      environment: 'dev',
      stage: 'dev',
      markerAlready: false,
    });
    expect((calls[0].values as Record<string, unknown>).env).toBe('dev');
  });

  it.each([
    ['a dry run', { env: 'dev', 'dry-run': true }, 0],
    ['an application version that does not exist', { env: 'dev', 'app-version': '999' }, 2],
    ['an environment behind which the version has not moved', { env: 'prod' }, 1],
    ['an unknown environment', { env: 'prdo' }, 2],
  ])('is not called for %s', async (_what, inputs, exitCode) => {
    let called = false;
    const out = await deploy(inputs, async () => {
      called = true;
    });
    expect(out.exitCode, JSON.stringify(out.result)).toBe(exitCode);
    expect(called).toBe(false);
  });

  it('an error it throws stops the deployment: the command does not run and nothing is recorded', async () => {
    const before = (await repo.run('history', { application: APP })).result.deployments as unknown[];
    const marker = path.join(repo.dir, 'stopped.marker');
    const out = await deploy({ env: 'dev', command: `touch ${marker}` }, async () => {
      throw new OperationFailedError('GitHub said no');
    });
    expect(out.exitCode).toBe(1);
    expect(out.result).toMatchObject({ ok: false, error: { message: 'GitHub said no' } });
    expect(existsSync(marker)).toBe(false);
    expect((await repo.run('history', { application: APP })).result.deployments).toHaveLength(before.length);
  });
});
