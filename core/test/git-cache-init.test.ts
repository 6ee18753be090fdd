/**
 * The git store's cache is created once however many processes of a job start together: each runs `git init` in a
 * private directory and one rename puts a whole cache in place. Two inits into one directory race on copying git's
 * templates: the loser fails with "File exists" and, on a loaded machine, before the winner has written HEAD (seen
 * in CI with 8 writers over smart HTTP). A `git` on PATH that behaves like that loaded machine (the first init takes
 * its time, a second one into the same directory fails as git does) makes the race certain here.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ensureCache } from '../src/backend/git/git-cache.js';
import { createHost } from '../src/host.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const host = (path = process.env.PATH) =>
  createHost({ env: { PATH: path, HOME: process.env.HOME }, cwd: process.cwd(), stdout: () => {}, stderr: () => {} });

/** A `git` whose `init` into a directory another init is filling fails like git's, and whose first init is slow. */
function slowGit(binDir: string): string {
  const real = process.env.PATH ?? '';
  mkdirSync(binDir, { recursive: true });
  writeFileSync(
    join(binDir, 'git'),
    `#!/bin/sh
PATH='${real}'; export PATH
if [ "$1" = init ]; then
  for d; do :; done
  if mkdir "$d" 2>/dev/null; then mkdir "$d/hooks"; sleep 1; exec git "$@"; fi
  if [ ! -e "$d/HEAD" ]; then echo "fatal: cannot copy 'templates/hooks/update.sample' to '$d/hooks/update.sample': File exists" >&2; exit 128; fi
fi
exec git "$@"
`,
  );
  chmodSync(join(binDir, 'git'), 0o755);
  return `${binDir}:${real}`;
}

it('8 processes creating one cache while the first init is still filling it: every one succeeds, no leftovers', async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-cache-init-'));
  const path = slowGit(join(dir, 'bin'));
  const cache = join(dir, 'xdg', 'shiplog', 'git', 'c6cec5050b8e1dddc44876384a652d3e');
  const results = await Promise.allSettled(Array.from({ length: 8 }, () => ensureCache(host(path), cache)));
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  expect(existsSync(join(cache, 'HEAD'))).toBe(true);
  expect(existsSync(join(cache, 'objects'))).toBe(true);
  expect(readdirSync(join(cache, '..'))).toEqual(['c6cec5050b8e1dddc44876384a652d3e']);
});

it('32 calls at once with the real git: one whole bare repository, no leftovers', async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-cache-init-'));
  const cache = join(dir, 'shiplog', 'git', 'c6cec5050b8e1dddc44876384a652d3e');
  const results = await Promise.allSettled(Array.from({ length: 32 }, () => ensureCache(host(), cache)));
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  expect(existsSync(join(cache, 'HEAD'))).toBe(true);
  expect(readdirSync(join(cache, '..'))).toEqual(['c6cec5050b8e1dddc44876384a652d3e']);
});

it('a cache directory without HEAD (an init that was killed) is completed in place', async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-cache-init-'));
  const cache = join(dir, 'cache');
  mkdirSync(join(cache, 'hooks'), { recursive: true });
  await ensureCache(host(), cache);
  expect(existsSync(join(cache, 'HEAD'))).toBe(true);
  expect(readdirSync(dir)).toEqual(['cache']);
});
