/** 20 writer PROCESSES on one store at once: nothing is lost, ids are unique and dense. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalBackend } from '../src/backend/local/index.js';
import { createMemoryHost } from '../src/host.js';
import { startWriter, type Writer } from './fixtures/store/spawn-writer.js';
import { storeProblems } from './fixtures/store/store-files.js';

const WORKERS = 20;
const EACH = 8;
const APP = 'GLOBAL.Acme.Store.shop';

describe('local store: 20 concurrent writer processes', () => {
  let dir: string;
  let writers: Writer[];
  const readProblems: string[] = [];
  let reads = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shiplog-conc-'));
    const stateDir = join(dir, 'state');
    writers = Array.from({ length: WORKERS }, (_, w) => startWriter({ stateDir, worker: w, count: EACH, segmentBytes: 4096 }));
    let running = true;
    const all = Promise.all(writers.map((w) => w.done)).finally(() => (running = false));
    // Meanwhile this process reads without the lock: every answer must be one consistent state.
    const reader = await openLocalBackend(createMemoryHost(), { stateDir, segmentBytes: 4096 });
    while (running) {
      try {
        const versions = await reader.listApplicationVersions(APP);
        versions.forEach((v, i) => {
          if (i > 0 && v.predecessor !== versions[i - 1].name) readProblems.push(`${v.name} predecessor ${v.predecessor}`);
        });
        const recent = await reader.history({ limit: 5 });
        if (recent.some((d, i) => i > 0 && d.id !== recent[i - 1].id - 1)) readProblems.push(`history ${recent.map((d) => d.id)}`);
        for (const st of await reader.status()) {
          if (!(await reader.getApplicationVersion(st.appVersion))) readProblems.push(`status names missing ${st.appVersion}`);
        }
        reads++;
      } catch (err) {
        readProblems.push(String(err));
      }
    }
    await all;
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('every writer finishes cleanly', async () => {
    const results = await Promise.all(writers.map((w) => w.done));
    for (const [i, r] of results.entries()) expect(r, `writer ${i}: ${writers[i].stderr()}`).toEqual({ code: 0, signal: null });
  });

  it('lock-free readers running alongside always see a consistent state', () => {
    expect(readProblems).toEqual([]);
    expect(reads).toBeGreaterThan(0);
  });

  it('loses nothing: every acknowledged object is stored, deployment ids are unique and dense', async () => {
    const b = await openLocalBackend(createMemoryHost(), { stateDir: join(dir, 'state') });
    const bases = Array.from({ length: WORKERS }, (_, w) => `GLOBAL.Acme.Store.svc-w${w}`);
    const { problems, deployments } = await storeProblems(b, { applications: [APP], bases });
    expect(problems).toEqual([]);
    expect(deployments).toHaveLength(WORKERS * EACH);
    const acked = writers.flatMap((w) => w.acks.filter((a) => a.kind === 'dep').map((a) => a.id as number));
    expect(acked.sort((x, y) => x - y)).toEqual(Array.from({ length: WORKERS * EACH }, (_, i) => i + 1));
    for (const w of writers) {
      for (const a of w.acks.filter((x) => x.kind === 'dep')) {
        expect(deployments.find((d) => d.id === a.id)).toMatchObject({ appVersion: a.appVersion, status: a.status });
      }
    }
    for (const base of bases)
      expect((await b.listComponentVersions(base)).map((c) => c.version)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const cvIds = (await Promise.all(bases.map((x) => b.listComponentVersions(x)))).flat().map((c) => c.id);
    expect(new Set(cvIds).size).toBe(WORKERS * EACH);
    // each put swapped one component into the then-latest version: the latest holds every worker's last one
    const versions = await b.listApplicationVersions(APP);
    expect(versions).toHaveLength(WORKERS * EACH);
    expect([...versions[versions.length - 1].components].sort()).toEqual(bases.map((x) => `${x};${EACH}`).sort());
    expect(await readdir(join(dir, 'state', 'tmp'))).toEqual([]);
  });
});
