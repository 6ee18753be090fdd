/**
 * The git store's cache: later commands negotiate from the tip the cache holds (no shallow fetch after the
 * first), the objects written in process are valid git objects, and what a killed process leaves in the cache
 * (locks, its private ref) does not break the next command.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openGitStore } from '../src/backend/git/index.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import { createMemoryHost } from '../src/host.js';
import { startGitWriter } from './fixtures/store/spawn-writer.js';
import { git, installHook } from './support/git-servers.js';
import { AT, PROV, STATE_REF, deadPid, gitFixture, remoteTip, seed } from './support/git-store-fixture.js';

const shallowLines = (cache: string) =>
  existsSync(join(cache, 'shallow')) ? readFileSync(join(cache, 'shallow'), 'utf8').trim().split('\n').filter(Boolean).length : 0;
const privateRefs = (cache: string) =>
  git(['--git-dir', cache, 'for-each-ref', '--format=%(refname)', 'refs/shiplog/']).trim().split('\n').filter(Boolean);

describe('git store cache', () => {
  it('only the first fetch into a cache is shallow: later commands (new store instances) negotiate from the tip it holds', async () => {
    const f = await gitFixture();
    try {
      const other = await f.backend({ inPlace: false });
      await seed(other);
      const cache = join(f.dir, 'job-cache');
      for (let n = 0; n < 6; n++) {
        // one command of the job: a new store instance on the job's cache, reading and writing
        const b = new RecordBackend(f.host, await f.open({ cacheDir: cache, inPlace: false }));
        expect(await b.status()).toHaveLength(1);
        await b.putComponentVersion({
          domain: 'GLOBAL.Acme',
          short: 'cart',
          version: `job-${n}`,
          kind: 'docker',
          attributes: {},
          provenance: PROV,
          at: AT,
        });
        await b.close();
        // meanwhile another runner writes
        await other.putComponentVersion({
          domain: 'GLOBAL.Acme',
          short: 'cart',
          version: `other-${n}`,
          kind: 'docker',
          attributes: {},
          provenance: PROV,
          at: AT,
        });
      }
      await other.close();
      expect(shallowLines(cache)).toBe(1);
      expect(readFileSync(join(cache, 'shiplog-tip'), 'utf8').trim()).toMatch(/^[0-9a-f]{40}$/);
      expect(privateRefs(cache)).toEqual([]);
    } finally {
      await f.cleanup();
    }
  });

  it.each([
    ['through the cache', false],
    ['in place', true],
  ])(
    'writes valid objects %s (git fsck --strict on the remote and the cache), trees in git order past 10 deployments',
    async (_, inPlace) => {
      const f = await gitFixture();
      try {
        const b = await f.backend({ cacheDir: join(f.dir, 'cache'), inPlace });
        const { av } = await seed(b);
        for (let i = 0; i < 11; i++) {
          await b.recordDeployment({
            appVersion: av.value,
            environment: `e${i % 3}`,
            exitCode: i % 2,
            log: [`${i}`],
            startedAt: AT,
            finishedAt: AT,
            mode: 'record',
            provenance: PROV,
          });
        }
        await b.close();
        expect(git(['--git-dir', f.remote, 'fsck', '--strict', '--no-dangling']).trim()).toBe('');
        if (!inPlace)
          expect(git(['--git-dir', join(f.dir, 'cache'), 'fsck', '--strict', '--no-dangling', remoteTip(f.remote)]).trim()).toBe('');
        expect(existsSync(join(f.dir, 'cache'))).toBe(!inPlace);
        expect(
          git(['--git-dir', f.remote, 'ls-tree', '--name-only', `${STATE_REF}:log/0/0`])
            .trim()
            .split('\n'),
        ).toEqual(['1', '10', '11', '12', '2', '3', '4', '5', '6', '7', '8', '9'].map((n) => `${n}.json`));
      } finally {
        await f.cleanup();
      }
    },
  );

  it("a killed process's leftovers (shallow.lock, a dead owner's write.lock) do not stop the next command filling the cache", async () => {
    const f = await gitFixture();
    try {
      await seed(await f.backend());
      const cache = join(f.dir, 'cache');
      // a cache created, then its first (shallow) fetch killed: git's lock and shiplog's fill lock stay behind
      await (await f.open({ cacheDir: cache, inPlace: false })).close();
      writeFileSync(join(cache, 'shallow.lock'), '');
      writeFileSync(join(cache, 'write.lock'), JSON.stringify({ pid: deadPid(), host: hostname(), token: 'killed', at: AT }));
      const b = new RecordBackend(f.host, await f.open({ cacheDir: cache, inPlace: false }));
      expect(await b.status()).toHaveLength(1);
      await seed(b, 'cart', '2');
      await b.close();
      expect(existsSync(join(cache, 'shallow.lock'))).toBe(false);
      expect(existsSync(join(cache, 'write.lock'))).toBe(false);
      expect(shallowLines(cache)).toBe(1);
    } finally {
      await f.cleanup();
    }
  });

  it('a process killed with SIGKILL leaves its private ref: the next command on this host sweeps it; an old packed-refs.lock goes too', async () => {
    const f = await gitFixture();
    try {
      await seed(await f.backend());
      // a receive hook: the remote is pushed to through the cache, as a hosted remote would be
      installHook(f.remote, 'pre-receive', 'cat >/dev/null');
      // a working directory whose origin is the remote; its cache under XDG_CACHE_HOME, as a runner's
      const work = join(f.dir, 'work');
      git(['clone', '-q', f.remote, work]);
      const cacheHome = join(f.dir, 'xdg');
      const reader = startGitWriter({ cwd: work, cacheHome, worker: 0, count: 0, reader: true });
      const writer = startGitWriter({ cwd: work, cacheHome, worker: 1, count: 0 });
      for (let i = 0; i < 6000 && (reader.acks.length < 2 || writer.acks.length < 2); i++) await new Promise((r) => setTimeout(r, 10));
      reader.child.kill('SIGKILL');
      writer.child.kill('SIGKILL');
      expect((await reader.done).signal, reader.stderr()).toBe('SIGKILL');
      expect((await writer.done).signal, writer.stderr()).toBe('SIGKILL');
      const [cacheDir] = readdirSync(join(cacheHome, 'shiplog', 'git')).map((d) => join(cacheHome, 'shiplog', 'git', d));
      const left = privateRefs(cacheDir);
      expect(left.length).toBeGreaterThanOrEqual(2);
      const tag = createHash('sha256').update(hostname(), 'utf8').digest('hex').slice(0, 8);
      expect(left.every((r) => new RegExp(`^refs/shiplog/remote/\\d+\\.${tag}\\.[0-9a-f]{8}$`).test(r))).toBe(true);
      writeFileSync(join(cacheDir, 'packed-refs.lock'), '');
      const old = new Date(Date.now() - 120_000);
      utimesSync(join(cacheDir, 'packed-refs.lock'), old, old);
      // the next command (a reader, then a writer) on the same cache
      const host = createMemoryHost({ env: { PATH: process.env.PATH, XDG_CACHE_HOME: cacheHome }, cwd: work });
      const b = new RecordBackend(host, await openGitStore(host, { remote: f.remote, cacheDir }));
      expect((await b.history({})).length).toBeGreaterThanOrEqual(writer.acks.filter((a) => a.kind === 'dep').length);
      await seed(b, 'cart', 'after-kill');
      await b.close();
      expect(privateRefs(cacheDir)).toEqual([]);
      expect(existsSync(join(cacheDir, 'packed-refs.lock'))).toBe(false);
      expect(git(['--git-dir', f.remote, 'fsck', '--no-dangling']).trim()).toBe('');
    } finally {
      await f.cleanup();
    }
  });
});
