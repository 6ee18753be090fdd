/** The git store over file:// (real bare repositories): conformance, layout, refusals, format checks. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openGitStore } from '../src/backend/git/index.js';
import { BackendError, ConfigError, SchemaVersionError } from '../src/errors.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import { createMemoryHost } from '../src/host.js';
import { describeBackendConformance } from './backend-conformance.js';
import { git, installHook, makeBareRemote } from './support/git-servers.js';
import { AT, PROV, gitFixture as fixture, seed } from './support/git-store-fixture.js';

describeBackendConformance('git (file://)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shiplog-git-conf-'));
  const remote = makeBareRemote(join(dir, 'remote.git'));
  const host = createMemoryHost();
  const store = await openGitStore(host, { remote: `file://${remote}`, cacheDir: join(dir, 'cache') });
  return { backend: new RecordBackend(host, store), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

const remoteTip = (remote: string) => git(['--git-dir', remote, 'rev-parse', '--verify', '-q', 'refs/heads/shiplog-state']).trim();

async function waitForFile(p: string): Promise<void> {
  for (let i = 0; i < 3000 && !existsSync(p); i++) await new Promise((r) => setTimeout(r, 10));
  if (!existsSync(p)) throw new Error(`${p} never appeared`);
}

describe('git store over file://', () => {
  it('writes one commit per operation with the title and the Shiplog-Operation trailer, nothing for a no-op', async () => {
    const f = await fixture();
    try {
      const b = new RecordBackend(f.host, await f.open());
      const { cv } = await seed(b);
      const again = await b.putComponentVersion({
        domain: 'GLOBAL.Acme',
        short: 'cart',
        version: '1',
        kind: 'docker',
        attributes: {},
        provenance: PROV,
        at: AT,
      });
      expect(again.created).toBe(false);
      await b.close();
      const log = git([
        '--git-dir',
        f.remote,
        'log',
        '--format=%s%n%(trailers:key=Shiplog-Operation,valueonly)%n--',
        'refs/heads/shiplog-state',
      ]);
      const entries = log
        .split('--\n')
        .map((e) => e.trim())
        .filter(Boolean);
      expect(entries).toHaveLength(3);
      expect(entries[2]).toMatch(
        new RegExp(`^version-update: component version ${cv.value.name.replace(/[.;]/g, '\\$&')}\\n[0-9a-f]{16}$`),
      );
      expect(entries[0]).toMatch(/^deploy: GLOBAL\.Acme\.shop;1 to qa succeeded\n[0-9a-f]{16}$/);
      const ids = entries.map((e) => e.split('\n')[1]);
      expect(new Set(ids).size).toBe(3);
      expect(git(['--git-dir', f.remote, 'rev-list', '--count', 'refs/heads/shiplog-state']).trim()).toBe('3');
    } finally {
      await f.cleanup();
    }
  });

  it('keeps the sharded layout: schema, meta with the counters, objects by kind, env state, one blob per deployment', async () => {
    const f = await fixture();
    try {
      const b = new RecordBackend(f.host, await f.open());
      await seed(b);
      await b.close();
      const paths = git(['--git-dir', f.remote, 'ls-tree', '-r', '--name-only', 'refs/heads/shiplog-state']).trim().split('\n');
      expect(paths).toContain('schema.json');
      expect(paths).toContain('meta.json');
      expect(paths).toContain('log/0/0/1.json');
      for (const k of ['cb', 'cv', 'ab', 'av'])
        expect(paths.some((p) => new RegExp(`^objects/${k}/[0-9a-f]{2}/[0-9a-f]{40}\\.json$`).test(p))).toBe(true);
      expect(paths.filter((p) => /^env\/[0-9a-f]{40}\/[0-9a-f]{40}\.json$/.test(p))).toHaveLength(1);
      const meta = JSON.parse(git(['--git-dir', f.remote, 'show', 'refs/heads/shiplog-state:meta.json']));
      expect(meta.next).toEqual({ componentVersion: 2, applicationVersion: 2, deployment: 2 });
      expect(JSON.parse(git(['--git-dir', f.remote, 'show', 'refs/heads/shiplog-state:schema.json']))).toMatchObject({
        format: 'shiplog-git-store',
        schema: 1,
      });
    } finally {
      await f.cleanup();
    }
  });

  it('info and scan: kind git, redacted location, counts, ref and tip; every record, deployments oldest first', async () => {
    const f = await fixture();
    try {
      const store = await f.open();
      expect((await store.info()).schema).toBe('absent');
      const b = new RecordBackend(f.host, store);
      await seed(b);
      const cv2 = await b.putComponentVersion({
        domain: 'GLOBAL.Acme',
        short: 'cart',
        version: '2',
        kind: 'docker',
        attributes: {},
        provenance: PROV,
        at: AT,
      });
      const av2 = await b.putApplicationVersion({
        application: 'GLOBAL.Acme.shop',
        autoIncrement: false,
        component: cv2.value,
        initialStage: 'dev',
        provenance: PROV,
        at: AT,
      });
      await b.recordDeployment({
        appVersion: av2.value,
        environment: 'prod',
        exitCode: 1,
        log: [],
        startedAt: AT,
        finishedAt: AT,
        mode: 'record',
        provenance: PROV,
      });
      const info = await store.info();
      expect(info).toMatchObject({
        kind: 'git',
        location: `file://${f.remote}`,
        schema: 1,
        counts: { componentVersions: 2, applicationVersions: 2, deployments: 2, environmentStates: 1 },
        next: { componentVersion: 3, applicationVersion: 3, deployment: 3 },
        details: { ref: 'refs/heads/shiplog-state', tip: remoteTip(f.remote) },
      });
      const entries = [];
      for await (const e of store.scan()) entries.push(e);
      expect(
        entries
          .filter((e) => e.type === 'doc')
          .map((e) => (e as { kind: string }).kind)
          .sort(),
      ).toEqual(
        [
          'application',
          'application-version',
          'application-version',
          'catalog',
          'component-base',
          'component-version',
          'component-version',
        ].sort(),
      );
      expect(entries.filter((e) => e.type === 'env-state')).toHaveLength(1);
      expect(entries.filter((e) => e.type === 'deployment').map((e) => (e.value as { id: number }).id)).toEqual([1, 2]);
      await b.close();
    } finally {
      await f.cleanup();
    }
  });

  it('a ref that is not a shiplog store (a normal branch) is a one-line ConfigError (exit 2), for reads and writes', async () => {
    const f = await fixture();
    try {
      const work = join(f.dir, 'work');
      git(['init', '-q', '-b', 'main', work]);
      writeFileSync(join(work, 'README.md'), '# app\n');
      git(['add', '.'], { cwd: work });
      git(['commit', '-qm', 'init'], { cwd: work });
      git(['push', '-q', f.remote, 'main:refs/heads/main'], { cwd: work });
      const store = await f.open({ ref: 'main' });
      const b = new RecordBackend(f.host, store);
      const err = await b.status().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).exitCode).toBe(2);
      expect((err as Error).message).toMatch(/^ref refs\/heads\/main of file:\/\/.* is not a shiplog git store/);
      expect((err as Error).message).not.toContain('\n');
      await expect(seed(b)).rejects.toBeInstanceOf(ConfigError);
      expect(git(['--git-dir', f.remote, 'rev-list', '--count', 'refs/heads/main']).trim()).toBe('1');
      await b.close();
    } finally {
      await f.cleanup();
    }
  });

  it('a store written by a newer shiplog (schema 99) is refused with SchemaVersionError', async () => {
    const f = await fixture();
    try {
      const b = new RecordBackend(f.host, await f.open());
      await seed(b);
      await b.close();
      const work = join(f.dir, 'newer');
      git(['clone', '-q', '-b', 'shiplog-state', f.remote, work]);
      writeFileSync(join(work, 'schema.json'), JSON.stringify({ format: 'shiplog-git-store', schema: 99, createdAt: AT }));
      git(['commit', '-qam', 'future'], { cwd: work });
      git(['push', '-q', 'origin', 'shiplog-state'], { cwd: work });
      const b2 = new RecordBackend(f.host, await f.open());
      await expect(b2.status()).rejects.toBeInstanceOf(SchemaVersionError);
      await b2.close();
    } finally {
      await f.cleanup();
    }
  });

  it('a pre-receive hook that refuses (protected ref): exit 4 with the hook message, not retried, nothing written', async () => {
    const f = await fixture();
    try {
      let b = new RecordBackend(f.host, await f.open());
      await seed(b);
      const before = remoteTip(f.remote);
      installHook(
        f.remote,
        'pre-receive',
        `echo "$(cat ${join(f.dir, 'count')} 2>/dev/null)x" > ${join(f.dir, 'count')}\necho "GH006: Protected branch update failed for refs/heads/shiplog-state." >&2\nexit 1`,
      );
      // a repository with a receive hook is always pushed to (the next command sees the hook), so its policy runs
      await b.close();
      b = new RecordBackend(f.host, await f.open());
      const err = await b
        .putComponentVersion({
          domain: 'GLOBAL.Acme',
          short: 'cart',
          version: '2',
          kind: 'docker',
          attributes: {},
          provenance: PROV,
          at: AT,
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackendError);
      expect((err as BackendError).exitCode).toBe(4);
      expect((err as Error).message).toContain('refused the push to refs/heads/shiplog-state');
      expect((err as Error).message).toContain('pre-receive hook declined');
      expect((err as Error).message).toContain('GH006: Protected branch update failed');
      expect(readFileSync(join(f.dir, 'count'), 'utf8').trim()).toBe('x');
      expect(remoteTip(f.remote)).toBe(before);
      await b.close();
    } finally {
      await f.cleanup();
    }
  });

  it('an unreachable remote is exit 4 naming the remote and what to check; never a local fallback', async () => {
    const f = await fixture();
    try {
      const store = await f.open({ remote: `file://${join(f.dir, 'missing.git')}` });
      const b = new RecordBackend(f.host, store);
      const err = await b.status().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackendError);
      expect((err as BackendError).exitCode).toBe(4);
      expect((err as Error).message).toContain(`git store file://${join(f.dir, 'missing.git')}`);
      expect((err as BackendError).hint).toMatch(/remote URL/);
      await expect(seed(b)).rejects.toBeInstanceOf(BackendError);
      expect(existsSync(join(f.dir, 'missing.git'))).toBe(false);
      await b.close();
    } finally {
      await f.cleanup();
    }
  });

  it('a push that loses the race (held in a slow hook while another writer lands) re-runs from the new tip: ids dense', async () => {
    const f = await fixture();
    try {
      const a = new RecordBackend(f.host, await f.open({ inPlace: false }));
      const b = new RecordBackend(f.host, await f.open({ inPlace: false }));
      const { av } = await seed(a);
      // The first push after this is held in the hook until released; later pushes pass at once.
      const c = join(f.dir, 'n');
      installHook(
        f.remote,
        'pre-receive',
        `n=$(($(cat ${c} 2>/dev/null || echo 0)+1)); echo $n > ${c}\nif [ $n -eq 1 ]; then touch ${join(f.dir, 'held')}; while [ ! -e ${join(f.dir, 'release')} ]; do sleep 0.01; done; fi\ncat >/dev/null`,
      );
      const deploy = (x: RecordBackend, env: string) =>
        x.recordDeployment({
          appVersion: av.value,
          environment: env,
          exitCode: 0,
          log: [],
          startedAt: AT,
          finishedAt: AT,
          mode: 'record',
          provenance: PROV,
        });
      const slow = deploy(a, 'staging');
      await waitForFile(join(f.dir, 'held'));
      const fast = await deploy(b, 'prod');
      writeFileSync(join(f.dir, 'release'), '');
      const late = await slow;
      expect(fast.id).toBe(2);
      expect(late.id).toBe(3);
      expect(Number(readFileSync(c, 'utf8'))).toBe(3);
      expect((await b.history({})).map((d) => [d.id, d.environment])).toEqual([
        [3, 'staging'],
        [2, 'prod'],
        [1, 'qa'],
      ]);
      await a.close();
      await b.close();
    } finally {
      await f.cleanup();
    }
  });

  it('retries exhausted: exit 4 naming the attempt count, nothing of the operation written', async () => {
    const f = await fixture();
    try {
      const a = new RecordBackend(f.host, await f.open({ maxAttempts: 1, inPlace: false }));
      const b = new RecordBackend(f.host, await f.open({ inPlace: false }));
      const { av } = await seed(a);
      installHook(
        f.remote,
        'pre-receive',
        `if [ ! -e ${join(f.dir, 'once')} ]; then touch ${join(f.dir, 'once')} ${join(f.dir, 'held')}; while [ ! -e ${join(f.dir, 'release')} ]; do sleep 0.01; done; fi\ncat >/dev/null`,
      );
      const slow = a
        .recordDeployment({
          appVersion: av.value,
          environment: 'staging',
          exitCode: 0,
          log: [],
          startedAt: AT,
          finishedAt: AT,
          mode: 'record',
          provenance: PROV,
        })
        .catch((e: unknown) => e);
      await waitForFile(join(f.dir, 'held'));
      await b.recordDeployment({
        appVersion: av.value,
        environment: 'prod',
        exitCode: 0,
        log: [],
        startedAt: AT,
        finishedAt: AT,
        mode: 'record',
        provenance: PROV,
      });
      writeFileSync(join(f.dir, 'release'), '');
      const err = await slow;
      expect(err).toBeInstanceOf(BackendError);
      expect((err as BackendError).exitCode).toBe(4);
      expect((err as Error).message).toMatch(/gave up after 1 attempts/);
      expect((await b.history({})).map((d) => d.environment)).toEqual(['prod', 'qa']);
      await a.close();
      await b.close();
    } finally {
      await f.cleanup();
    }
  });

  it('the cache is a bare repository outside the work tree, derived from XDG_CACHE_HOME, and reused', async () => {
    const f = await fixture();
    try {
      const xdg = join(f.dir, 'xdg');
      const host = createMemoryHost({ env: { XDG_CACHE_HOME: xdg, PATH: process.env.PATH } });
      const b = new RecordBackend(host, await openGitStore(host, { remote: f.remote, inPlace: false }));
      await seed(b);
      await b.close();
      const caches = readdirSync(join(xdg, 'shiplog', 'git'));
      expect(caches).toHaveLength(1);
      expect(git(['--git-dir', join(xdg, 'shiplog', 'git', caches[0]), 'rev-parse', '--is-bare-repository']).trim()).toBe('true');
      const b2 = new RecordBackend(host, await openGitStore(host, { remote: `${f.remote}`, inPlace: false }));
      expect(await b2.status()).toHaveLength(1);
      await b2.close();
      expect(readdirSync(join(xdg, 'shiplog', 'git'))).toEqual(caches);
      // the private refs of finished stores are gone
      expect(git(['--git-dir', join(xdg, 'shiplog', 'git', caches[0]), 'for-each-ref', 'refs/shiplog/']).trim()).toBe('');
    } finally {
      await f.cleanup();
    }
  });
});
