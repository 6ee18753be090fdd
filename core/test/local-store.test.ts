/** The local store's own guarantees: lazy creation, schema versioning, redaction, locking, log recovery. */
import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../src/backend/backend.js';
import { openLocalBackend } from '../src/backend/local/index.js';
import { JOURNAL_FILE, KIND_DIR, LOCK_FILE, META_FILE, SCHEMA_FILE, objectPath, segmentPath } from '../src/backend/local/layout.js';
import { LocalStore, Transaction } from '../src/backend/local/transaction.js';
import {
  ApprovalRequiredError,
  BackendError,
  ConfigError,
  InvalidInputError,
  NotFoundError,
  SchemaVersionError,
  ShiplogError,
  StoreLockedError,
} from '../src/errors.js';
import { createMemoryHost } from '../src/host.js';
import type { ApplicationVersion, CiContext, ComponentVersion } from '../src/model.js';
import { Redactor } from '../src/redact.js';
import { snapshotDir } from './fixtures/store/store-files.js';

const PROV: CiContext = { provider: 'local', isCi: false };
const AT = '2026-03-04T05:06:07.000Z';

let dir: string;
let stateDir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shiplog-store-'));
  stateDir = join(dir, 'state');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (opts: { lockTimeoutMs?: number; segmentBytes?: number; redactor?: Redactor } = {}) =>
  openLocalBackend(createMemoryHost({ redactor: opts.redactor }), { stateDir, ...opts });

async function seed(b: Backend, attributes: Record<string, string> = {}): Promise<{ cv: ComponentVersion; av: ApplicationVersion }> {
  const cv = (
    await b.putComponentVersion({ domain: 'GLOBAL.Acme', short: 'svc', version: '1', kind: 'docker', attributes, provenance: PROV, at: AT })
  ).value;
  const av = (
    await b.putApplicationVersion({
      application: 'GLOBAL.Acme.app',
      autoIncrement: false,
      component: cv,
      initialStage: 'dev',
      provenance: PROV,
      at: AT,
    })
  ).value;
  return { cv, av };
}

const deploy = (b: Backend, av: ApplicationVersion, exitCode = 0, log: string[] = ['ok']) =>
  b.recordDeployment({
    appVersion: av,
    environment: 'dev',
    exitCode,
    log,
    startedAt: AT,
    finishedAt: AT,
    mode: 'record',
    provenance: PROV,
  });

describe('creation', () => {
  it('answers empty results for a store that does not exist and creates nothing', async () => {
    const b = await open();
    expect(await b.status()).toEqual([]);
    expect(await b.history({ limit: 5 })).toEqual([]);
    expect(await b.getComponentVersion('GLOBAL.Acme.svc;1')).toBeUndefined();
    expect(await b.listComponentVersions('GLOBAL.Acme.svc')).toEqual([]);
    expect(await b.listApplicationVersions('GLOBAL.Acme.app')).toEqual([]);
    expect(await b.listApprovals('GLOBAL.Acme.app;1')).toEqual([]);
    await expect(stat(stateDir)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(b).toMatchObject({ kind: 'local', location: stateDir });
  });

  it('creates the directory with a schema file on the first write', async () => {
    const b = await open();
    await seed(b);
    expect(JSON.parse(await readFile(join(stateDir, SCHEMA_FILE), 'utf8'))).toMatchObject({ format: 'shiplog-local-store', schema: 1 });
    expect(await readdir(join(stateDir, 'tmp'))).toEqual([]);
    await expect(stat(join(stateDir, LOCK_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(join(stateDir, JOURNAL_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a relative state directory and a file in its place', async () => {
    await expect(openLocalBackend(createMemoryHost(), { stateDir: 'rel/dir' })).rejects.toBeInstanceOf(InvalidInputError);
    await writeFile(stateDir, 'x');
    await expect(open()).rejects.toBeInstanceOf(ConfigError);
  });

  it('reports a store that cannot be written as a backend error (exit 4) naming it', async () => {
    await writeFile(join(dir, 'plain-file'), 'x');
    stateDir = join(dir, 'plain-file', 'state');
    const b = await open();
    expect(await b.status()).toEqual([]);
    const err = (await seed(b).catch((e: unknown) => e)) as ShiplogError;
    expect(err).toBeInstanceOf(BackendError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toContain(`state store ${stateDir}: ENOTDIR`);
  });
});

describe('a directory that is not a store', () => {
  // Each tree is what --state-dir points at; none has schema.json, so none may be touched or taken over.
  const foreign: [string, Record<string, string>][] = [
    ['tmp/ and log/ of something else', { 'tmp/keep.txt': 'important\n', 'log/000001.jsonl': '1\n2\n3\n' }],
    ['a Rails checkout', { Gemfile: "source 'https://rubygems.org'\n", 'tmp/pids/server.pid': '4242\n', 'log/development.log': 'boot\n' }],
    ['one plain file', { 'notes.txt': 'x' }],
    ['an empty tmp/ beside a file', { 'tmp/': '', 'README.md': '# hi\n' }],
    ['a stray journal', { [JOURNAL_FILE]: '{}' }],
  ];

  async function build(tree: Record<string, string>): Promise<void> {
    for (const [rel, text] of Object.entries(tree)) {
      if (rel.endsWith('/')) await mkdir(join(stateDir, rel), { recursive: true });
      else {
        await mkdir(join(stateDir, rel, '..'), { recursive: true });
        await writeFile(join(stateDir, rel), text);
      }
    }
  }

  it.each(foreign)('%s: open, reads and writes are refused (exit 2) and every file survives', async (_, tree) => {
    await build(tree);
    const before = await snapshotDir(stateDir);
    const err = (await open().catch((e: unknown) => e)) as ShiplogError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(`state directory ${stateDir} is not a shiplog store: it is not empty and has no schema.json`);
    // A backend opened while the directory was still empty meets the files at its first write.
    await rm(stateDir, { recursive: true });
    const b = await open();
    await build(tree);
    await expect(seed(b)).rejects.toBeInstanceOf(ConfigError);
    // a read answers empty (nothing of a store is there) or is refused (a journal.json): it never touches anything
    await b.history({}).catch((e: unknown) => expect(e).toBeInstanceOf(ConfigError));
    await b.status().catch((e: unknown) => expect(e).toBeInstanceOf(ConfigError));
    expect(await snapshotDir(stateDir)).toEqual(before);
    expect((await readdir(stateDir)).sort()).toEqual([...new Set(Object.keys(tree).map((k) => k.split('/')[0]))].sort());
  });

  it.each([
    ['missing', async () => undefined],
    ['empty', async () => mkdir(stateDir)],
    [
      'holding only empty tmp/ and log/ (a first write cut short)',
      async () => {
        await mkdir(join(stateDir, 'tmp'), { recursive: true });
        await mkdir(join(stateDir, 'log'));
      },
    ],
    [
      'holding only a schema.json another shiplog is creating',
      async () => {
        await mkdir(stateDir);
        await writeFile(join(stateDir, `${SCHEMA_FILE}.999999.0a1b2c.new`), '{"format":"shiplog-local-store"');
      },
    ],
  ])('a directory %s becomes a new store', async (_, prepare) => {
    await prepare();
    const b = await open();
    expect(await b.status()).toEqual([]);
    const { av } = await seed(b);
    expect((await deploy(b, av)).id).toBe(1);
    expect(JSON.parse(await readFile(join(stateDir, SCHEMA_FILE), 'utf8'))).toMatchObject({ format: 'shiplog-local-store', schema: 1 });
  });

  it('two writers creating the same new store at once both succeed', async () => {
    const [a, b] = [await open(), await open()];
    const put = (x: Backend, short: string) =>
      x.putComponentVersion({ domain: 'GLOBAL.Acme', short, version: '1', kind: 'docker', attributes: {}, provenance: PROV, at: AT });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => put(i % 2 ? a : b, `svc${i}`)));
    expect(results.map((r) => r.value.id).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `cv:${i + 1}`).sort());
    expect((await readdir(stateDir)).filter((f) => f.startsWith(`${SCHEMA_FILE}.`))).toEqual([]);
  });
});

describe('schema version', () => {
  it('refuses a store written by a newer shiplog with exit 2 and a clear message', async () => {
    await seed(await open());
    await writeFile(join(stateDir, SCHEMA_FILE), JSON.stringify({ format: 'shiplog-local-store', schema: 7, createdAt: AT }));
    const err = (await open().catch((e: unknown) => e)) as ShiplogError;
    expect(err).toBeInstanceOf(SchemaVersionError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('schema version 7');
    expect(err.message).toContain('reads version 1');
    expect(err.hint).toMatch(/upgrade shiplog/);
  });

  it('refuses an unreadable or foreign schema file', async () => {
    await mkdir(stateDir);
    await writeFile(join(stateDir, SCHEMA_FILE), '{nope');
    await expect(open()).rejects.toBeInstanceOf(SchemaVersionError);
    await writeFile(join(stateDir, SCHEMA_FILE), JSON.stringify({ format: 'something-else', schema: 1 }));
    await expect(open()).rejects.toThrow(/not a shiplog-local-store/);
  });

  it('a write into a store upgraded meanwhile fails and changes nothing', async () => {
    const b = await open();
    const { av } = await seed(b);
    await writeFile(join(stateDir, SCHEMA_FILE), JSON.stringify({ format: 'shiplog-local-store', schema: 2, createdAt: AT }));
    const before = await snapshotDir(stateDir);
    await expect(deploy(b, av)).rejects.toBeInstanceOf(SchemaVersionError);
    expect(await snapshotDir(stateDir)).toEqual(before);
  });
});

describe('bad input', () => {
  it('leaves the store byte-identical', async () => {
    const b = await open();
    const { cv, av } = await seed(b);
    await deploy(b, av);
    const before = await snapshotDir(stateDir);
    const ghost: ApplicationVersion = { ...av, name: 'GLOBAL.Acme.app;404', version: '404' };
    const move = (over: Partial<Parameters<Backend['moveApplicationVersion']>[0]>) =>
      b.moveApplicationVersion({
        appVersion: av,
        from: { name: 'dev', domain: 'dev' },
        to: { name: 'prod', domain: 'prod' },
        task: 'Move to prod',
        requiresApproval: true,
        by: 'me',
        at: AT,
        provenance: PROV,
        ...over,
      });
    const attempts: [() => Promise<unknown>, new (...a: never[]) => ShiplogError][] = [
      [() => move({}), ApprovalRequiredError],
      [() => move({ from: { name: 'qa', domain: 'qa' }, requiresApproval: false }), InvalidInputError],
      [() => move({ appVersion: ghost }), NotFoundError],
      [() => deploy(b, ghost), NotFoundError],
      [
        () =>
          b.recordDeployment({
            appVersion: av,
            environment: ' ',
            exitCode: 0.5,
            log: [],
            startedAt: AT,
            finishedAt: AT,
            mode: 'record',
            provenance: PROV,
          }),
        InvalidInputError,
      ],
      [() => b.recordApproval({ appVersion: ghost.name, stage: 'prod', approved: true, by: 'me', at: AT }), NotFoundError],
      [
        () =>
          b.putApplicationVersion({
            application: 'GLOBAL.Acme.app',
            autoIncrement: false,
            component: { ...cv, name: 'GLOBAL.Acme.svc;9' },
            initialStage: 'dev',
            provenance: PROV,
            at: AT,
          }),
        NotFoundError,
      ],
      [
        () =>
          b.putApplicationVersion({
            application: 'nodomain',
            autoIncrement: false,
            component: cv,
            initialStage: 'dev',
            provenance: PROV,
            at: AT,
          }),
        InvalidInputError,
      ],
      [
        () =>
          b.putComponentVersion({
            domain: 'GLOBAL.Acme',
            short: 'svc',
            version: '',
            kind: 'docker',
            attributes: {},
            provenance: PROV,
            at: AT,
          }),
        InvalidInputError,
      ],
      [() => b.history({ limit: -1 }), InvalidInputError],
      // name parts holding the separator or a control character (naming.ts namePartProblem)
      [
        () =>
          b.putComponentVersion({
            domain: 'GLOBAL.Acme',
            short: 'svc',
            variant: 'a;b',
            version: '2',
            kind: 'docker',
            attributes: {},
            provenance: PROV,
            at: AT,
          }),
        InvalidInputError,
      ],
      [
        () =>
          b.putComponentVersion({
            domain: 'GLOBAL.Acme',
            short: 'svc\nx',
            version: '2',
            kind: 'docker',
            attributes: {},
            provenance: PROV,
            at: AT,
          }),
        InvalidInputError,
      ],
      [
        () =>
          b.putApplicationVersion({
            application: 'GLOBAL.Acme.app',
            version: '2\r',
            autoIncrement: false,
            component: cv,
            initialStage: 'dev',
            provenance: PROV,
            at: AT,
          }),
        InvalidInputError,
      ],
      [
        () =>
          b.recordDeployment({
            appVersion: av,
            environment: 'dev\nshiplog: error: forged',
            exitCode: 0,
            log: [],
            startedAt: AT,
            finishedAt: AT,
            mode: 'record',
            provenance: PROV,
          }),
        InvalidInputError,
      ],
    ];
    for (const [p, cls] of attempts) await expect(p()).rejects.toBeInstanceOf(cls);
    expect(await snapshotDir(stateDir)).toEqual(before);
  });

  it('an identical re-run writes nothing at all', async () => {
    const b = await open();
    await seed(b, { A: '1' });
    const before = await snapshotDir(stateDir);
    const again = await seed(b, { A: '1' });
    expect(again.av.name).toBe('GLOBAL.Acme.app;1');
    expect(await snapshotDir(stateDir)).toEqual(before);
  });
});

describe('secrets', () => {
  it('never stores a registered secret, raw or encoded', async () => {
    const redactor = new Redactor();
    const secret = 'hunter2-"very"\\secret';
    redactor.add(secret);
    const b = await open({ redactor });
    const { av } = await seed(b, { Token: secret, Url: `https://u:${encodeURIComponent(secret)}@x` });
    await deploy(b, av, 0, [`login with ${secret}`, Buffer.from(secret).toString('base64')]);
    await b.recordApproval({ appVersion: av.name, stage: 'prod', approved: true, by: 'me', at: AT, notes: `pw ${secret}` });
    const files = await snapshotDir(stateDir);
    const all = [...files.values()].map((v) => Buffer.from(v, 'base64').toString('utf8')).join('\n');
    expect(all).toContain('***');
    expect(all).not.toContain(secret);
    expect(all).not.toContain(Buffer.from(secret).toString('base64'));
    expect(all).not.toContain(encodeURIComponent(secret));
    expect(all).not.toContain(JSON.stringify(secret).slice(1, -1));
    const [d] = await b.history({ limit: 1 });
    expect(d.log[0]).toBe('login with ***');
  });
});

describe('lock', () => {
  async function lockAs(pid: number, host?: string): Promise<void> {
    await mkdir(stateDir, { recursive: true });
    const owner = { pid, host: host ?? (await import('node:os')).hostname(), token: 'other', at: AT };
    await writeFile(join(stateDir, LOCK_FILE), JSON.stringify(owner));
  }

  it('gives up with StoreLockedError (exit 4) while a live process holds the lock, changing nothing', async () => {
    const b = await open({ lockTimeoutMs: 300 });
    const { av } = await seed(b);
    await lockAs(process.pid);
    const before = await snapshotDir(stateDir);
    const err = (await deploy(b, av).catch((e: unknown) => e)) as ShiplogError;
    expect(err).toBeInstanceOf(StoreLockedError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toContain(`pid ${process.pid}`);
    expect(await snapshotDir(stateDir)).toEqual(before);
  });

  it('recovers the lock of a process that died', async () => {
    const b = await open({ lockTimeoutMs: 5_000 });
    const { av } = await seed(b);
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    await lockAs(pid);
    const d = await deploy(b, av);
    expect(d.id).toBe(1);
    await expect(stat(join(stateDir, LOCK_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('waits for a lock held by another host until it is old enough to be stale', async () => {
    const b = await open({ lockTimeoutMs: 200 });
    const { av } = await seed(b);
    await lockAs(1, 'some-other-host');
    await expect(deploy(b, av)).rejects.toBeInstanceOf(StoreLockedError);
  });
});

describe('journal and deployment log', () => {
  it('a reader replays a committed journal a crashed writer left', async () => {
    const b = await open();
    const { av } = await seed(b);
    // Stage what a crashed writer committed but never applied: a deployment plus a new meta.
    const store = new LocalStore(stateDir, { lockTimeoutMs: 1000, segmentBytes: 1 << 20, now: () => new Date(AT) });
    const tx = new Transaction(store, await store.readMeta());
    tx.appendLog({
      id: tx.meta.next.deployment++,
      appVersion: av.name,
      application: av.application,
      environment: 'qa',
      componentVersions: av.components,
      exitCode: 1,
      status: 'failed',
      startedAt: AT,
      finishedAt: AT,
      log: [],
      mode: 'record',
      provenance: PROV,
    });
    await writeFile(join(stateDir, JOURNAL_FILE), JSON.stringify(tx.toJournal(1 << 20)));
    expect((await b.history({})).map((d) => [d.id, d.environment])).toEqual([[1, 'qa']]);
    await expect(stat(join(stateDir, JOURNAL_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await deploy(b, av)).id).toBe(2);
  });

  it('a journal naming an object of every kind is replayed (the catalog, custom state, leases too), not refused', async () => {
    const b = await open();
    await seed(b);
    const store = new LocalStore(stateDir, { lockTimeoutMs: 1000, segmentBytes: 1 << 20, now: () => new Date(AT) });
    const tx = new Transaction(store, await store.readMeta());
    // what a writer SIGKILLed after committing a version-update's journal leaves: among others, a catalog object
    for (const kind of Object.keys(KIND_DIR) as (keyof typeof KIND_DIR)[]) tx.put(objectPath(kind, `crash-${kind}`), { kind });
    const journal = tx.toJournal(1 << 20);
    await writeFile(join(stateDir, JOURNAL_FILE), JSON.stringify(journal));
    expect((await b.history({})).length).toBe(0);
    await expect(stat(join(stateDir, JOURNAL_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    for (const kind of Object.keys(KIND_DIR) as (keyof typeof KIND_DIR)[]) {
      expect(JSON.parse(await readFile(join(stateDir, objectPath(kind, `crash-${kind}`)), 'utf8')), kind).toEqual({ kind });
    }
  });

  it('a reader never answers from a half-applied transaction', async () => {
    const b = await open();
    const { av } = await seed(b);
    const store = new LocalStore(stateDir, { lockTimeoutMs: 1000, segmentBytes: 1 << 20, now: () => new Date(AT) });
    const tx = new Transaction(store, await store.readMeta());
    const v2 = { ...av, id: 'av:2', name: 'GLOBAL.Acme.app;2', version: '2', predecessor: av.name };
    tx.put(objectPath('application-version', v2.name), { value: v2, approvals: [], moves: [] });
    tx.put(objectPath('application', 'GLOBAL.Acme.app'), { application: 'GLOBAL.Acme.app', versions: [av.name, v2.name] });
    const journal = tx.toJournal(1 << 20);
    await writeFile(join(stateDir, JOURNAL_FILE), JSON.stringify(journal));
    // the writer died after replacing the application's version list but before writing version 2 itself
    const head = journal.writes.find((w) => w.path === objectPath('application', 'GLOBAL.Acme.app'))!;
    await writeFile(join(stateDir, head.path), head.data);
    expect((await b.listApplicationVersions('GLOBAL.Acme.app')).map((v) => v.name)).toEqual([av.name, v2.name]);
    await expect(stat(join(stateDir, JOURNAL_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('ignores and then truncates bytes past the committed end of the log', async () => {
    const b = await open();
    const { av } = await seed(b);
    await deploy(b, av);
    const seg = join(stateDir, segmentPath(1));
    const committed = (await stat(seg)).size;
    await appendFile(seg, '{"id":99,"torn');
    expect((await b.history({})).map((d) => d.id)).toEqual([1]);
    await deploy(b, av, 1);
    expect((await b.history({})).map((d) => [d.id, d.status])).toEqual([
      [2, 'failed'],
      [1, 'success'],
    ]);
    const meta = JSON.parse(await readFile(join(stateDir, META_FILE), 'utf8'));
    expect(meta.log.length).toBe((await stat(seg)).size);
    expect(meta.log.length).toBeGreaterThan(committed);
  });

  it('rolls the log into segments and reads history newest first across them, stopping at the limit', async () => {
    const b = await open({ segmentBytes: 1500 });
    const { av } = await seed(b);
    for (let i = 0; i < 30; i++) await deploy(b, av, i % 5 === 0 ? 1 : 0, [`line ${i}`, 'y'.repeat(200)]);
    const segments = await readdir(join(stateDir, 'log'));
    expect(segments.length).toBeGreaterThan(3);
    expect((await b.history({})).map((d) => d.id)).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    expect((await b.history({ limit: 7 })).map((d) => d.id)).toEqual([30, 29, 28, 27, 26, 25, 24]);
    expect((await b.status())[0].deploymentId).toBe(30);
    const failed = (await b.history({})).filter((d) => d.status === 'failed').map((d) => d.id);
    expect(failed).toEqual([26, 21, 16, 11, 6, 1]);
  });

  it('current-state reads and writes never read the history (old segments unreadable, all still works)', async () => {
    const b = await open({ segmentBytes: 1500 });
    const { cv, av } = await seed(b);
    for (let i = 0; i < 20; i++) await deploy(b, av, 0, ['z'.repeat(300)]);
    const segments = (await readdir(join(stateDir, 'log'))).sort();
    expect(segments.length).toBeGreaterThan(3);
    for (const f of segments.slice(0, -1)) await writeFile(join(stateDir, 'log', f), 'not json\n'.repeat(50));
    expect(await b.getComponentVersion(cv.name)).toBeDefined();
    expect((await b.listComponentVersions(cv.base)).length).toBe(1);
    const cv2 = (
      await b.putComponentVersion({
        domain: 'GLOBAL.Acme',
        short: 'svc',
        version: '2',
        kind: 'docker',
        attributes: {},
        provenance: PROV,
        at: AT,
      })
    ).value;
    const av2 = (
      await b.putApplicationVersion({
        application: 'GLOBAL.Acme.app',
        autoIncrement: false,
        component: cv2,
        initialStage: 'dev',
        provenance: PROV,
        at: AT,
      })
    ).value;
    expect(await b.getApplicationVersion(av2.name)).toBeDefined();
    expect((await deploy(b, av2)).id).toBe(21);
    expect((await b.status({ environment: 'dev' }))[0]).toMatchObject({ appVersion: av2.name, deploymentId: 21 });
    expect((await b.history({ limit: 1 }))[0].id).toBe(21);
    // ...while a full history walk does reach the damaged segments
    await expect(b.history({})).rejects.toBeInstanceOf(ConfigError);
  });

  it("reads records across the backward reader's chunk boundaries intact (large logs, multi-byte text)", async () => {
    const b = await open();
    const { av } = await seed(b);
    const sizes = [1, 90_000, 300_000, 7, 260_000, 123_456];
    for (const [i, n] of sizes.entries()) await deploy(b, av, 0, [`run ${i} ✓`, 'é'.repeat(n)]);
    const all = await b.history({});
    expect(all.map((d) => d.id)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(all.map((d) => d.log[1].length)).toEqual([...sizes].reverse());
    expect(all.every((d, i) => d.log[0] === `run ${5 - i} ✓` && /^é*$/.test(d.log[1]))).toBe(true);
  });

  it('reports a damaged object file as a config error naming it', async () => {
    const b = await open();
    const { av } = await seed(b);
    await deploy(b, av);
    const envRoot = join(stateDir, 'objects', 'env');
    const [d] = await readdir(envRoot);
    const [f] = await readdir(join(envRoot, d));
    await writeFile(join(envRoot, d, f), '{broken');
    await expect(b.status()).rejects.toThrow(/state store file objects\/env\/.* is malformed/);
  });
});
