/**
 * The git store over smart HTTP (`git http-backend` behind a Node server with Basic auth) and over `git daemon`:
 * conformance, refused credentials, secrets kept out of everything stored, a server stopped mid-operation.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openGitStore } from '../src/backend/git/index.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import { AuthError, BackendError } from '../src/errors.js';
import { createMemoryHost } from '../src/host.js';
import { describeBackendConformance } from './backend-conformance.js';
import { git, installHook, makeBareRemote, startGitDaemon, startHttpGitServer } from './support/git-servers.js';
import { AT, PROV, seed } from './support/record-seed.js';

const USER = 'ci-bot';
const PASSWORD = 'pw-Zq8!s3cr3t/+=';

async function httpFixture() {
  const dir = await mkdtemp(join(tmpdir(), 'shiplog-git-http-'));
  const root = join(dir, 'srv');
  makeBareRemote(join(root, 'state.git'));
  const server = await startHttpGitServer({ root, username: USER, password: PASSWORD });
  return {
    dir,
    root,
    server,
    remote: join(root, 'state.git'),
    cleanup: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describeBackendConformance('git (smart http, Basic auth)', async () => {
  const f = await httpFixture();
  const host = createMemoryHost();
  const store = await openGitStore(host, {
    remote: f.server.url('state.git'),
    username: USER,
    password: PASSWORD,
    cacheDir: join(f.dir, 'cache'),
  });
  return { backend: new RecordBackend(host, store), cleanup: f.cleanup };
});

/** Every file under dir whose bytes contain needle (raw), as relative paths. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (statSync(p).size < 50 << 20 && readFileSync(p).includes(needle)) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

/** The content of every object in a repository (decompressed), as one string. */
function allObjects(gitDir: string): string {
  const ids = git(['--git-dir', gitDir, 'cat-file', '--batch-all-objects', '--batch-check=%(objectname)'])
    .trim()
    .split('\n')
    .filter(Boolean);
  return execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: `${ids.join('\n')}\n`, maxBuffer: 1 << 28 }).toString(
    'latin1',
  );
}

describe('git store over smart http', () => {
  it('a wrong password is AuthError (exit 3) naming the redacted remote; no password is exit 3 too', async () => {
    const f = await httpFixture();
    try {
      const host = createMemoryHost();
      const wrong = 'not-the-password-123';
      const b = new RecordBackend(
        host,
        await openGitStore(host, { remote: f.server.url('state.git'), username: USER, password: wrong, cacheDir: join(f.dir, 'c1') }),
      );
      const err = await b.status().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect((err as AuthError).exitCode).toBe(3);
      expect((err as Error).message).toContain(`git store ${f.server.url('state.git')}`);
      expect((err as Error).message).not.toContain(wrong);
      expect((err as AuthError).hint).toMatch(/token or password/);
      await expect(seed(b)).rejects.toBeInstanceOf(AuthError);
      await b.close();
      const anon = new RecordBackend(host, await openGitStore(host, { remote: f.server.url('state.git'), cacheDir: join(f.dir, 'c2') }));
      await expect(anon.status()).rejects.toMatchObject({ exitCode: 3 });
      await anon.close();
      expect(f.server.requests.some((r) => r.authorized)).toBe(false);
    } finally {
      await f.cleanup();
    }
  });

  it('credentials (given as options or inside the URL) never reach argv-visible config, the cache, the remote objects or messages', async () => {
    const f = await httpFixture();
    try {
      const host = createMemoryHost();
      const url = f.server.url('state.git').replace('http://', `http://${USER}:${encodeURIComponent(PASSWORD)}@`);
      const store = await openGitStore(host, { remote: url, cacheDir: join(f.dir, 'cache') });
      expect(store.location).toBe(f.server.url('state.git'));
      const b = new RecordBackend(host, store);
      await seed(b);
      // a version-update whose attributes name the secret: the redactor masks it before it is stored
      await b.putComponentVersion({
        domain: 'GLOBAL.Acme',
        short: 'cart',
        version: '2',
        kind: 'docker',
        attributes: { Token: PASSWORD },
        provenance: PROV,
        at: AT,
      });
      const info = await store.info();
      await b.close();
      expect(f.server.requests.some((r) => r.authorized && r.method === 'POST' && r.path.endsWith('git-receive-pack'))).toBe(true);
      const forms = [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`${USER}:${PASSWORD}`).toString('base64')];
      for (const form of forms) {
        expect(filesContaining(join(f.dir, 'cache'), form)).toEqual([]);
        expect(filesContaining(f.remote, form)).toEqual([]);
        expect(allObjects(f.remote)).not.toContain(form);
        expect(allObjects(join(f.dir, 'cache'))).not.toContain(form);
        expect(JSON.stringify(info)).not.toContain(form);
        expect(host.err()).not.toContain(form);
      }
      expect(readFileSync(join(f.dir, 'cache', 'config'), 'utf8')).not.toMatch(/url|extraheader|password/i);
      expect(git(['--git-dir', f.remote, 'log', '-1', '--format=%B', 'refs/heads/shiplog-state'])).toMatch(
        /^version-update: component version GLOBAL\.Acme\.cart;2/,
      );
    } finally {
      await f.cleanup();
    }
  });

  it('a token given as the URL user (https://<token>@host/...) is sent through askpass with an empty password, never stored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-git-http-'));
    const token = 'ghp_TokenAsUser0123456789abcdef';
    makeBareRemote(join(dir, 'srv', 'state.git'));
    const server = await startHttpGitServer({ root: join(dir, 'srv'), username: token, password: '' });
    try {
      const host = createMemoryHost();
      const url = server.url('state.git').replace('http://', `http://${token}@`);
      const store = await openGitStore(host, { remote: url, cacheDir: join(dir, 'cache') });
      expect(store.location).toBe(server.url('state.git'));
      const b = new RecordBackend(host, store);
      await seed(b);
      expect((await b.history({})).map((d) => d.id)).toEqual([1]);
      await b.close();
      expect(server.requests.some((r) => r.authorized && r.path.endsWith('git-receive-pack'))).toBe(true);
      expect(filesContaining(join(dir, 'cache'), token)).toEqual([]);
      expect(allObjects(join(dir, 'srv', 'state.git'))).not.toContain(token);
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a server stopped mid-operation: exit 4 after bounded retries naming the attempts, nothing half-written', async () => {
    const f = await httpFixture();
    try {
      const host = createMemoryHost();
      const store = await openGitStore(host, {
        remote: f.server.url('state.git'),
        username: USER,
        password: PASSWORD,
        cacheDir: join(f.dir, 'cache'),
        transportAttempts: 3,
      });
      const b = new RecordBackend(host, store);
      const { av } = await seed(b);
      const before = git(['--git-dir', f.remote, 'rev-parse', 'refs/heads/shiplog-state']).trim();
      // The next push waits in the hook; the server is stopped (its git processes killed) while it waits.
      installHook(
        f.remote,
        'pre-receive',
        `touch ${join(f.dir, 'held')}\nwhile [ ! -e ${join(f.dir, 'release')} ]; do sleep 0.01; done\nexit 1`,
      );
      const pending = b
        .recordDeployment({
          appVersion: av.value,
          environment: 'prod',
          exitCode: 0,
          log: [],
          startedAt: AT,
          finishedAt: AT,
          mode: 'record',
          provenance: PROV,
        })
        .catch((e: unknown) => e);
      for (let i = 0; i < 3000 && !existsSync(join(f.dir, 'held')); i++) await new Promise((r) => setTimeout(r, 10));
      await f.server.stop();
      const err = await pending;
      execFileSync('touch', [join(f.dir, 'release')]);
      expect(err).toBeInstanceOf(BackendError);
      expect((err as BackendError).exitCode).toBe(4);
      expect((err as Error).message).toMatch(/after 3 attempts|failed 3 times/);
      expect((err as Error).message).toContain(f.server.url('state.git'));
      expect((err as Error).message).not.toContain(PASSWORD);
      expect(git(['--git-dir', f.remote, 'rev-parse', 'refs/heads/shiplog-state']).trim()).toBe(before);
      expect(git(['--git-dir', f.remote, 'fsck', '--no-dangling']).trim()).toBe('');
      await b.close();
      // the store reads back complete through file://
      const r = new RecordBackend(host, await openGitStore(host, { remote: f.remote, cacheDir: join(f.dir, 'check') }));
      expect((await r.history({})).map((d) => d.id)).toEqual([1]);
      await r.close();
    } finally {
      await f.cleanup();
    }
  });
});

describe('git store over git daemon', () => {
  it('smoke: writes, reads back from a second cache, refuses a hook-declined push with exit 4', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-git-daemon-'));
    const root = join(dir, 'srv');
    const remote = makeBareRemote(join(root, 'state.git'));
    const daemon = await startGitDaemon(root);
    try {
      const host = createMemoryHost();
      const a = new RecordBackend(host, await openGitStore(host, { remote: daemon.url('state.git'), cacheDir: join(dir, 'a') }));
      const { dep } = await seed(a);
      const b = new RecordBackend(host, await openGitStore(host, { remote: daemon.url('state.git'), cacheDir: join(dir, 'b') }));
      expect((await b.status()).map((s) => [s.name, s.appVersion, s.deploymentId])).toEqual([['qa', 'GLOBAL.Acme.shop;1', dep.id]]);
      await seed(b, 'cart', '2');
      expect((await a.history({})).map((d) => d.id)).toEqual([2, 1]);
      installHook(remote, 'pre-receive', 'echo "state is read-only" >&2; exit 1');
      await expect(seed(a, 'cart', '3')).rejects.toMatchObject({ exitCode: 4, message: expect.stringContaining('state is read-only') });
      await a.close();
      await b.close();
    } finally {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
