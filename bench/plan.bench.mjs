#!/usr/bin/env node
// Issue 18 benchmark: `shiplog plan` for 200 applications x 10 environments (2000 rows, 5 dependency waves)
// on a local store holding 100k deployments, against the same on a store holding 1k. plan reads the current
// state (one record per environment and application), each application's versions and the gate's facts, never
// the deployment history, so the ratio must stay <= 2x. Stores are written directly in the local store's format
// (local-store-fixture.mjs); plan runs in process through execute(), as the CLI runs it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';
import { appName, generate, removeTree } from './local-store-fixture.mjs';

register();
const { execute } = await import('../core/src/execute.ts');
const { createMemoryHost } = await import('../core/src/host.ts');

const APPS = 200;
const ENVS = 10;
const SHAPE = { components: APPS, apps: APPS, versionsPerApp: 5, envs: ENVS, perVersionDeployments: true };
const BIG = { ...SHAPE, deployments: Number(process.env.SHIPLOG_BENCH_PLAN_DEPLOYMENTS ?? 100_000) };
const SMALL = { ...SHAPE, deployments: 1_000 };
const RUNS = Number(process.env.SHIPLOG_BENCH_PLAN_RUNS ?? 9);
const WARMUP = 2;
const TARGET = 2;

/** shiplog.toml: one stage holding the ten environments. intent.toml: 200 applications in chains of 5, every environment. */
function writeProject(dir) {
  const envs = Array.from({ length: ENVS }, (_, e) => `e${e}`);
  writeFileSync(join(dir, 'shiplog.toml'), `[[stage]]\nname = "dev"\nenvironments = [${envs.map((e) => `"${e}"`).join(', ')}]\n`);
  const lines = [];
  for (let a = 0; a < APPS; a++) {
    lines.push(`[application."${appName(a)}"]`, 'deploy = ["true"]');
    if (a % 5 !== 0) lines.push(`depends_on = ["${appName(a - 1)}"]`);
    lines.push('');
  }
  envs.forEach((e, i) => {
    lines.push(`[environment.${e}]`);
    for (let a = 0; a < APPS; a++) lines.push(`"${appName(a)}" = "${i < ENVS / 2 ? 'latest' : 'latest-approved'}"`);
    lines.push('');
  });
  writeFileSync(join(dir, 'intent.toml'), lines.join('\n'));
}

async function plan(dir) {
  const host = createMemoryHost({ env: { PATH: process.env.PATH ?? '' }, cwd: dir });
  const t0 = performance.now();
  const outcome = await execute('plan', { 'state-dir': join(dir, 'state') }, host);
  const ms = performance.now() - t0;
  const rows = outcome.result.rows;
  if (outcome.exitCode !== 1 || !Array.isArray(rows) || rows.length !== APPS * ENVS) {
    throw new Error(`plan failed (exit ${outcome.exitCode}): ${JSON.stringify(outcome.result.error ?? outcome.result).slice(0, 400)}`);
  }
  return { ms, counts: outcome.result.counts };
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

const work = mkdtempSync(join(tmpdir(), 'shiplog-bench-plan-'));
try {
  const bigDir = join(work, 'big');
  const smallDir = join(work, 'small');
  for (const [dir, shape] of [
    [bigDir, BIG],
    [smallDir, SMALL],
  ]) {
    await generate(join(dir, 'state'), shape, 'plan');
    writeProject(dir);
  }
  const times = { big: [], small: [] };
  let counts;
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const order =
      i % 2
        ? [
            ['big', bigDir],
            ['small', smallDir],
          ]
        : [
            ['small', smallDir],
            ['big', bigDir],
          ];
    for (const [key, dir] of order) {
      const r = await plan(dir);
      counts = r.counts;
      if (i >= WARMUP) times[key].push(r.ms);
    }
  }
  const mb = median(times.big);
  const ms = median(times.small);
  const ratio = mb / ms;
  const pass = ratio <= TARGET;
  const out = [
    '## plan: 200 applications x 10 environments, 100k deployments vs 1k (issue 18)',
    '',
    `Median wall time of \`shiplog plan\` (in process, execute()) over ${RUNS} runs each after ${WARMUP} warm-up, stores interleaved.`,
    `${APPS * ENVS} rows in 5 dependency waves (selectors latest and latest-approved), ${APPS} applications x ${BIG.versionsPerApp} versions; rows: ${JSON.stringify(counts)}.`,
    '',
    '| measure | 100k store | 1k store | ratio | target | result |',
    '|---|---|---|---|---|---|',
    `| plan | ${mb.toFixed(0)} ms | ${ms.toFixed(0)} ms | ${ratio.toFixed(2)}x | <= ${TARGET}x | ${pass ? 'pass' : 'FAIL'} |`,
  ].join('\n');
  process.stdout.write(`${out}\n`);
  process.stderr.write(pass ? 'plan: pass\n' : 'plan: ratio above target\n');
} finally {
  await removeTree(work);
}
