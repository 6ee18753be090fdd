/**
 * One ref of a repository kept in git's "files" ref storage, read and updated in process with git's own
 * protocol (gitrepository-layout(5), git-update-ref(1)): the value is the loose file `<gitdir>/<ref>`, else its
 * line in `packed-refs`; an update creates `<ref>.lock` exclusively (the lock every git process takes for
 * that ref), checks the current value, writes the new one into the lock and renames it over the ref. A
 * receive-pack or update-ref running at the same time takes the same lock, so exactly one of them wins.
 *
 * Used by LocalRemote for the state ref of a local bare repository: no process per read or update. A
 * repository with another ref storage (reftable) is updated through `git update-ref` instead (usesRefFiles).
 */
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export type CasResult = 'updated' | 'moved' | 'locked';

/** False when the repository keeps its refs in another format (extensions.refStorage). */
export async function usesRefFiles(gitDir: string): Promise<boolean> {
  const config = await readFile(join(gitDir, 'config'), 'utf8').catch(() => '');
  return !/^\s*refstorage\s*=/im.test(config);
}

/** The commit the ref names, or undefined when it does not exist. */
export async function readRefFile(gitDir: string, ref: string): Promise<string | undefined> {
  const loose = await readFile(join(gitDir, ref), 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR' || e.code === 'EISDIR') return undefined;
    throw e;
  });
  if (loose !== undefined) {
    const oid = loose.trim();
    if (/^[0-9a-f]{40}$/.test(oid)) return oid;
    throw new Error(`${join(gitDir, ref)} does not hold a commit id`);
  }
  const packed = await readFile(join(gitDir, 'packed-refs'), 'utf8').catch(() => '');
  for (const line of packed.split('\n')) {
    if (line.length > 41 && line.charCodeAt(40) === 32 && line.slice(41) === ref) return line.slice(0, 40);
  }
  return undefined;
}

/**
 * Sets the ref to `next` if it still is `expected` (undefined: if it does not exist). `moved`: it has another
 * value; `locked`: another process holds its lock right now (or left it behind: see lockAge).
 */
export async function compareAndSwapRef(gitDir: string, ref: string, next: string, expected: string | undefined): Promise<CasResult> {
  const path = join(gitDir, ref);
  const lock = `${path}.lock`;
  await mkdir(dirname(path), { recursive: true });
  let fh;
  try {
    fh = await open(lock, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'locked';
    throw e;
  }
  let renamed = false;
  try {
    if ((await readRefFile(gitDir, ref)) !== expected) return 'moved';
    await fh.writeFile(`${next}\n`);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(lock, path);
    renamed = true;
    return 'updated';
  } finally {
    await fh?.close().catch(() => undefined);
    if (!renamed) await unlink(lock).catch(() => undefined);
  }
}

/** How long ago the ref's lock file was last written (ms), or undefined when there is none. */
export async function lockAge(gitDir: string, ref: string, nowMs: number): Promise<number | undefined> {
  const st = await stat(join(gitDir, `${ref}.lock`)).catch(() => undefined);
  return st ? nowMs - st.mtimeMs : undefined;
}

/** Removes a lock judged stale (left by a killed process). */
export async function removeLock(gitDir: string, ref: string): Promise<void> {
  await unlink(join(gitDir, `${ref}.lock`)).catch(() => undefined);
}
