/**
 * apply as real processes (the CLI bundle) on a real store of any engine: a kill -9 in the middle of a wave
 * and a re-run that completes exactly the missing deployments, and two applies at once (one gives up with
 * exit 4 naming the holder, one waits for the lease and finds nothing left to do). Nothing here depends on how
 * long anything takes: the deploy command of the fixture blocks until the test releases it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deployment } from '../src/model.js';
import { SLOW_STORE_MS, type StoreFactory, type StoreUnderTest } from './support/record-stores.js';
import { APPS, intentFixture, type IntentFixture } from './support/intent-fixture.js';

const BUNDLE = path.resolve(__dirname, '../dist/shiplog.mjs');

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  done: Promise<number | null>;
}

function shiplog(f: IntentFixture, args: string[]): Proc {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: npm run build -w core`);
  const child = spawn(process.execPath, [BUNDLE, ...args], { cwd: f.dir, env: f.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, done };
}

/** Waits until `ready()` holds; fails (with what the process printed) if the process ends first. */
async function until(what: string, ready: () => boolean, proc?: Proc): Promise<void> {
  let ended = false;
  void proc?.done.then(() => (ended = true));
  for (let i = 0; !ready(); i++) {
    if (ended && !ready()) throw new Error(`the process ended before ${what}:\n${proc!.err()}`);
    if (i > 6000) throw new Error(`${what} never happened:\n${proc?.err() ?? ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const cell = (d: Pick<Deployment, 'environment' | 'application'>) =>
  `${d.environment} ${d.application.slice(d.application.lastIndexOf('.') + 1)}`;
const ALL_CELLS = ['qa', 'prod'].flatMap((e) => APPS.map((a) => cell({ environment: e, application: a }))).sort();

export function describeApplyProcesses(name: string, factory: StoreFactory): void {
  describe(`apply processes: ${name}`, { timeout: SLOW_STORE_MS }, () => {
    let store: StoreUnderTest;
    let f: IntentFixture;
    const started: Proc[] = [];
    beforeEach(async () => {
      store = await factory();
      f = await intentFixture(store);
    }, SLOW_STORE_MS);
    afterEach(async () => {
      for (const p of started.splice(0)) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await f.cleanup();
      await store.cleanup();
    });
    const run = (args: string[]) => {
      const p = shiplog(f, args);
      started.push(p);
      return p;
    };

    it('after a kill -9 in the middle of a wave, a re-run completes exactly the missing deployments', async () => {
      f.write('block-qa-shop', '');
      const first = run(['apply', '--parallel', '2']);
      const marker = path.join(f.dir, 'blocked-qa-shop');
      await until('qa shop is deploying', () => existsSync(marker), first);
      first.child.kill('SIGKILL');
      expect(await first.done).toBe(null);
      // Its deploy command is orphaned; a cancelled CI job would lose it too.
      process.kill(Number(readFileSync(marker, 'utf8')), 'SIGKILL');
      unlinkSync(path.join(f.dir, 'block-qa-shop'));

      const before = await f.deployments();
      const done = new Set(before.filter((d) => d.status === 'success').map(cell));
      expect(done.has('qa payments') && done.has('prod payments')).toBe(true);
      expect(done.has('qa shop')).toBe(false);
      const missing = ALL_CELLS.filter((c) => !done.has(c));

      const again = run(['apply', '--json']);
      expect(await again.done, again.err()).toBe(0);
      expect(again.err()).toContain('took over the lease of');
      const after = await f.deployments();
      const added = after.slice(before.length);
      expect(added.map(cell).sort()).toEqual(missing);
      expect(added.every((d) => d.status === 'success')).toBe(true);
      // Every cell deployed exactly once, in dependency order.
      expect(
        after
          .filter((d) => d.status === 'success')
          .map(cell)
          .sort(),
      ).toEqual(ALL_CELLS);
      expect(JSON.parse(again.out())).toMatchObject({ ok: true, counts: { succeeded: missing.length, unchanged: 6 - missing.length } });
    });

    it('two applies at once: one waits for the lease and then finds nothing to do, one gives up with exit 4 naming the holder', async () => {
      f.write('block-qa-payments', '');
      const a = run(['apply']);
      await until('the first apply is deploying', () => existsSync(path.join(f.dir, 'blocked-qa-payments')), a);
      const pid = a.child.pid!;

      const impatient = run(['apply', '--lock-timeout', '1s', '--json']);
      expect(await impatient.done, impatient.err()).toBe(4);
      const refused = JSON.parse(impatient.out()) as { ok: boolean; error: { code: string; message: string } };
      expect(refused.error.code).toBe('LEASE_HELD');
      expect(refused.error.message).toMatch(
        new RegExp(
          `^environment prod is being applied by apply by .* pid ${pid} \\(since .*, last heartbeat .*, expires .*\\); gave up waiting after --lock-timeout$`,
        ),
      );

      const patient = run(['apply', '--json']);
      await until(
        'the second apply waits',
        () => /apply: waiting for the lease of prod, held by apply by .* pid \d+/.test(patient.err()),
        patient,
      );
      expect(patient.err()).toContain(`pid ${pid} (since`);
      f.write('release-qa-payments', '');
      expect(await a.done, a.err()).toBe(0);
      expect(await patient.done, patient.err()).toBe(0);
      const second = JSON.parse(patient.out()) as { counts: Record<string, number>; lease: { environments: string[] } | null };
      expect(second.counts).toMatchObject({ succeeded: 0, unchanged: 6 });
      expect(second.lease?.environments).toEqual(['prod', 'qa']);
      // Each cell deployed once: the waiting apply planned again under the lease and did nothing twice.
      expect((await f.deployments()).map(cell).sort()).toEqual(ALL_CELLS);
    });
  });
}
