/** Shared fixtures of the postgres store tests: a fresh database, a host with its password, a store opener. */
import { expect } from 'vitest';
import { openPostgresStore, type PgStoreTuning } from '../../src/backend/postgres/index.js';
import { ShiplogError } from '../../src/errors.js';
import { createMemoryHost } from '../../src/host.js';
import { testDatabase, type TestDatabase } from './pg-shared.js';

export { AT, PROV, seed } from './record-seed.js';
export const FAST: Partial<PgStoreTuning> = { backoffMinMs: 5, backoffMaxMs: 20 };

export async function fixture(query = '?sslmode=disable') {
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

export async function failure(p: Promise<unknown>): Promise<ShiplogError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ShiplogError);
  expect((err as Error).message).not.toContain('\n');
  return err as ShiplogError;
}

export const tablesOf = async (f: { admin: ReturnType<TestDatabase['server']['admin']> }, schema = 'shiplog') =>
  (
    await f.admin`select relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ${schema} and relkind in ('r', 'i') order by 1`
  ).map((r) => r.name as string);
