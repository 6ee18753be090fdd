/**
 * Finding out what a schema holds (no store, our store at some version, another tool's tables) and creating or
 * migrating the store: one transaction holding an advisory lock, so concurrent first writers create it once.
 */
import type { PgConnection } from './connection-options.js';
import { failureKind } from './pg-errors.js';
import type { PgLink } from './pg-link.js';
import type { PgSession, StoreSql } from './pg-sql.js';
import {
  INSPECT_SQL,
  PG_SCHEMA_VERSION,
  PG_STORE_FORMAT,
  ownerProblem,
  pendingMigrations,
  storeStateOf,
  type SchemaFacts,
  type StoreState,
} from './schema.js';

/** Advisory lock class of shiplog's migrations (the second key is hashtext(schema)). */
export const MIGRATION_LOCK_CLASS = 0x53484c47;

export async function inspectStore(
  t: PgSession,
  q: StoreSql,
  schema: string,
  where: string,
): Promise<{ facts: SchemaFacts; state: StoreState }> {
  const [row] = await t.unsafe(INSPECT_SQL, [schema]);
  const facts: SchemaFacts = {
    exists: row.exists === true,
    ...(typeof row.owner === 'string' ? { owner: row.owner } : {}),
    currentUser: String(row.current_user),
    canCreate: row.can_create === true,
    tables: (row.tables as string[]) ?? [],
  };
  let versions: { format: string; version: number }[] | 'unreadable' | undefined;
  if (facts.tables.includes('schema_version')) {
    versions = await t.unsafe(q.schemaVersions).then(
      (rows) => rows.map((r) => ({ format: String(r.format), version: Number(r.version) })),
      (err: unknown) => {
        // Another tool's schema_version table (other columns): not ours. Anything else is a real failure.
        if (failureKind(err) === 'fatal' && ['42703', '42804', '22P02'].includes(String((err as { code?: string }).code)))
          return 'unreadable' as const;
        throw err;
      },
    );
  }
  return { facts, state: storeStateOf(facts, versions, where) };
}

/** Creates the store or brings it to PG_SCHEMA_VERSION; `begin` opens a write transaction. */
export async function migrateStore(
  link: PgLink,
  begin: string,
  q: StoreSql,
  conn: PgConnection,
  where: string,
  debug: (m: string) => void,
): Promise<void> {
  await link.transaction(begin, async (t) => {
    await t.unsafe('select pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, conn.schema]);
    const { facts, state } = await inspectStore(t, q, conn.schema, where);
    const from = state.state === 'absent' ? 0 : state.version;
    if (from >= PG_SCHEMA_VERSION) return;
    const refusal = ownerProblem(facts, conn.schema, conn.database);
    if (refusal) throw refusal;
    if (!facts.exists) await t.unsafe(`create schema if not exists ${q.schema}`);
    for (const m of pendingMigrations(from)) {
      for (const stmt of m.statements(q.schema)) await t.unsafe(stmt);
      await t.unsafe(`insert into ${q.schema}.schema_version (version, format, description) values ($1, $2, $3)`, [
        m.version,
        PG_STORE_FORMAT,
        m.description,
      ]);
      debug(`applied schema migration ${m.version} (${m.description})`);
    }
  });
}
