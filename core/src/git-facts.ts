/**
 * Facts about the git checkout a build runs in (shared/ortelius-api.md section 9), read with a handful of
 * `git` calls run in parallel. No shell, no network: a shallow clone is never fetched or unshallowed, so
 * commit counts and branch points reflect what the checkout holds. A directory that is not a repository
 * (or a machine without git) gives `{ isRepo: false }`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Host } from './host.js';

export interface GitFacts {
  isRepo: boolean;
  commit?: string;
  shortSha?: string;
  branch?: string;
  commitCount?: number;
  /** ISO-8601 committer date of HEAD. */
  commitTimestamp?: string;
  /** origin URL with any user:password@ part removed. */
  url?: string;
  org?: string;
  /** `org/repo` */
  repo?: string;
  repoProject?: string;
  /** Signed-off-by trailers of HEAD, comma-separated, as written (no escaping). */
  signedOffBy?: string;
  /** HEAD carries a signature git could verify. */
  verifyCommit?: boolean;
  /** Lines in the tracked text files of the work tree. */
  linesTotal?: number;
  branchParent?: string;
  branchCreateCommit?: string;
  branchCreateTimestamp?: string;
  /** Unique authors of the commits since the branch point (bots excluded), in first-seen order. */
  commitAuthors?: string[];
  /** The tag HEAD is checked out at (the newest by version order when several point at it). */
  tag?: string;
  /** The checkout is a shallow clone (CI's depth-1 checkouts). */
  shallow?: boolean;
  /** Facts a shallow clone cannot tell (left out rather than wrong): commitCount, branchParent, ... */
  unknown?: string[];
}

const MAX_BUFFER = 64 * 1024 * 1024;

/** Runs git; resolves to stdout, or undefined when git fails or is missing. */
function git(dir: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['--no-optional-locks', '-c', 'core.quotepath=off', '-c', 'color.ui=never', ...args],
      { cwd: dir, maxBuffer: MAX_BUFFER, windowsHide: true, encoding: 'utf8' },
      (err, stdout) => resolve(err ? undefined : stdout),
    );
  });
}

const SEP = '\x1f';

export async function readGitFacts(host: Host, dir?: string): Promise<GitFacts> {
  const cwd = path.resolve(host.cwd, dir ?? '.');
  const [top, head, branchOut, count, url, refs, grep, tags, shallowOut, originHead] = await Promise.all([
    git(cwd, ['rev-parse', '--show-toplevel']),
    git(cwd, [
      'log',
      '-1',
      `--format=%H${SEP}%h${SEP}%cI${SEP}%G?${SEP}%(trailers:key=Signed-off-by,valueonly,separator=%x2C )${SEP}%an`,
      'HEAD',
      '--',
    ]),
    git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']),
    git(cwd, ['rev-list', '--count', 'HEAD', '--']),
    git(cwd, ['config', '--get', 'remote.origin.url']),
    git(cwd, ['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes']),
    git(cwd, ['grep', '-I', '-c', '-e', '', '--', '.']),
    git(cwd, ['tag', '--points-at', 'HEAD', '--sort=-version:refname']),
    git(cwd, ['rev-parse', '--is-shallow-repository']),
    git(cwd, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']),
  ]);
  if (top === undefined) return { isRepo: false };

  const facts: GitFacts = { isRepo: true };
  if (head) {
    const [commit, shortSha, ts, sig, signed, author] = head.replace(/\n$/, '').split(SEP);
    facts.commit = commit || undefined;
    facts.shortSha = shortSha || undefined;
    facts.commitTimestamp = ts || undefined;
    facts.verifyCommit = ['G', 'U', 'X', 'Y', 'R'].includes((sig ?? '').trim());
    const so = (signed ?? '').trim().replace(/,\s*$/, '');
    if (so) facts.signedOffBy = so;
    if (author) facts.commitAuthors = [author.trim()];
  }
  const branch = branchOut?.trim();
  if (branch && branch !== 'HEAD') facts.branch = branch;
  if (count !== undefined && /^\d+$/.test(count.trim())) facts.commitCount = Number(count.trim());
  const tag = tags?.split('\n')[0]?.trim();
  if (tag) facts.tag = tag;
  if (url?.trim()) Object.assign(facts, parseRemoteUrl(url.trim()));
  if (grep !== undefined) facts.linesTotal = sumGrepCounts(grep);
  else if (facts.commit) facts.linesTotal = 0; // git grep exits 1 when no tracked text file has a line

  if (facts.commit && refs !== undefined) {
    const def = defaultBranchRef(refs, originHead);
    Object.assign(facts, def ? await forkFromDefault(cwd, facts, def) : await branchPoint(cwd, facts, refs));
  }
  if (shallowOut?.trim() === 'true') {
    // A depth-limited history: counting commits or finding where the branch left another one would give a wrong
    // answer (BUILDNUM 1, no fork point), so those facts are left out and named.
    facts.shallow = true;
    const unknown = ['commitCount', 'branchParent', 'branchCreateCommit', 'branchCreateTimestamp', 'commitAuthors'] as const;
    for (const k of unknown) delete facts[k];
    facts.unknown = [...unknown];
  }
  return facts;
}

/**
 * The default branch's ref: origin/HEAD's target, else origin/main or origin/master, else a local main or master
 * when the repository has no remote-tracking refs at all.
 */
function defaultBranchRef(refsOut: string, originHead: string | undefined): string | undefined {
  const refs = new Set(
    refsOut
      .split('\n')
      .map((r) => r.trim())
      .filter(Boolean),
  );
  const head = originHead?.trim();
  if (head && refs.has(head)) return head;
  for (const r of ['refs/remotes/origin/main', 'refs/remotes/origin/master']) if (refs.has(r)) return r;
  if ([...refs].some((r) => r.startsWith('refs/remotes/'))) return undefined;
  for (const r of ['refs/heads/main', 'refs/heads/master']) if (refs.has(r)) return r;
  return undefined;
}

/**
 * GitBranchParent and the branch creation point relative to the default branch: the merge-base of HEAD and the
 * default branch's ref. On the default branch itself (or at its tip) there is no parent: nothing is set.
 */
async function forkFromDefault(
  cwd: string,
  facts: GitFacts,
  defaultRef: string,
): Promise<Pick<GitFacts, 'branchParent' | 'branchCreateCommit' | 'branchCreateTimestamp' | 'commitAuthors'>> {
  const name = shortRefName(defaultRef);
  const authorsOf = async (range: string[]): Promise<string[] | undefined> => {
    const out = await git(cwd, ['log', '--max-count=10000', '--format=%an', ...range, '--']);
    if (out === undefined) return undefined;
    const seen: string[] = [];
    for (const a of out.split('\n').map((s) => s.trim())) if (a && !isBot(a) && !seen.includes(a)) seen.push(a);
    return seen;
  };
  const tip = (await git(cwd, ['rev-parse', `${defaultRef}^{commit}`]))?.trim();
  if (facts.branch === name || tip === facts.commit) {
    const authors = await authorsOf(['HEAD']);
    return authors && authors.length ? { commitAuthors: authors } : {};
  }
  const base = (await git(cwd, ['merge-base', 'HEAD', defaultRef]))?.trim();
  if (!base) return {};
  const [ts, authors] = await Promise.all([git(cwd, ['log', '-1', '--format=%cI', base, '--']), authorsOf([`${base}..HEAD`])]);
  return {
    branchParent: name,
    branchCreateCommit: base,
    ...(ts?.trim() ? { branchCreateTimestamp: ts.trim() } : {}),
    ...(authors && authors.length ? { commitAuthors: authors } : {}),
  };
}

/** `path:count` lines from `git grep -c`; paths may contain ':' so the count is after the last one. */
function sumGrepCounts(out: string): number {
  let total = 0;
  for (const line of out.split('\n')) {
    const i = line.lastIndexOf(':');
    if (i < 0) continue;
    const n = Number(line.slice(i + 1));
    if (Number.isFinite(n)) total += n;
  }
  return total;
}

/**
 * Where the current branch left another one: walk HEAD's first-parent chain until a commit that another
 * branch (local or remote, excluding this branch's own remote copies) also holds. That commit is the branch
 * creation point; the newest such branch is the parent. Authors come from the commits after that point.
 */
async function branchPoint(
  cwd: string,
  facts: GitFacts,
  refsOut: string,
): Promise<Pick<GitFacts, 'branchParent' | 'branchCreateCommit' | 'branchCreateTimestamp' | 'commitAuthors'>> {
  const own = facts.branch;
  const others = refsOut
    .split('\n')
    .map((r) => r.trim())
    .filter((r) => r && !r.endsWith('/HEAD'))
    .filter((r) => {
      if (!own) return true;
      if (r === `refs/heads/${own}`) return false;
      // refs/remotes/<remote>/<own>
      const m = /^refs\/remotes\/[^/]+\/(.+)$/.exec(r);
      return !(m && m[1] === own);
    });
  const authorsOf = async (range: string[]): Promise<string[] | undefined> => {
    const out = await git(cwd, ['log', '--max-count=10000', '--format=%an', ...range, '--']);
    if (out === undefined) return undefined;
    const seen: string[] = [];
    for (const a of out.split('\n').map((s) => s.trim())) {
      if (a && !isBot(a) && !seen.includes(a)) seen.push(a);
    }
    return seen;
  };
  if (others.length === 0) {
    const authors = await authorsOf(['HEAD']);
    return authors && authors.length ? { commitAuthors: authors } : {};
  }
  const walk = await git(cwd, ['log', '--first-parent', '--boundary', `--format=%m${SEP}%H${SEP}%cI`, 'HEAD', '--not', ...others, '--']);
  if (walk === undefined) return {};
  let fork: { sha: string; ts: string } | undefined;
  for (const line of walk.split('\n')) {
    const [mark, sha, ts] = line.split(SEP);
    if (mark === '-' && sha) {
      fork = { sha, ts };
      break;
    }
  }
  if (!fork) {
    // HEAD itself is on another branch (no commits of its own yet), or the chain never meets one.
    const onOther = walk.trim() === '';
    if (!onOther) {
      const authors = await authorsOf(['HEAD']);
      return authors && authors.length ? { commitAuthors: authors } : {};
    }
    fork = { sha: facts.commit!, ts: facts.commitTimestamp ?? '' };
  }
  const [containing, authors] = await Promise.all([
    git(cwd, ['for-each-ref', '--sort=-committerdate', '--format=%(refname)', `--contains=${fork.sha}`, ...others]),
    fork.sha === facts.commit ? Promise.resolve(facts.commitAuthors) : authorsOf([`${fork.sha}..HEAD`]),
  ]);
  const parentRef = containing
    ?.split('\n')
    .map((s) => s.trim())
    .find(Boolean);
  return {
    ...(parentRef ? { branchParent: shortRefName(parentRef) } : {}),
    branchCreateCommit: fork.sha,
    ...(fork.ts ? { branchCreateTimestamp: fork.ts } : {}),
    ...(authors && authors.length ? { commitAuthors: authors } : {}),
  };
}

function shortRefName(ref: string): string {
  if (ref.startsWith('refs/heads/')) return ref.slice('refs/heads/'.length);
  const m = /^refs\/remotes\/[^/]+\/(.+)$/.exec(ref);
  return m ? m[1] : ref;
}

function isBot(author: string): boolean {
  return /dependabot/i.test(author) || /\[bot\]$/i.test(author);
}

/** Removes `user:password@` from URLs so that a token in a clone URL never becomes a fact. */
export function stripUrlCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/**
 * org/repo from an origin URL: `git@host:org/repo.git`, `ssh://git@host:22/org/repo.git`,
 * `https://host/group/sub/repo`; the last two path segments (as the reference), `.git` stripped.
 */
export function parseRemoteUrl(raw: string): Pick<GitFacts, 'url' | 'org' | 'repo' | 'repoProject'> {
  const url = stripUrlCredentials(raw);
  let p: string;
  const scp = /^[^/:@]+@[^:/]+:(.*)$/.exec(url);
  if (scp && !url.includes('://')) p = scp[1];
  else {
    try {
      p = new URL(url).pathname;
    } catch {
      p = url;
    }
  }
  const parts = p
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter(Boolean);
  const repoProject = parts[parts.length - 1];
  const org = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  return {
    url,
    ...(repoProject ? { repoProject } : {}),
    ...(org ? { org } : {}),
    ...(org && repoProject ? { repo: `${org}/${repoProject}` } : {}),
  };
}

const REV = /^[A-Za-z0-9_][A-Za-z0-9_./~^@{}-]*$/;

/** Lines added/deleted between two commits (0/0 when either is unknown or not in the repository). */
export async function diffStat(
  host: Host,
  from: string | undefined,
  to: string | undefined,
  dir?: string,
): Promise<{ added: number; deleted: number }> {
  const zero = { added: 0, deleted: 0 };
  if (!from || !to || !REV.test(from) || !REV.test(to)) return zero;
  const cwd = path.resolve(host.cwd, dir ?? '.');
  const out = await git(cwd, ['diff', '--shortstat', `${from}^{commit}`, `${to}^{commit}`, '--']);
  if (out === undefined) return zero;
  const added = /(\d+) insertions?\(\+\)/.exec(out);
  const deleted = /(\d+) deletions?\(-\)/.exec(out);
  return { added: added ? Number(added[1]) : 0, deleted: deleted ? Number(deleted[1]) : 0 };
}
