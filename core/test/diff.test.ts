import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError } from '../src/errors.js';
import { diffApplication, diffCommand, diffRequest, renderDiff, runDiff } from '../src/operations/diff.js';
import { MemoryBackend, memoryContext } from './fakes/memory-backend.js';
import { SHOP, seedDeployment, seedRelease, seedShopScenario } from './fakes/shop-scenario.js';

async function scenario() {
  const backend = new MemoryBackend();
  const versions = await seedShopScenario(backend);
  return { backend, versions, ...memoryContext(backend) };
}

describe('diff', () => {
  it('lists only the components that differ, matched by base, and counts the equal ones', async () => {
    const { ctx } = await scenario();
    const res = await runDiff(ctx, diffRequest({ from: 'dev', to: 'prod' }));
    expect(res).toEqual({
      ok: true,
      operation: 'diff',
      from: 'dev',
      to: 'prod',
      identical: false,
      applications: [
        {
          application: SHOP,
          from: `${SHOP};4`,
          to: `${SHOP};3`,
          components: [{ base: 'GLOBAL.Acme.Store.cart;main', from: 'v2', to: 'v1' }],
          equal: 2,
        },
      ],
    });
    expect(renderDiff(res)).toBe(
      [
        'GLOBAL.Acme.Store.shop: dev 4 -> prod 3',
        'COMPONENT                    DEV  PROD',
        '---------------------------  ---  ----',
        'GLOBAL.Acme.Store.cart;main  v2   v1',
        '(2 equal components)',
      ].join('\n'),
    );
  });

  it('says so when two environments run the same versions', async () => {
    const { ctx } = await scenario();
    const res = await runDiff(ctx, diffRequest({ from: 'qa', to: 'prod' }));
    expect(res.identical).toBe(true);
    expect(res.applications).toEqual([]);
    expect(renderDiff(res)).toBe('qa and prod run the same versions');
  });

  it('shows an application deployed on one side only with nulls', async () => {
    const backend = new MemoryBackend();
    const { ctx } = memoryContext(backend);
    const v = await seedRelease(backend, { application: SHOP, component: 'GLOBAL.Acme.Store.cart', variant: 'main', version: 'v1' });
    await seedDeployment(backend, v, 'dev');
    const res = await runDiff(ctx, diffRequest({ from: 'dev', to: 'prod' }));
    expect(res.applications).toEqual([
      {
        application: SHOP,
        from: `${SHOP};1`,
        to: null,
        components: [{ base: 'GLOBAL.Acme.Store.cart;main', from: 'v1', to: null }],
        equal: 0,
      },
    ]);
    expect(renderDiff(res)).toContain('prod (not deployed)');
  });

  it('diffApplication compares by base: changed, added and removed components', () => {
    const d = diffApplication(
      SHOP,
      { appVersion: `${SHOP};1`, components: ['G.A.cart;main;v1', 'G.A.old;v3', 'G.A.same;main;v1'] },
      { appVersion: `${SHOP};2`, components: ['G.A.cart;main;v2', 'G.A.new;main;v1', 'G.A.same;main;v1'] },
    );
    expect(d.components).toEqual([
      { base: 'G.A.cart;main', from: 'v1', to: 'v2' },
      { base: 'G.A.new;main', from: null, to: 'v1' },
      { base: 'G.A.old', from: 'v3', to: null },
    ]);
    expect(d.equal).toBe(1);
  });

  it('requires --from and --to, naming both when both are missing', () => {
    let err: InvalidInputError | undefined;
    try {
      diffRequest({});
    } catch (e) {
      err = e as InvalidInputError;
    }
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err!.exitCode).toBe(2);
    expect(err!.problems).toEqual(['--from is required', '--to is required']);
  });

  it('rejects an unknown environment on either side with exit 2', async () => {
    const { ctx } = await scenario();
    for (const req of [
      { from: 'staging', to: 'prod' },
      { from: 'dev', to: 'staging' },
    ]) {
      const err = await runDiff(ctx, diffRequest(req)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect((err as NotFoundError).message).toContain('"staging"');
    }
  });

  it('is a read-only CommandModule named diff', () => {
    expect(diffCommand.name).toBe('diff');
    expect(diffCommand.mutating).toBe(false);
  });
});
