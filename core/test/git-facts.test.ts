import { afterEach, describe, expect, it } from 'vitest';
import { diffStat, parseRemoteUrl, readGitFacts, stripUrlCredentials } from '../src/git-facts.js';
import { createMemoryHost } from '../src/host.js';
import { tempDir, tempRepo, type TempRepo } from './git-facts-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
async function repo(opts?: { branch?: string; name?: string }): Promise<TempRepo> {
  const r = await tempRepo(opts);
  cleanups.push(r.cleanup);
  return r;
}

describe('readGitFacts on a real repository', () => {
  it('names the tag HEAD is checked out at (GitTag defaults to it), the newest when several point at it', async () => {
    const r = await repo({ name: 'shop' });
    await r.commit({ 'a.txt': 'one\n' }, 'first');
    expect((await readGitFacts(createMemoryHost({ cwd: r.dir }))).tag).toBeUndefined();
    r.git('tag', 'v1.9.0');
    r.git('tag', '-a', 'v1.10.0', '-m', 'release');
    r.git('checkout', '-q', '--detach', 'v1.10.0');
    expect((await readGitFacts(createMemoryHost({ cwd: r.dir }))).tag).toBe('v1.10.0');
    await r.commit({ 'b.txt': 'two\n' }, 'after the tag');
    expect((await readGitFacts(createMemoryHost({ cwd: r.dir }))).tag).toBeUndefined();
  });

  it('reads commit, branch, counts, remote, trailers, lines, branch point and authors', async () => {
    const r = await repo({ name: 'shop' });
    await r.commit({ 'a.txt': 'one\ntwo\n' }, 'first');
    await r.commit({ 'b.txt': 'three\n' }, 'second');
    const forkPoint = await r.commit({ 'c.txt': 'four\nfive\nsix' }, 'third');
    r.git('remote', 'add', 'origin', 'https://ci-user:s3cr3t-tok@github.com/acme/shop.git');
    r.git('checkout', '-q', '-b', 'feature/x');
    await r.commit({ 'd.txt': 'x\n' }, 'feat: one', 'Dev One <one@example.com>');
    await r.commit({ 'e.txt': 'y\n' }, 'deps', 'dependabot[bot] <bot@example.com>');
    const head = await r.commit({ 'f.txt': 'z\n' }, 'feat: two\n\nSigned-off-by: Dev Two <two@example.com>', 'Dev Two <two@example.com>');
    // main moves on after the branch was created: the branch point stays the same
    r.git('checkout', '-q', 'main');
    await r.commit({ 'g.txt': 'later\n' }, 'later on main');
    r.git('checkout', '-q', 'feature/x');

    const f = await readGitFacts(createMemoryHost({ cwd: r.dir }));
    expect(f).toMatchObject({
      isRepo: true,
      commit: head,
      branch: 'feature/x',
      commitCount: 6,
      commitTimestamp: '2026-01-06T10:00:00Z'.replace('Z', '+00:00'),
      url: 'https://github.com/acme/shop.git',
      org: 'acme',
      repo: 'acme/shop',
      repoProject: 'shop',
      signedOffBy: 'Dev Two <two@example.com>',
      verifyCommit: false,
      // a.txt 2 + b.txt 1 + c.txt 3 (no final newline) + d, e, f 1 each
      linesTotal: 9,
      branchParent: 'main',
      branchCreateCommit: forkPoint,
      branchCreateTimestamp: '2026-01-03T10:00:00+00:00',
      commitAuthors: ['Dev Two', 'Dev One'],
    });
    expect(head.startsWith(f.shortSha!)).toBe(true);
    expect(f.shortSha!.length).toBeGreaterThanOrEqual(7);
    expect(JSON.stringify(f)).not.toContain('s3cr3t');
  });

  it('reads another directory than host.cwd, and a detached HEAD has no branch', async () => {
    const r = await repo();
    const first = await r.commit({ 'a.txt': 'a\n' }, 'first');
    await r.commit({ 'a.txt': 'a\nb\n' }, 'second');
    r.git('checkout', '-q', first);
    const f = await readGitFacts(createMemoryHost({ cwd: '/' }), r.dir);
    expect(f.isRepo).toBe(true);
    expect(f.commit).toBe(first);
    expect(f.branch).toBeUndefined();
    expect(f.commitCount).toBe(1);
    expect(f.url).toBeUndefined();
  });

  it('a repository without commits is a repo with no commit facts', async () => {
    const r = await repo();
    const f = await readGitFacts(createMemoryHost({ cwd: r.dir }));
    expect(f.isRepo).toBe(true);
    expect(f.commit).toBeUndefined();
    expect(f.commitCount).toBeUndefined();
  });

  it('a plain directory (or a missing one) is not a repo', async () => {
    const t = await tempDir();
    cleanups.push(t.cleanup);
    expect(await readGitFacts(createMemoryHost({ cwd: t.dir }))).toEqual({ isRepo: false });
    expect(await readGitFacts(createMemoryHost({ cwd: t.dir }), 'does-not-exist')).toEqual({ isRepo: false });
  });
});

describe('parseRemoteUrl', () => {
  it.each([
    ['git@github.com:acme/shop.git', { url: 'git@github.com:acme/shop.git', org: 'acme', repo: 'acme/shop', repoProject: 'shop' }],
    ['ssh://git@host.example:2222/acme/shop.git', { org: 'acme', repo: 'acme/shop', repoProject: 'shop' }],
    ['https://gitlab.com/group/sub/svc', { org: 'sub', repo: 'sub/svc', repoProject: 'svc' }],
    ['https://x-access-token:ghs_abc@github.com/acme/shop', { url: 'https://github.com/acme/shop', repo: 'acme/shop' }],
    ['/srv/git/shop.git', { repoProject: 'shop', org: 'git', repo: 'git/shop' }],
  ])('%s', (url, expected) => {
    expect(parseRemoteUrl(url)).toMatchObject(expected);
  });

  it('stripUrlCredentials removes user:password@ only from URLs with a scheme', () => {
    expect(stripUrlCredentials('https://u:p@h/x')).toBe('https://h/x');
    expect(stripUrlCredentials('git@github.com:a/b.git')).toBe('git@github.com:a/b.git');
  });
});

describe('diffStat', () => {
  it('counts lines added and deleted between two commits', async () => {
    const r = await repo();
    const a = await r.commit({ 'a.txt': '1\n2\n3\n' }, 'a');
    const b = await r.commit({ 'a.txt': '1\nTWO\n3\n4\n5\n', 'n.txt': 'new\n' }, 'b');
    const host = createMemoryHost({ cwd: r.dir });
    expect(await diffStat(host, a, b)).toEqual({ added: 4, deleted: 1 });
    expect(await diffStat(host, b, a)).toEqual({ added: 1, deleted: 4 });
  });

  it('is 0/0 for an unknown, missing or option-like revision', async () => {
    const r = await repo();
    const a = await r.commit({ 'a.txt': '1\n' }, 'a');
    const host = createMemoryHost({ cwd: r.dir });
    expect(await diffStat(host, 'deadbeefdeadbeef', a)).toEqual({ added: 0, deleted: 0 });
    expect(await diffStat(host, undefined, a)).toEqual({ added: 0, deleted: 0 });
    expect(await diffStat(host, '--output=/tmp/x', a)).toEqual({ added: 0, deleted: 0 });
  });
});
