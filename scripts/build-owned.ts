/**
 * The folders whose every file the build writes (scripts/build.ts). A file there that the build no longer makes (a
 * chunk of a module that was removed or renamed) is stale too: the build deletes it, `--check` names it while it is
 * committed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const OWNED_DIRS = ['adapters/github-action/dist', 'adapters/buildkite-plugin/dist', 'adapters/jenkins/resources/shiplog'];

/**
 * The files in `dirs` (relative to `root`) that are not in `made`: with `check`, the committed ones still on disk
 * (what a clean clone has); without, every file on disk.
 */
export function leftovers(root: string, made: ReadonlySet<string>, check: boolean, dirs: readonly string[] = OWNED_DIRS): string[] {
  const present = check
    ? execFileSync('git', ['ls-files', '--', ...dirs], { cwd: root, encoding: 'utf8' })
        .split('\n')
        .filter((f) => f && existsSync(join(root, f)))
    : dirs.flatMap((d) => (existsSync(join(root, d)) ? readdirSync(join(root, d)).map((f) => `${d}/${f}`) : []));
  return present.filter((f) => !made.has(f));
}
