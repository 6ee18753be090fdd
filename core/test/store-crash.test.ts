/**
 * SIGKILL crash safety: writer processes are killed at random points, many times over; after each round the
 * store opens, every acknowledged object is there and complete, and the invariants hold.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLocalBackend } from '../src/backend/local/index.js';
import { createMemoryHost } from '../src/host.js';
import { startWriter, type Ack } from './fixtures/store/spawn-writer.js';
import { storeProblems } from './fixtures/store/store-files.js';

const ROUNDS = 6;
const WRITERS = 3;
const APP = 'GLOBAL.Acme.Store.shop';

function waitForAcks(acks: Ack[], n: number, timeoutMs: number): Promise<void> {
  const start = Date.now();
  return new Promise((resolve) => {
    const tick = () => (acks.length >= n || Date.now() - start > timeoutMs ? resolve() : setTimeout(tick, 5));
    tick();
  });
}

describe('local store: SIGKILL at random points', () => {
  let dir: string | undefined;
  const started: ChildProcess[] = [];
  afterAll(async () => {
    // endless writers must not outlive a failed assertion
    for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('never leaves an unreadable or inconsistent store, and keeps every acknowledged write', async () => {
    dir = await mkdtemp(join(tmpdir(), 'shiplog-crash-'));
    const stateDir = join(dir, 'state');
    const acked: Ack[] = [];
    let journalsLeft = 0;
    let kills = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Worker numbers repeat across rounds, so later rounds add versions to existing bases (reuse paths too).
      const writers = Array.from({ length: WRITERS }, (_, i) =>
        startWriter({ stateDir, worker: i + (round % 2) * WRITERS, count: 0, logBytes: 2_000 + round * 1_000, segmentBytes: 64 * 1024 }),
      );
      started.push(...writers.map((w) => w.child));
      // Let them get going (first acks), then kill each after a random extra delay.
      await Promise.all(writers.map((w) => waitForAcks(w.acks, 1, 20_000)));
      await Promise.all(
        writers.map(async (w) => {
          await new Promise((r) => setTimeout(r, Math.random() * 150));
          w.child.kill('SIGKILL');
          kills++;
          const res = await w.done;
          expect(res.signal, w.stderr()).toBe('SIGKILL');
        }),
      );
      const fresh = writers.flatMap((w) => w.acks);
      acked.push(...fresh);
      if (await stat(join(stateDir, 'journal.json')).catch(() => undefined)) journalsLeft++;

      const b = await openLocalBackend(createMemoryHost(), { stateDir, segmentBytes: 64 * 1024 });
      const bases = Array.from({ length: WRITERS * 2 }, (_, w) => `GLOBAL.Acme.Store.svc-w${w}`);
      const { problems, deployments } = await storeProblems(b, { applications: [APP], bases });
      expect(problems, `round ${round}`).toEqual([]);
      const ids = new Set(deployments.map((d) => d.id));
      for (const a of acked) if (a.kind === 'dep') expect(ids.has(a.id as number), `acknowledged deployment ${a.id}`).toBe(true);
      for (const a of fresh) {
        if (a.kind === 'cv') expect(await b.getComponentVersion(a.name!), `acknowledged ${a.name}`).toBeDefined();
        if (a.kind === 'av') expect(await b.getApplicationVersion(a.name!), `acknowledged ${a.name}`).toBeDefined();
      }
    }
    expect(kills).toBe(ROUNDS * WRITERS);
    // A writer after all those crashes gets the lock (stale locks recovered) and finishes cleanly.
    const last = startWriter({ stateDir, worker: 0, count: 2, segmentBytes: 64 * 1024 });
    expect(await last.done, last.stderr()).toEqual({ code: 0, signal: null });
    const b = await openLocalBackend(createMemoryHost(), { stateDir });
    const { problems } = await storeProblems(b, { applications: [APP], bases: [] });
    expect(problems).toEqual([]);
    // Informational: how often a kill landed between commit and cleanup (the journal was replayed).
    process.stderr.write(`crash test: ${kills} kills, ${journalsLeft} rounds left a journal to replay\n`);
  }, 180_000);
});
