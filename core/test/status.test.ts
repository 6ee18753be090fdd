import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError } from '../src/errors.js';
import { renderStatus, runStatus, statusCommand, statusRequest } from '../src/operations/status.js';
import { MemoryBackend, memoryContext } from './fakes/memory-backend.js';
import { GITHUB_CI, SHOP, seedDeployment, seedRelease, seedShopScenario } from './fakes/shop-scenario.js';

async function scenario() {
  const backend = new MemoryBackend();
  const versions = await seedShopScenario(backend);
  return { backend, versions, ...memoryContext(backend) };
}

describe('status', () => {
  it('lists every environment in pipeline order with version, components, deployment and build', async () => {
    const { ctx } = await scenario();
    const res = await runStatus(ctx, statusRequest({}));
    expect(res.ok).toBe(true);
    expect(res.operation).toBe('status');
    expect(res.environments.map((e) => [e.name, e.appVersion])).toEqual([
      ['dev', `${SHOP};4`],
      ['qa', `${SHOP};3`], // the failed qa deployment of ;4 did not change qa
      ['prod', `${SHOP};3`],
    ]);
    const dev = res.environments[0];
    expect(dev.application).toBe(SHOP);
    expect(dev.components).toEqual([
      'GLOBAL.Acme.Store.cart;main;v2',
      'GLOBAL.Acme.Store.catalog;main;v1',
      'GLOBAL.Acme.Store.checkout;main;v1',
    ]);
    expect(dev.deploymentId).toBe(4);
    expect(dev.deployedAt).toBe('2026-11-22T08:08:00.000Z');
    expect(dev.build).toEqual({
      provider: 'github',
      buildId: '4711',
      job: 'release / deploy',
      buildUrl: 'https://ci.example.test/runs/4711',
      commit: 'a1b2c3d4e5f6',
      branch: 'main',
      user: 'alice',
    });
    expect(res.environments[1].build).toEqual({
      provider: 'local',
      buildId: null,
      job: null,
      buildUrl: null,
      commit: null,
      branch: null,
      user: null,
    });
  });

  it('reads the current state without scanning history', async () => {
    const { ctx, backend } = await scenario();
    backend.historyCalls = 0;
    await runStatus(ctx, statusRequest({ env: 'prod' }));
    await runStatus(ctx, statusRequest({}));
    expect(backend.historyCalls).toBe(0);
  });

  it('filters by environment and by application (with or without ;version)', async () => {
    const { ctx } = await scenario();
    const prod = await runStatus(ctx, statusRequest({ env: 'prod' }));
    expect(prod.environments.map((e) => e.name)).toEqual(['prod']);
    const app = await runStatus(ctx, statusRequest({ application: `${SHOP};3` }));
    expect(app.environments.map((e) => e.name)).toEqual(['qa', 'prod']);
    const other = await runStatus(ctx, statusRequest({ application: 'GLOBAL.Acme.Store.other' }));
    expect(other.environments).toEqual([]);
    expect(renderStatus(other)).toBe('nothing deployed of GLOBAL.Acme.Store.other yet');
  });

  it('rejects an environment that is neither configured nor ever deployed to (exit 2)', async () => {
    const { ctx } = await scenario();
    const err = await runStatus(ctx, statusRequest({ env: 'staging' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).exitCode).toBe(2);
    expect((err as NotFoundError).message).toContain('"staging"');
    expect((err as NotFoundError).hint).toContain('dev, qa, prod');
  });

  it('accepts an unconfigured environment that has deployments, and a configured one without any', async () => {
    const backend = new MemoryBackend();
    const { ctx } = memoryContext(backend);
    const v = await seedRelease(backend, { application: SHOP, component: 'GLOBAL.Acme.Store.cart', version: 'v1' });
    await seedDeployment(backend, v, 'perf', { exitCode: 1 });
    const perf = await runStatus(ctx, statusRequest({ env: 'perf' }));
    expect(perf.environments).toEqual([]);
    const qa = await runStatus(ctx, statusRequest({ env: 'qa' }));
    expect(renderStatus(qa)).toBe('nothing deployed to qa yet');
  });

  it('reports a bad application name as invalid input', () => {
    expect(() => statusRequest({ application: 'shop' })).toThrow(InvalidInputError);
    expect(() => statusRequest({ application: 'shop' })).toThrow(/full domain path/);
  });

  it('renders an aligned table, one component per line', async () => {
    const { ctx } = await scenario();
    const text = renderStatus(await runStatus(ctx, statusRequest({})));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^ENVIRONMENT\s+APPLICATION\s+VERSION\s+DEPLOYED\s+ID\s+BUILD\s+COMPONENTS$/);
    const col = (h: string) => lines[0].indexOf(h);
    const devRow = lines[2];
    expect(devRow.startsWith('dev ')).toBe(true);
    expect(devRow.indexOf(SHOP)).toBe(col('APPLICATION'));
    expect(devRow.indexOf('github release / deploy #4711')).toBe(col('BUILD'));
    expect(devRow.indexOf('GLOBAL.Acme.Store.cart;main;v2')).toBe(col('COMPONENTS'));
    expect(lines[3].trimStart()).toBe('GLOBAL.Acme.Store.catalog;main;v1');
    expect(lines[3].indexOf('GLOBAL')).toBe(col('COMPONENTS'));
    expect(text).toContain('2026-11-22 08:08:00Z');
    // 3 environments x 3 components + header + rule
    expect(lines).toHaveLength(11);
  });

  it('keeps a hostile environment name on one line of the table', async () => {
    const backend = new MemoryBackend();
    const { ctx } = memoryContext(backend);
    const v = await seedRelease(backend, { application: SHOP, component: 'GLOBAL.Acme.Store.cart', version: 'v1' });
    await seedDeployment(backend, v, 'evil\nENVIRONMENT x', { ci: GITHUB_CI });
    const text = renderStatus(await runStatus(ctx, statusRequest({})));
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain('evil ENVIRONMENT x');
  });

  it('is a read-only CommandModule named status', () => {
    expect(statusCommand.name).toBe('status');
    expect(statusCommand.mutating).toBe(false);
    expect(statusCommand.examples.every((e) => e.startsWith('shiplog status'))).toBe(true);
  });
});
