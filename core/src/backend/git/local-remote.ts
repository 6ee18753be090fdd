/**
 * The state ref in a bare repository on a local or shared filesystem, reached in place (state-remote.ts):
 * objects are read and written in the repository's own object store, and the ref is read and moved with git's
 * ref-file protocol (ref-file.ts: lock, check the old value, rename), exactly the last step of a push, or with
 * `git rev-parse` / `git update-ref <ref> <new> <old>` when the repository keeps its refs in another format.
 * No cache, no transport, no process per operation.
 *
 * Only used for a repository a push would not run anything for (localBareRemote: bare, no receive or
 * reference-transaction hooks, no core.hooksPath, no core.sharedRepository); anything else is pushed to.
 *
 * A writer killed while it holds the ref's lock leaves `<ref>.lock` behind, which would refuse every later
 * update. A lock is held for milliseconds, so one older than STALE_REF_LOCK_MS is removed.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackendError } from '../../errors.js';
import type { Host } from '../../host.js';
import type { Git } from './git-command.js';
import type { PushResult, RemoteSpec } from './git-remote.js';
import { compareAndSwapRef, lockAge, readRefFile, removeLock, usesRefFiles } from './ref-file.js';
import { ObjectReader } from './object-reader.js';
import { ObjectWriter } from './object-writer.js';
import type { StateRemote } from './state-remote.js';

const STALE_REF_LOCK_MS = 30_000;
const ZERO_OID = '0'.repeat(40);
/** Hooks a push runs in a bare repository: their presence sends the store through a real push. */
const RECEIVE_HOOKS = ['pre-receive', 'update', 'post-receive', 'post-update', 'proc-receive', 'reference-transaction', 'push-to-checkout'];

/** The directory of a remote that can be used in place, or undefined (then the store pushes to it). */
export async function localBareRemote(url: string): Promise<string | undefined> {
  let dir: string;
  if (/^file:\/\//i.test(url)) {
    try {
      dir = fileURLToPath(url);
    } catch {
      return undefined;
    }
  } else if (url.startsWith('/')) dir = url;
  else return undefined;
  const isFile = async (p: string) => (await stat(p).catch(() => undefined))?.isFile() === true;
  const isDir = async (p: string) => (await stat(p).catch(() => undefined))?.isDirectory() === true;
  if (!(await isFile(join(dir, 'HEAD'))) || !(await isDir(join(dir, 'objects'))) || !(await isDir(join(dir, 'refs')))) return undefined;
  const config = await readFile(join(dir, 'config'), 'utf8').catch(() => undefined);
  if (config === undefined || !/^\s*bare\s*=\s*true\s*$/im.test(config) || /^\s*(hookspath|sharedrepository)\s*=/im.test(config))
    return undefined;
  for (const hook of RECEIVE_HOOKS) if (await isFile(join(dir, 'hooks', hook))) return undefined;
  return dir;
}

export class LocalRemote implements StateRemote {
  readonly reader: ObjectReader;
  readonly writer: ObjectWriter;
  last: string | undefined;
  private refFiles: boolean | undefined;

  constructor(
    private readonly host: Host,
    /** git with GIT_DIR = the remote repository. */
    private readonly git: Git,
    private readonly remote: RemoteSpec,
    private readonly verify: (tip: string) => Promise<void>,
  ) {
    this.reader = new ObjectReader(git.env, git.limits);
    this.writer = new ObjectWriter(git.env.GIT_DIR, this.reader);
  }

  private get gitDir(): string {
    return this.git.env.GIT_DIR;
  }

  async fetch(): Promise<string | undefined> {
    this.refFiles ??= await usesRefFiles(this.gitDir);
    let tip: string | undefined;
    if (this.refFiles) {
      try {
        tip = await readRefFile(this.gitDir, this.remote.ref);
      } catch (e) {
        throw this.failed('reading', (e as Error).message, 'check that this runner may read the repository directory');
      }
    } else {
      const r = await this.git.run(['rev-parse', '--verify', '--quiet', `${this.remote.ref}^{commit}`]);
      if (r.code === 0) tip = r.stdout.toString('utf8').trim();
      else if (r.stderr.trim())
        throw this.failed('reading', this.git.tail(r.stderr), 'check that this runner may read the repository directory');
    }
    if (tip) await this.verify(tip);
    this.last = tip;
    return tip;
  }

  /** Never: reading the ref in place costs less than one lost compare-and-swap, so every transaction reads it. */
  confirmedWithin(): boolean {
    return false;
  }

  async publish(commit: string, expected: string | undefined): Promise<PushResult> {
    this.refFiles ??= await usesRefFiles(this.gitDir);
    const outcome = this.refFiles ? await this.swapRefFile(commit, expected) : await this.updateRef(commit, expected);
    if (outcome === 'updated') {
      this.last = commit;
      return { outcome: 'pushed' };
    }
    if (outcome === 'locked') {
      // a ref's lock is held for milliseconds: an old one was left by a killed process
      const age = await lockAge(this.gitDir, this.remote.ref, this.host.now().getTime());
      if (age !== undefined && age > STALE_REF_LOCK_MS) {
        this.host.log.debug(
          `git store: removing the lock of ${this.remote.ref}, left by a writer that stopped ${Math.round(age / 1000)} s ago`,
        );
        await removeLock(this.gitDir, this.remote.ref);
      }
    }
    return {
      outcome: 'stale',
      detail: outcome === 'locked' ? `${this.remote.ref} is locked by another writer` : `${this.remote.ref} moved`,
    };
  }

  private async swapRefFile(commit: string, expected: string | undefined): Promise<'updated' | 'moved' | 'locked'> {
    try {
      return await compareAndSwapRef(this.gitDir, this.remote.ref, commit, expected);
    } catch (e) {
      throw this.failed(
        'updating',
        (e as Error).message,
        'check that this runner may write to the repository directory and the disk is not full',
      );
    }
  }

  private async updateRef(commit: string, expected: string | undefined): Promise<'updated' | 'moved' | 'locked'> {
    const r = await this.git.run(['update-ref', '--no-deref', this.remote.ref, commit, expected ?? ZERO_OID]);
    if (r.code === 0) return 'updated';
    if (/Unable to create .*\.lock.*File exists/is.test(r.stderr)) return 'locked';
    if (/cannot lock ref|but expected|already exists|unable to resolve reference/i.test(r.stderr)) return 'moved';
    throw this.failed(
      'updating',
      this.git.tail(r.stderr),
      'check that this runner may write to the repository directory and the disk is not full',
    );
  }

  private failed(what: string, detail: string, hint: string): BackendError {
    return new BackendError(`git store ${this.remote.location}: ${what} ${this.remote.ref} failed: ${this.host.redactor.redact(detail)}`, {
      hint,
    });
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}
