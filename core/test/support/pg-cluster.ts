/**
 * Throwaway PostgreSQL servers for the postgres store tests and benchmark: `initdb` + `pg_ctl` from the Debian
 * package's binaries (/usr/lib/postgresql/<major>/bin, or SHIPLOG_TEST_PG_BIN), a data directory in a temp dir, a
 * free port on 127.0.0.1, password (scram-sha-256) authentication over TCP and TLS with a self-signed certificate.
 * As root the server runs as the `postgres` user (`runuser -u postgres --`); as anyone else, as that user.
 * No test is skipped when the binaries are missing: pgBinDir() throws one line naming the package to install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import postgres from 'postgres';

export const TEST_ROLE = 'shiplog_test';
export const TEST_ROLE_PASSWORD = 'tp-Wq7:h3r@b/x=secret';

export class PgBinariesMissing extends Error {}

/** The directory holding initdb and pg_ctl. */
export function pgBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.SHIPLOG_TEST_PG_BIN;
  if (explicit) {
    if (!existsSync(join(explicit, 'initdb'))) throw new PgBinariesMissing(`SHIPLOG_TEST_PG_BIN=${explicit} holds no initdb`);
    return explicit;
  }
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((d) => existsSync(join(root, d, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length) return join(root, majors[0], 'bin');
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath.replace(/\/initdb$/, '');
  throw new PgBinariesMissing(
    'the postgres store tests need the PostgreSQL server binaries (initdb, pg_ctl): install the Debian package `postgresql` (apt-get install postgresql), or set SHIPLOG_TEST_PG_BIN to their directory',
  );
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function serverUser(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new PgBinariesMissing(
      'running as root, the test server needs the `postgres` system user: install the Debian package `postgresql` (it creates it)',
    );
  }
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Runs a server binary as the server's user. */
function runAsServer(bin: string, args: string[], opts: { allowFail?: boolean } = {}): { status: number | null; out: string } {
  const cmd = isRoot() ? 'runuser' : bin;
  const argv = isRoot() ? ['-u', 'postgres', '--', bin, ...args] : args;
  const r = spawnSync(cmd, argv, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C' },
    cwd: '/',
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${out.trim().slice(-2000)}`);
  return { status: r.status, out };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface PgServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly root: string;
  readonly binDir: string;
  readonly superuser: 'postgres';
  readonly superPassword: string;
  /** The server's certificate (self-signed: also the root to verify it with), or undefined without openssl. */
  readonly caFile?: string;
  /** A connection URL without a password. */
  url(database: string, user?: string): string;
  /** A driver connection as the superuser (for test setup and checks). */
  admin(database?: string): postgres.Sql;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops the server and deletes its directory. */
  destroy(): void;
}

export interface PgServerState {
  root: string;
  port: number;
  binDir: string;
  superPassword: string;
  caFile?: string;
}

/** Creates a cluster in root (created; as root, its parent must be searchable by the `postgres` user) and starts it. */
export async function startPgServer(root: string, opts: { superPassword?: string } = {}): Promise<PgServer> {
  const binDir = pgBinDir();
  const owner = serverUser();
  mkdirSync(root, { recursive: true });
  chmodSync(root, 0o755);
  if (owner) chownSync(root, owner.uid, owner.gid);
  const superPassword = opts.superPassword ?? `su-${Math.random().toString(36).slice(2)}`;
  const pwfile = join(root, 'pwfile');
  writeFileSync(pwfile, `${superPassword}\n`, { mode: 0o600 });
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  const data = join(root, 'data');
  runAsServer(join(binDir, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    `--pwfile=${pwfile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  rmSync(pwfile, { force: true });
  const caFile = makeCertificate(root, data, owner);
  const port = await freePort();
  appendFileSync(
    join(data, 'postgresql.conf'),
    [
      '',
      '# shiplog test server',
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${root}'`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'max_connections = 400',
      'shared_buffers = 128MB',
      "password_encryption = 'scram-sha-256'",
      'log_min_messages = warning',
      ...(caFile ? ['ssl = on', "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"] : []),
      '',
    ].join('\n'),
  );
  const server = attach({ root, port, binDir, superPassword, ...(caFile ? { caFile } : {}) });
  server.start();
  const sql = server.admin();
  try {
    await sql.unsafe(`create role ${TEST_ROLE} login password '${TEST_ROLE_PASSWORD.replace(/'/g, "''")}'`);
  } finally {
    await sql.end();
  }
  return server;
}

/** A PgServer handle over a cluster another process started (state from startPgServer). */
export function attach(state: PgServerState): PgServer {
  const data = join(state.root, 'data');
  const pgctl = join(state.binDir, 'pg_ctl');
  return {
    host: '127.0.0.1',
    port: state.port,
    root: state.root,
    binDir: state.binDir,
    superuser: 'postgres',
    superPassword: state.superPassword,
    ...(state.caFile ? { caFile: state.caFile } : {}),
    url: (database, user = TEST_ROLE) => `postgres://${encodeURIComponent(user)}@127.0.0.1:${state.port}/${encodeURIComponent(database)}`,
    admin: (database = 'postgres') =>
      postgres({
        host: '127.0.0.1',
        port: state.port,
        database,
        user: 'postgres',
        pass: state.superPassword,
        ssl: false,
        max: 1,
        onnotice: () => undefined,
        fetch_types: false,
        connection: { application_name: 'shiplog-test-admin' },
      }),
    stop: (mode = 'fast') => void runAsServer(pgctl, ['-D', data, '-w', '-m', mode, 'stop'], { allowFail: true }),
    start: () => void runAsServer(pgctl, ['-D', data, '-w', '-t', '60', '-l', join(state.root, 'server.log'), 'start']),
    destroy() {
      runAsServer(pgctl, ['-D', data, '-w', '-m', 'immediate', 'stop'], { allowFail: true });
      rmSync(state.root, { recursive: true, force: true });
    },
  };
}

/** A self-signed certificate for 127.0.0.1 and localhost in the data directory; its path, or undefined without openssl. */
function makeCertificate(root: string, data: string, owner: { uid: number; gid: number } | undefined): string | undefined {
  const crt = join(data, 'server.crt');
  const key = join(data, 'server.key');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      crt,
      '-days',
      '3',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) return undefined;
  chmodSync(key, 0o600);
  if (owner) for (const f of [crt, key]) chownSync(f, owner.uid, owner.gid);
  const ca = join(root, 'ca.crt');
  writeFileSync(ca, execFileSync('cat', [crt]));
  chmodSync(ca, 0o644);
  return ca;
}

/** A fresh database owned by the test role. */
export async function createDatabase(server: PgServer, name = `t_${Math.random().toString(36).slice(2, 12)}`): Promise<string> {
  const sql = server.admin();
  try {
    await sql.unsafe(`create database "${name}" owner ${TEST_ROLE}`);
  } finally {
    await sql.end();
  }
  return name;
}

export async function dropDatabase(server: PgServer, name: string): Promise<void> {
  const sql = server.admin();
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await sql.end();
  }
}

/**
 * pg_dump of a whole database (schema and every table's rows): the byte-identity check of the bad-input tests.
 * The random key of pg_dump's \restrict guard lines (new in the 2025 minor releases) is the only part left out.
 */
export function dumpDatabase(server: PgServer, database: string): string {
  const dump = execFileSync(
    join(server.binDir, 'pg_dump'),
    ['-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres', '--no-sync', '-d', database],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PGPASSWORD: server.superPassword, PGSSLMODE: 'disable' },
      maxBuffer: 256 << 20,
    },
  );
  return dump.replace(/^\\(un)?restrict \S+$/gm, '\\$1restrict <key>');
}
