/** The local store's write lock: mutual exclusion, stale-lock breaking by many waiters at once, timeout. */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../src/backend/local/layout.js';
import { acquireStoreLock } from '../src/backend/local/store-lock.js';
import { StoreLockedError } from '../src/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shiplog-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

async function contend(n: number): Promise<{ maxHolders: number; entered: number }> {
  let holders = 0;
  let maxHolders = 0;
  let entered = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      const release = await acquireStoreLock(dir, { timeoutMs: 20_000 });
      holders++;
      entered++;
      maxHolders = Math.max(maxHolders, holders);
      await new Promise((r) => setTimeout(r, 3));
      holders--;
      await release();
    }),
  );
  return { maxHolders, entered };
}

describe('store lock', () => {
  it('admits one holder at a time and leaves nothing behind', async () => {
    expect(await contend(15)).toEqual({ maxHolders: 1, entered: 15 });
    expect(await readdir(dir)).toEqual([]);
  });

  it('many waiters breaking the same stale lock still admit one holder at a time', async () => {
    const pid = await deadPid();
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), token: 'dead', at: 'then' }));
    expect(await contend(15)).toEqual({ maxHolders: 1, entered: 15 });
    expect(await readdir(dir)).toEqual([]);
  });

  it('times out on a live holder and names it', async () => {
    const release = await acquireStoreLock(dir, { timeoutMs: 1000 });
    const err = await acquireStoreLock(dir, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreLockedError);
    expect((err as Error).message).toMatch(new RegExp(`locked by pid ${process.pid} on `));
    await release();
    await (
      await acquireStoreLock(dir, { timeoutMs: 150 })
    )();
  });

  it('breaks an unreadable lock file only once it is old', async () => {
    await writeFile(join(dir, LOCK_FILE), '');
    await expect(acquireStoreLock(dir, { timeoutMs: 100 })).rejects.toBeInstanceOf(StoreLockedError);
    const { utimes } = await import('node:fs/promises');
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, LOCK_FILE), old, old);
    await (
      await acquireStoreLock(dir, { timeoutMs: 1000 })
    )();
  });
});
