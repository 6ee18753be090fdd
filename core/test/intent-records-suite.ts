/**
 * The desired-state records (Backend: custom state, leases, undeployments) on a real store, for any engine
 * (support/record-stores.ts). Pins the semantics documented in backend.ts and records/intent-records.ts:
 * values with revisions and an append-only history, idempotent sets, refused keys writing nothing, leases
 * compared under the engine's transaction (two handles racing for one: exactly one wins), expiry and
 * take-over, and undeployments that leave status.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../src/backend/backend.js';
import { InvalidInputError } from '../src/errors.js';
import { createMemoryHost } from '../src/host.js';
import type { ApplicationVersion, CiContext } from '../src/model.js';
import type { LeaseHolder } from '../src/state-model.js';
import { SLOW_STORE_MS, type StoreFactory, type StoreUnderTest } from './support/record-stores.js';

const PROV: CiContext = { provider: 'local', isCi: false };
const T0 = '2026-03-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const holder = (id: string, pid = 999_999_999): LeaseHolder => ({ id, label: `apply ${id}`, host: 'elsewhere', pid });

export function describeIntentRecords(name: string, factory: StoreFactory): void {
  describe(`desired-state records: ${name}`, { timeout: SLOW_STORE_MS }, () => {
    let store: StoreUnderTest;
    let b: Backend;
    beforeEach(async () => {
      store = await factory();
      b = await store.open();
    }, SLOW_STORE_MS);
    afterEach(async () => {
      await b.close();
      await store.cleanup();
    });

    const seedVersion = async (): Promise<ApplicationVersion> => {
      const cv = await b.putComponentVersion({
        domain: 'GLOBAL.Acme',
        short: 'cart',
        version: '1',
        kind: 'docker',
        attributes: {},
        provenance: PROV,
        at: T0,
      });
      return (
        await b.putApplicationVersion({
          application: 'GLOBAL.Acme.shop',
          autoIncrement: false,
          component: cv.value,
          initialStage: 'qa',
          provenance: PROV,
          at: T0,
        })
      ).value;
    };

    it('keeps custom state per environment and key with revisions; an equal value writes nothing', async () => {
      const set = (environment: string, key: string, value: unknown, when = T0) =>
        b.setCustomState({ environment, key, value, by: 'ada', at: when, provenance: PROV });
      const first = await set('qa', 'db_url', 'postgres://qa-1');
      expect(first).toMatchObject({
        changed: true,
        value: { environment: 'qa', key: 'db_url', value: 'postgres://qa-1', revision: 1, setBy: 'ada' },
      });
      expect(first.previous).toBeUndefined();
      const before = await store.fingerprint();
      const same = await set('qa', 'db_url', 'postgres://qa-1', at(5));
      expect(same).toMatchObject({ changed: false, value: { revision: 1, setAt: T0 } });
      expect(await store.fingerprint()).toBe(before);
      const second = await set('qa', 'db_url', 'postgres://qa-2', at(10));
      expect(second).toMatchObject({ changed: true, value: { revision: 2 }, previous: { revision: 1, value: 'postgres://qa-1' } });
      await set('qa', 'cluster', { name: 'eu-1', zones: ['a', 'b'] });
      await set('prod', 'db_url', 'postgres://prod');
      expect((await b.getCustomState('qa')).map((v) => [v.key, v.value, v.revision])).toEqual([
        ['cluster', { name: 'eu-1', zones: ['a', 'b'] }, 1],
        ['db_url', 'postgres://qa-2', 2],
      ]);
      expect((await b.getCustomState('prod')).map((v) => v.value)).toEqual(['postgres://prod']);
      expect(await b.getCustomState('dev')).toEqual([]);
      expect((await b.customStateHistory('qa', 'db_url')).map((v) => [v.revision, v.value])).toEqual([
        [2, 'postgres://qa-2'],
        [1, 'postgres://qa-1'],
      ]);
      expect((await b.customStateHistory('qa', 'db_url', 1)).map((v) => v.revision)).toEqual([2]);
      expect(await b.customStateHistory('qa', 'never_set')).toEqual([]);
      // A second handle (another runner) sees the same.
      const other = await store.open();
      try {
        expect((await other.getCustomState('qa')).find((v) => v.key === 'db_url')?.revision).toBe(2);
      } finally {
        await other.close();
      }
    });

    it('refuses secret-named, malformed and reserved keys and bad values, writing nothing', async () => {
      await b.setCustomState({ environment: 'qa', key: 'db_url', value: 'x', by: 'ada', at: T0, provenance: PROV });
      const before = await store.fingerprint();
      for (const key of ['db_password', 'API_TOKEN', 'github_token', 'Db_Url', '1st', 'a-b', '', 'dir']) {
        const err = await b
          .setCustomState({ environment: 'qa', key, value: 'v', by: 'ada', at: T0, provenance: PROV })
          .catch((e: unknown) => e);
        expect(err, key).toBeInstanceOf(InvalidInputError);
      }
      const secret = await b
        .setCustomState({ environment: 'qa', key: 'db_password', value: 'v', by: 'ada', at: T0, provenance: PROV })
        .catch((e: Error) => e.message);
      expect(secret).toContain('state is not a secret store; pass a reference');
      const badEnv = await b
        .setCustomState({ environment: 'q;a', key: 'k', value: 'v', by: 'ada', at: T0, provenance: PROV })
        .catch((e: unknown) => e);
      expect(badEnv).toBeInstanceOf(InvalidInputError);
      const big = await b
        .setCustomState({ environment: 'qa', key: 'k', value: 'x'.repeat(70_000), by: 'ada', at: T0, provenance: PROV })
        .catch((e: unknown) => e);
      expect(big).toBeInstanceOf(InvalidInputError);
      expect(await store.fingerprint()).toBe(before);
    });

    it('stores values redacted like every record', async () => {
      const host = createMemoryHost({ env: { PATH: process.env.PATH ?? '', ...store.env } });
      host.redactor.add('hunter2-very-secret');
      const handle = await store.open(host);
      try {
        await handle.setCustomState({
          environment: 'qa',
          key: 'db_url',
          value: 'postgres://app:hunter2-very-secret@db/qa',
          by: 'ada',
          at: T0,
          provenance: PROV,
        });
      } finally {
        await handle.close();
      }
      const [v] = await b.getCustomState('qa');
      expect(v.value).toBe('postgres://app:***@db/qa');
      expect(JSON.stringify(await b.customStateHistory('qa', 'db_url'))).not.toContain('hunter2');
    });

    it('leases: one holder at a time, renewals, release, expiry and take-over of a dead holder', async () => {
      const a = holder('a');
      const c = holder('c');
      expect(await b.getLease('prod')).toBeUndefined();
      const got = await b.acquireLease({ environment: 'prod', holder: a, ttlMs: 60_000, at: T0 });
      expect(got).toMatchObject({
        acquired: true,
        lease: { environment: 'prod', holder: a, acquiredAt: T0, heartbeatAt: T0, expiresAt: at(60) },
      });
      // Someone else before expiry: refused, told who holds it.
      expect(await b.acquireLease({ environment: 'prod', holder: c, ttlMs: 60_000, at: at(30) })).toMatchObject({
        acquired: false,
        lease: { holder: { id: 'a' } },
      });
      // Other environments are independent.
      expect((await b.acquireLease({ environment: 'qa', holder: c, ttlMs: 60_000, at: at(30) })).acquired).toBe(true);
      // The holder renews; its own acquire keeps acquiredAt.
      expect(await b.renewLease({ environment: 'prod', holderId: 'a', ttlMs: 60_000, at: at(50) })).toMatchObject({
        heartbeatAt: at(50),
        expiresAt: at(110),
        acquiredAt: T0,
      });
      expect(await b.acquireLease({ environment: 'prod', holder: c, ttlMs: 60_000, at: at(100) })).toMatchObject({ acquired: false });
      // Past expiry anyone takes it; the old holder's renewal then says it lost it.
      expect(await b.acquireLease({ environment: 'prod', holder: c, ttlMs: 60_000, at: at(111) })).toMatchObject({
        acquired: true,
        lease: { holder: { id: 'c' }, acquiredAt: at(111) },
      });
      expect(await b.renewLease({ environment: 'prod', holderId: 'a', ttlMs: 60_000, at: at(112) })).toBeUndefined();
      expect(await b.releaseLease({ environment: 'prod', holderId: 'a', at: at(113) })).toBe(false);
      // Take-over of a named holder (known dead) before expiry.
      expect(await b.acquireLease({ environment: 'prod', holder: a, ttlMs: 60_000, at: at(114), replacing: 'c' })).toMatchObject({
        acquired: true,
        lease: { holder: { id: 'a' } },
      });
      expect(await b.releaseLease({ environment: 'prod', holderId: 'a', at: at(115) })).toBe(true);
      expect(await b.getLease('prod')).toBeUndefined();
      expect((await b.acquireLease({ environment: 'prod', holder: c, ttlMs: 60_000, at: at(116) })).acquired).toBe(true);
    });

    it('two handles racing for one lease: exactly one gets it', async () => {
      const handles = [b, await store.open(), await store.open()];
      try {
        for (let round = 0; round < 3; round++) {
          const env = `race-${round}`;
          const outcomes = await Promise.all(
            handles.map((h, i) => h.acquireLease({ environment: env, holder: holder(`h${i}`), ttlMs: 60_000, at: T0 })),
          );
          expect(outcomes.filter((o) => o.acquired)).toHaveLength(1);
          const winner = outcomes.find((o) => o.acquired)!.lease.holder.id;
          for (const o of outcomes) expect(o.lease.holder.id).toBe(winner);
          expect((await b.getLease(env))?.holder.id).toBe(winner);
        }
      } finally {
        for (const h of handles.slice(1)) await h.close();
      }
    });

    it('records undeployments: history keeps them, status leaves the application out; a failed one changes nothing', async () => {
      const av = await seedVersion();
      const spec = {
        appVersion: av,
        environment: 'qa',
        log: ['x'],
        startedAt: T0,
        finishedAt: at(1),
        mode: 'run' as const,
        provenance: PROV,
      };
      await b.recordDeployment({ ...spec, exitCode: 0, stateRevisions: { db_url: 3 } });
      expect((await b.status({ environment: 'qa' }))[0]).toMatchObject({ appVersion: av.name, stateRevisions: { db_url: 3 } });
      const failed = await b.recordUndeployment({ ...spec, exitCode: 4 });
      expect(failed).toMatchObject({ action: 'undeploy', status: 'failed' });
      expect(await b.status({ environment: 'qa' })).toHaveLength(1);
      const done = await b.recordUndeployment({ ...spec, exitCode: 0 });
      expect(done).toMatchObject({ action: 'undeploy', status: 'success', appVersion: av.name, environment: 'qa' });
      expect(await b.status({ environment: 'qa' })).toEqual([]);
      expect(await b.status({})).toEqual([]);
      expect((await b.history({ environment: 'qa' })).map((d) => [d.id, d.action ?? 'deploy', d.status])).toEqual([
        [done.id, 'undeploy', 'success'],
        [failed.id, 'undeploy', 'failed'],
        [1, 'deploy', 'success'],
      ]);
      // Deployed again: back in status.
      await b.recordDeployment({ ...spec, exitCode: 0 });
      expect((await b.status({ environment: 'qa' })).map((s) => s.appVersion)).toEqual([av.name]);
    });
  });
}
