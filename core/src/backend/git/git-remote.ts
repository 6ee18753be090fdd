/**
 * The two conversations with the remote: a shallow fetch of the state ref into a private ref of the cache, and
 * a compare-and-swap push (`--force-with-lease=<ref>:<expected>`). Each answers in terms the transaction loop
 * acts on: a tip (or none), pushed / lost the race / refused, or a catalogue error.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BackendError } from '../../errors.js';
import { classifyTransport, transportError, type Git, type TransportFailure } from './git-command.js';

/** The cache's private refs holding fetched remote tips: one per store instance, so processes sharing a cache never contend for it. */
export const TIP_REF_PREFIX = 'refs/shiplog/remote/';

export interface RemoteSpec {
  /** The URL or path handed to git (no credentials in it). */
  url: string;
  ref: string;
  /** Redacted, for messages. */
  location: string;
}

export type FetchResult = { tip: string | undefined } | { failure: TransportFailure | 'locked'; detail: string };

export async function fetchTip(git: Git, gitDir: string, remote: RemoteSpec, tipRef: string): Promise<FetchResult> {
  const r = await git.run([
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-write-fetch-head',
    '--no-auto-maintenance',
    '--no-recurse-submodules',
    '--no-show-forced-updates',
    '--depth=1',
    remote.url,
    `+${remote.ref}:${tipRef}`,
  ]);
  if (r.code === 0) return { tip: await readRef(git, gitDir, tipRef) };
  if (/couldn't find remote ref/i.test(r.stderr)) return { tip: undefined };
  return { failure: lockedInCache(r.stderr) ? 'locked' : classifyTransport(r.stderr), detail: git.tail(r.stderr) };
}

/**
 * Another process sharing this cache holds a lock (shallow.lock, a ref lock), or changed the cache's shallow
 * file during this fetch (two applies on one machine share the cache): worth another try.
 */
export function lockedInCache(stderr: string): boolean {
  return /\.lock'?: File exists|Unable to create .*\.lock|cannot lock ref|shallow file has changed since we read it/i.test(stderr);
}

async function readRef(git: Git, gitDir: string, ref: string): Promise<string> {
  // The loose ref file is the fast path (the store never packs refs); rev-parse covers packed refs.
  const loose = await readFile(join(gitDir, ref), 'utf8').catch(() => '');
  if (/^[0-9a-f]{40,64}\s*$/.test(loose)) return loose.trim();
  return (await git.ok(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
}

export type PushResult =
  | { outcome: 'pushed' }
  | { outcome: 'stale'; detail: string }
  | { outcome: 'failed'; failure: TransportFailure; detail: string };

/**
 * Pushes `commit` to the state ref if, and only if, the remote ref still is `expected` (absent when undefined).
 * A refusal by the server (hook, protection) throws at once: retrying cannot help.
 */
export async function pushIfUnchanged(git: Git, remote: RemoteSpec, commit: string, expected: string | undefined): Promise<PushResult> {
  const r = await git.run([
    'push',
    '--porcelain',
    '--no-verify',
    '--no-follow-tags',
    '--no-signed',
    `--force-with-lease=${remote.ref}:${expected ?? ''}`,
    remote.url,
    `${commit}:${remote.ref}`,
  ]);
  const out = r.stdout.toString('utf8');
  const line = out.split('\n').find((l) => l.includes(`:${remote.ref}\t`) || l.endsWith(`:${remote.ref}`)) ?? '';
  const flag = line.charAt(0);
  if (r.code === 0 && (flag === '*' || flag === ' ' || flag === '+' || flag === '=' || flag === '-')) return { outcome: 'pushed' };
  const summary = line.split('\t').slice(2).join(' ').trim();
  if (flag === '!') {
    // Lost the race: the lease did not hold (client side) or the server's ref update saw another value.
    if (/^\[rejected\]/.test(summary) || /^\[remote rejected\].*(cannot lock|failed to (update|lock)|incorrect old value|reference already exists)/i.test(summary)) {
      return { outcome: 'stale', detail: summary };
    }
    if (/^\[remote rejected\]/.test(summary)) {
      const hookLines = r.stderr
        .split('\n')
        .filter((l) => /^remote:/.test(l))
        .map((l) => l.replace(/^remote:\s*/, '').trim())
        .filter(Boolean);
      const reason = summary.replace(/^\[remote rejected\]\s*/, '').replace(/^\((.*)\)$/, '$1');
      throw new BackendError(
        `git store ${remote.location}: the remote refused the push to ${remote.ref}: ${git.tail(reason)}${hookLines.length ? `: ${git.tail(hookLines.join('\n'))}` : ''}`,
        { hint: `allow this token or key to push to ${remote.ref} (a protected branch or a pre-receive hook refuses it), or choose another ref with #ref=` },
      );
    }
    throw new BackendError(`git store ${remote.location}: push to ${remote.ref} rejected: ${git.tail(`${summary}\n${r.stderr}`)}`);
  }
  return { outcome: 'failed', failure: classifyTransport(r.stderr), detail: git.tail(r.stderr) };
}

export function fetchFailure(res: { failure: TransportFailure | 'locked'; detail: string }, remote: RemoteSpec): Error {
  if (res.failure === 'locked') return new BackendError(`git store cache is locked by another process: ${res.detail}`);
  return transportError(res.failure, `fetching ${remote.ref}`, remote.location, res.detail);
}
