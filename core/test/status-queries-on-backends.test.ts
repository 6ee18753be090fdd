// The four queries on the real embedded store give the same answers as on the in-memory fake
// (which keeps the fake honest), for the same scenario seeded through the Backend interface.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../src/backend/backend.js';
import { openLocalBackend } from '../src/backend/local/index.js';
import { createMemoryHost } from '../src/host.js';
import { diffRequest, runDiff } from '../src/operations/diff.js';
import { graphRequest, runGraph } from '../src/operations/graph.js';
import { historyRequest, runHistory } from '../src/operations/history.js';
import { runStatus, statusRequest } from '../src/operations/status.js';
import { defaultPipelineConfig } from '../src/pipeline-config.js';
import { MemoryBackend, memoryContext } from './fakes/memory-backend.js';
import { SHOP, seedShopScenario } from './fakes/shop-scenario.js';

async function answers(backend: Backend) {
  await seedShopScenario(backend);
  const { ctx } = memoryContext(backend, defaultPipelineConfig());
  return {
    status: await runStatus(ctx, statusRequest({})),
    statusQa: await runStatus(ctx, statusRequest({ env: 'qa' })),
    history: await runHistory(ctx, historyRequest({ limit: 4 })),
    historyCart: await runHistory(ctx, historyRequest({ 'component-name': 'GLOBAL.Acme.Store.cart;main;v2' })),
    diff: await runDiff(ctx, diffRequest({ from: 'dev', to: 'prod' })),
    graph: await runGraph(ctx, graphRequest({ application: SHOP })),
    unknownEnv: await runStatus(ctx, statusRequest({ env: 'staging' })).catch((e: { code: string; exitCode: number }) => [e.code, e.exitCode]),
  };
}

describe('queries on the local store', () => {
  let dir: string;
  let local: Backend;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shiplog-queries-'));
    local = await openLocalBackend(createMemoryHost(), { stateDir: join(dir, 'state') });
  });
  afterEach(async () => {
    await local.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answer exactly as on the in-memory fake', async () => {
    const fromLocal = await answers(local);
    const fromFake = await answers(new MemoryBackend());
    expect(fromLocal.status.environments.map((e) => [e.name, e.appVersion])).toEqual([
      ['dev', `${SHOP};4`],
      ['qa', `${SHOP};3`],
      ['prod', `${SHOP};3`],
    ]);
    expect(fromLocal.history.deployments.map((d) => [d.environment, d.status])).toEqual([
      ['qa', 'failed'],
      ['dev', 'success'],
      ['prod', 'success'],
      ['qa', 'success'],
    ]);
    expect(fromLocal.historyCart.deployments).toHaveLength(2);
    expect(fromLocal.diff.applications[0].components).toEqual([{ base: 'GLOBAL.Acme.Store.cart;main', from: 'v2', to: 'v1' }]);
    expect(fromLocal.graph.versions.map((v) => v.deployedTo)).toEqual([[], [], ['qa', 'prod'], ['dev']]);
    expect(fromLocal.unknownEnv).toEqual(['NOT_FOUND', 2]);
    expect(fromLocal).toEqual(fromFake);
  });
});
