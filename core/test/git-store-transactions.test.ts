/**
 * The git store's transactions: how every kind of refused push is read (real git output), exactly-once re-runs
 * of keyed operations (a second process running the same CI step), and transactions that start optimistically
 * from the last known tip.
 */
import { spawn } from 'node:child_process';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openGitStore } from '../src/backend/git/index.js';
import { classifyPush } from '../src/backend/git/git-remote.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import { createMemoryHost } from '../src/host.js';
import { operationKey } from '../src/backend/records/record-backend.js';
import { testGitEnv, git, installHook, makeBareRemote } from './support/git-servers.js';
import { AT, CI_PROV, PROV, STATE_REF, gitFixture, remoteTip, seed, stateLog, waitForFile } from './support/git-store-fixture.js';

/** `git push --porcelain` run for real; resolves with what classifyPush is given. */
function push(gitDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('git', ['--git-dir', gitDir, 'push', '--porcelain', ...args], { env: testGitEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('git store: reading a refused push', () => {
  it('stale info, fetch first, non-fast-forward and cannot lock ref are lost races; a hook is a refusal; no server is a failure', async () => {
    const f = await gitFixture('shiplog-git-push-');
    try {
      const remote = f.remote;
      const url = `file://${remote}`;
      const ref = 'refs/heads/s';
      const client = makeBareRemote(join(f.dir, 'client.git'));
      const other = makeBareRemote(join(f.dir, 'other.git'));
      const tree = git(['--git-dir', client, 'mktree'], { input: '' }).trim();
      const commit = (dir: string, msg: string, parent?: string) =>
        git(['--git-dir', dir, 'commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', msg]).trim();
      const a = commit(client, 'A');
      git(['--git-dir', client, 'push', '-q', url, `${a}:${ref}`]);
      const c = commit(client, 'C', a);
      git(['--git-dir', other, 'fetch', '-q', url, `${ref}:${ref}`]);
      const b = commit(other, 'B', a);
      git(['--git-dir', other, 'push', '-q', url, `${b}:${ref}`]);
      const seen: Record<string, ReturnType<typeof classifyPush>> = {};
      const run = async (name: string, args: string[]) => {
        const r = await push(client, args);
        seen[name] = classifyPush(r.code, r.stdout, r.stderr, ref);
        return r;
      };
      expect((await run('stale info', [`--force-with-lease=${ref}:${a}`, url, `${c}:${ref}`])).stdout).toContain('(stale info)');
      expect((await run('fetch first', [url, `${c}:${ref}`])).stdout).toContain('(fetch first)');
      git(['--git-dir', client, 'fetch', '-q', url, `${ref}:refs/seen`]);
      expect((await run('non-fast-forward', [url, `${c}:${ref}`])).stdout).toContain('(non-fast-forward)');
      // The server's own compare-and-swap: this push waits in pre-receive while another one moves the ref.
      installHook(
        remote,
        'pre-receive',
        `if [ ! -e ${join(f.dir, 'once')} ]; then touch ${join(f.dir, 'once')} ${join(f.dir, 'held')}; while [ ! -e ${join(f.dir, 'go')} ]; do sleep 0.01; done; fi\ncat >/dev/null`,
      );
      const c2 = commit(client, 'C2', b);
      const held = run('cannot lock ref', [`--force-with-lease=${ref}:${b}`, url, `${c2}:${ref}`]);
      await waitForFile(join(f.dir, 'held'));
      git(['--git-dir', other, 'push', '-q', url, `${commit(other, 'B2', b)}:${ref}`]);
      writeFileSync(join(f.dir, 'go'), '');
      expect((await held).stdout).toMatch(/\[remote rejected\].*(cannot lock ref|incorrect old value|failed to update)/);
      installHook(remote, 'pre-receive', 'echo "GH006: Protected branch update failed" >&2; exit 1');
      git(['--git-dir', client, 'fetch', '-q', url, `+${ref}:refs/seen`]);
      await run('hook', [url, `${commit(client, 'C3', remoteTip(remote, ref))}:${ref}`]);
      await run('no server', [`file://${join(f.dir, 'missing.git')}`, `${c}:${ref}`]);
      expect(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, v.outcome]))).toEqual({
        'stale info': 'stale',
        'fetch first': 'stale',
        'non-fast-forward': 'stale',
        'cannot lock ref': 'stale',
        hook: 'refused',
        'no server': 'failed',
      });
      expect(seen.hook).toMatchObject({ reason: 'pre-receive hook declined', remoteLines: ['GH006: Protected branch update failed'] });
    } finally {
      await f.cleanup();
    }
  });
});

describe('git store: keyed operations run exactly once', () => {
  it('a deployment, approval and move re-run in the same CI step (a new process) return the first result and write nothing', async () => {
    const f = await gitFixture();
    try {
      const first = await f.backend();
      const { av } = await seed(first);
      const deploy = (b: typeof first) =>
        b.recordDeployment({
          appVersion: av.value,
          environment: 'prod',
          exitCode: 0,
          log: ['rolled out'],
          startedAt: AT,
          finishedAt: AT,
          mode: 'record',
          provenance: CI_PROV,
        });
      const approve = (b: typeof first, at: string) =>
        b.recordApproval({
          appVersion: av.value.name,
          stage: 'prod',
          approved: true,
          by: 'grace',
          at,
          notes: 'CAB-1',
          provenance: CI_PROV,
        });
      const move = (b: typeof first) =>
        b.moveApplicationVersion({
          appVersion: av.value,
          from: { name: 'dev', domain: 'GLOBAL.Acme.dev' },
          to: { name: 'prod', domain: 'GLOBAL.Acme.prod' },
          task: 'Move to prod',
          requiresApproval: true,
          by: 'ada',
          at: AT,
          provenance: CI_PROV,
        });
      const d1 = await deploy(first);
      const a1 = await approve(first, AT);
      const m1 = await move(first);
      await first.close();
      const commits = stateLog(f.remote).length;
      // The re-run: another process (another store instance and cache), later timestamps, same step.
      const rerun = await f.backend();
      expect(await deploy(rerun)).toEqual(d1);
      expect(await approve(rerun, '2026-01-02T04:00:00.000Z')).toEqual(a1);
      expect(await move(rerun)).toEqual(m1);
      expect(stateLog(f.remote)).toHaveLength(commits);
      expect((await rerun.history({})).map((d) => d.id)).toEqual([2, 1]);
      expect(await rerun.listApprovals(av.value.name)).toHaveLength(1);
      // The trailer names the idempotency key of each keyed operation.
      const key = operationKey('deploy', CI_PROV, [av.value.name, 'prod', 0, 'record']);
      expect(stateLog(f.remote).find(([s]) => s.startsWith('deploy: GLOBAL.Acme.shop;1 to prod'))?.[1]).toBe(key);
      await rerun.close();
    } finally {
      await f.cleanup();
    }
  });

  it('outside CI (no build identity) nothing is keyed: the same deployment recorded twice is two deployments', async () => {
    const f = await gitFixture();
    try {
      const b = await f.backend();
      const { av } = await seed(b);
      const again = () =>
        b.recordDeployment({
          appVersion: av.value,
          environment: 'qa',
          exitCode: 0,
          log: ['ok'],
          startedAt: AT,
          finishedAt: AT,
          mode: 'record',
          provenance: PROV,
        });
      expect([(await again()).id, (await again()).id]).toEqual([2, 3]);
      expect(operationKey('deploy', PROV, [])).toBeUndefined();
      await b.close();
    } finally {
      await f.cleanup();
    }
  });
});

describe('git store: optimistic transactions', () => {
  it('a transaction started from a tip another writer replaced is re-run from the new tip: the no-op and the refusal it computed are re-checked', async () => {
    const f = await gitFixture();
    try {
      // through the transport: in place every transaction reads the ref first (it costs nothing)
      const a = await f.backend({ inPlace: false });
      const b = await f.backend({ optimisticMs: 600_000, inPlace: false });
      const { av } = await seed(a);
      expect(await b.status()).toHaveLength(1); // b knows the tip now
      // a creates cart 2 and records an approval: b's tip lacks both
      const cv2 = await a.putComponentVersion({
        domain: 'GLOBAL.Acme',
        short: 'cart',
        version: '2',
        kind: 'docker',
        attributes: { K: 'v' },
        provenance: PROV,
        at: AT,
      });
      await a.recordApproval({ appVersion: av.value.name, stage: 'prod', approved: true, by: 'grace', at: AT, provenance: PROV });
      const before = remoteTip(f.remote);
      // b, starting from its older tip, would create cart 2 again: the compare-and-swap sends it back to the new tip
      const again = await b.putComponentVersion({
        domain: 'GLOBAL.Acme',
        short: 'cart',
        version: '2',
        kind: 'docker',
        attributes: { K: 'v' },
        provenance: PROV,
        at: AT,
      });
      expect(again).toEqual({ value: cv2.value, created: false });
      expect(remoteTip(f.remote)).toBe(before);
      // b's move needs the approval its old tip did not have
      const moved = await b.moveApplicationVersion({
        appVersion: av.value,
        from: { name: 'dev', domain: 'GLOBAL.Acme.dev' },
        to: { name: 'prod', domain: 'GLOBAL.Acme.prod' },
        task: 'Move to prod',
        requiresApproval: true,
        by: 'ada',
        at: AT,
        provenance: PROV,
      });
      expect(moved).toMatchObject({ from: 'dev', to: 'prod' });
      const meta = JSON.parse(git(['--git-dir', f.remote, 'show', `${STATE_REF}:meta.json`]));
      expect(meta.next).toEqual({ componentVersion: 3, applicationVersion: 2, deployment: 2 });
      await a.close();
      await b.close();
    } finally {
      await f.cleanup();
    }
  });
});

describe('git store: a local bare repository in place', () => {
  it('is read and written in place (no cache), its ref moved by update-ref; a ref lock a killed writer left long ago is removed', async () => {
    const f = await gitFixture();
    try {
      const host = createMemoryHost({ env: { PATH: process.env.PATH, XDG_CACHE_HOME: join(f.dir, 'xdg') } });
      const b = new RecordBackend(host, await openGitStore(host, { remote: f.remote }));
      const { av } = await seed(b);
      expect(existsSync(join(f.dir, 'xdg'))).toBe(false);
      const lock = join(f.remote, `${STATE_REF}.lock`);
      writeFileSync(lock, `${remoteTip(f.remote)}\n`);
      const old = new Date(Date.now() - 120_000);
      utimesSync(lock, old, old);
      const d = await b.recordDeployment({
        appVersion: av.value,
        environment: 'prod',
        exitCode: 0,
        log: [],
        startedAt: AT,
        finishedAt: AT,
        mode: 'record',
        provenance: PROV,
      });
      expect(d.id).toBe(2);
      expect(existsSync(lock)).toBe(false);
      expect(stateLog(f.remote)).toHaveLength(4);
      expect(git(['--git-dir', f.remote, 'fsck', '--strict', '--no-dangling']).trim()).toBe('');
      await b.close();
    } finally {
      await f.cleanup();
    }
  });
});
