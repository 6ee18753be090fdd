/**
 * Issue 21 on the postgres store: the command's --timeout and --max-response-mib bound the PostgreSQL
 * conversation as they bound the HTTP clients. A server behind a TCP proxy that stops forwarding, and a writer
 * waiting on a lock another session holds, end the command with exit 5 naming the store; the connection is
 * closed, the database is byte-identical (pg_dump) and the next run works. A stored document larger than the
 * limit is exit 4 naming the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, CART, makeRepo, runCliInProcess, type TestRepo } from './execute-fixtures.js';
import { dumpDatabase } from './support/pg-cluster.js';
import { testDatabase, type TestDatabase } from './support/pg-shared.js';
import { startStallProxy } from './support/stall-proxy.js';

let db: TestDatabase;
let repo: TestRepo;
beforeAll(async () => {
  db = await testDatabase();
  repo = makeRepo({}, { git: false });
});
afterAll(async () => {
  repo.cleanup();
  await db.drop();
});

const update = (version: string) => [
  'version-update',
  '--component-name',
  CART,
  '--component-version',
  version,
  '--application',
  APP,
  '--app-version',
  version,
];
const cli = (store: string, argv: string[]) =>
  runCliInProcess([...argv, '--store', store], { cwd: repo.dir, env: { ...repo.env, PGPASSWORD: db.password } });

/** Waits (bounded) until no shiplog session is left on the database: the server finished what it had received. */
async function shiplogSessions(): Promise<number> {
  const admin = db.server.admin(db.name);
  try {
    let n = -1;
    for (let i = 0; i < 100; i++) {
      const [row] =
        await admin`select count(*)::int as n from pg_stat_activity where datname = ${db.name} and application_name = 'shiplog'`;
      n = row.n as number;
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return n;
  } finally {
    await admin.end();
  }
}

describe('postgres store: the command deadline', () => {
  it('a server that stops answering (a proxy that stops forwarding): exit 5 naming the store; connection closed; database unchanged; the next run works', async () => {
    const proxy = await startStallProxy(db.server.port);
    try {
      const store = `postgres://${db.user}@127.0.0.1:${proxy.port}/${db.name}?sslmode=disable`;
      const first = await cli(store, update('1.0.0'));
      expect(first.code, first.err).toBe(0);
      const before = dumpDatabase(db.server, db.name);

      proxy.stall();
      const read = await cli(store, ['status', '--json', '--timeout', '5s']);
      expect(read.code, read.err).toBe(5);
      expect(read.json()).toMatchObject({ ok: false, error: { code: 'TIMEOUT', exitCode: 5 } });
      expect(read.err).toContain(
        `postgres store postgres://${db.user}@127.0.0.1:${proxy.port}/${db.name}: the server did not answer: the command's time limit of 5 s (--timeout) ran out`,
      );
      const write = await cli(store, [...update('2.0.0'), '--timeout', '5s']);
      expect(write.code, write.err).toBe(5);
      for (let i = 0; i < 100 && proxy.open > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(proxy.open).toBe(0);
      expect(read.err + write.err).not.toContain(db.password);

      proxy.resume();
      expect(await shiplogSessions()).toBe(0);
      expect(dumpDatabase(db.server, db.name)).toBe(before);
      const again = await cli(store, ['status', '--json']);
      expect(again.code, again.err).toBe(0);
      const next = await cli(store, update('2.0.0'));
      expect(next.code, next.err).toBe(0);
      expect(dumpDatabase(db.server, db.name)).not.toBe(before);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('a writer waiting on a lock another session holds: exit 5 at the deadline, nothing written; the next run works once the lock goes', async () => {
    const store = `${db.url}?sslmode=disable`;
    expect((await cli(store, update('3.0.0'))).code).toBe(0);
    const before = dumpDatabase(db.server, db.name);
    const admin = db.server.admin(db.name);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = admin.begin(async (sql) => {
      await sql`lock table shiplog.counters in access exclusive mode`;
      locked();
      await released;
    });
    try {
      await isLocked;
      const blocked = await cli(store, [...update('4.0.0'), '--timeout', '5s']);
      expect(blocked.code, blocked.err).toBe(5);
      expect(blocked.err).toContain("the command's time limit of 5 s (--timeout) ran out");
    } finally {
      release();
      await holder;
      await admin.end();
    }
    expect(await shiplogSessions()).toBe(0);
    expect(dumpDatabase(db.server, db.name)).toBe(before);
    const next = await cli(store, update('4.0.0'));
    expect(next.code, next.err).toBe(0);
  }, 60_000);
});

describe('postgres store: the response size limit', () => {
  it('a stored value larger than --max-response-mib: exit 4 naming the limit; within the limit it reads', async () => {
    const store = `${db.url}?sslmode=disable`;
    expect((await cli(store, update('5.0.0'))).code).toBe(0);
    expect((await cli(store, ['deploy', '--application', APP, '--app-version', '5.0.0', '--env', 'dev', '--exit-code', '0'])).code).toBe(0);
    const admin = db.server.admin(db.name);
    try {
      // A hostile or damaged store: every stored value grows by 2 MiB.
      for (const table of ['documents', 'environment_states']) {
        await admin.unsafe(`update shiplog.${table} set value = value || jsonb_build_object('padding', repeat('x', 2097152))`);
      }
    } finally {
      await admin.end();
    }
    const limited = await cli(store, ['status', '--json', '--max-response-mib', '1']);
    expect(limited.code, limited.err).toBe(4);
    expect(limited.json()).toMatchObject({ ok: false, error: { code: 'RESPONSE_TOO_LARGE', exitCode: 4 } });
    expect(limited.err).toMatch(
      /postgres store \S+: a stored record \(\d+ bytes\): the answer is larger than the response size limit of 1 MiB/,
    );
    const within = await cli(store, ['status', '--json']);
    expect(within.code, within.err).toBe(0);
  }, 60_000);
});
