#!/usr/bin/env node
// Issue 2 benchmark (b): per-operation cost of the version-update path and of recording a deployment on a
// local store holding 1M deployment records and 10k components, against one holding 1k deployments.
// The big store is written directly in the store's on-disk format (docs/store.md), then deleted.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { register } from 'tsx/esm/api';
import { AT, DOMAIN, PROV, appName, duSync, generate, removeTree } from './local-store-fixture.mjs';

register();
const { openLocalBackend } = await import('../core/src/backend/local/index.ts');
const { createMemoryHost } = await import('../core/src/host.ts');

const BIG = { deployments: 1_000_000, components: 10_000, apps: 2_000, versionsPerApp: 5, envs: 20 };
const SMALL = { deployments: 1_000, components: 100, apps: 20, versionsPerApp: 5, envs: 20 };
const OPS = Number(process.env.SHIPLOG_BENCH_OPS ?? 150);
const WARMUP = 10;
const TARGET = 1.5;

/** One version-update (lookups + new component version + app version) and one deploy record, timed apart. */
async function step(b, shape, per, i) {
  const c = (i * 37) % shape.components;
  const a = Math.floor(c / per) % shape.apps;
  const base = `${DOMAIN}.c${c}`;
  const t0 = performance.now();
  await b.getComponentVersion(`${base};b${i}`);
  await b.listComponentVersions(base);
  const cv = await b.putComponentVersion({
    domain: DOMAIN,
    short: `c${c}`,
    version: `b${i}`,
    kind: 'docker',
    attributes: { BuildId: String(i) },
    provenance: PROV,
    at: AT,
  });
  const av = await b.putApplicationVersion({
    application: appName(a),
    autoIncrement: false,
    component: cv.value,
    initialStage: 'dev',
    provenance: PROV,
    at: AT,
  });
  const t1 = performance.now();
  await b.getApplicationVersion(av.value.name);
  await b.recordDeployment({
    appVersion: av.value,
    environment: `e${i % shape.envs}`,
    exitCode: 0,
    log: ['deployed'],
    startedAt: AT,
    finishedAt: AT,
    mode: 'record',
    provenance: PROV,
  });
  const [state] = await b.status({ environment: `e${i % shape.envs}`, application: appName(a) });
  if (state?.appVersion !== av.value.name) throw new Error('bench deploy did not become the current state');
  const t2 = performance.now();
  if (!cv.created || !av.created) throw new Error('bench step did not create what it should');
  return [t1 - t0, t2 - t1];
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
};

const work = mkdtempSync(join(tmpdir(), 'shiplog-bench-scale-'));
try {
  const bigDir = join(work, 'big');
  const smallDir = join(work, 'small');
  let t = performance.now();
  const perBig = await generate(bigDir, BIG, 'store-scale');
  const genSecs = (performance.now() - t) / 1000;
  const bigBytes = duSync(bigDir);
  const perSmall = await generate(smallDir, SMALL, 'store-scale');
  // Flush the generated data to disk first: pending writeback would slow the measured fsyncs unevenly.
  let ts = performance.now();
  execFileSync('sync');
  process.stderr.write(`store-scale: sync took ${((performance.now() - ts) / 1000).toFixed(1)} s\n`);
  const host = createMemoryHost();
  const big = await openLocalBackend(host, { stateDir: bigDir });
  const small = await openLocalBackend(host, { stateDir: smallDir });
  // sanity: the generated store reads back as the store
  const [newest] = await big.history({ limit: 1 });
  if (newest?.id !== BIG.deployments) throw new Error(`generated store reads back wrong (newest ${newest?.id})`);
  const times = { big: [[], []], small: [[], []] };
  for (let i = 0; i < OPS + WARMUP; i++) {
    // alternate which store goes first so drift on a shared machine hits both alike
    const order =
      i % 2
        ? [
            ['big', big, BIG, perBig],
            ['small', small, SMALL, perSmall],
          ]
        : [
            ['small', small, SMALL, perSmall],
            ['big', big, BIG, perBig],
          ];
    for (const [key, b, shape, per] of order) {
      const [vu, dep] = await step(b, shape, per, i);
      if (i >= WARMUP) {
        times[key][0].push(vu);
        times[key][1].push(dep);
      }
    }
  }
  const rows = [];
  let pass = true;
  for (const [k, label] of [
    [0, 'version-update (lookups + component version + app version)'],
    [1, 'deploy record (lookup + recordDeployment + status of that env/app)'],
  ]) {
    const mb = median(times.big[k]);
    const ms = median(times.small[k]);
    const ratio = mb / ms;
    pass &&= ratio <= TARGET;
    rows.push(
      `| ${label} | ${mb.toFixed(2)} ms | ${ms.toFixed(2)} ms | ${ratio.toFixed(2)}x | <= ${TARGET}x | ${ratio <= TARGET ? 'pass' : 'FAIL'} |`,
    );
  }
  const out = [
    '## Store scale: 1M deployments + 10k components vs 1k deployments (issue 2, b)',
    '',
    `Median per-operation wall time over ${OPS} operations each (after ${WARMUP} warm-up), stores interleaved.`,
    `Big store: ${BIG.deployments.toLocaleString('en')} deployment records, ${BIG.components.toLocaleString('en')} components, ${BIG.apps} applications x ${BIG.versionsPerApp} versions, ${BIG.envs} environments; ${(bigBytes / 2 ** 20).toFixed(0)} MiB on disk, generated in ${genSecs.toFixed(1)} s.`,
    '',
    '| operation | 1M store | 1k store | ratio | target | result |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  process.stdout.write(`${out}\n`);
  process.stderr.write(pass ? 'store-scale: pass\n' : 'store-scale: ratio above target\n');
} finally {
  const tr = performance.now();
  await removeTree(work);
  process.stderr.write(`store-scale: cleanup took ${((performance.now() - tr) / 1000).toFixed(1)} s\n`);
}
