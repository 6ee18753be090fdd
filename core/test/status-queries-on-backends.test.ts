// The four queries give the same answers on the embedded store, on the Ortelius backend (through the
// loopback emulator) and on the in-memory fake (which keeps the fake honest), for the same scenario
// seeded through the Backend interface.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../src/backend/backend.js';
import { openLocalBackend } from '../src/backend/local/index.js';
import { openOrteliusBackend } from '../src/backend/ortelius/index.js';
import { createMemoryHost } from '../src/host.js';
import { diffRequest, runDiff } from '../src/operations/diff.js';
import { graphRequest, runGraph } from '../src/operations/graph.js';
import { historyRequest, runHistory } from '../src/operations/history.js';
import { buildDashboard, reportRequest } from '../src/operations/report.js';
import { runStatus, statusRequest } from '../src/operations/status.js';
import { defaultPipelineConfig } from '../src/pipeline-config.js';
import { DEFAULT_PASSWORD, DEFAULT_USER, startOrteliusEmulator } from './ortelius-emulator/index.js';
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
    unknownEnv: await runStatus(ctx, statusRequest({ env: 'staging' })).catch((e: { code: string; exitCode: number }) => [
      e.code,
      e.exitCode,
    ]),
    // the release dashboard's model, built from the queries above (its clock aside)
    dashboard: { ...(await buildDashboard(ctx, reportRequest({ json: true }))), generatedAt: 'now' },
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
    const [shop] = fromLocal.dashboard.applications;
    expect(shop.cells.map((c) => c && [c.version, c.differsFromPrevious])).toEqual([
      ['4', false],
      ['3', true],
      ['3', false],
    ]);
    expect(shop.components.find((c) => c.base === 'GLOBAL.Acme.Store.cart;main')).toEqual({
      base: 'GLOBAL.Acme.Store.cart;main',
      versions: ['v2', 'v1', 'v1'],
      differs: [false, true, false],
    });
    expect(shop.deployments.slice(0, 4).map((d) => [d.id, d.status])).toEqual(fromLocal.history.deployments.map((d) => [d.id, d.status]));
    expect(fromLocal).toEqual(fromFake);
  });
});

describe('queries on the ortelius backend (loopback emulator)', () => {
  // Also a regression test: reading old deployment logs (history) must not rewind what status reports.
  it('answer exactly as on the in-memory fake', async () => {
    const domain = 'GLOBAL.Acme.Store';
    const emu = await startOrteliusEmulator({
      stages: [
        { name: 'dev', domain: `${domain}.dev` },
        { name: 'qa', domain: `${domain}.qa` },
        { name: 'prod', domain: `${domain}.prod`, requiresApproval: true },
      ],
    });
    try {
      const backend = await openOrteliusBackend(createMemoryHost(), {
        url: emu.url,
        user: DEFAULT_USER,
        password: DEFAULT_PASSWORD,
        retryBaseMs: 5,
      });
      const fromOrtelius = await answers(backend);
      await backend.close();
      expect(fromOrtelius).toEqual(await answers(new MemoryBackend()));
    } finally {
      await emu.close();
    }
  });
});
