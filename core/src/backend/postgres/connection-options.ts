/**
 * Where a postgres store connects, the way libpq (psql, pg_dump) decides it: the store URL first, then libpq's
 * PG* environment variables, then the defaults. Everything is read from host.env, never process.env, and handed
 * to the driver explicitly, so the driver's own environment fall-backs never apply.
 *
 *   postgres://[user[:password]@][host][:port][/dbname][?param=value&...]
 *
 * Query parameters: libpq's sslmode, sslrootcert, sslcert, sslkey, connect_timeout, application_name, options,
 * host (a socket directory), port, user, dbname, password; and shiplog's own `schema` (default `shiplog`).
 * Password: the URL, else SHIPLOG_STORE_PASSWORD (--store-password), else PGPASSWORD, else the password file
 * (PGPASSFILE, default ~/.pgpass), as libpq reads it.
 */
import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { checkServerIdentity, type ConnectionOptions as TlsOptions } from 'node:tls';
import { ConfigError, UsageError } from '../../errors.js';
import type { Host } from '../../host.js';

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export const DEFAULT_SCHEMA = 'shiplog';
export const DEFAULT_CONNECT_TIMEOUT_S = 10;

/** Query parameters a store URL may carry (libpq's that apply here, and `schema`). */
const URL_PARAMS = new Set([
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'connect_timeout',
  'application_name',
  'options',
  'host',
  'port',
  'user',
  'dbname',
  'password',
  'target_session_attrs',
  'schema',
]);

export interface PgConnection {
  /** A TCP host name or address, or a socket directory (starts with `/`). */
  host: string;
  port: number;
  database: string;
  user: string;
  /** undefined: none found anywhere (the server may not ask for one). */
  password?: string;
  /** Where the password came from, for the hint of an authentication failure. */
  passwordSource: 'url' | 'store-password' | 'PGPASSWORD' | 'password file' | 'none';
  sslmode: SslMode;
  /** The TLS options for the driver (false: plain TCP). */
  ssl: false | 'prefer' | TlsOptions;
  connectTimeoutS: number;
  applicationName: string;
  /** libpq `options` (PGOPTIONS): command-line options for the server session, e.g. `-c search_path=x`. */
  options?: string;
  targetSessionAttrs?: string;
  /** The PostgreSQL schema (namespace) that holds the store's tables. */
  schema: string;
  /** Safe to print: no password, the effective host, port, database and schema. */
  display: string;
}

/**
 * Resolves a postgres store URL against host.env. `storePassword` is --store-password / SHIPLOG_STORE_PASSWORD.
 * Throws UsageError (exit 2) for a URL or setting libpq would refuse, ConfigError for unreadable TLS files.
 */
export function resolvePgConnection(host: Host, url: string, storePassword?: string): PgConnection {
  const env = host.env;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError('postgres store URL is not a valid URL');
  }
  const q = new Map<string, string>();
  for (const [k, v] of u.searchParams) {
    if (!URL_PARAMS.has(k)) {
      throw new UsageError(`postgres store URL: unknown parameter "${k}"`, {
        hint: `known: ${[...URL_PARAMS].join(', ')} (docs/store-postgres.md)`,
      });
    }
    q.set(k, v);
  }
  const urlHost = u.hostname ? decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, '$1') : undefined;
  const hostName = nonEmpty(q.get('host')) ?? urlHost ?? nonEmpty(env.PGHOST) ?? 'localhost';
  if (hostName.includes(',')) throw new UsageError('postgres store: several hosts are not supported; name one host');
  const portText = nonEmpty(q.get('port')) ?? nonEmpty(u.port) ?? nonEmpty(env.PGPORT) ?? '5432';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`postgres store: port "${portText}" is not a port number`);
  const user = nonEmpty(q.get('user')) ?? nonEmpty(decodeURIComponent(u.username)) ?? nonEmpty(env.PGUSER) ?? osUser(env);
  const path = u.pathname.replace(/^\//, '');
  const database = nonEmpty(q.get('dbname')) ?? nonEmpty(decodeURIComponent(path)) ?? nonEmpty(env.PGDATABASE) ?? user;
  if (database.includes('/')) throw new UsageError(`postgres store: database name "${database}" contains "/"`);

  const sslText = (nonEmpty(q.get('sslmode')) ?? nonEmpty(env.PGSSLMODE) ?? 'prefer').toLowerCase();
  if (!SSL_MODES.includes(sslText as SslMode)) {
    throw new UsageError(`postgres store: sslmode "${sslText}" is not one of ${SSL_MODES.join(', ')}`);
  }
  const sslmode = sslText as SslMode;
  const timeoutText = nonEmpty(q.get('connect_timeout')) ?? nonEmpty(env.PGCONNECT_TIMEOUT);
  let connectTimeoutS = DEFAULT_CONNECT_TIMEOUT_S;
  if (timeoutText !== undefined) {
    const t = Number(timeoutText);
    if (!Number.isInteger(t) || t < 0)
      throw new UsageError(`postgres store: connect_timeout "${timeoutText}" is not a whole number of seconds`);
    // As libpq: 0 waits indefinitely, anything else at least 2 s.
    connectTimeoutS = t === 0 ? 0 : Math.max(2, t);
  }
  const schema = nonEmpty(q.get('schema')) ?? DEFAULT_SCHEMA;
  if (!/^[a-z_][a-z0-9_$]{0,62}$/.test(schema)) {
    throw new UsageError(`postgres store: schema "${schema}" must be a lower-case SQL identifier (letters, digits, _; at most 63)`);
  }
  const targetSessionAttrs = nonEmpty(q.get('target_session_attrs')) ?? nonEmpty(env.PGTARGETSESSIONATTRS);
  if (
    targetSessionAttrs !== undefined &&
    !['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'].includes(targetSessionAttrs)
  ) {
    throw new UsageError(`postgres store: target_session_attrs "${targetSessionAttrs}" is not supported`);
  }

  const pw = passwordOf(host, { url: u, query: q, storePassword, host: hostName, port, database, user });
  const base = {
    host: hostName,
    port,
    database,
    user,
    ...(pw.password !== undefined ? { password: pw.password } : {}),
    passwordSource: pw.source,
    sslmode,
    ssl: tlsOptions(host, sslmode, hostName, q),
    connectTimeoutS,
    applicationName: nonEmpty(q.get('application_name')) ?? nonEmpty(env.PGAPPNAME) ?? 'shiplog',
    ...((nonEmpty(q.get('options')) ?? nonEmpty(env.PGOPTIONS)) ? { options: nonEmpty(q.get('options')) ?? nonEmpty(env.PGOPTIONS) } : {}),
    ...(targetSessionAttrs && targetSessionAttrs !== 'any' ? { targetSessionAttrs } : {}),
    schema,
  };
  if (pw.password) host.redactor.add(pw.password);
  return { ...base, display: host.redactor.redact(displayOf(base)) };
}

/** postgres://user@host:port/db (schema s): the effective location, never a password. */
export function displayOf(c: { host: string; port: number; database: string; user: string; schema: string }): string {
  const h = c.host.startsWith('/') ? `[${c.host}]` : c.host.includes(':') ? `[${c.host}]` : c.host;
  const schema = c.schema === DEFAULT_SCHEMA ? '' : ` (schema ${c.schema})`;
  return `postgres://${encodeURIComponent(c.user)}@${h}:${c.port}/${encodeURIComponent(c.database)}${schema}`;
}

function nonEmpty(s: string | undefined | null): string | undefined {
  return s === undefined || s === null || s === '' ? undefined : s;
}

function osUser(env: Host['env']): string {
  const fromEnv = nonEmpty(env.USER) ?? nonEmpty(env.LOGNAME) ?? nonEmpty(env.USERNAME);
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    throw new UsageError('postgres store: no user name: put one in the URL (postgres://user@host/db) or PGUSER');
  }
}

interface PasswordQuery {
  url: URL;
  query: Map<string, string>;
  storePassword?: string;
  host: string;
  port: number;
  database: string;
  user: string;
}

function passwordOf(host: Host, p: PasswordQuery): { password?: string; source: PgConnection['passwordSource'] } {
  const inUrl = nonEmpty(p.query.get('password')) ?? nonEmpty(safeDecode(p.url.password));
  if (inUrl !== undefined) return { password: inUrl, source: 'url' };
  if (nonEmpty(p.storePassword) !== undefined) return { password: p.storePassword, source: 'store-password' };
  if (nonEmpty(host.env.PGPASSWORD) !== undefined) return { password: host.env.PGPASSWORD, source: 'PGPASSWORD' };
  const fromFile = passFileLookup(host, p);
  return fromFile !== undefined ? { password: fromFile, source: 'password file' } : { source: 'none' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * libpq's password file: lines `hostname:port:database:username:password`, `*` matching anything, `\:` and `\\`
 * escaped; the first match wins. Ignored (with a warning) when group or others may read it, as libpq does.
 */
function passFileLookup(host: Host, p: PasswordQuery): string | undefined {
  const home = host.env.HOME;
  const file = nonEmpty(host.env.PGPASSFILE) ?? (home ? join(home, '.pgpass') : undefined);
  if (!file) return undefined;
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) return undefined;
    if ((st.mode & 0o077) !== 0) {
      host.log.warn(`password file ${file} has group or world access; it is ignored (chmod 0600 it)`);
      return undefined;
    }
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const hostKey = p.host.startsWith('/') ? 'localhost' : p.host;
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const fields = splitPassLine(line);
    if (fields.length < 5) continue;
    const [h, port, db, user] = fields;
    const ok = (pattern: string, value: string) => pattern === '*' || pattern === value;
    if (ok(h, hostKey) && ok(port, String(p.port)) && ok(db, p.database) && ok(user, p.user)) return fields.slice(4).join(':');
  }
  return undefined;
}

function splitPassLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) cur += line[++i];
    else if (c === ':' && out.length < 4) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * libpq's sslmode as TLS options. allow and prefer try TLS and fall back to plain TCP when the server offers none;
 * require encrypts without verifying (unless a root certificate is given, then as verify-ca); verify-ca checks the
 * chain; verify-full also the host name. sslrootcert=system uses the system's trusted CAs (and verify-full).
 */
function tlsOptions(host: Host, mode: SslMode, server: string, q: Map<string, string>): PgConnection['ssl'] {
  if (mode === 'disable' || server.startsWith('/')) return false;
  const env = host.env;
  const rootText = nonEmpty(q.get('sslrootcert')) ?? nonEmpty(env.PGSSLROOTCERT);
  const certFile = nonEmpty(q.get('sslcert')) ?? nonEmpty(env.PGSSLCERT);
  const keyFile = nonEmpty(q.get('sslkey')) ?? nonEmpty(env.PGSSLKEY);
  const client: TlsOptions = {
    ...(certFile ? { cert: readTlsFile(host, certFile, 'sslcert') } : {}),
    ...(keyFile ? { key: readTlsFile(host, keyFile, 'sslkey') } : {}),
  };
  if (mode === 'allow' || mode === 'prefer') return Object.keys(client).length ? { ...client, rejectUnauthorized: false } : 'prefer';
  const system = rootText === 'system';
  let effective: SslMode = system && mode !== 'verify-full' ? 'verify-full' : mode;
  const ca = rootText && !system ? readTlsFile(host, rootText, 'sslrootcert') : undefined;
  if (effective === 'require' && ca) effective = 'verify-ca';
  if (effective === 'require') return { ...client, rejectUnauthorized: false };
  if ((effective === 'verify-ca' || effective === 'verify-full') && !ca && !system) {
    throw new UsageError(
      `postgres store: sslmode ${mode} needs a root certificate: sslrootcert=<file> (or PGSSLROOTCERT), or sslrootcert=system`,
    );
  }
  return {
    ...client,
    ...(ca ? { ca } : {}),
    rejectUnauthorized: true,
    ...(/^[\d.]+$|:/.test(server) ? {} : { servername: server }),
    // verify-ca: the chain only. verify-full: the chain and the name of the host this store names.
    checkServerIdentity: effective === 'verify-full' ? (_name, cert) => checkServerIdentity(server, cert) : () => undefined,
  };
}

function readTlsFile(host: Host, file: string, what: string): string {
  const p = isAbsolute(file) ? file : resolve(host.cwd, file);
  try {
    return readFileSync(p, 'utf8');
  } catch (err) {
    throw new ConfigError(`postgres store: cannot read ${what} ${p}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
