// Issue 15's target held: every adapter's hand-written runtime lines (scripts/adapter-lines.mjs: no generated file,
// no test, no build script) stay at or under 300. The script exits 1 and names the adapter when one is over.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

it('every adapter is at most 300 hand-written runtime lines', () => {
  const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'adapter-lines.mjs')], { cwd: ROOT, encoding: 'utf8' });
  const counts = Object.fromEntries([...out.matchAll(/^ {2}(\S+)\s+(\d+) lines/gm)].map((m) => [m[1], Number(m[2])]));
  expect(Object.keys(counts).sort()).toEqual(['buildkite-plugin', 'circleci-orb', 'github-action', 'jenkins']);
  for (const [adapter, lines] of Object.entries(counts)) expect(lines, adapter).toBeLessThanOrEqual(300);
});
