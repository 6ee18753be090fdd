// scripts/build-owned.ts: a file in a build-owned folder that the build no longer makes is stale (check: committed
// ones only; build: everything on disk), whatever else the repository holds.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { leftovers } from '../../scripts/build-owned.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('names the committed chunks the build no longer makes (check), and every unmade file on disk (build)', () => {
  root = mkdtempSync(join(tmpdir(), 'shiplog-owned-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root });
  git('init', '-q');
  mkdirSync(join(root, 'dist'));
  mkdirSync(join(root, 'src'));
  for (const f of ['dist/index.cjs', 'dist/old-chunk.cjs', 'dist/deleted.cjs', 'src/keep.ts']) writeFileSync(join(root, f), 'x');
  git('add', '.');
  git('commit', '-qm', 'init');
  rmSync(join(root, 'dist/deleted.cjs'));
  writeFileSync(join(root, 'dist/untracked.cjs'), 'x');
  const made = new Set(['dist/index.cjs']);
  expect(leftovers(root, made, true, ['dist'])).toEqual(['dist/old-chunk.cjs']);
  expect(leftovers(root, made, false, ['dist']).sort()).toEqual(['dist/old-chunk.cjs', 'dist/untracked.cjs']);
  expect(leftovers(root, new Set(['dist/index.cjs', 'dist/old-chunk.cjs']), true, ['dist'])).toEqual([]);
});
