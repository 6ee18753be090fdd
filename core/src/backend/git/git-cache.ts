/**
 * The cache repository of a git store: a bare repository outside the work tree (docs/store-git.md "The
 * cache"), shared by every shiplog process of a job that names the same remote and ref. What it holds beside
 * git's own files:
 *
 *   shiplog-tip                  the newest remote tip any process saw (fetched or pushed), written with a
 *                                rename; a new process seeds its private ref from it, so its first fetch
 *                                negotiates from there and downloads only what changed since
 *   refs/shiplog/remote/<inst>   one private ref per store instance (<pid>.<host>.<random>): the tip it fetched
 *   write.lock                   held (pid lock, stale when its process is gone) only while a process fills an
 *                                empty cache with a shallow fetch, the one fetch that rewrites git's `shallow`
 *   shiplog-txn/write.lock       held by the process whose transaction is racing for the ref (the writers
 *                                of one runner take turns)
 *
 * A process killed at any point leaves nothing that breaks the next one: its private ref is swept by the next
 * process on the same host (its pid is gone), a `shallow.lock` it left is removed under write.lock (every
 * shallow fetch runs under it), a `packed-refs.lock` older than a minute is removed (git holds it for
 * milliseconds), and objects it wrote without a commit that landed are unreferenced and harmless.
 */
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readFile, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { BackendError, ConfigError, StoreLockedError } from '../../errors.js';
import type { Host } from '../../host.js';
import { acquireStoreLock, processAlive } from '../local/store-lock.js';
import { Git, buildGitEnv } from './git-command.js';

export const TIP_FILE = 'shiplog-tip';
export const PRIVATE_REF_ROOT = 'refs/shiplog/remote';
/** How long a process waits for another one filling the cache (a first, shallow fetch of a large store). */
const FILL_LOCK_TIMEOUT_MS = 10 * 60_000;
const PACKED_REFS_LOCK_STALE_MS = 60_000;
const TXN_LOCK_DIR = 'shiplog-txn';
/** How long a writer waits for the other writers of its runner (each bounded by its own attempts). */
const TXN_LOCK_TIMEOUT_MS = 30 * 60_000;

const HOST_TAG = createHash('sha256').update(hostname(), 'utf8').digest('hex').slice(0, 8);

/** A new private ref name for one store instance: refs/shiplog/remote/<pid>.<host>.<random>. */
export function privateRef(): string {
  return `${PRIVATE_REF_ROOT}/${process.pid}.${HOST_TAG}.${randomBytes(4).toString('hex')}`;
}

/**
 * Creates the cache (a bare SHA-1 repository) unless it exists. `git init` runs in a private directory beside it
 * that one rename puts in place: the processes of a job that start together see either no cache or a whole one
 * (two inits into one directory race on copying git's templates, and the loser fails with "File exists").
 */
export async function ensureCache(host: Host, gitDir: string): Promise<void> {
  if (await exists(join(gitDir, 'HEAD'))) return;
  const git = new Git(buildGitEnv(host.env, {}), host);
  const init = (dir: string) => git.run(['init', '--bare', '--quiet', '--object-format=sha1', dir]);
  const fail = (why: string) => new ConfigError(`cannot create the git store cache ${gitDir}: ${why}`);
  await mkdir(dirname(gitDir), { recursive: true }).catch(() => undefined);
  const tmp = `${gitDir}.${process.pid}.${randomBytes(4).toString('hex')}.init`;
  const r = await init(tmp);
  if (r.code !== 0) {
    await rm(tmp, { recursive: true, force: true });
    throw fail(r.stderr.trim());
  }
  try {
    await rename(tmp, gitDir);
    return;
  } catch {
    await rm(tmp, { recursive: true, force: true });
  }
  // Another process put its cache in place first; or a directory without HEAD is there (an init that was killed
  // before this way existed): git init completes it in place.
  if (await exists(join(gitDir, 'HEAD'))) return;
  const again = await init(gitDir);
  if (again.code !== 0 && !(await exists(join(gitDir, 'HEAD')))) throw fail(again.stderr.trim());
}

export class GitCache {
  constructor(
    readonly gitDir: string,
    private readonly git: Git,
  ) {}

  /** The last remote tip recorded by any process, when it names a commit present in the cache. */
  async knownTip(): Promise<string | undefined> {
    const text = await readFile(join(this.gitDir, TIP_FILE), 'utf8').catch(() => '');
    const oid = text.trim();
    return /^[0-9a-f]{40}$/.test(oid) ? oid : undefined;
  }

  /** Records a tip whose objects are all in the cache (fetched and checked, or written and pushed). */
  async rememberTip(oid: string): Promise<void> {
    const path = join(this.gitDir, TIP_FILE);
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, `${oid}\n`);
      await rename(tmp, path);
    } catch {
      // Only a hint for the next process: losing it costs one larger fetch, nothing else.
      await unlink(tmp).catch(() => undefined);
    }
  }

  /** Points `ref` at `oid`; false when the commit is not in the cache (then the caller fetches from scratch). */
  async seed(ref: string, oid: string): Promise<boolean> {
    const r = await this.git.run(['update-ref', '--no-deref', ref, oid]);
    return r.code === 0;
  }

  /**
   * Runs fn holding write.lock (the shallow fetch into an empty cache). Every shallow fetch runs under it, so
   * a `shallow.lock` found while holding it was left by a killed process and is removed first.
   */
  async whileFilling<T>(fn: () => Promise<T>): Promise<T> {
    let release: () => Promise<void>;
    try {
      release = await acquireStoreLock(this.gitDir, { timeoutMs: FILL_LOCK_TIMEOUT_MS });
    } catch (e) {
      if (e instanceof StoreLockedError) {
        throw new BackendError(`git store cache ${this.gitDir}: another shiplog has been filling it for too long: ${e.message}`, {
          hint: e.hint,
        });
      }
      throw e;
    }
    try {
      await unlink(join(this.gitDir, 'shallow.lock')).catch(() => undefined);
      return await fn();
    } finally {
      await release();
    }
  }

  /**
   * Runs fn holding the cache's transaction lock (`shiplog-txn/write.lock`, a pid lock): the writers of one
   * runner take turns, so that only one of them races the other runners for the ref instead of all of them.
   */
  async inTurn<T>(fn: () => Promise<T>): Promise<T> {
    const dir = join(this.gitDir, TXN_LOCK_DIR);
    await mkdir(dir, { recursive: true });
    let release: () => Promise<void>;
    try {
      release = await acquireStoreLock(dir, { timeoutMs: TXN_LOCK_TIMEOUT_MS });
    } catch (e) {
      if (e instanceof StoreLockedError) {
        throw new BackendError(
          `git store cache ${this.gitDir}: another shiplog on this runner has been writing for too long: ${e.message}`,
          { hint: e.hint },
        );
      }
      throw e;
    }
    try {
      return await fn();
    } finally {
      await release();
    }
  }

  /** Deletes private refs of processes of this host that are gone, and a packed-refs.lock left long ago. */
  async sweep(keep: string): Promise<void> {
    const names = await readdir(join(this.gitDir, PRIVATE_REF_ROOT)).catch(() => [] as string[]);
    const dead = names
      .filter((n) => !n.endsWith('.lock'))
      .map((n) => ({ n, m: /^(\d+)\.([0-9a-f]{8})\./.exec(n) }))
      .filter(({ n, m }) => `${PRIVATE_REF_ROOT}/${n}` !== keep && m !== null && m[2] === HOST_TAG && !processAlive(Number(m[1])))
      .map(({ n }) => `${PRIVATE_REF_ROOT}/${n}`);
    if (dead.length) await this.deleteRefs(dead);
  }

  async deleteRefs(refs: string[]): Promise<void> {
    const lock = join(this.gitDir, 'packed-refs.lock');
    const st = await stat(lock).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > PACKED_REFS_LOCK_STALE_MS) await unlink(lock).catch(() => undefined);
    await this.git.run(['update-ref', '--stdin'], refs.map((r) => `delete ${r}\n`).join(''));
  }
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}
