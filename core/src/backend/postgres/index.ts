/**
 * The `postgres` store engine: shiplog state in tables of a PostgreSQL database (docs/store-postgres.md).
 * openPostgresStore resolves the connection (connection-options.ts) and returns a DocumentStore for RecordBackend.
 * The driver (`postgres`, pure JavaScript) is loaded only here, so other stores never pay for it; nothing connects
 * before the first read or write.
 */
import postgres from 'postgres';
import type { Host } from '../../host.js';
import { responseTooLarge } from '../../response-limit.js';
import type { StoreLimits } from '../store-limits.js';
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
  /** The command's deadline and response size limit (store-limits.ts). */
  limits?: StoreLimits;
}

export async function openPostgresStore(host: Host, opts: PostgresStoreOptions): Promise<PostgresDocumentStore> {
  const conn = resolvePgConnection(host, opts.url, opts.storePassword);
  const limits = opts.limits ?? {};
  const link = new PgLink(
    (onclose) => postgres({ ...driverOptions(host, conn, limits.maxResponseBytes), onclose }),
    limits,
    `postgres store ${conn.display}`,
  );
  return new PostgresDocumentStore(host, link, conn, {
    ...DEFAULT_PG_TUNING,
    ...opts.tuning,
    ...(limits.deadline ? { deadline: limits.deadline } : {}),
  });
}

/**
 * Every driver option given explicitly: the driver falls back to process.env (PGHOST, PGPASSWORD, PGSSL, ...) for
 * any option left out, and the store reads only the host's environment.
 */
function driverOptions(
  host: Host,
  conn: PgConnection,
  maxBytes: number | undefined,
): postgres.Options<Record<string, postgres.PostgresType>> {
  const socket = conn.host.startsWith('/');
  return {
    // Every document is a json/jsonb value: one larger than the response size limit is refused before it is parsed.
    ...(maxBytes !== undefined ? { types: { boundedJson: boundedJson(conn, maxBytes) } } : {}),
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

/**
 * The driver's json type (json 114, jsonb 3802) with a size check before JSON.parse: a value larger than the limit
 * fails its statement with ResponseTooLargeError (exit 4) naming the limit, and is never turned into objects.
 */
function boundedJson(conn: PgConnection, maxBytes: number): postgres.PostgresType {
  return {
    to: 114,
    from: [114, 3802],
    serialize: (x: unknown) => JSON.stringify(x),
    parse: (x: string) => {
      // A UTF-16 length above the limit is at least that many bytes; below it, the exact UTF-8 length decides.
      if (x.length > maxBytes || (x.length * 3 > maxBytes && Buffer.byteLength(x, 'utf8') > maxBytes)) {
        throw responseTooLarge(`postgres store ${conn.display}: a stored record (${Buffer.byteLength(x, 'utf8')} bytes)`, maxBytes);
      }
      return JSON.parse(x) as unknown;
    },
  } as unknown as postgres.PostgresType;
}
