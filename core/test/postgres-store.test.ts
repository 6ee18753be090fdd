/**
 * The postgres store on a real server: its tables, info and scan, the refusals (foreign tables, newer schema,
 * wrong owner, missing database, wrong password, unreachable server), TLS, append-only history, documents of any
 * kind, and exactly-once commits when the connection drops around COMMIT.
 */
import { describe, expect, it } from 'vitest';
import { openPostgresStore, type PgStoreTuning } from '../src/backend/postgres/index.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import type { DocKind, StoreEntry } from '../src/backend/records/document-store.js';
import { AuthError, BackendError, ConfigError, SchemaVersionError, ShiplogError } from '../src/errors.js';
import { createMemoryHost } from '../src/host.js';
import { dumpDatabase, freePort } from './support/pg-cluster.js';
import { startPgProxy } from './support/pg-proxy.js';
import { testDatabase, type TestDatabase } from './support/pg-shared.js';

const PROV = { provider: 'local', isCi: false, buildId: '1' };
const AT = '2026-01-02T03:04:05.000Z';
const FAST: Partial<PgStoreTuning> = { backoffMinMs: 5, backoffMaxMs: 20 };

async function fixture(query = '?sslmode=disable') {
  const db = await testDatabase();
  const host = createMemoryHost({ env: { PGPASSWORD: db.password } });
  const admin = db.server.admin(db.name);
  const open = (more: { url?: string; tuning?: Partial<PgStoreTuning> } = {}) =>
    openPostgresStore(host, { url: more.url ?? `${db.url}${query}`, tuning: { ...FAST, ...more.tuning } });
  return {
    db,
    host,
    admin,
    open,
    cleanup: async () => {
      await admin.end();
      await db.drop();
    },
  };
}

async function seed(b: RecordBackend, short = 'cart', version = '1', environment = 'qa') {
  const cv = await b.putComponentVersion({ domain: 'GLOBAL.Acme', short, version, kind: 'docker', attributes: {}, provenance: PROV, at: AT });
  const av = await b.putApplicationVersion({ application: 'GLOBAL.Acme.shop', autoIncrement: false, component: cv.value, initialStage: 'dev', provenance: PROV, at: AT });
  const dep = await b.recordDeployment({ appVersion: av.value, environment, exitCode: 0, log: ['ok'], startedAt: AT, finishedAt: AT, mode: 'record', provenance: PROV });
  return { cv, av, dep };
}

async function failure(p: Promise<unknown>): Promise<ShiplogError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ShiplogError);
  expect((err as Error).message).not.toContain('\n');
  return err as ShiplogError;
}

const tablesOf = async (f: { admin: ReturnType<TestDatabase['server']['admin']> }, schema = 'shiplog') =>
  (await f.admin`select relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ${schema} and relkind in ('r', 'i') order by 1`).map((r) => r.name as string);

describe('postgres store', () => {
  it('creates its schema on the first write: version table, counters, documents, states, history, indexes; one operation row per write', async () => {
    const f = await fixture();
    try {
      const store = await f.open();
      const b = new RecordBackend(f.host, store);
      // A read of a missing store answers empty and creates nothing.
      expect(await b.status()).toEqual([]);
      expect(await b.history({})).toEqual([]);
      expect(await tablesOf(f)).toEqual([]);
      await seed(b);
      const again = await b.putComponentVersion({ domain: 'GLOBAL.Acme', short: 'cart', version: '1', kind: 'docker', attributes: {}, provenance: PROV, at: AT });
      expect(again.created).toBe(false);
      await b.close();
      expect(await tablesOf(f)).toEqual([
        'counters', 'counters_pkey', 'deployment_components', 'deployment_components_pkey', 'deployments',
        'deployments_by_application', 'deployments_by_application_environment', 'deployments_by_environment', 'deployments_pkey',
        'documents', 'documents_pkey', 'environment_states', 'environment_states_by_application', 'environment_states_pkey',
        'operations', 'operations_pkey', 'schema_version', 'schema_version_pkey',
      ]);
      expect(await f.admin`select version, format from shiplog.schema_version`).toEqual([{ version: 1, format: 'shiplog-postgres-store' }]);
      expect(await f.admin`select component_version::int, application_version::int, deployment::int from shiplog.counters`).toEqual([
        { component_version: 2, application_version: 2, deployment: 2 },
      ]);
      expect((await f.admin`select kind, name from shiplog.documents order by kind, name`).map((r) => `${r.kind} ${r.name}`)).toEqual([
        'application GLOBAL.Acme.shop',
        'application-version GLOBAL.Acme.shop;1',
        'component-base GLOBAL.Acme.cart',
        'component-version GLOBAL.Acme.cart;1',
      ]);
      expect((await f.admin`select component from shiplog.deployment_components order by 1`).map((r) => r.component)).toEqual(['GLOBAL.Acme.cart', 'GLOBAL.Acme.cart;1']);
      // Three writes, three operations (the no-op re-run wrote nothing), with their titles.
      const ops = await f.admin`select title, attempt from shiplog.operations order by committed_at, title`;
      expect(ops.map((o) => o.title)).toEqual([
        'version-update: component version GLOBAL.Acme.cart;1',
        'version-update: application GLOBAL.Acme.shop with GLOBAL.Acme.cart;1',
        'deploy: GLOBAL.Acme.shop;1 to qa succeeded',
      ]);
    } finally {
      await f.cleanup();
    }
  });

  it('info and scan: kind postgres, location without password, counts, next ids, server facts; every record, deployments oldest first, page by page', async () => {
    const f = await fixture();
    try {
      const store = await f.open();
      expect(await store.info()).toMatchObject({ kind: 'postgres', schema: 'absent', counts: { deployments: 0 }, next: { deployment: 1 } });
      const b = new RecordBackend(f.host, store);
      const { av } = await seed(b);
      // More deployments than one scan page (500), to cross page boundaries.
      for (let i = 0; i < 520; i++) {
        await b.recordDeployment({ appVersion: av.value, environment: `e${i % 3}`, exitCode: i % 5 === 0 ? 1 : 0, log: [], startedAt: AT, finishedAt: AT, mode: 'record', provenance: PROV });
      }
      const info = await store.info();
      expect(info).toMatchObject({
        kind: 'postgres',
        location: `postgres://shiplog_test@127.0.0.1:${f.db.server.port}/${f.db.name}`,
        schema: 1,
        counts: { componentVersions: 1, applicationVersions: 1, deployments: 521, environmentStates: 4 },
        next: { componentVersion: 2, applicationVersion: 2, deployment: 522 },
        details: { database: f.db.name, schema: 'shiplog', user: 'shiplog_test', server: expect.stringMatching(/^\d+/), operations: '523' },
      });
      expect(JSON.stringify(info)).not.toContain(f.db.password);
      const entries: StoreEntry[] = [];
      for await (const e of store.scan()) entries.push(e);
      expect(entries.filter((e) => e.type === 'doc')).toHaveLength(4);
      expect(entries.filter((e) => e.type === 'env-state')).toHaveLength(4);
      const ids = entries.filter((e) => e.type === 'deployment').map((e) => (e.value as { id: number }).id);
      expect(ids).toEqual(Array.from({ length: 521 }, (_, i) => i + 1));
      // The order is documents, states, deployments.
      const types = entries.map((e) => e.type);
      expect(types.lastIndexOf('doc')).toBeLessThan(types.indexOf('env-state'));
      expect(types.lastIndexOf('env-state')).toBeLessThan(types.indexOf('deployment'));
      await b.close();
    } finally {
      await f.cleanup();
    }
  });

  it('stores documents of any kind generically: a kind added later needs no migration, and scan returns it', async () => {
    const f = await fixture();
    try {
      const store = await f.open();
      const kind = 'policy-decision' as DocKind;
      await store.transact({ title: 'test: a new kind' }, async (tx) => void tx.put(kind, 'GLOBAL.Acme.shop;1', { decision: 'allow', n: 1 }));
      expect(await store.read((r) => r.get(kind, 'GLOBAL.Acme.shop;1'))).toEqual({ decision: 'allow', n: 1 });
      const docs: StoreEntry[] = [];
      for await (const e of store.scan()) docs.push(e);
      expect(docs).toEqual([{ type: 'doc', kind, name: 'GLOBAL.Acme.shop;1', value: { decision: 'allow', n: 1 } }]);
      await store.close();
    } finally {
      await f.cleanup();
    }
  });

  it('history is append-only in the database itself; a NUL in a log line is kept as U+FFFD (jsonb cannot hold it)', async () => {
    const f = await fixture();
    try {
      const b = new RecordBackend(f.host, await f.open());
      const { av } = await seed(b);
      const d = await b.recordDeployment({ appVersion: av.value, environment: 'qa', exitCode: 0, log: ['a\u0000b', 'literal \\u0000 stays'], startedAt: AT, finishedAt: AT, mode: 'record', provenance: PROV });
      expect((await b.history({ limit: 1 }))[0]).toMatchObject({ id: d.id, log: ['a\ufffdb', 'literal \\u0000 stays'] });
      await b.close();
      for (const stmt of ['update shiplog.deployments set environment = $1', 'delete from shiplog.deployments where environment <> $1', 'delete from shiplog.operations where id <> $1']) {
        const err = await f.admin.unsafe(stmt, ['x']).catch((e: unknown) => e);
        expect(String((err as Error).message)).toMatch(/append-only/);
      }
    } finally {
      await f.cleanup();
    }
  });

  it('concurrent first writers both succeed: the schema is created once, under an advisory lock', async () => {
    const f = await fixture();
    try {
      const stores = await Promise.all(Array.from({ length: 4 }, () => f.open()));
      const done = await Promise.all(stores.map((s, i) => seed(new RecordBackend(f.host, s), `svc${i}`)));
      expect(done.map((d) => d.dep.id).sort()).toEqual([1, 2, 3, 4]);
      expect(await f.admin`select count(*)::int as n from shiplog.schema_version`).toEqual([{ n: 1 }]);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await f.cleanup();
    }
  });

  it("refuses, exit 2, untouched: another tool's tables under our names, another tool's schema_version, a newer schema", async () => {
    const f = await fixture();
    try {
      // Another tool, run by the same role, that keeps its tables in a schema called shiplog.
      await f.admin.unsafe('create schema shiplog authorization shiplog_test');
      await f.admin.unsafe('create table shiplog.documents (id serial primary key, body text)');
      await f.admin.unsafe('alter table shiplog.documents owner to shiplog_test');
      await f.admin.unsafe("insert into shiplog.documents (body) values ('theirs')");
      const before = dumpDatabase(f.db.server, f.db.name);
      const store = await f.open();
      const b = new RecordBackend(f.host, store);
      for (const attempt of [() => b.status(), () => seed(b)]) {
        const err = await failure(attempt());
        expect(err).toBeInstanceOf(ConfigError);
        expect(err.exitCode).toBe(2);
        expect(err.message).toMatch(/^schema shiplog of database \S+ \(postgres:\/\/.*\) holds tables shiplog did not create \(documents\): it is not a shiplog store$/);
      }
      expect(dumpDatabase(f.db.server, f.db.name)).toBe(before);

      await f.admin.unsafe('drop table shiplog.documents');
      await f.admin.unsafe('create table shiplog.schema_version (tool text, v int)');
      await f.admin.unsafe('alter table shiplog.schema_version owner to shiplog_test');
      expect((await failure(b.status())).message).toMatch(/holds tables shiplog did not create \(schema_version\)/);

      // The other tool's `public` schema is no obstacle when shiplog has its own.
      await f.admin.unsafe('drop schema shiplog cascade');
      await f.admin.unsafe('create table public.documents (x int)');
      await seed(b);
      await f.admin.unsafe('insert into shiplog.schema_version (version, format, description) values (99, $1, $2)', ['shiplog-postgres-store', 'from the future']);
      await b.close();
      const fresh = new RecordBackend(f.host, await f.open());
      const newer = await failure(fresh.status());
      expect(newer).toBeInstanceOf(SchemaVersionError);
      expect(newer.message).toMatch(/has schema version 99; this shiplog reads up to 1$/);
      await fresh.close();
    } finally {
      await f.cleanup();
    }
  });

  it('a schema owned by another role that we may not create in: exit 2 naming the owner; ?schema= picks another one', async () => {
    const f = await fixture();
    try {
      await f.admin.unsafe('create role shiplog_other nologin');
      await f.admin.unsafe('create schema shiplog authorization shiplog_other');
      const before = dumpDatabase(f.db.server, f.db.name);
      const b = new RecordBackend(f.host, await f.open());
      const err = await failure(seed(b));
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.message).toBe(`schema shiplog in database ${f.db.name} is owned by role shiplog_other; role shiplog_test may not create or migrate shiplog's tables in it`);
      expect(err.hint).toMatch(/GRANT CREATE ON SCHEMA shiplog TO shiplog_test/);
      expect(dumpDatabase(f.db.server, f.db.name)).toBe(before);
      await b.close();
      const other = new RecordBackend(f.host, await f.open({ url: `${f.db.url}?sslmode=disable&schema=releases` }));
      expect((await seed(other)).dep.id).toBe(1);
      expect(other.location).toMatch(/\(schema releases\)$/);
      await other.close();
      expect(await tablesOf(f, 'releases')).toContain('documents');
    } finally {
      await f.admin.unsafe('drop schema if exists shiplog cascade').catch(() => undefined);
      await f.admin.unsafe('drop role if exists shiplog_other').catch(() => undefined);
      await f.cleanup();
    }
  });

  it('a missing database: exit 2, one line naming it', async () => {
    const f = await fixture();
    try {
      const b = new RecordBackend(f.host, await f.open({ url: `${f.db.server.url('no_such_db')}?sslmode=disable` }));
      const err = await failure(b.status());
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.message).toBe(`postgres store postgres://shiplog_test@127.0.0.1:${f.db.server.port}/no_such_db: database no_such_db does not exist`);
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
      expect(err.message).toMatch(/^postgres store postgres:\/\/shiplog_test@127\.0\.0\.1:\d+\/\S+: authentication refused: password authentication failed for user "shiplog_test"$/);
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
    const store = await openPostgresStore(host, { url: `postgres://ci@127.0.0.1:${port}/state?sslmode=disable`, tuning: { ...FAST, connectionAttempts: 3 } });
    const b = new RecordBackend(host, store);
    for (const op of [() => b.status(), () => seed(b)]) {
      const err = await failure(op());
      expect(err).toBeInstanceOf(BackendError);
      expect(err.exitCode).toBe(4);
      expect(err.message).toMatch(new RegExp(`^postgres store postgres://ci@127\\.0\\.0\\.1:${port}/state: cannot reach the server .*ECONNREFUSED`));
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
        (await f.admin`select s.ssl from pg_stat_ssl s join pg_stat_activity a using (pid) where a.application_name = ${app}`).map((r) => r.ssl as boolean);
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
      await store.transact({ title: 'test: create' }, async (tx) => void tx.put('application', 'GLOBAL.Acme.shop', { application: 'GLOBAL.Acme.shop', versions: [] }));
      let attempts = 0;
      const result = await store.transact({ title: 'test: killed once' }, async (tx) => {
        attempts++;
        const doc = await tx.get<{ application: string; versions: string[] }>('application', 'GLOBAL.Acme.shop');
        if (attempts === 1) {
          const killed = await f.admin`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = 'kill-me' and pid <> pg_backend_pid()`;
          expect(killed.map((k) => k.ok)).toEqual([true]);
          // Let the client see the connection close before fn goes on writing.
          await new Promise((r) => setTimeout(r, 200));
        }
        tx.put('application', 'GLOBAL.Acme.shop', { ...doc!, versions: [...doc!.versions, `v${attempts}`] });
        return attempts;
      });
      expect(result).toBe(2);
      expect(await store.read((r) => r.get('application', 'GLOBAL.Acme.shop'))).toEqual({ application: 'GLOBAL.Acme.shop', versions: ['v2'] });
      expect((await f.admin`select title, attempt from shiplog.operations where title = 'test: killed once'`).map((o) => o.attempt)).toEqual([2]);
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
      const deploy = () => b.recordDeployment({ appVersion: av.value, environment: 'prod', exitCode: 0, log: [], startedAt: AT, finishedAt: AT, mode: 'record', provenance: PROV });
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
