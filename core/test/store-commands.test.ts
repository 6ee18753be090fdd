/**
 * `shiplog store info | copy | check` on real stores (local directories and git remotes over file://):
 * counts, copies that keep ids and are idempotent and verified, refusal of a destination that disagrees
 * (nothing written), an interrupted copy completed by a re-run, and a check that finds what was broken.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDocumentStore } from '../src/backend/open-store.js';
import type { DocumentStore } from '../src/backend/records/document-store.js';
import { copyStore } from '../src/backend/records/store-copy.js';
import { parseStoreUrl } from '../src/backend/store-url.js';
import { createMemoryHost } from '../src/host.js';
import { APP, CART, makeRepo, type TestRepo } from './execute-fixtures.js';
import { makeBareRemote } from './support/git-servers.js';

let repo: TestRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

/** A repository whose discovered store holds a small release history: 3 component versions, 3 app versions, 4 deployments. */
async function seeded(): Promise<TestRepo> {
  const r = makeRepo({}, { git: false });
  const must = async (...args: Parameters<TestRepo['run']>) => {
    const out = await r.run(...args);
    if (out.exitCode !== 0) throw new Error(`${args[0]} failed: ${out.err}`);
    return out;
  };
  await must('version-update', { 'component-name': CART, 'component-version': '1.0.0', application: APP });
  await must('deploy', { application: APP, env: 'dev', 'exit-code': 0 });
  await must('version-update', { 'component-name': 'GLOBAL.Acme.Store.payments', 'component-version': '2.1.0', application: APP });
  const failed = await r.run('deploy', { application: APP, env: 'dev', 'exit-code': 3 });
  if (failed.exitCode !== 1) throw new Error(`the failed deploy exited ${failed.exitCode}: ${failed.err}`);
  await must('deploy', { application: APP, env: 'dev', 'exit-code': 0 });
  await must('move', { application: APP, to: 'qa' });
  await must('approve', { application: APP, stage: 'prod', notes: 'CAB-1' });
  await must('version-update', { 'component-name': CART, 'component-version': '1.1.0', application: APP });
  await must('deploy', { application: `${APP};2`, env: 'qa', 'exit-code': 0 });
  return r;
}

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p, 'base64'));
    }
  };
  walk(dir);
  return out;
}

describe('store info', () => {
  it('names the store, where it was chosen, the schema, the counts and the next ids', async () => {
    repo = await seeded();
    const r = await repo.run('store-info');
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({
      ok: true,
      operation: 'store-info',
      schema: 1,
      counts: { componentVersions: 3, applicationVersions: 3, deployments: 4, environmentStates: 2 },
      next: { componentVersion: 4, applicationVersion: 4, deployment: 5 },
      store: { kind: 'local', location: path.join(repo.dir, '.shiplog'), source: 'discovered' },
      config: null,
    });
  });

  it('on an Ortelius server: exit 2 saying it works on record stores', async () => {
    repo = makeRepo({}, { git: false });
    const r = await repo.run('store-info', { backend: 'ortelius', dhurl: 'http://127.0.0.1:9' });
    expect(r.exitCode).toBe(2);
    expect(r.result.error).toMatchObject({ message: expect.stringMatching(/works on local, git and postgres stores/) });
  });
});

describe('store copy', () => {
  it('local -> git -> local keeps every record and id; the copies answer status and history alike; a re-run writes nothing', async () => {
    repo = await seeded();
    const work = mkdtempSync(path.join(tmpdir(), 'shiplog-copy-'));
    try {
      const remote = makeBareRemote(path.join(work, 'state.git'));
      const env = { XDG_CACHE_HOME: path.join(work, 'cache') };
      const toGit = await repo.run('store-copy', { to: `git+file://${remote}` }, { env });
      expect(toGit.exitCode, toGit.err).toBe(0);
      expect(toGit.result).toMatchObject({
        from: path.join(repo.dir, '.shiplog'),
        to: `git+file://${remote}`,
        alreadyPresent: 0,
        counts: { deployments: 4, environmentStates: 2 },
        next: { componentVersion: 4, applicationVersion: 4, deployment: 5 },
        verified: true,
      });
      expect(toGit.result.written).toBeGreaterThan(10);
      const again = await repo.run('store-copy', { to: `git+file://${remote}` }, { env });
      expect(again.exitCode, again.err).toBe(0);
      expect(again.result).toMatchObject({ written: 0, alreadyPresent: toGit.result.written });
      const commits = execFileSync('git', ['--git-dir', remote, 'rev-list', '--count', 'refs/heads/shiplog-state']).toString().trim();

      const back = path.join(work, 'back');
      const toLocal = await repo.run('store-copy', { from: `git+file://${remote}`, to: back }, { env });
      expect(toLocal.exitCode, toLocal.err).toBe(0);
      for (const q of ['status', 'history'] as const) {
        const a = await repo.run(q, { json: true });
        const b = await repo.run(q, { json: true, store: `git+file://${remote}` }, { env });
        const c = await repo.run(q, { json: true, store: back });
        const strip = (x: Record<string, unknown>) => ({ ...x, store: undefined });
        expect(strip(b.result)).toEqual(strip(a.result));
        expect(strip(c.result)).toEqual(strip(a.result));
      }
      // New writes on the copy continue the ids densely.
      const dep = await repo.run('deploy', { application: APP, env: 'dev', 'exit-code': 0, store: back });
      expect(dep.result.deployment).toMatchObject({ id: 5 });
      const up = await repo.run('version-update', { 'component-name': CART, 'component-version': '9.0.0', application: APP, store: back });
      expect(up.result).toMatchObject({ componentVersionId: 'cv:4' });
      expect(up.result).toMatchObject({ appVersionId: 'av:4' });
      // The identical re-run above made no commit.
      expect(execFileSync('git', ['--git-dir', remote, 'rev-list', '--count', 'refs/heads/shiplog-state']).toString().trim()).toBe(commits);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('refuses a destination that holds other records: exit 2, nothing written (byte-identical)', async () => {
    repo = await seeded();
    const other = makeRepo({}, { git: false });
    try {
      const up = await other.run('version-update', {
        'component-name': 'GLOBAL.Other.thing',
        'component-version': '1',
        application: 'GLOBAL.Other.app',
      });
      expect(up.exitCode, up.err).toBe(0);
      const dest = path.join(other.dir, '.shiplog');
      const before = tree(dest);
      const r = await repo.run('store-copy', { to: dest });
      expect(r.exitCode).toBe(2);
      expect(r.result.error).toMatchObject({
        code: 'STORE_DISAGREES',
        message: expect.stringMatching(/is not empty and disagrees with .*nothing was copied/),
      });
      expect(tree(dest)).toEqual(before);
    } finally {
      other.cleanup();
    }
  });

  it('an interrupted copy is completed by a re-run: verified, nothing doubled', async () => {
    repo = await seeded();
    const host = createMemoryHost();
    const src = await openDocumentStore(host, parseStoreUrl(path.join(repo.dir, '.shiplog'), '/'));
    const destDir = path.join(repo.dir, 'copy');
    const dst = await openDocumentStore(host, parseStoreUrl(destDir, '/'));
    let batches = 0;
    const failing: DocumentStore = Object.create(dst, {
      transact: {
        value: (op: Parameters<DocumentStore['transact']>[0], fn: Parameters<DocumentStore['transact']>[1]) => {
          if (++batches === 3) throw new Error('runner lost');
          return dst.transact(op, fn);
        },
      },
    });
    await expect(copyStore(src, failing, { batchSize: 4 })).rejects.toThrow('runner lost');
    const done = await copyStore(src, dst, { batchSize: 4 });
    expect(done.alreadyPresent).toBe(8);
    // 10 documents: 2 component bases, 3 component versions, 1 application, 3 application versions, the catalog
    expect(done.counts).toEqual({ documents: 10, environmentStates: 2, deployments: 4 });
    const check = await repo.run('store-check', { store: destDir });
    expect(check.exitCode, check.err).toBe(0);
  });

  it('--from and --to the same store: exit 2', async () => {
    repo = await seeded();
    const r = await repo.run('store-copy', { to: '.shiplog' });
    expect(r.exitCode).toBe(2);
    expect(r.result.error).toMatchObject({ message: expect.stringMatching(/are the same store/) });
  });
});

describe('store check', () => {
  it('a healthy store: exit 0 with the counts', async () => {
    repo = await seeded();
    const r = await repo.run('store-check');
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({ consistent: true, problems: [], counts: { documents: 10, environmentStates: 2, deployments: 4 } });
  });

  it('finds a missing component version, a state pointing at a failed deployment and counters behind the ids: exit 1 listing each', async () => {
    repo = await seeded();
    const root = path.join(repo.dir, '.shiplog');
    const files = [...tree(root).keys()];
    const read = (f: string) => JSON.parse(readFileSync(path.join(root, f), 'utf8'));
    const cvFile = files.find((f) => f.startsWith('objects/cv/') && read(f).value.name.startsWith('GLOBAL.Acme.Store.payments'))!;
    unlinkSync(path.join(root, cvFile));
    const stateFile = files.find((f) => f.startsWith('objects/env/') && read(f).name === 'dev')!;
    writeFileSync(path.join(root, stateFile), JSON.stringify({ ...read(stateFile), deploymentId: 2 }));
    const meta = read('meta.json');
    writeFileSync(path.join(root, 'meta.json'), JSON.stringify({ ...meta, next: { ...meta.next, deployment: 3 } }));
    const r = await repo.run('store-check');
    expect(r.exitCode).toBe(1);
    expect(r.result).toMatchObject({ ok: false, consistent: false, error: { code: 'STORE_INCONSISTENT', exitCode: 1 } });
    const problems = (r.result.problems as { record: string; problem: string }[]).map((p) => `${p.record}: ${p.problem}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^component-base GLOBAL\.Acme\.Store\.payments: lists component version .* which does not exist$/),
        expect.stringMatching(
          /^application-version GLOBAL\.Acme\.Store\.shop;2: holds component version GLOBAL\.Acme\.Store\.payments.* which does not exist$/,
        ),
        expect.stringMatching(/^state of GLOBAL\.Acme\.Store\.shop in dev: names deployment 2, which is not a successful deployment/),
        'counters: next deployment id 3 is not above the highest in use (4)',
      ]),
    );
    expect(r.err).toMatch(/state of GLOBAL\.Acme\.Store\.shop in dev: names deployment 2/);
  });
});
