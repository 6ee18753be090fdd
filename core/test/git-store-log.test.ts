/**
 * The git store's deployment log (log/<id / 1e6>/<id / 1e3>/<id>.json) read by history and scan: across a
 * directory boundary, newest first or oldest first, and a deployment missing from the tree named in one line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openGitStore } from '../src/backend/git/index.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import type { StoreEntry } from '../src/backend/records/document-store.js';
import { ConfigError } from '../src/errors.js';
import { createMemoryHost } from '../src/host.js';
import { git, makeBareRemote } from './support/git-servers.js';

const PROV = { provider: 'local', isCi: false, buildId: '1' };
const AT = '2026-01-02T03:04:05.000Z';

it('history and scan read deployments across log directories by id; a missing one is a one-line ConfigError', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shiplog-git-log-'));
  try {
    const remote = makeBareRemote(join(dir, 'remote.git'));
    const host = createMemoryHost();
    const open = async (n: number) =>
      new RecordBackend(host, await openGitStore(host, { remote: `file://${remote}`, cacheDir: join(dir, `cache-${n}`) }));
    const b = await open(1);
    const cv = await b.putComponentVersion({
      domain: 'GLOBAL.Acme',
      short: 'cart',
      version: '1',
      kind: 'docker',
      attributes: {},
      provenance: PROV,
      at: AT,
    });
    const av = await b.putApplicationVersion({
      application: 'GLOBAL.Acme.shop',
      autoIncrement: false,
      component: cv.value,
      initialStage: 'dev',
      provenance: PROV,
      at: AT,
    });
    const deploy = (environment: string) =>
      b.recordDeployment({
        appVersion: av.value,
        environment,
        exitCode: 0,
        log: [environment],
        startedAt: AT,
        finishedAt: AT,
        mode: 'record',
        provenance: PROV,
      });
    expect((await deploy('qa')).id).toBe(1);
    await b.close();

    // Move the deployment counter to 998 by hand, so that the next ids straddle log/0/0 and log/0/1 (ids 2..997 never exist).
    const work = join(dir, 'work');
    git(['clone', '-q', '-b', 'shiplog-state', remote, work]);
    const meta = JSON.parse(readFileSync(join(work, 'meta.json'), 'utf8'));
    writeFileSync(join(work, 'meta.json'), `${JSON.stringify({ ...meta, next: { ...meta.next, deployment: 998 } })}\n`);
    git(['-c', 'user.name=t', '-c', 'user.email=t@localhost', 'commit', '-qam', 'skip ids'], { cwd: work });
    git(['push', '-q', 'origin', 'shiplog-state'], { cwd: work });

    const b2 = await open(2);
    const envs = ['e998', 'e999', 'e1000', 'e1001', 'e1002'];
    for (const e of envs)
      await b2.recordDeployment({
        appVersion: av.value,
        environment: e,
        exitCode: 0,
        log: [e],
        startedAt: AT,
        finishedAt: AT,
        mode: 'record',
        provenance: PROV,
      });
    const paths = git(['--git-dir', remote, 'ls-tree', '-r', '--name-only', 'refs/heads/shiplog-state', 'log/']).trim().split('\n');
    expect(paths).toEqual([
      'log/0/0/1.json',
      'log/0/0/998.json',
      'log/0/0/999.json',
      'log/0/1/1000.json',
      'log/0/1/1001.json',
      'log/0/1/1002.json',
    ]);

    const newest = await b2.history({ limit: 5 });
    expect(newest.map((d) => [d.id, d.environment])).toEqual([
      [1002, 'e1002'],
      [1001, 'e1001'],
      [1000, 'e1000'],
      [999, 'e999'],
      [998, 'e998'],
    ]);

    // Reading past 998 reaches the ids that were skipped: the store names the first missing one, in one line.
    for (const read of [() => b2.history({ limit: 6 }), () => b2.history({ environment: 'qa' })]) {
      const err = await read().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/^git store is inconsistent: deployment 997 is missing at [0-9a-f]{12}$/);
    }
    const scanned: StoreEntry[] = [];
    const scanErr = await (async () => {
      const store = await openGitStore(host, { remote: `file://${remote}`, cacheDir: join(dir, 'cache-3') });
      try {
        for await (const e of store.scan()) scanned.push(e);
      } finally {
        await store.close();
      }
    })().catch((e: unknown) => e);
    expect(scanErr).toBeInstanceOf(ConfigError);
    expect((scanErr as Error).message).toMatch(/^git store is inconsistent: deployment 2 is missing at [0-9a-f]{12}$/);
    expect(scanned.filter((e) => e.type === 'env-state')).toHaveLength(6);
    expect(scanned.filter((e) => e.type === 'deployment')).toEqual([]);
    await b2.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
