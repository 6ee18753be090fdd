/**
 * Git facts on a generated repository shaped like a real one (issue 17 item 9): an "upstream" with merges,
 * a rename, tags and a renovate-style branch, cloned as CI does (full and --depth 1, through file://).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVariables } from '../src/build-variables.js';
import { readGitFacts } from '../src/git-facts.js';
import { createMemoryHost } from '../src/host.js';
import { tempDir, tempRepo, type TempRepo } from './git-facts-fixture.js';

let up: TempRepo;
let work: { dir: string; cleanup(): Promise<void> };
const sha: Record<string, string> = {};
const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'user.name=CI', '-c', 'user.email=ci@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    env: ENV,
  }).trim();
const facts = (dir: string) => readGitFacts(createMemoryHost({ cwd: dir }));

beforeAll(async () => {
  up = await tempRepo({ name: 'upstream' });
  sha.c1 = await up.commit({ 'src/app.ts': 'one\n' }, 'first');
  up.git('tag', 'v1.0.0');
  up.git('checkout', '-q', '-b', 'feature/rename');
  await up.commit({ 'src/app.ts': 'one\ntwo\n' }, 'grow');
  up.git('mv', 'src/app.ts', 'src/main.ts');
  sha.renamed = await up.commit({}, 'rename app.ts to main.ts', 'Dev One <one@example.com>');
  up.git('checkout', '-q', 'main');
  sha.c2 = await up.commit({ 'README.md': 'readme\n' }, 'docs');
  up.git('merge', '-q', '--no-ff', '-m', 'merge feature/rename', 'feature/rename');
  sha.merge = up.git('rev-parse', 'HEAD').trim();
  up.git('tag', '-a', 'v1.1.0', '-m', 'release 1.1.0');
  // a bot branch updated after main's last commit: the old walk took it for main's parent
  up.git('checkout', '-q', '-b', 'renovate/deps');
  sha.bot = await up.commit({ 'package.json': '{}\n' }, 'chore(deps): update', 'renovate[bot] <bot@example.com>');
  up.git('checkout', '-q', 'main');
  up.git('checkout', '-q', '-b', 'feature/pay');
  sha.pay1 = await up.commit({ 'src/pay.ts': 'pay\n' }, 'pay', 'Dev Two <two@example.com>');
  up.git('checkout', '-q', 'main');
  sha.c3 = await up.commit({ 'src/main.ts': 'one\ntwo\nthree\n' }, 'main moves on');
  up.git('checkout', '-q', 'feature/pay');
  up.git('merge', '-q', '--no-ff', '-m', 'merge main into feature/pay', 'main');
  sha.payMerge = up.git('rev-parse', 'HEAD').trim();
  up.git('checkout', '-q', 'main');
  work = await tempDir('shiplog-clones-');
}, 60_000);

afterAll(async () => {
  await up?.cleanup();
  await work?.cleanup();
});

function clone(name: string, ...args: string[]): string {
  const dir = path.join(work.dir, name);
  git(work.dir, 'clone', '-q', ...args, `file://${up.dir}`, dir);
  return dir;
}

describe('git facts on a cloned repository with merges, renames, tags and a bot branch', () => {
  it('on the default branch: no parent and no branch point, even with a newer renovate branch around', async () => {
    const dir = clone('full-main');
    const f = await facts(dir);
    expect(f.branch).toBe('main');
    expect(f.commit).toBe(sha.c3);
    expect(f.branchParent).toBeUndefined();
    expect(f.branchCreateCommit).toBeUndefined();
    expect(f.shallow).toBeUndefined();
    expect(f.commitCount).toBe(6);
    const v = buildVariables({ env: {}, git: f, ci: { provider: 'local', isCi: false }, now: new Date(0), cwd: dir });
    expect(v.GIT_BRANCH_PARENT).toBeUndefined();
    expect(v.COMPNAME).toBeUndefined(); // never "upstream", the repository's name
  });

  it('on a feature branch that merged main back in: the parent is main, the branch point its merge-base', async () => {
    const dir = clone('full-pay', '--branch', 'feature/pay');
    const f = await facts(dir);
    expect(f.branch).toBe('feature/pay');
    expect(f.commit).toBe(sha.payMerge);
    expect(f.branchParent).toBe('main');
    // main was merged into the branch: the merge-base is main's tip (c3), what the branch last took from main
    expect(f.branchCreateCommit).toBe(sha.c3);
    expect(f.commitAuthors).toContain('Dev Two');
  });

  it('a branch whose fork point is before a rename: the merge-base, and the tag at HEAD', async () => {
    const dir = clone('full-rename', '--branch', 'feature/rename');
    const f = await facts(dir);
    expect(f.commit).toBe(sha.renamed);
    expect(f.branchParent).toBe('main');
    // feature/rename was merged into main, so main holds its tip: the merge-base is the tip itself
    expect(f.branchCreateCommit).toBe(sha.renamed);
    git(dir, 'checkout', '-q', 'v1.1.0');
    expect((await facts(dir)).tag).toBe('v1.1.0');
  });

  it('a depth-1 clone (as CI checks out) says which facts it cannot know, instead of wrong ones', async () => {
    const dir = clone('shallow', '--depth', '1', '--branch', 'feature/pay');
    const f = await facts(dir);
    expect(f.commit).toBe(sha.payMerge);
    expect(f.shallow).toBe(true);
    expect(f.commitCount).toBeUndefined(); // not 1
    expect(f.branchParent).toBeUndefined();
    expect(f.unknown).toEqual(['commitCount', 'branchParent', 'branchCreateCommit', 'branchCreateTimestamp', 'commitAuthors']);
    const v = buildVariables({ env: {}, git: f, ci: { provider: 'local', isCi: false }, now: new Date(0), cwd: dir });
    expect(v.BUILDNUM).toBeUndefined();
    expect(v.GIT_COMMIT).toBe(sha.payMerge);
    // the same repository fetched whole gives the full facts again
    git(dir, 'fetch', '-q', '--unshallow', 'origin', '+refs/heads/*:refs/remotes/origin/*');
    const full = await facts(dir);
    expect(full.shallow).toBeUndefined();
    expect(full.commitCount).toBe(8);
    expect(full.branchParent).toBe('main');
  });
});
