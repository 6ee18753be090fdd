#!/usr/bin/env node
// Issue 2 benchmark (b): per-operation cost of the version-update path and of recording a deployment on a
// local store holding 1M deployment records and 10k components, against one holding 1k deployments.
// The big store is written directly in the store's on-disk format (docs/store.md), then deleted.
import { mkdtempSync, mkdirSync, openSync, closeSync, writeSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unlink, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { register } from 'tsx/esm/api';

register();
const { openLocalBackend, DEFAULT_SEGMENT_BYTES } = await import('../core/src/backend/local/index.ts');
const { createMemoryHost } = await import('../core/src/host.ts');

const BIG = { deployments: 1_000_000, components: 10_000, apps: 2_000, versionsPerApp: 5, envs: 20 };
const SMALL = { deployments: 1_000, components: 100, apps: 20, versionsPerApp: 5, envs: 20 };
const OPS = Number(process.env.SHIPLOG_BENCH_OPS ?? 150);
const WARMUP = 10;
const TARGET = 1.5;
const DOMAIN = 'GLOBAL.Bench';
const AT = '2026-01-01T00:00:00.000Z';
const PROV = { provider: 'local', isCi: true, buildId: '1000' };

const h = (s) => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 40);
const objectPath = (kind, name) => join('objects', kind, h(name).slice(0, 2), `${h(name)}.json`);
// Object files are queued and written by a pool of async writers: creating tens of thousands of small
// files one by one is slow on virtual disks, in parallel it is several times faster.
let queue = [];
const put = (root, rel, value) => queue.push([join(root, rel), `${JSON.stringify(value)}\n`]);
async function drain() {
  const jobs = queue;
  queue = [];
  const dirs = new Set(jobs.map(([p]) => dirname(p)));
  for (const d of dirs) mkdirSync(d, { recursive: true });
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const [p, data] = jobs[next++];
      await writeFile(p, data);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
}
const cvName = (c) => `${DOMAIN}.c${c};1`;
const appName = (a) => `${DOMAIN}.a${a}`;

/** Writes a store of the given shape in the local store's format (no API calls, no fsync). */
async function generate(root, shape) {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  mkdirSync(join(root, 'log'), { recursive: true });
  writeFileSync(join(root, 'schema.json'), JSON.stringify({ format: 'shiplog-local-store', schema: 1, createdAt: AT }));
  const t0 = performance.now();
  for (let c = 0; c < shape.components; c++) {
    const name = cvName(c);
    const base = `${DOMAIN}.c${c}`;
    put(root, objectPath('cb', base), { base, domain: DOMAIN, short: `c${c}`, versions: [name] });
    put(root, objectPath('cv', name), {
      value: { id: `cv:${c + 1}`, name, base, domain: DOMAIN, short: `c${c}`, version: '1', kind: 'docker', attributes: { GitCommit: 'abc' }, createdAt: AT, provenance: PROV },
    });
  }
  const per = Math.max(1, Math.floor(shape.components / shape.apps));
  const appComponents = (a) => Array.from({ length: per }, (_, i) => cvName(a * per + i));
  let avId = 0;
  for (let a = 0; a < shape.apps; a++) {
    const versions = [];
    for (let v = 1; v <= shape.versionsPerApp; v++) {
      const name = `${appName(a)};${v}`;
      versions.push(name);
      put(root, objectPath('av', name), {
        value: { id: `av:${++avId}`, name, application: appName(a), version: String(v), components: appComponents(a), ...(v > 1 ? { predecessor: `${appName(a)};${v - 1}` } : {}), stage: 'dev', createdAt: AT, provenance: PROV },
        approvals: [],
        moves: [],
      });
    }
    put(root, objectPath('ab', appName(a)), { application: appName(a), versions });
  }
  await drain();
  process.stderr.write(`store-scale: objects written in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  // The deployment log, in segments, and the environments' current state (last success per env/app).
  const envState = new Map();
  let segment = 1;
  let fd = openSync(join(root, 'log', '000001.jsonl'), 'w');
  let length = 0;
  let batch = [];
  let batchBytes = 0;
  const flush = () => {
    if (batch.length) writeSync(fd, batch.join(''));
    batch = [];
    batchBytes = 0;
  };
  for (let id = 1; id <= shape.deployments; id++) {
    const a = id % shape.apps;
    const env = `e${id % shape.envs}`;
    const appVersion = `${appName(a)};${shape.versionsPerApp}`;
    const ok = id % 7 !== 0;
    const line = `${JSON.stringify({ id, appVersion, application: appName(a), environment: env, componentVersions: appComponents(a), exitCode: ok ? 0 : 1, status: ok ? 'success' : 'failed', startedAt: AT, finishedAt: AT, log: [], mode: 'record', provenance: PROV })}\n`;
    const bytes = Buffer.byteLength(line);
    if (length > 0 && length + bytes > DEFAULT_SEGMENT_BYTES) {
      flush();
      closeSync(fd);
      segment++;
      fd = openSync(join(root, 'log', `${String(segment).padStart(6, '0')}.jsonl`), 'w');
      length = 0;
    }
    batch.push(line);
    batchBytes += bytes;
    length += bytes;
    if (batchBytes > 4 << 20) flush();
    if (ok) envState.set(`${env}\n${appName(a)}`, { name: env, application: appName(a), appVersion, components: appComponents(a), deploymentId: id, deployedAt: AT, provenance: PROV });
  }
  flush();
  closeSync(fd);
  process.stderr.write(`store-scale: log written after ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  for (const st of envState.values()) put(root, join('objects', 'env', h(st.name), `${h(st.application)}.json`), st);
  await drain();
  writeFileSync(
    join(root, 'meta.json'),
    JSON.stringify({ seq: 1, next: { componentVersion: shape.components + 1, applicationVersion: avId + 1, deployment: shape.deployments + 1 }, log: { segment, length } }),
  );
  return per;
}

function duSync(dir) {
  let total = 0;
  const walk = (d) => {
    for (const e of readdirSyncSafe(d)) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else total += statSync(p).size;
    }
  };
  walk(dir);
  return total;
}
import { readdirSync } from 'node:fs';
const readdirSyncSafe = (d) => readdirSync(d, { withFileTypes: true });

/** rm -r with many unlinks in flight (one by one takes minutes for ~45k files on a slow virtual disk). */
async function removeTree(dir) {
  const files = [];
  const dirs = [];
  const walk = (d) => {
    dirs.push(d);
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else files.push(join(d, e.name));
    }
  };
  try {
    walk(dir);
  } catch {
    return rmSync(dir, { recursive: true, force: true });
  }
  let next = 0;
  const worker = async () => {
    while (next < files.length) await unlink(files[next++]).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  rmSync(dir, { recursive: true, force: true });
}

/** One version-update (lookups + new component version + app version) and one deploy record, timed apart. */
async function step(b, shape, per, i) {
  const c = (i * 37) % shape.components;
  const a = Math.floor(c / per) % shape.apps;
  const base = `${DOMAIN}.c${c}`;
  const t0 = performance.now();
  await b.getComponentVersion(`${base};b${i}`);
  await b.listComponentVersions(base);
  const cv = await b.putComponentVersion({ domain: DOMAIN, short: `c${c}`, version: `b${i}`, kind: 'docker', attributes: { BuildId: String(i) }, provenance: PROV, at: AT });
  const av = await b.putApplicationVersion({ application: appName(a), autoIncrement: false, component: cv.value, initialStage: 'dev', provenance: PROV, at: AT });
  const t1 = performance.now();
  await b.getApplicationVersion(av.value.name);
  await b.recordDeployment({ appVersion: av.value, environment: `e${i % shape.envs}`, exitCode: 0, log: ['deployed'], startedAt: AT, finishedAt: AT, mode: 'record', provenance: PROV });
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
  const perBig = await generate(bigDir, BIG);
  const genSecs = (performance.now() - t) / 1000;
  const bigBytes = duSync(bigDir);
  const perSmall = await generate(smallDir, SMALL);
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
    const order = i % 2 ? [['big', big, BIG, perBig], ['small', small, SMALL, perSmall]] : [['small', small, SMALL, perSmall], ['big', big, BIG, perBig]];
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
  for (const [k, label] of [[0, 'version-update (lookups + component version + app version)'], [1, 'deploy record (lookup + recordDeployment + status of that env/app)']]) {
    const mb = median(times.big[k]);
    const ms = median(times.small[k]);
    const ratio = mb / ms;
    pass &&= ratio <= TARGET;
    rows.push(`| ${label} | ${mb.toFixed(2)} ms | ${ms.toFixed(2)} ms | ${ratio.toFixed(2)}x | <= ${TARGET}x | ${ratio <= TARGET ? 'pass' : 'FAIL'} |`);
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
