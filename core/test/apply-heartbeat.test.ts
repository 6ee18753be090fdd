/**
 * apply's heartbeat (intent/apply-run.ts): while a deployment runs, a progress line per period and a renewal
 * of the leases; a lease lost meanwhile (it expired and another apply took it) stops the run from starting
 * anything more. The period is shortened here; every wait is on an event (a line printed, a file written).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../src/backend/backend.js';
import { createMemoryHost } from '../src/host.js';
import { runApply } from '../src/intent/apply-run.js';
import { LeaseKeeper, leaseHolder } from '../src/intent/lease-keeper.js';
import type { OperationContext } from '../src/operations/context.js';
import { computePlan } from '../src/operations/plan.js';
import { loadPipelineConfig } from '../src/pipeline-config.js';
import { PAYMENTS, SHOP, intentFixture, type IntentFixture } from './support/intent-fixture.js';
import { STORE_FACTORIES, type StoreUnderTest } from './support/record-stores.js';

async function until(what: string, ready: () => boolean): Promise<void> {
  for (let i = 0; !ready(); i++) {
    if (i > 6000) throw new Error(`${what} never happened`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('apply heartbeat', () => {
  let store: StoreUnderTest;
  let f: IntentFixture;
  let backend: Backend;
  beforeEach(async () => {
    store = await STORE_FACTORIES.local();
    f = await intentFixture(store);
    backend = await store.open();
  });
  afterEach(async () => {
    await backend.close();
    await f.cleanup();
    await store.cleanup();
  });

  async function start(keeper: 'lease' | 'none') {
    const host = createMemoryHost({ env: f.env, cwd: f.dir });
    const pipeline = await loadPipelineConfig(host, path.join(f.dir, 'shiplog.toml'));
    const ctx: OperationContext = {
      host,
      backend: async () => backend,
      pipeline: async () => pipeline,
      ci: () => ({ provider: 'local', isCi: false }),
      actor: async () => ({ id: 'tester', source: 'self-asserted' }),
      dryRun: false,
    };
    const built = await computePlan(ctx, { environments: ['qa'], applications: [PAYMENTS, SHOP] });
    const leases =
      keeper === 'lease'
        ? new LeaseKeeper(host, backend, leaseHolder(ctx.ci(), 'tester'), { ttlMs: 60_000, lockTimeoutMs: 1000 })
        : undefined;
    await leases?.acquire(['qa']);
    const run = runApply(ctx, pipeline, backend, built, leases, {
      parallel: 1,
      failFast: false,
      timeoutMs: 60_000,
      heartbeatMs: 25,
      runId: 'test',
    });
    return { host, run, leases };
  }

  it('prints a heartbeat line while a deployment runs and renews the lease', async () => {
    f.write('block-qa-payments', '');
    const { host, run, leases } = await start('lease');
    const acquired = leases!.leases[0];
    await until('the deployment started', () => existsSync(path.join(f.dir, 'blocked-qa-payments')));
    // each running deployment with the last line of its output (progress.ts, shared with deploy)
    const beat =
      /apply: heartbeat: 1 running: qa GLOBAL\.Acme\.Store\.payments 1 for \d+\.\d s \(last line: running payments in qa\) \(0 of 2 done\)\n/g;
    await until('two heartbeats', () => (host.err().match(beat) ?? []).length >= 2);
    const renewed = await backend.getLease('qa');
    expect(renewed?.holder.id).toBe(acquired.holder.id);
    expect(renewed!.heartbeatAt).not.toBe(acquired.heartbeatAt);
    f.write('release-qa-payments', '');
    const steps = await run;
    expect(steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    await leases!.releaseAll();
    expect(await backend.getLease('qa')).toBeUndefined();
  });

  it('starts nothing more once the lease is lost', async () => {
    f.write('block-qa-payments', '');
    const { host, run, leases } = await start('lease');
    await until('the deployment started', () => existsSync(path.join(f.dir, 'blocked-qa-payments')));
    // Another apply takes the lease over (as it would once this one's lease expired).
    const thief = await backend.acquireLease({
      environment: 'qa',
      holder: { id: 'thief', label: 'apply by someone else', host: 'elsewhere', pid: 1 },
      ttlMs: 60_000,
      at: new Date().toISOString(),
      replacing: leases!.holder.id,
    });
    expect(thief.acquired).toBe(true);
    await until('the loss is noticed', () =>
      host.err().includes('apply: the lease of qa was lost (it expired and another apply took it): starting nothing more'),
    );
    f.write('release-qa-payments', '');
    const steps = await run;
    expect(steps.map((s) => [s.application, s.status, s.message])).toEqual([
      [PAYMENTS, 'succeeded', undefined],
      [SHOP, 'skipped', 'not started: the lease of qa was lost (it expired and another apply took it)'],
    ]);
    // Releasing what it no longer holds leaves the new holder alone.
    await leases!.releaseAll();
    expect((await backend.getLease('qa'))?.holder.id).toBe('thief');
  });
});
