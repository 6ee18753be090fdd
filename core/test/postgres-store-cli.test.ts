/**
 * The CLI on a postgres store: `--store postgres://...` and SHIPLOG_STORE, the password from PGPASSWORD,
 * SHIPLOG_STORE_PASSWORD or the URL and never in any output (also with --debug); bad input leaves the database
 * byte-identical (a pg_dump before and after); the bundled CLI loads the driver from inside its one file.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, CART, makeRepo, type TestRepo, runCliInProcess } from './execute-fixtures.js';
import { dumpDatabase } from './support/pg-cluster.js';
import { testDatabase, type TestDatabase } from './support/pg-shared.js';

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

const url = () => `${db.url}?sslmode=disable`;
function cli(argv: string[], env: Record<string, string> = {}) {
  return runCliInProcess(argv, { cwd: repo.dir, env: { ...repo.env, ...env } });
}
const withFlag = (argv: string[]) => cli([...argv, '--store', url()], { PGPASSWORD: db.password });
const noSecret = (r: { out: string; err: string }) => {
  for (const form of [db.password, encodeURIComponent(db.password), Buffer.from(db.password).toString('base64')]) {
    expect(r.out + r.err).not.toContain(form);
  }
};

describe('shiplog CLI on a postgres store', () => {
  it('version-update, deploy, move, approve, status and history through --store with PGPASSWORD', async () => {
    const up = await withFlag([
      'version-update',
      '--component-name',
      CART,
      '--component-version',
      '1.0.0',
      '--application',
      APP,
      '--app-version',
      '1',
      '--json',
    ]);
    expect(up.code, up.err).toBe(0);
    expect(up.json()).toMatchObject({
      ok: true,
      componentVersionId: 'cv:1',
      componentVersionCreated: true,
      appVersionId: 'av:1',
      appVersion: `${APP};1`,
      appVersionCreated: true,
    });
    const dev = await withFlag(['deploy', '--application', APP, '--env', 'dev', '--exit-code', '0', '--json']);
    expect(dev.code, dev.err).toBe(0);
    expect(dev.json()).toMatchObject({ ok: true, deployment: { id: 1, status: 'success', environment: 'dev', mode: 'record' } });
    const mv = await withFlag(['move', '--application', APP, '--to', 'qa', '--json']);
    expect(mv.code, mv.err).toBe(0);
    const gated = await withFlag(['move', '--application', APP, '--to', 'prod', '--json']);
    expect(gated.code).toBe(1);
    expect((gated.json().error as { code: string }).code).toBe('APPROVAL_REQUIRED');
    const ok = await withFlag(['approve', '--application', APP, '--stage', 'prod', '--debug']);
    expect(ok.code, ok.err).toBe(0);
    expect((await withFlag(['move', '--application', APP, '--to', 'prod'])).code).toBe(0);
    const prod = await withFlag(['deploy', '--application', APP, '--env', 'prod', '--exit-code', '3']);
    expect(prod.code).toBe(1);
    const status = await withFlag(['status', '--json']);
    expect(status.code, status.err).toBe(0);
    expect(status.json()).toMatchObject({
      ok: true,
      environments: [{ name: 'dev', application: APP, appVersion: `${APP};1`, deploymentId: 1 }],
    });
    const history = await withFlag(['history', '--json']);
    expect((history.json().deployments as { id: number; status: string }[]).map((d) => [d.id, d.status])).toEqual([
      [2, 'failed'],
      [1, 'success'],
    ]);
    for (const r of [up, dev, mv, gated, ok, prod, status, history]) noSecret(r);
  });

  it('SHIPLOG_STORE with SHIPLOG_STORE_PASSWORD (no PGPASSWORD); a password inside the URL is warned about and never printed', async () => {
    const env = { SHIPLOG_STORE: url(), SHIPLOG_STORE_PASSWORD: db.password };
    const up = await cli(['version-update', '--component-name', CART, '--component-version', '2.0.0', '--application', APP, '--json'], env);
    expect(up.code, up.err).toBe(0);
    expect(up.json()).toMatchObject({ componentVersionId: 'cv:2', appVersionId: 'av:2', appVersion: `${APP};2` });
    noSecret(up);
    const inUrl = url().replace('shiplog_test@', `shiplog_test:${encodeURIComponent(db.password)}@`);
    const st = await cli(['status', '--store', inUrl, '--debug', '--json']);
    expect(st.code, st.err).toBe(0);
    expect(st.err).toContain('the store URL holds a password or token');
    noSecret(st);
  });

  it('errors: wrong password exit 3, unknown database exit 2, bad sslmode exit 2: one line, no password, also with --debug', async () => {
    const wrong = await cli(['status', '--store', url(), '--json', '--debug'], { PGPASSWORD: 'Wr0ng-Passw0rd!' });
    expect(wrong.code).toBe(3);
    expect(wrong.json()).toMatchObject({ ok: false, error: { code: 'AUTH', exitCode: 3 } });
    expect(wrong.out + wrong.err).not.toContain('Wr0ng-Passw0rd!');
    const missing = await cli(['status', '--store', `${db.server.url('nope_db')}?sslmode=disable`, '--debug'], { PGPASSWORD: db.password });
    expect(missing.code).toBe(2);
    expect(missing.err.split('\n')[0]).toBe(
      `shiplog: error: postgres store postgres://shiplog_test@127.0.0.1:${db.server.port}/nope_db: database nope_db does not exist`,
    );
    noSecret(missing);
    const inUrl = `postgres://shiplog_test:${encodeURIComponent(db.password)}@127.0.0.1:${db.server.port}/${db.name}?sslmode=sometimes`;
    const bad = await cli(['status', '--store', inUrl, '--debug']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/shiplog: error: postgres store: sslmode "sometimes" is not one of/);
    noSecret(bad);
  });

  it('bad input leaves the database byte-identical (pg_dump of every table before and after)', async () => {
    const base = await withFlag([
      'version-update',
      '--component-name',
      CART,
      '--component-version',
      '3.0.0',
      '--application',
      APP,
      '--app-version',
      '3',
      '--json',
    ]);
    expect(base.code, base.err).toBe(0);
    const before = dumpDatabase(db.server, db.name);
    expect(before).toContain('COPY shiplog.deployments');
    const cases: [string[], number][] = [
      [['version-update', '--component-name', 'cart', '--component-version', '1', '--application', APP], 2],
      [['version-update', '--component-name', CART, '--component-version', 'v1;2', '--application', APP], 2],
      [['version-update', '--component-name', CART, '--component-version', '4.0.0', '--application', `${APP};9;1`], 2],
      [['deploy', '--application', 'GLOBAL.Acme.Store.nope', '--env', 'dev', '--exit-code', '0'], 2],
      [['deploy', '--application', APP, '--env', 'bad/env', '--exit-code', '0'], 2],
      [['deploy', '--application', APP, '--env', 'dev', '--exit-code', 'x'], 2],
      [['deploy', '--application', APP, '--app-version', '99', '--env', 'dev', '--exit-code', '0'], 2],
      [['move', '--application', APP, '--app-version', '3', '--to', 'nowhere'], 2],
      [['move', '--application', APP, '--app-version', '3', '--from', 'prod', '--to', 'dev'], 2],
      [['move', '--application', APP, '--app-version', '3', '--to', 'prod'], 1],
      [['approve', '--application', APP, '--app-version', '99', '--stage', 'prod'], 2],
      [['history', '--limit', '-1'], 2],
    ];
    for (const [argv, code] of cases) {
      const r = await withFlag([...argv, '--json']);
      expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(code);
      expect(
        r.err.split('\n').filter((l) => l.startsWith('shiplog: error:')),
        argv.join(' '),
      ).toHaveLength(1);
      noSecret(r);
    }
    expect(dumpDatabase(db.server, db.name)).toBe(before);
  });

  it('the bundled CLI (core/dist/shiplog.mjs) runs on the postgres store', () => {
    const bundle = join(fileURLToPath(new URL('..', import.meta.url)), 'dist', 'shiplog.mjs');
    const out = execFileSync(process.execPath, [bundle, 'history', '--limit', '1', '--json'], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: repo.env.HOME, SHIPLOG_STORE: url(), PGPASSWORD: db.password },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toMatchObject({ ok: true, deployments: [{ id: 2, application: APP }] });
    expect(out).not.toContain(db.password);
  });
});
