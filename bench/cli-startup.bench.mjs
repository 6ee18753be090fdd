#!/usr/bin/env node
// CLI startup: `node core/dist/shiplog.mjs --version` vs `node -e 0`, interleaved, median of N runs each.
// Also reports `--help` and a real command (status on an empty local store) for context. Target: --version <= 2.0x bare node.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.SHIPLOG_BENCH_RUNS || 15);
const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', 'core', 'dist', 'shiplog.mjs');
if (!existsSync(source)) {
  process.stderr.write(`cli-startup: ${source} is missing; run npm run build\n`);
  process.exit(1);
}
// Run the bundle from a directory without node_modules, as the CI plugins ship it.
const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-cli-'));
const bundle = join(dir, 'shiplog.mjs');
copyFileSync(source, bundle);

function timeOnce(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: dir, stdio: 'ignore', env: { PATH: process.env.PATH ?? '' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const cases = {
  bare: ['-e', '0'],
  version: [bundle, '--version'],
  help: [bundle, '--help'],
  status: [bundle, 'status', '--json', '--state-dir', join(dir, 'empty-store')],
};
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
try {
  // warm the file cache once, then interleave so machine noise hits every case alike
  for (const args of Object.values(cases)) timeOnce(args);
  for (let i = 0; i < RUNS; i++) for (const [k, args] of Object.entries(cases)) samples[k].push(timeOnce(args));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const bare = median(samples.bare);
const version = median(samples.version);
const help = median(samples.help);
const status = median(samples.status);
const ratio = version / bare;
const TARGET = 2.0;
const row = (what, ms, r, target, pass) => `| ${what} | ${ms.toFixed(1)} ms | ${r} | ${target} | ${pass} |`;
process.stdout.write(
  [
    '## CLI startup (`node core/dist/shiplog.mjs --version` vs `node -e 0`)',
    '',
    `Median of ${RUNS} interleaved runs each, bundle copied to a directory without node_modules.`,
    '',
    '| case | median | ratio to `node -e 0` | target | result |',
    '|---|---|---|---|---|',
    row('`node -e 0`', bare, '1.00x', '', ''),
    row('`shiplog --version`', version, `${ratio.toFixed(2)}x`, `<= ${TARGET.toFixed(1)}x`, ratio <= TARGET ? 'pass' : 'FAIL'),
    row('`shiplog --help`', help, `${(help / bare).toFixed(2)}x`, '(context)', ''),
    row('`shiplog status --json` (empty local store)', status, `${(status / bare).toFixed(2)}x`, '(context)', ''),
    '',
  ].join('\n'),
);
