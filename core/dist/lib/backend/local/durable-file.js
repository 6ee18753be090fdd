/** Small file primitives with explicit durability: write to a temp file, fsync, rename, fsync the directory. */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
export function isErrno(err, code) {
    return typeof err === 'object' && err !== null && err.code === code;
}
/** Reads a file as UTF-8, or undefined when it does not exist (a missing directory counts as missing). */
export async function readTextIfExists(path) {
    try {
        return await readFile(path, 'utf8');
    }
    catch (err) {
        if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR'))
            return undefined;
        throw err;
    }
}
export async function fsyncPath(path) {
    const fh = await open(path, 'r');
    try {
        await fh.sync();
    }
    finally {
        await fh.close();
    }
}
/**
 * Writes `data` to `target` atomically: a temp file in `tmpDir` (same filesystem) is written and fsynced,
 * then renamed over the target. Returns the directories whose entries changed (the caller fsyncs them once,
 * after a batch of writes). Missing parent directories are created.
 */
export async function writeFileAtomic(tmpDir, target, data) {
    const tmp = join(tmpDir, `${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}`);
    const fh = await open(tmp, 'w', 0o644);
    try {
        await fh.writeFile(data, 'utf8');
        await fh.sync();
    }
    finally {
        await fh.close();
    }
    const changed = [dirname(target)];
    try {
        await rename(tmp, target);
    }
    catch (err) {
        if (!isErrno(err, 'ENOENT'))
            throw err;
        const first = await mkdir(dirname(target), { recursive: true });
        if (first)
            changed.push(...parentsFrom(first, dirname(target)));
        await rename(tmp, target);
    }
    return changed;
}
/** The directories whose entries a recursive mkdir changed: the parent of `first` up to `last`'s parent. */
function parentsFrom(first, last) {
    const out = [dirname(first)];
    for (let d = last; d !== dirname(first) && d.length >= first.length; d = dirname(d))
        out.push(d);
    return out;
}
