import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError } from '../src/errors.js';
import { historyCommand, historyRequest, renderHistory, runHistory } from '../src/operations/history.js';
import { MemoryBackend, memoryContext } from './fakes/memory-backend.js';
import { SHOP, seedDeployment, seedRelease, seedShopScenario } from './fakes/shop-scenario.js';

async function scenario() {
  const backend = new MemoryBackend();
  const versions = await seedShopScenario(backend);
  return { backend, versions, ...memoryContext(backend) };
}

describe('history', () => {
  it('lists deployments newest first with status, exit code, mode and build', async () => {
    const { ctx } = await scenario();
    const res = await runHistory(ctx, historyRequest({}));
    expect(res.operation).toBe('history');
    expect(res.deployments.map((d) => [d.id, d.environment, d.appVersion, d.status, d.exitCode])).toEqual([
      [5, 'qa', `${SHOP};4`, 'failed', 1],
      [4, 'dev', `${SHOP};4`, 'success', 0],
      [3, 'prod', `${SHOP};3`, 'success', 0],
      [2, 'qa', `${SHOP};3`, 'success', 0],
      [1, 'dev', `${SHOP};3`, 'success', 0],
    ]);
    const d4 = res.deployments[1];
    expect(d4).toMatchObject({
      application: SHOP,
      startedAt: '2026-11-22T08:08:00.000Z',
      finishedAt: '2026-11-22T08:08:00.000Z',
      mode: 'record',
      build: { provider: 'github', buildId: '4711', commit: 'a1b2c3d4e5f6', branch: 'main', user: 'alice' },
    });
    expect(d4.components).toContain('GLOBAL.Acme.Store.cart;main;v2');
  });

  it('defaults to the 20 newest and honours --limit', async () => {
    const backend = new MemoryBackend();
    const { ctx } = memoryContext(backend);
    const v = await seedRelease(backend, { application: SHOP, component: 'GLOBAL.Acme.Store.cart', version: 'v1' });
    for (let i = 0; i < 25; i++) {
      await seedDeployment(backend, v, 'dev', { at: `2026-11-22T08:${String(i).padStart(2, '0')}:00.000Z` });
    }
    const all = await runHistory(ctx, historyRequest({}));
    expect(all.deployments).toHaveLength(20);
    expect(all.deployments[0].id).toBe(25);
    expect(all.deployments[19].id).toBe(6);
    const one = await runHistory(ctx, historyRequest({ limit: '1' }));
    expect(one.deployments.map((d) => d.id)).toEqual([25]);
    const num = await runHistory(ctx, historyRequest({ limit: 3 }));
    expect(num.deployments.map((d) => d.id)).toEqual([25, 24, 23]);
  });

  it.each([['0'], ['-1'], ['abc'], ['1.5'], [0], ['']])('rejects --limit %j below 1 or not a whole number', (limit) => {
    if (limit === '') {
      // blank means "not given": the default
      expect(historyRequest({ limit }).limit).toBe(20);
      return;
    }
    expect(() => historyRequest({ limit })).toThrow(InvalidInputError);
    expect(() => historyRequest({ limit })).toThrow(/--limit must be a whole number >= 1/);
  });

  it('reports every bad input at once', () => {
    const err = (() => {
      try {
        historyRequest({ limit: '0', application: 'shop', 'component-name': 'cart' });
      } catch (e) {
        return e as InvalidInputError;
      }
    })();
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err!.exitCode).toBe(2);
    expect(err!.problems).toHaveLength(3);
  });

  it('filters by environment, application version and component (base or version, cleaned)', async () => {
    const { ctx } = await scenario();
    const qa = await runHistory(ctx, historyRequest({ env: 'qa' }));
    expect(qa.deployments.map((d) => d.id)).toEqual([5, 2]);
    const v3 = await runHistory(ctx, historyRequest({ application: `${SHOP};3`, limit: 2 }));
    expect(v3.deployments.map((d) => d.id)).toEqual([3, 2]);
    const cartV2 = await runHistory(ctx, historyRequest({ 'component-name': 'GLOBAL.Acme.Store.cart;main;v2' }));
    expect(cartV2.deployments.map((d) => d.id)).toEqual([5, 4]);
    const cartBase = await runHistory(ctx, historyRequest({ 'component-name': 'GLOBAL.Acme.Store.cart;main' }));
    expect(cartBase.deployments).toHaveLength(5);
    expect(historyRequest({ 'component-name': 'GLOBAL.Acme.Store.cart;feature/x-1;v1.2-rc' }).component).toBe(
      'GLOBAL.Acme.Store.cart;feature_x_1;v1_2_rc',
    );
    const none = await runHistory(ctx, historyRequest({ 'component-name': 'GLOBAL.Acme.Store.cart;main;v9' }));
    expect(renderHistory(none)).toBe('no deployments');
    expect(none.filter.component).toBe('GLOBAL.Acme.Store.cart;main;v9');
  });

  it('finds an older application version behind many newer deployments without reading everything at once', async () => {
    const backend = new MemoryBackend();
    const { ctx } = memoryContext(backend);
    const v1 = await seedRelease(backend, { application: SHOP, component: 'GLOBAL.Acme.Store.cart', version: 'v1' });
    const v2 = await seedRelease(backend, { application: SHOP, component: 'GLOBAL.Acme.Store.cart', version: 'v2' });
    const at = (i: number) => `2026-11-22T08:${String(i).padStart(2, '0')}:00.000Z`;
    await seedDeployment(backend, v1, 'dev', { at: at(0) });
    await seedDeployment(backend, v1, 'qa', { at: at(1) });
    for (let i = 2; i < 40; i++) await seedDeployment(backend, v2, 'dev', { at: at(i) });
    backend.historyCalls = 0;
    const old = await runHistory(ctx, historyRequest({ application: `${SHOP};1`, limit: 1 }));
    expect(old.deployments.map((d) => [d.id, d.environment])).toEqual([[2, 'qa']]);
    const both = await runHistory(ctx, historyRequest({ application: `${SHOP};1` }));
    expect(both.deployments.map((d) => d.id)).toEqual([2, 1]);
    const recent = await runHistory(ctx, historyRequest({ application: `${SHOP};2`, limit: 3 }));
    expect(recent.deployments.map((d) => d.id)).toEqual([40, 39, 38]);
    // limit 1: windows 1, 4, 16, 64; default 20: windows 20, 80; v2 limit 3: one window of 3
    expect(backend.historyCalls).toBe(4 + 2 + 1);
  });

  it('rejects an unknown environment with exit 2', async () => {
    const { ctx } = await scenario();
    const err = await runHistory(ctx, historyRequest({ env: 'staging' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).exitCode).toBe(2);
  });

  it('renders an aligned table', async () => {
    const { ctx } = await scenario();
    const text = renderHistory(await runHistory(ctx, historyRequest({ limit: 2 })));
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^ID\s+STARTED\s+ENVIRONMENT\s+APPLICATION\s+VERSION\s+STATUS\s+EXIT\s+MODE\s+BUILD$/);
    expect(lines[2]).toMatch(/^ 5 {2}2026-11-22 08:09:00Z {2}qa +GLOBAL\.Acme\.Store\.shop {2}4 +failed +1 {2}record {2}local$/);
    expect(lines[3].indexOf('github release / deploy #4711')).toBe(lines[0].indexOf('BUILD'));
    expect(lines[3].indexOf('success')).toBe(lines[0].indexOf('STATUS'));
  });

  it('is a read-only CommandModule named history', () => {
    expect(historyCommand.name).toBe('history');
    expect(historyCommand.mutating).toBe(false);
  });
});
