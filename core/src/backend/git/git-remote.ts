/**
 * The two conversations with the remote: a fetch of the state ref into a private ref of the cache, and a
 * compare-and-swap push (`--force-with-lease=<ref>:<expected>`). Each answers in terms the transaction loop
 * acts on: a tip (or none), pushed / lost the race / refused, or a catalogue error.
 *
 * A fetch into an empty cache is shallow (`--depth=1`: the tip's tree, no history). Later fetches are not:
 * the private ref already points at a tip the cache holds, so git negotiates from it and receives only the
 * commits written since, never older history, and git's `shallow` file does not grow with every fetch (each
 * `--depth=1` fetch adds a line that every later fetch and push sends to the server again).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BackendError } from '../../errors.js';
import { classifyTransport, transportError, type Git, type TransportFailure } from './git-command.js';

export interface RemoteSpec {
  /** The URL or path handed to git (no credentials in it). */
  url: string;
  ref: string;
  /** Redacted, for messages. */
  location: string;
}

export type FetchResult = { tip: string | undefined } | { failure: TransportFailure | 'locked'; detail: string };

export async function fetchTip(git: Git, gitDir: string, remote: RemoteSpec, tipRef: string, shallow: boolean): Promise<FetchResult> {
  const r = await git.run([
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-write-fetch-head',
    '--no-auto-maintenance',
    '--no-recurse-submodules',
    '--no-show-forced-updates',
    ...(shallow ? ['--depth=1'] : []),
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
  | { outcome: 'refused'; reason: string; remoteLines: string[] }
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
  const res = classifyPush(r.code, r.stdout.toString('utf8'), r.stderr, remote.ref);
  if (res.outcome === 'refused') {
    const hook = res.remoteLines.length ? `: ${git.tail(res.remoteLines.join('\n'))}` : '';
    throw new BackendError(`git store ${remote.location}: the remote refused the push to ${remote.ref}: ${git.tail(res.reason)}${hook}`, {
      hint: `allow this token or key to push to ${remote.ref} (a protected branch or a pre-receive hook refuses it), or choose another ref with #ref=`,
    });
  }
  if (res.outcome === 'stale' || res.outcome === 'failed') return { ...res, detail: git.tail(res.detail) };
  return res;
}

/**
 * What `git push --porcelain` said about the state ref. Lost races, whichever way git words them, are `stale`
 * (the transaction runs again from the new tip): the lease did not hold on the client (`stale info`), the
 * remote had moved on (`fetch first`, `non-fast-forward`), or the server's own compare-and-swap of the ref
 * failed (`cannot lock ref`, `incorrect old value`, `failed to update ref`, `reference already exists`).
 * Any other `[remote rejected]` is the server's policy (a hook, a protected branch): `refused`. No line for
 * the ref at all means the conversation failed: `failed`, classified by classifyTransport.
 */
export function classifyPush(code: number, stdout: string, stderr: string, ref: string): PushResult {
  const line = stdout.split('\n').find((l) => l.includes(`:${ref}\t`) || l.endsWith(`:${ref}`)) ?? '';
  const flag = line.charAt(0);
  if (code === 0 && (flag === '*' || flag === ' ' || flag === '+' || flag === '=' || flag === '-')) return { outcome: 'pushed' };
  const summary = line.split('\t').slice(2).join(' ').trim();
  if (flag === '!') {
    if (
      /^\[rejected\]/.test(summary) ||
      /^\[remote rejected\].*(cannot lock|failed to (update|lock)|incorrect old value|reference already exists)/i.test(summary)
    ) {
      return { outcome: 'stale', detail: summary };
    }
    const remoteLines = stderr
      .split('\n')
      .filter((l) => /^remote:/.test(l))
      .map((l) => l.replace(/^remote:\s*/, '').trim())
      .filter(Boolean);
    return { outcome: 'refused', reason: summary.replace(/^\[remote rejected\]\s*/, '').replace(/^\((.*)\)$/, '$1'), remoteLines };
  }
  return { outcome: 'failed', failure: classifyTransport(stderr), detail: stderr };
}

export function fetchFailure(res: { failure: TransportFailure | 'locked'; detail: string }, remote: RemoteSpec): Error {
  if (res.failure === 'locked') return new BackendError(`git store cache is locked by another process: ${res.detail}`);
  return transportError(res.failure, `fetching ${remote.ref}`, remote.location, res.detail);
}
