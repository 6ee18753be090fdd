/**
 * The postgres store on a real server: its tables, info and scan, documents of any kind, append-only history,
 * concurrent first writers, and the refusals (foreign tables, newer schema, wrong owner).
 */
import { describe, expect, it } from 'vitest';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import type { DocKind, StoreEntry } from '../src/backend/records/document-store.js';
import { ConfigError, SchemaVersionError } from '../src/errors.js';
import { dumpDatabase } from './support/pg-cluster.js';
import { AT, PROV, failure, fixture, seed, tablesOf } from './support/pg-fixture.js';

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
      const again = await b.putComponentVersion({
        domain: 'GLOBAL.Acme',
        short: 'cart',
        version: '1',
        kind: 'docker',
        attributes: {},
        provenance: PROV,
        at: AT,
      });
      expect(again.created).toBe(false);
      await b.close();
      expect(await tablesOf(f)).toEqual([
        'counters',
        'counters_pkey',
        'deployment_components',
        'deployment_components_pkey',
        'deployments',
        'deployments_by_application',
        'deployments_by_application_environment',
        'deployments_by_environment',
        'deployments_pkey',
        'documents',
        'documents_pkey',
        'environment_states',
        'environment_states_by_application',
        'environment_states_pkey',
        'operations',
        'operations_pkey',
        'schema_version',
        'schema_version_pkey',
      ]);
      expect(await f.admin`select version, format from shiplog.schema_version`).toEqual([{ version: 1, format: 'shiplog-postgres-store' }]);
      expect(await f.admin`select component_version::int, application_version::int, deployment::int from shiplog.counters`).toEqual([
        { component_version: 2, application_version: 2, deployment: 2 },
      ]);
      expect((await f.admin`select kind, name from shiplog.documents order by kind, name`).map((r) => `${r.kind} ${r.name}`)).toEqual([
        'application GLOBAL.Acme.shop',
        'application-version GLOBAL.Acme.shop;1',
        'catalog applications',
        'component-base GLOBAL.Acme.cart',
        'component-version GLOBAL.Acme.cart;1',
      ]);
      expect((await f.admin`select component from shiplog.deployment_components order by 1`).map((r) => r.component)).toEqual([
        'GLOBAL.Acme.cart',
        'GLOBAL.Acme.cart;1',
      ]);
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
        await b.recordDeployment({
          appVersion: av.value,
          environment: `e${i % 3}`,
          exitCode: i % 5 === 0 ? 1 : 0,
          log: [],
          startedAt: AT,
          finishedAt: AT,
          mode: 'record',
          provenance: PROV,
        });
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
      // component base, component version, application, application version, the application catalog
      expect(entries.filter((e) => e.type === 'doc')).toHaveLength(5);
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
      await store.transact(
        { title: 'test: a new kind' },
        async (tx) => void tx.put(kind, 'GLOBAL.Acme.shop;1', { decision: 'allow', n: 1 }),
      );
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
      const d = await b.recordDeployment({
        appVersion: av.value,
        environment: 'qa',
        exitCode: 0,
        log: ['a\u0000b', 'literal \\u0000 stays'],
        startedAt: AT,
        finishedAt: AT,
        mode: 'record',
        provenance: PROV,
      });
      expect((await b.history({ limit: 1 }))[0]).toMatchObject({ id: d.id, log: ['a\ufffdb', 'literal \\u0000 stays'] });
      await b.close();
      for (const stmt of [
        'update shiplog.deployments set environment = $1',
        'delete from shiplog.deployments where environment <> $1',
        'delete from shiplog.operations where id <> $1',
      ]) {
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
        expect(err.message).toMatch(
          /^schema shiplog of database \S+ \(postgres:\/\/.*\) holds tables shiplog did not create \(documents\): it is not a shiplog store$/,
        );
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
      await f.admin.unsafe('insert into shiplog.schema_version (version, format, description) values (99, $1, $2)', [
        'shiplog-postgres-store',
        'from the future',
      ]);
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
      expect(err.message).toBe(
        `schema shiplog in database ${f.db.name} is owned by role shiplog_other; role shiplog_test may not create or migrate shiplog's tables in it`,
      );
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
});
