/** Where a postgres store connects: the URL, libpq's PG* variables from host.env, the password sources, sslmode. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolvePgConnection } from '../src/backend/postgres/connection-options.js';
import { UsageError } from '../src/errors.js';
import { createMemoryHost } from '../src/host.js';

const resolve = (url: string, env: Record<string, string> = {}, storePassword?: string) =>
  resolvePgConnection(createMemoryHost({ env, cwd: '/' }), url, storePassword);

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('postgres store connection options', () => {
  it('takes host, port, user and database from the URL, the rest from defaults', () => {
    const c = resolve('postgres://ci@db.example:6543/releases?sslmode=disable', { USER: 'nobody' });
    expect(c).toMatchObject({
      host: 'db.example',
      port: 6543,
      user: 'ci',
      database: 'releases',
      sslmode: 'disable',
      ssl: false,
      schema: 'shiplog',
      applicationName: 'shiplog',
      connectTimeoutS: 10,
      passwordSource: 'none',
    });
    expect(c.display).toBe('postgres://ci@db.example:6543/releases');
  });

  it("fills what the URL leaves out from libpq's PG* variables of host.env, as libpq does (the URL wins)", () => {
    const env = {
      PGHOST: 'pg.internal',
      PGPORT: '5433',
      PGUSER: 'deployer',
      PGDATABASE: 'state',
      PGSSLMODE: 'require',
      PGCONNECT_TIMEOUT: '7',
      PGAPPNAME: 'ci-job',
      PGOPTIONS: '-c statement_timeout=5s',
    };
    expect(resolve('postgres://', env)).toMatchObject({
      host: 'pg.internal',
      port: 5433,
      user: 'deployer',
      database: 'state',
      sslmode: 'require',
      connectTimeoutS: 7,
      applicationName: 'ci-job',
      options: '-c statement_timeout=5s',
    });
    expect(resolve('postgresql://other@h2:1/db2?sslmode=disable&connect_timeout=0&application_name=x', env)).toMatchObject({
      host: 'h2',
      port: 1,
      user: 'other',
      database: 'db2',
      sslmode: 'disable',
      connectTimeoutS: 0,
      applicationName: 'x',
    });
    // The database defaults to the user name; the user to the login name.
    expect(resolve('postgres://h', { USER: 'ada' })).toMatchObject({ user: 'ada', database: 'ada', sslmode: 'prefer', ssl: 'prefer' });
  });

  it('never reads process.env: a PG variable set only there is ignored', () => {
    process.env.PGHOST = 'from-process-env.invalid';
    try {
      expect(resolve('postgres:///db?user=u', {}).host).toBe('localhost');
    } finally {
      delete process.env.PGHOST;
    }
  });

  it('password: the URL, then --store-password / SHIPLOG_STORE_PASSWORD, then PGPASSWORD, then the password file; registered as a secret', () => {
    const host = createMemoryHost({ env: { PGPASSWORD: 'pg-env-pw' } });
    expect(resolvePgConnection(host, 'postgres://u:url%2Fpw@h/db', 'store-pw')).toMatchObject({
      password: 'url/pw',
      passwordSource: 'url',
    });
    expect(resolvePgConnection(host, 'postgres://u@h/db', 'store-pw')).toMatchObject({
      password: 'store-pw',
      passwordSource: 'store-password',
    });
    const c = resolvePgConnection(host, 'postgres://u@h/db');
    expect(c).toMatchObject({ password: 'pg-env-pw', passwordSource: 'PGPASSWORD' });
    expect(c.display).not.toContain('pg-env-pw');
    expect(host.redactor.redact('x pg-env-pw y url/pw')).toBe('x *** y ***');
  });

  it('reads ~/.pgpass (PGPASSFILE) like libpq: first matching line, * wildcards, \\: escapes; ignored when others may read it', () => {
    dir = mkdtempSync(join(tmpdir(), 'shiplog-pgpass-'));
    const file = join(dir, 'pgpass');
    writeFileSync(file, ['# comment', 'other:5432:*:u:nope', 'h:5432:db:u:pa\\:ss', '*:*:*:*:fallback', ''].join('\n'), { mode: 0o600 });
    expect(resolve('postgres://u@h/db', { PGPASSFILE: file })).toMatchObject({ password: 'pa:ss', passwordSource: 'password file' });
    expect(resolve('postgres://x@h/db', { PGPASSFILE: file })).toMatchObject({ password: 'fallback' });
    writeFileSync(join(dir, '.pgpass'), 'h:5432:db:u:home\n', { mode: 0o600 });
    expect(resolve('postgres://u@h/db', { HOME: dir })).toMatchObject({ password: 'home' });
    chmodSync(file, 0o644);
    const host = createMemoryHost({ env: { PGPASSFILE: file } });
    expect(resolvePgConnection(host, 'postgres://u@h/db').passwordSource).toBe('none');
    expect(host.err()).toContain('has group or world access; it is ignored');
  });

  it('schema from ?schema=, shown in the location; a socket directory as host', () => {
    expect(resolve('postgres://u@h/db?schema=team_a')).toMatchObject({
      schema: 'team_a',
      display: 'postgres://u@h:5432/db (schema team_a)',
    });
    expect(resolve('postgres:///db?user=u&host=/var/run/postgresql')).toMatchObject({
      host: '/var/run/postgresql',
      ssl: false,
      display: 'postgres://u@[/var/run/postgresql]:5432/db',
    });
  });

  it('sslmode: require encrypts without verifying; verify-ca/verify-full need a root certificate; system trusts the CA store', () => {
    dir = mkdtempSync(join(tmpdir(), 'shiplog-ssl-'));
    const ca = join(dir, 'root.crt');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(resolve('postgres://u@h/db?sslmode=require').ssl).toMatchObject({ rejectUnauthorized: false });
    expect(resolve(`postgres://u@h/db?sslmode=verify-full&sslrootcert=${ca}`).ssl).toMatchObject({
      rejectUnauthorized: true,
      servername: 'h',
      ca: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    expect(resolve('postgres://u@h/db?sslmode=verify-ca', { PGSSLROOTCERT: ca }).ssl).toMatchObject({ rejectUnauthorized: true });
    expect(resolve('postgres://u@h/db?sslrootcert=system&sslmode=require').ssl).toMatchObject({ rejectUnauthorized: true });
    expect(() => resolve('postgres://u@h/db?sslmode=verify-full')).toThrow(/needs a root certificate/);
    expect(() => resolve('postgres://u@h/db?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt')).toThrow(/cannot read sslrootcert/);
  });

  it('refuses what libpq would refuse, exit 2, one line, no password in the message', () => {
    const cases: [string, RegExp][] = [
      ['postgres://u:hunter22@h/db?sslmode=sometimes', /sslmode "sometimes" is not one of/],
      ['postgres://u:hunter22@h/db?pool=3', /unknown parameter "pool"/],
      ['postgres://u:hunter22@h:99999/db', /not a valid URL|port "99999"/],
      ['postgres://u:hunter22@h/db?connect_timeout=soon', /connect_timeout "soon"/],
      ['postgres://u:hunter22@h/db?schema=Bad-Name', /schema "Bad-Name" must be a lower-case SQL identifier/],
      ['postgres://u:hunter22@h1,h2/db', /several hosts|not a valid URL/],
    ];
    for (const [url, msg] of cases) {
      let err: unknown;
      try {
        resolve(url);
      } catch (e) {
        err = e;
      }
      expect(err, url).toBeInstanceOf(UsageError);
      expect((err as UsageError).exitCode).toBe(2);
      expect((err as Error).message).toMatch(msg);
      expect((err as Error).message).not.toContain('hunter22');
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
