/**
 * The `postgres` store engine: shiplog state in tables of a PostgreSQL database (docs/store-postgres.md).
 * openPostgresStore resolves the connection (connection-options.ts) and returns a DocumentStore for RecordBackend.
 * The driver (`postgres`, pure JavaScript) is loaded only here, so other stores never pay for it; nothing connects
 * before the first read or write.
 */
import postgres from 'postgres';
import type { Host } from '../../host.js';
import { resolvePgConnection, type PgConnection } from './connection-options.js';
import { PgLink } from './pg-link.js';
import { DEFAULT_PG_TUNING, PostgresDocumentStore, type PgStoreTuning } from './postgres-document-store.js';

export { PG_SCHEMA_VERSION, PG_STORE_FORMAT, STORE_TABLES } from './schema.js';
export { PostgresDocumentStore, DEFAULT_PG_TUNING, type PgStoreTuning } from './postgres-document-store.js';
export { resolvePgConnection, type PgConnection } from './connection-options.js';

export interface PostgresStoreOptions {
  /** The store URL (postgres:// or postgresql://), password included or not. */
  url: string;
  /** --store-password / SHIPLOG_STORE_PASSWORD. */
  storePassword?: string;
  tuning?: Partial<PgStoreTuning>;
}

export async function openPostgresStore(host: Host, opts: PostgresStoreOptions): Promise<PostgresDocumentStore> {
  const conn = resolvePgConnection(host, opts.url, opts.storePassword);
  const link = new PgLink((onclose) => postgres({ ...driverOptions(host, conn), onclose }));
  return new PostgresDocumentStore(host, link, conn, { ...DEFAULT_PG_TUNING, ...opts.tuning });
}

/**
 * Every driver option given explicitly: the driver falls back to process.env (PGHOST, PGPASSWORD, PGSSL, ...) for
 * any option left out, and the store reads only the host's environment.
 */
function driverOptions(host: Host, conn: PgConnection): postgres.Options<Record<string, postgres.PostgresType>> {
  const socket = conn.host.startsWith('/');
  return {
    ...(socket ? { path: `${conn.host.replace(/\/$/, '')}/.s.PGSQL.${conn.port}` } : { host: conn.host }),
    port: conn.port,
    database: conn.database,
    user: conn.user,
    // A function, so that an absent password never falls back to process.env.PGPASSWORD.
    pass: () => conn.password ?? '',
    ssl: conn.ssl,
    // One connection, one statement at a time (pg-link.ts).
    max: 1,
    idle_timeout: 0,
    connect_timeout: conn.connectTimeoutS,
    max_lifetime: 0,
    backoff: () => 0,
    keep_alive: 30,
    prepare: true,
    debug: false,
    fetch_types: false,
    publications: 'alltables',
    // Not in the typings; also read from process.env when left out.
    ...({ sslnegotiation: null, max_pipeline: 100 } as object),
    ...(conn.targetSessionAttrs ? { target_session_attrs: conn.targetSessionAttrs as 'read-write' } : {}),
    connection: {
      application_name: conn.applicationName,
      ...(conn.options ? { options: conn.options } : {}),
    },
    onnotice: (notice) => host.log.debug(`postgres: ${notice.severity ?? 'NOTICE'}: ${host.redactor.redact(String(notice.message))}`),
    onparameter: () => undefined,
  };
}
