/**
 * The inter-process write lock of the local store: a file `write.lock` created with link(2), which is atomic
 * and fails when the file exists, so exactly one process holds it. The file names its owner (pid, host,
 * token). A lock whose owner process is gone (same host, kill(pid, 0) says ESRCH) is stale and is removed
 * under a short-lived breaker directory, so two waiters never both break it and never remove a fresh lock.
 * Locks from another host (shared filesystems) are stale only after `foreignStaleMs` without change.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreLockedError } from '../../errors.js';
import { isErrno } from './durable-file.js';
import { LOCK_FILE } from './layout.js';
/** A breaker directory older than this belongs to a process that died while breaking a lock. */
const BREAKER_STALE_MS = 10_000;
export async function acquireStoreLock(dir, opts) {
    const lockPath = join(dir, LOCK_FILE);
    const me = { pid: process.pid, host: hostname(), token: randomUUID(), at: new Date().toISOString() };
    const candidate = join(dir, `${LOCK_FILE}.${process.pid}.${me.token}.cand`);
    await writeFile(candidate, JSON.stringify(me));
    const started = Date.now();
    let attempt = 0;
    let lastOwner;
    try {
        for (;;) {
            try {
                await link(candidate, lockPath);
                return () => releaseStoreLock(lockPath, me.token);
            }
            catch (err) {
                if (isErrno(err, 'ENOENT')) {
                    // our candidate was swept as a dead process's leftover (another host sharing the directory)
                    await writeFile(candidate, JSON.stringify(me));
                    continue;
                }
                if (!isErrno(err, 'EEXIST'))
                    throw err;
            }
            const owner = await readOwner(lockPath);
            if (owner === 'gone')
                continue;
            if (owner !== 'unreadable')
                lastOwner = owner;
            if (await isStale(lockPath, owner, opts.foreignStaleMs ?? 600_000)) {
                await breakStaleLock(dir, lockPath, owner);
                continue;
            }
            const waited = Date.now() - started;
            if (waited >= opts.timeoutMs) {
                const who = lastOwner ? ` by pid ${lastOwner.pid} on ${lastOwner.host} since ${lastOwner.at}` : '';
                throw new StoreLockedError(`state store ${dir} is locked${who}; gave up after ${Math.round(waited / 1000)} s`, {
                    hint: `another shiplog is writing; if no shiplog runs, delete ${lockPath}`,
                });
            }
            attempt++;
            await sleep(Math.min(2 + attempt * 2, 40) * (0.5 + Math.random()));
        }
    }
    finally {
        await unlink(candidate).catch(() => undefined);
    }
}
async function releaseStoreLock(lockPath, token) {
    const owner = await readOwner(lockPath);
    // Only remove our own lock: if it was (wrongly) broken and re-taken, the new holder keeps it.
    if (typeof owner === 'object' && owner.token === token)
        await unlink(lockPath).catch(() => undefined);
}
async function readOwner(lockPath) {
    let text;
    try {
        text = await readFile(lockPath, 'utf8');
    }
    catch (err) {
        if (isErrno(err, 'ENOENT'))
            return 'gone';
        throw err;
    }
    try {
        const o = JSON.parse(text);
        return typeof o.pid === 'number' && typeof o.token === 'string' ? o : 'unreadable';
    }
    catch {
        return 'unreadable';
    }
}
/** True when process `pid` exists on this machine (EPERM: it exists but belongs to someone else). */
export function processAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return !isErrno(err, 'ESRCH');
    }
}
async function isStale(lockPath, owner, foreignStaleMs) {
    if (owner !== 'unreadable' && owner.host === hostname())
        return !processAlive(owner.pid);
    // Unreadable (torn by a machine crash) or foreign: judge by age.
    const st = await stat(lockPath).catch(() => undefined);
    if (!st)
        return false;
    const limit = owner === 'unreadable' ? BREAKER_STALE_MS : foreignStaleMs;
    return Date.now() - st.mtimeMs > limit;
}
async function breakStaleLock(dir, lockPath, seen) {
    const breaker = join(dir, `${LOCK_FILE}.break`);
    try {
        await mkdir(breaker);
    }
    catch (err) {
        if (!isErrno(err, 'EEXIST'))
            throw err;
        const st = await stat(breaker).catch(() => undefined);
        if (st && Date.now() - st.mtimeMs > BREAKER_STALE_MS)
            await rmdir(breaker).catch(() => undefined);
        else
            await sleep(5);
        return;
    }
    try {
        // Under the breaker nobody else removes the lock, and its dead owner cannot release it: if it still
        // carries the token we judged stale, removing it removes exactly that stale lock.
        const now = await readOwner(lockPath);
        const same = seen === 'unreadable' ? now === 'unreadable' : typeof now === 'object' && now.token === seen.token;
        if (same)
            await unlink(lockPath).catch(() => undefined);
    }
    finally {
        await rmdir(breaker).catch(() => undefined);
    }
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
