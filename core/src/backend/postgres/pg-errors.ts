/**
 * What a failure of the postgres driver or server means for the store: retry the transaction (serialization
 * failure, deadlock), retry the connection (unreachable, dropped, server restarting), or stop with an error of the
 * catalogue (authentication exit 3; missing database, privileges, foreign tables exit 2; anything else from the
 * server exit 4). Every message is one line and goes through the Redactor: a driver message can quote a URL.
 */
import { AuthError, BackendError, ConfigError, type ShiplogError } from '../../errors.js';
import type { Host } from '../../host.js';
import type { PgConnection } from './connection-options.js';

export type FailureKind = 'retry-transaction' | 'connection' | 'fatal';

/** Node socket errors and the driver's own connection codes: the server could not be reached or went away. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOENT', // a socket directory without the server's socket
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
]);

/** The driver's own failure codes besides the connection ones. */
const DRIVER_CODES = new Set([
  'SASL_SIGNATURE_MISMATCH',
  'AUTH_TYPE_NOT_IMPLEMENTED',
  'MAX_PARAMETERS_EXCEEDED',
  'MESSAGE_NOT_SUPPORTED',
  'UNSAFE_TRANSACTION',
]);

/** Server SQLSTATEs that mean "this session or server is going away / not ready": try a new connection. */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '08004']);

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|CERT_|ERR_OSSL)/;

export function errCode(err: unknown): string | undefined {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

function isServerError(err: unknown): boolean {
  return (err as { name?: unknown } | null)?.name === 'PostgresError';
}

/** An error from the driver or the server (as opposed to a bug or a ShiplogError thrown by the operation). */
export function isDriverError(err: unknown): boolean {
  const code = errCode(err);
  if (isServerError(err)) return true;
  if (code === undefined) return false;
  return (
    CONNECTION_CODES.has(code) || TLS_CODES.test(code) || DRIVER_CODES.has(code) || /^E[A-Z]+$/.test(code) || /^[0-9A-Z]{5}$/.test(code)
  );
}

export function failureKind(err: unknown): FailureKind {
  const code = errCode(err);
  if (code === undefined) return 'fatal';
  if (isServerError(err)) {
    if (code === '40001' || code === '40P01') return 'retry-transaction';
    if (SERVER_GONE.has(code)) return 'connection';
    return 'fatal';
  }
  return CONNECTION_CODES.has(code) ? 'connection' : 'fatal';
}

/** The driver's or server's message, one line, redacted. */
export function detailOf(host: Host, err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; detail?: unknown };
  let text = typeof e?.message === 'string' ? e.message : String(err);
  // The driver phrases socket failures as "write CONNECTION_CLOSED host:port".
  text = text.replace(/^write (CONNECT_TIMEOUT|CONNECTION_\w+) .*$/, (_m, c: string) => c.toLowerCase().replace(/_/g, ' '));
  if (/^(connect )?E[A-Z]+ /.test(text)) text = text.replace(/^connect /, '');
  return host.redactor.redact(text.replace(/\s+/g, ' ').trim());
}

/** Turns a non-retryable failure (or retries exhausted) into the catalogue error to report. */
export function toStoreError(host: Host, conn: PgConnection, err: unknown, context?: string): ShiplogError {
  const where = `postgres store ${conn.display}`;
  const code = errCode(err);
  const detail = detailOf(host, err);
  const during = context ? ` ${context}` : '';
  if (code === '28P01' || code === '28000' || code === 'SASL_SIGNATURE_MISMATCH' || code === 'AUTH_TYPE_NOT_IMPLEMENTED') {
    const hint =
      conn.passwordSource === 'none'
        ? 'no password was given: set PGPASSWORD or SHIPLOG_STORE_PASSWORD (or a ~/.pgpass entry)'
        : `check the user name and the password (from ${conn.passwordSource}), and the server's pg_hba.conf for this host`;
    return new AuthError(`${where}: authentication refused: ${detail}`, { hint, cause: err });
  }
  if (code === '3D000') {
    return new ConfigError(`${where}: database ${conn.database} does not exist`, {
      hint: `create it (createdb ${conn.database}) or name an existing database in the store URL or PGDATABASE`,
      cause: err,
    });
  }
  if (code === '42501') {
    return new ConfigError(`${where}: permission denied${during}: ${detail}`, {
      hint: `role ${conn.user} needs USAGE on schema ${conn.schema} and SELECT, INSERT, UPDATE on its tables (or to own them)`,
      cause: err,
    });
  }
  if (code === '55P03') {
    return new BackendError(`${where}: timed out waiting for another writer's lock${during}`, {
      hint: 'another shiplog (or a session holding the store) kept its transaction open; retry the command',
      cause: err,
    });
  }
  if (code && TLS_CODES.test(code)) {
    return new BackendError(`${where}: TLS verification of the server failed: ${detail}`, {
      hint: 'check sslmode and sslrootcert (PGSSLROOTCERT): the server certificate must chain to it (verify-full: and name the host)',
      cause: err,
    });
  }
  if (failureKind(err) === 'connection') {
    return new BackendError(`${where}: cannot reach the server${during}: ${detail}`, {
      hint: `check that PostgreSQL runs on ${conn.host}:${conn.port} and accepts connections from this runner (host, port, PGHOST/PGPORT, firewall)`,
      cause: err,
    });
  }
  const sqlstate = isServerError(err) && code ? ` (SQLSTATE ${code})` : '';
  return new BackendError(`${where}: ${detail}${sqlstate}${during ? ` -${during}` : ''}`, { cause: err });
}
