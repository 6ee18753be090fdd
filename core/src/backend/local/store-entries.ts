/**
 * Every path the local store touches is an entry inside its directory, and none may be a symbolic link: a store
 * restored from a CI cache or an artifact is untrusted, and a linked `tmp/` or log segment would make a writer
 * delete or truncate files outside the store. The store directory itself may be a link (a cache mount); below it,
 * each directory on the way to an entry is checked with lstat (once per run: directories the store made or found
 * real stay real for it), and the entry itself is opened with O_NOFOLLOW or checked with lstat before it is
 * replaced. A link anywhere is StoreSymlinkError (exit 2) before anything is changed.
 */
import { constants } from 'node:fs';
import { lstat, open, readdir, type FileHandle } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { StoreSymlinkError } from '../../errors.js';
import { isErrno } from './durable-file.js';

export function symlinkRefused(root: string, rel: string): StoreSymlinkError {
  return new StoreSymlinkError(`store entry ${rel} is a symbolic link`, {
    hint: `in ${root}: a store may hold no symbolic links (nothing was changed); remove the link or restore the store again`,
  });
}

export class StoreEntries {
  /** Store-relative directories found to be real directories. */
  private readonly realDirs = new Set<string>();

  constructor(readonly root: string) {}

  /** The absolute path of an entry. */
  path(rel: string): string {
    return join(this.root, rel);
  }

  /**
   * Throws StoreSymlinkError when `rel`, or a directory between the store root and it, is a symbolic link.
   * Missing entries pass (they are created later by code that does not follow links either).
   */
  async check(rel: string): Promise<void> {
    const parts = rel.split(/[\\/]/).filter((p) => p && p !== '.');
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join(sep);
      const last = i === parts.length;
      if (!last && this.realDirs.has(sub)) continue;
      let st;
      try {
        st = await lstat(join(this.root, sub));
      } catch (err) {
        if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return;
        throw err;
      }
      if (st.isSymbolicLink()) throw symlinkRefused(this.root, sub);
      if (!last && st.isDirectory()) this.realDirs.add(sub);
    }
  }

  /** Checks the directories above `rel` (not `rel` itself: O_NOFOLLOW covers it). */
  private async checkParents(rel: string): Promise<void> {
    const cut = rel.lastIndexOf(sep);
    if (cut > 0) await this.check(rel.slice(0, cut));
  }

  /** Opens an entry without following a link (flags: O_RDONLY, O_RDWR, ...); ELOOP becomes StoreSymlinkError. */
  async open(rel: string, flags: number, mode = 0o644): Promise<FileHandle> {
    await this.checkParents(rel);
    try {
      return await open(join(this.root, rel), flags | constants.O_NOFOLLOW, mode);
    } catch (err) {
      if (isErrno(err, 'ELOOP')) throw symlinkRefused(this.root, rel);
      throw err;
    }
  }

  /** An entry's text, or undefined when it does not exist. */
  async readText(rel: string): Promise<string | undefined> {
    let fh: FileHandle;
    try {
      fh = await this.open(rel, constants.O_RDONLY);
    } catch (err) {
      if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return undefined;
      throw err;
    }
    try {
      return await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
  }

  /** The names in a directory entry (sorted), none when it does not exist. */
  async list(rel: string): Promise<string[]> {
    await this.check(rel);
    try {
      return (await readdir(join(this.root, rel))).sort();
    } catch (err) {
      if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return [];
      throw err;
    }
  }

  /** lstat of an entry (after checking the directories above it), undefined when missing. */
  async lstat(rel: string) {
    await this.checkParents(rel);
    try {
      return await lstat(join(this.root, rel));
    } catch (err) {
      if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return undefined;
      throw err;
    }
  }
}
