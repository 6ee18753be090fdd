#!/usr/bin/env node
// Counts each adapter's hand-written runtime lines (what runs on the CI platform and was written by hand: no
// generated file, no test, no build script), the measure of issue 15's target (<= 300 an adapter). `.ci/run`
// prints it. `--ref REV` counts a commit instead of the working tree (e.g. the state before a change). Exits 1 when
// an adapter is over the target (test/repo/adapter-lines.test.ts holds it in `npm test`).
//   lines: every line of those files; code: lines that are neither blank nor only a comment.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The runtime sources of each adapter (paths relative to the adapter's folder, as git pathspecs). */
export const RUNTIME = {
  'github-action': ['src/*.ts'],
  'circleci-orb': ['src/scripts/*.sh', 'src/@orb.yml', 'src/executors/*.yml'],
  'buildkite-plugin': ['hooks/*', 'lib/*.bash', 'lib/*.mjs', 'src/*.ts'],
  jenkins: ['vars/*.groovy', 'ts/*.ts'],
};
/** A generated file (scripts/build.ts writes them) says so on its first line. */
const isGenerated = (content) => /GENERATED/.test(content.split('\n', 1)[0]);

const ref = process.argv.includes('--ref') ? process.argv[process.argv.indexOf('--ref') + 1] : undefined;
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });

const glob = (p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

function files(adapter) {
  const patterns = RUNTIME[adapter].map((p) => glob(`adapters/${adapter}/${p}`));
  const all = (ref ? git('ls-tree', '-r', '--name-only', ref) : git('ls-files')).split('\n');
  return all.filter((f) => f && patterns.some((re) => re.test(f)) && !isGenerated(text(f)));
}

function text(file) {
  return ref ? git('show', `${ref}:${file}`) : readFileSync(join(ROOT, file), 'utf8');
}

const COMMENT = /^\s*(\/\/|#(?!!)|\*|\/\*)/;
let over = 0;
console.log(`hand-written runtime lines per adapter${ref ? ` at ${ref}` : ''} (target <= 300):`);
for (const adapter of Object.keys(RUNTIME)) {
  let lines = 0;
  let code = 0;
  const list = files(adapter);
  for (const f of list) {
    const ls = text(f).replace(/\n$/, '').split('\n');
    lines += ls.length;
    code += ls.filter((l) => l.trim() !== '' && !COMMENT.test(l)).length;
  }
  if (lines > 300) over++;
  console.log(
    `  ${adapter.padEnd(17)} ${String(lines).padStart(5)} lines ${String(code).padStart(5)} code  (${list.length} files)${lines > 300 ? '  over target' : ''}`,
  );
}
if (over) {
  console.log(`  ${over} adapter(s) over the target`);
  process.exitCode = 1;
}
