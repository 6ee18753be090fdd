/**
 * The postgres store when the connection goes wrong: a missing database, a wrong or missing password, an unreachable
 * server, TLS modes, a session killed mid-transaction, and a connection lost around COMMIT (a TCP proxy cuts it).
 */
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/backend/postgres/index.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import { AuthError, BackendError, ConfigError } from '../src/errors.js';
import { createMemoryHost } from '../src/host.js';
import { freePort } from './support/pg-cluster.js';
import { AT, FAST, PROV, failure, fixture, seed } from './support/pg-fixture.js';
import { startPgProxy } from './support/pg-proxy.js';

describe('postgres store: connection faults', () => {
  it('a missing database: exit 2, one line naming it', async () => {
    const f = await fixture();
    try {
      const b = new RecordBackend(f.host, await f.open({ url: `${f.db.server.url('no_such_db')}?sslmode=disable` }));
      const err = await failure(b.status());
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.message).toBe(
        `postgres store postgres://shiplog_test@127.0.0.1:${f.db.server.port}/no_such_db: database no_such_db does not exist`,
      );
      await b.close();
    } finally {
      await f.cleanup();
    }
  });

  it('a wrong or missing password: exit 3, the password never in the message; a reachable server is not retried', async () => {
    const f = await fixture();
    try {
      const host = createMemoryHost({ env: { PGPASSWORD: 'wrong-Pa55word!' } });
      const b = new RecordBackend(host, await openPostgresStore(host, { url: `${f.db.url}?sslmode=disable` }));
      const err = await failure(seed(b));
      expect(err).toBeInstanceOf(AuthError);
      expect(err.exitCode).toBe(3);
      expect(err.message).toMatch(
        /^postgres store postgres:\/\/shiplog_test@127\.0\.0\.1:\d+\/\S+: authentication refused: password authentication failed for user "shiplog_test"$/,
      );
      expect(err.hint).toMatch(/from PGPASSWORD/);
      expect(JSON.stringify(err.toJSON())).not.toContain('wrong-Pa55word!');
      await b.close();
      const none = createMemoryHost({ env: {} });
      const nb = new RecordBackend(none, await openPostgresStore(none, { url: `${f.db.url}?sslmode=disable` }));
      const missing = await failure(nb.status());
      expect(missing).toBeInstanceOf(AuthError);
      expect(missing.hint).toMatch(/no password was given: set PGPASSWORD or SHIPLOG_STORE_PASSWORD/);
      await nb.close();
    } finally {
      await f.cleanup();
    }
  });

  it('an unreachable server: exit 4 after the bounded attempts, one line with the location and what to check', async () => {
    const port = await freePort();
    const host = createMemoryHost({ env: { PGPASSWORD: 'irrelevant-pw' } });
    const store = await openPostgresStore(host, {
      url: `postgres://ci@127.0.0.1:${port}/state?sslmode=disable`,
      tuning: { ...FAST, connectionAttempts: 3 },
    });
    const b = new RecordBackend(host, store);
    for (const op of [() => b.status(), () => seed(b)]) {
      const err = await failure(op());
      expect(err).toBeInstanceOf(BackendError);
      expect(err.exitCode).toBe(4);
      expect(err.message).toMatch(
        new RegExp(`^postgres store postgres://ci@127\\.0\\.0\\.1:${port}/state: cannot reach the server .*ECONNREFUSED`),
      );
      expect(err.message).toMatch(/after 3 attempts/);
      expect(err.hint).toMatch(`check that PostgreSQL runs on 127.0.0.1:${port}`);
    }
    await b.close();
  });

  it('TLS: sslmode=require, verify-full against the server certificate (by IP and by name); a wrong root certificate is exit 4', async () => {
    const f = await fixture('');
    try {
      const ca = f.db.server.caFile;
      expect(ca, 'openssl is needed to give the test server a certificate').toBeDefined();
      const base = `postgres://shiplog_test@127.0.0.1:${f.db.server.port}/${f.db.name}`;
      const sslOf = async (app: string) =>
        (await f.admin`select s.ssl from pg_stat_ssl s join pg_stat_activity a using (pid) where a.application_name = ${app}`).map(
          (r) => r.ssl as boolean,
        );
      const cases: [string, boolean][] = [
        [`${base}?sslmode=require`, true],
        [`${base}?sslmode=verify-full&sslrootcert=${ca}`, true],
        [`${base.replace('127.0.0.1', 'localhost')}?sslmode=verify-ca&sslrootcert=${ca}`, true],
        [`${base.replace('127.0.0.1', 'localhost')}?sslmode=verify-full&sslrootcert=${ca}`, true],
        [base, true], // prefer, libpq's default
        [`${base}?sslmode=disable`, false],
      ];
      for (const [i, [url, encrypted]] of cases.entries()) {
        const app = `tls-check-${i}`;
        const b = new RecordBackend(f.host, await f.open({ url: `${url}${url.includes('?') ? '&' : '?'}application_name=${app}` }));
        await b.status();
        expect(await sslOf(app), url).toEqual([encrypted]);
        await b.close();
      }
      // The system CAs do not know the self-signed certificate.
      const b = new RecordBackend(f.host, await f.open({ url: `${base}?sslmode=verify-full&sslrootcert=system` }));
      const err = await failure(b.status());
      expect(err).toBeInstanceOf(BackendError);
      expect(err.message).toMatch(/TLS verification of the server failed/);
      await b.close();
    } finally {
      await f.cleanup();
    }
  });

  it('a session killed mid-transaction: nothing of that attempt reaches the database (not even on a reconnect), the retry commits once', async () => {
    const f = await fixture();
    try {
      const store = await f.open({ url: `${f.db.url}?sslmode=disable&application_name=kill-me` });
      await store.transact(
        { title: 'test: create' },
        async (tx) => void tx.put('application', 'GLOBAL.Acme.shop', { application: 'GLOBAL.Acme.shop', versions: [] }),
      );
      let attempts = 0;
      const result = await store.transact({ title: 'test: killed once' }, async (tx) => {
        attempts++;
        const doc = await tx.get<{ application: string; versions: string[] }>('application', 'GLOBAL.Acme.shop');
        if (attempts === 1) {
          const killed =
            await f.admin`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = 'kill-me' and pid <> pg_backend_pid()`;
          expect(killed.map((k) => k.ok)).toEqual([true]);
          // Let the client see the connection close before fn goes on writing.
          await new Promise((r) => setTimeout(r, 200));
        }
        tx.put('application', 'GLOBAL.Acme.shop', { ...doc!, versions: [...doc!.versions, `v${attempts}`] });
        return attempts;
      });
      expect(result).toBe(2);
      expect(await store.read((r) => r.get('application', 'GLOBAL.Acme.shop'))).toEqual({
        application: 'GLOBAL.Acme.shop',
        versions: ['v2'],
      });
      expect(
        (await f.admin`select title, attempt from shiplog.operations where title = 'test: killed once'`).map((o) => o.attempt),
      ).toEqual([2]);
      await store.close();
    } finally {
      await f.cleanup();
    }
  });

  it('a connection lost around COMMIT never applies an operation twice (operation id checked on the retry)', async () => {
    const f = await fixture();
    const proxy = await startPgProxy(f.db.server.port);
    try {
      const url = `postgres://shiplog_test@127.0.0.1:${proxy.port}/${f.db.name}?sslmode=disable`;
      const store = await f.open({ url });
      const b = new RecordBackend(f.host, store);
      const { av } = await seed(b);
      const deploy = () =>
        b.recordDeployment({
          appVersion: av.value,
          environment: 'prod',
          exitCode: 0,
          log: [],
          startedAt: AT,
          finishedAt: AT,
          mode: 'record',
          provenance: PROV,
        });
      // The COMMIT reached the server and committed; the answer was lost.
      proxy.arm('after-commit');
      const landed = await deploy();
      // The COMMIT never reached the server: the retry applies it.
      proxy.arm('before-commit');
      const retried = await deploy();
      expect(proxy.cuts).toBe(2);
      expect([landed.id, retried.id]).toEqual([2, 3]);
      expect((await b.history({})).map((d) => d.id)).toEqual([3, 2, 1]);
      const ops = await f.admin`select attempt, title from shiplog.operations where title like 'deploy:%prod%' order by committed_at`;
      expect(ops.map((o) => o.attempt)).toEqual([1, 2]);
      expect(await f.admin`select deployment::int from shiplog.counters`).toEqual([{ deployment: 4 }]);
      await b.close();
    } finally {
      await proxy.close();
      await f.cleanup();
    }
  });
});
