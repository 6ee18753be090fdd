/**
 * Real temporary git repositories for the build-input tests (git-facts, component-toml, envscript).
 * Built with the git binary, no network; removed by cleanup().
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  /** Writes files (relative paths) and commits them as `author`. Returns the new commit sha. */
  commit(files: Record<string, string>, message: string, author?: string): Promise<string>;
  cleanup(): Promise<void>;
}

const BASE_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

export async function tempDir(prefix = 'shiplog-test-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function tempRepo(opts: { branch?: string; name?: string } = {}): Promise<TempRepo> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'shiplog-git-'));
  const dir = path.join(parent, opts.name ?? 'repo');
  await mkdir(dir);
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...BASE_ENV },
    });
  git('init', '-q', '-b', opts.branch ?? 'main');
  git('config', 'user.name', 'Test Author');
  git('config', 'user.email', 'author@example.com');
  let tick = 0;
  return {
    dir,
    git,
    async commit(files, message, author = 'Test Author <author@example.com>') {
      for (const [rel, content] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
        await writeFile(path.join(dir, rel), content);
      }
      git('add', '-A');
      tick += 1;
      const date = `2026-01-0${Math.min(tick, 9)}T10:00:00Z`;
      execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '--author', author, '-m', message], {
        cwd: dir,
        env: { ...process.env, ...BASE_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
      return git('rev-parse', 'HEAD').trim();
    },
    cleanup: () => rm(parent, { recursive: true, force: true }),
  };
}
