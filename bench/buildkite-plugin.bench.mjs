#!/usr/bin/env node
// Buildkite plugin overhead: the command hook (bash, then one node process that maps the configuration, runs
// the CLI bundle's main() in-process and reports, plus the buildkite-agent calls) around `shiplog envscript`,
// vs the same CLI call run directly, measured in units of a bare `node -e 0` start. Interleaved, median of N
// runs each, one temp checkout with a no-op buildkite-agent on PATH. Target (issue 6): the hook adds at most
// 4.5 node starts. The hook starts no extra node; what it adds is bash, the plugin's small modules and the
// buildkite-agent calls.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.SHIPLOG_BENCH_RUNS || 9);
const TARGET = 4.5;
const plugin = join(dirname(fileURLToPath(import.meta.url)), '..', 'adapters', 'buildkite-plugin');
const bundle = join(plugin, 'dist', 'shiplog.mjs');
if (!existsSync(bundle)) {
  process.stderr.write(`buildkite-plugin bench: ${bundle} is missing; run npm run build\n`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-bk-'));
const checkout = join(dir, 'checkout');
const bin = join(dir, 'bin');
mkdirSync(checkout);
mkdirSync(bin);
writeFileSync(join(bin, 'buildkite-agent'), '#!/bin/sh\ncat >/dev/null 2>&1 || true\n');
chmodSync(join(bin, 'buildkite-agent'), 0o755);
spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: checkout });
spawnSync('git', ['-c', 'user.email=b@example.invalid', '-c', 'user.name=b', 'commit', '-q', '--allow-empty', '-m', 'x'], {
  cwd: checkout,
});

const config = { operation: 'envscript', output: 'build.env', format: 'dotenv' };
const env = {
  PATH: `${bin}:${process.env.PATH ?? ''}`,
  HOME: dir,
  BUILDKITE: 'true',
  BUILDKITE_BUILD_URL: 'https://buildkite.com/acme/shop/builds/1',
  BUILDKITE_BUILD_NUMBER: '1',
  BUILDKITE_JOB_ID: 'job-1',
  BUILDKITE_BRANCH: 'main',
  BUILDKITE_COMMAND: '',
  BUILDKITE_PLUGIN_NAME: 'SHIPLOG',
  BUILDKITE_PLUGIN_CONFIGURATION: JSON.stringify(config),
  BUILDKITE_PLUGIN_SHIPLOG_OPERATION: 'envscript',
  BUILDKITE_PLUGIN_SHIPLOG_OUTPUT: 'build.env',
  BUILDKITE_PLUGIN_SHIPLOG_FORMAT: 'dotenv',
  DHPASS: 'bench-secret-value',
};

const cases = {
  node: ['node', ['-e', '0']],
  cli: ['node', [bundle, 'envscript', '--output=build.env', '--format=dotenv', '--json']],
  hook: ['bash', [join(plugin, 'hooks', 'command')]],
};

function time([cmd, args]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: checkout, env, stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return ms;
}

const samples = { node: [], cli: [], hook: [] };
try {
  for (const c of Object.keys(cases)) time(cases[c]); // warm the page cache
  for (let i = 0; i < RUNS; i++) for (const c of Object.keys(cases)) samples[c].push(time(cases[c]));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
const overhead = (m.hook - m.cli) / m.node;
const ok = overhead <= TARGET;

process.stdout.write(
  [
    '## Buildkite plugin: hook overhead',
    '',
    `\`hooks/command\` running \`envscript\` vs the CLI run directly, in units of one \`node -e 0\` start (median of ${RUNS}).`,
    '',
    '| measure | value | target | result |',
    '|---|---|---|---|',
    `| hook overhead (node starts) | ${overhead.toFixed(2)} | <= ${TARGET} | ${ok ? 'pass' : 'fail'} |`,
    `| hook / CLI time | ${(m.hook / m.cli).toFixed(2)}x | (context) | |`,
    `| CLI / node -e 0 | ${(m.cli / m.node).toFixed(2)}x | (context) | |`,
    '',
  ].join('\n'),
);
