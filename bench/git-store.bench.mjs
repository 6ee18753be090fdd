#!/usr/bin/env node
// Issue 13 benchmarks for the git store (docs/store-git.md):
//  a) per-operation cost on a store holding 100k records against one holding 1k, for version-update, a recorded
//     deployment and status (target <= 2.0x): the layout must keep an operation's cost independent of history;
//  b) version-update on the git store (a local bare remote) against the local directory store, in the same run
//     (target <= 4x).
// Both git stores are seeded with one `git fast-import` of synthetic documents in the store's own layout
// (core/src/backend/git/git-layout.ts) straight into a bare repository; then every operation runs through the
// store as a command would (RecordBackend over openGitStore, its own cache).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

register();
const layout = await import('../core/src/backend/git/git-layout.ts');
const { openGitStore } = await import('../core/src/backend/git/index.ts');
const { RecordBackend } = await import('../core/src/backend/records/record-backend.ts');
const { openLocalBackend } = await import('../core/src/backend/local/index.ts');
const { createMemoryHost } = await import('../core/src/host.ts');

const BIG = {
  deployments: Number(process.env.SHIPLOG_BENCH_GIT_DEPLOYMENTS ?? 100_000),
  components: 10_000,
  apps: 1_000,
  versionsPerApp: 5,
  envs: 20,
};
const SMALL = { deployments: 1_000, components: 100, apps: 20, versionsPerApp: 5, envs: 20 };
const OPS = Number(process.env.SHIPLOG_BENCH_OPS ?? 40);
const WARMUP = 5;
const SCALE_TARGET = 2.0;
const LOCAL_TARGET = 4.0;
const DOMAIN = 'GLOBAL.Bench';
const AT = '2026-01-01T00:00:00.000Z';
const PROV = { provider: 'local', isCi: true, buildId: '1000' };
const cvName = (c) => `${DOMAIN}.c${c};1`;
const appName = (a) => `${DOMAIN}.a${a}`;
const env = { PATH: process.env.PATH, HOME: process.env.HOME, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' };

function git(args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s) => (err += s));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`git ${args[0]}: ${err}`))));
    if (input) input(child.stdin).then(() => child.stdin.end(), reject);
    else child.stdin.end();
  });
}

/** Writes a store of the given shape into a new bare repository with one fast-import; returns its record count. */
async function seed(remote, shape) {
  await git(['init', '--bare', '--quiet', remote]);
  let records = 0;
  await git(['--git-dir', remote, 'fast-import', '--quiet', '--done'], async (stdin) => {
    const chunks = [];
    let size = 0;
    const flush = async () => {
      if (!stdin.write(Buffer.concat(chunks))) await new Promise((r) => stdin.once('drain', r));
      chunks.length = 0;
      size = 0;
    };
    const text = async (s) => {
      const b = Buffer.from(s, 'utf8');
      chunks.push(b);
      size += b.length;
      if (size > 1 << 20) await flush();
    };
    const file = async (path, value) => {
      const body = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
      records++;
      await text(`M 100644 inline ${path}\ndata ${body.length}\n`);
      chunks.push(body, Buffer.from('\n'));
      size += body.length + 1;
    };
    const message = 'seed (bench)\n';
    await text(
      `commit refs/heads/shiplog-state\ncommitter shiplog <shiplog@localhost> 1767225600 +0000\ndata ${Buffer.byteLength(message)}\n${message}`,
    );
    await file(layout.SCHEMA_PATH, { format: layout.GIT_STORE_FORMAT, schema: layout.GIT_SCHEMA_VERSION, createdAt: AT });
    for (let c = 0; c < shape.components; c++) {
      const base = `${DOMAIN}.c${c}`;
      await file(layout.docPath('component-base', base), { base, domain: DOMAIN, short: `c${c}`, versions: [cvName(c)] });
      await file(layout.docPath('component-version', cvName(c)), {
        value: {
          id: `cv:${c + 1}`,
          name: cvName(c),
          base,
          domain: DOMAIN,
          short: `c${c}`,
          version: '1',
          kind: 'docker',
          attributes: { GitCommit: 'abc' },
          createdAt: AT,
          provenance: PROV,
        },
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
        await file(layout.docPath('application-version', name), {
          value: {
            id: `av:${++avId}`,
            name,
            application: appName(a),
            version: String(v),
            components: appComponents(a),
            ...(v > 1 ? { predecessor: `${appName(a)};${v - 1}` } : {}),
            stage: 'dev',
            createdAt: AT,
            provenance: PROV,
          },
          approvals: [],
          moves: [],
        });
      }
      await file(layout.docPath('application', appName(a)), { application: appName(a), versions });
    }
    const states = new Map();
    for (let id = 1; id <= shape.deployments; id++) {
      const a = id % shape.apps;
      const e = `e${id % shape.envs}`;
      const appVersion = `${appName(a)};${shape.versionsPerApp}`;
      const ok = id % 7 !== 0;
      await file(layout.deploymentPath(id), {
        id,
        appVersion,
        application: appName(a),
        environment: e,
        componentVersions: appComponents(a),
        exitCode: ok ? 0 : 1,
        status: ok ? 'success' : 'failed',
        startedAt: AT,
        finishedAt: AT,
        log: [],
        mode: 'record',
        provenance: PROV,
      });
      if (ok)
        states.set(`${e}\n${a}`, {
          name: e,
          application: appName(a),
          appVersion,
          components: appComponents(a),
          deploymentId: id,
          deployedAt: AT,
          provenance: PROV,
        });
    }
    for (const s of states.values()) await file(layout.envStatePath(s.name, s.application), s);
    await file(layout.META_PATH, {
      next: { componentVersion: shape.components + 1, applicationVersion: avId + 1, deployment: shape.deployments + 1 },
      recent: [],
    });
    await text('done\n');
    await flush();
  });
  return { records, per: Math.max(1, Math.floor(shape.components / shape.apps)) };
}

/** 1000 -> '1k', 100000 -> '100k', 1000000 -> '1M': the size in a heading, as the knobs set it. */
const sizeLabel = (n) => (n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(n));
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/** version-update as the command runs it: lookups, then the component version and the application version. */
async function versionUpdate(b, shape, per, i, tag) {
  const c = (i * 37) % shape.components;
  const a = Math.floor(c / per) % shape.apps;
  const base = `${DOMAIN}.c${c}`;
  await b.getComponentVersion(`${base};${tag}${i}`);
  await b.listComponentVersions(base);
  const cv = await b.putComponentVersion({
    domain: DOMAIN,
    short: `c${c}`,
    version: `${tag}${i}`,
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
  if (!cv.created || !av.created) throw new Error('bench version-update did not create what it should');
  return av.value;
}

/** A recorded deployment as `deploy --exit-code` runs it: look the version up, record, read the new state back. */
async function deployRecord(b, shape, i, av) {
  const e = `e${i % shape.envs}`;
  await b.getApplicationVersion(av.name);
  await b.recordDeployment({
    appVersion: av,
    environment: e,
    exitCode: 0,
    log: ['deployed'],
    startedAt: AT,
    finishedAt: AT,
    mode: 'record',
    provenance: { ...PROV, buildId: `bench-${i}` },
  });
  const [state] = await b.status({ environment: e, application: av.application });
  if (state?.appVersion !== av.name) throw new Error('bench deploy did not become the current state');
}

async function timed(fn) {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

const work = mkdtempSync(join(tmpdir(), 'shiplog-bench-git-'));
try {
  const host = createMemoryHost({ env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  const stores = {};
  const info = {};
  for (const [size, shape] of [
    ['big', BIG],
    ['small', SMALL],
  ]) {
    const remote = join(work, `${size}.git`);
    const [seedMs, { records, per }] = await timed(() => seed(remote, shape));
    info[size] = { records, seedMs };
    // The same store behind a receive hook: shiplog pushes to it through its cache, as to a hosted remote.
    const pushed = join(work, `${size}-push.git`);
    cpSync(remote, pushed, { recursive: true });
    writeFileSync(join(pushed, 'hooks', 'pre-receive'), '#!/bin/sh\ncat >/dev/null\n', { mode: 0o755 });
    for (const [way, dir] of [
      ['in place', remote],
      ['push', pushed],
    ]) {
      const key = `${size} ${way}`;
      const b = new RecordBackend(host, await openGitStore(host, { remote: `file://${dir}`, cacheDir: join(work, `${size}-cache`) }));
      // the first command of a job (through the transport: one shallow fetch of the tip into an empty cache)
      const [firstMs] = await timed(() => b.status({ application: appName(0) }));
      stores[key] = { b, shape, per };
      info[size][way] = firstMs;
    }
    process.stderr.write(
      `git-store: ${size}: ${records} records seeded in ${(seedMs / 1000).toFixed(1)} s, first read in place ${info[size]['in place'].toFixed(0)} ms, through an empty cache ${(info[size].push / 1000).toFixed(1)} s\n`,
    );
  }
  const local = await openLocalBackend(host, { stateDir: join(work, 'local') });
  const keys = Object.keys(stores);
  const times = Object.fromEntries([...keys.map((k) => [k, { vu: [], dep: [], status: [] }]), ['local', { vu: [] }]]);
  for (let i = 0; i < OPS + WARMUP; i++) {
    // alternate the order so that drift on a shared machine hits every store alike
    const order = i % 2 ? [...keys, 'local'] : ['local', ...[...keys].reverse()];
    for (const key of order) {
      if (key === 'local') {
        const [vu] = await timed(() => versionUpdate(local, SMALL, 5, i, 'b'));
        if (i >= WARMUP) times.local.vu.push(vu);
        continue;
      }
      const { b, shape, per } = stores[key];
      const [vu, av] = await timed(() => versionUpdate(b, shape, per, i, 'b'));
      const [dep] = await timed(() => deployRecord(b, shape, i, av));
      const [st] = await timed(() => b.status({ application: appName(i % shape.apps) }));
      if (i >= WARMUP) {
        times[key].vu.push(vu);
        times[key].dep.push(dep);
        times[key].status.push(st);
      }
    }
  }
  for (const { b } of Object.values(stores)) await b.close();
  await local.close();

  const rows = [];
  let pass = true;
  for (const way of ['in place', 'push']) {
    for (const [k, label] of [
      ['vu', 'version-update (2 lookups + component version + application version)'],
      ['dep', 'deploy record (lookup + recordDeployment + status of that env/app)'],
      ['status', 'status of one application (every environment)'],
    ]) {
      const mb = median(times[`big ${way}`][k]);
      const ms = median(times[`small ${way}`][k]);
      const ratio = mb / ms;
      pass &&= ratio <= SCALE_TARGET;
      rows.push(
        `| ${way} | ${label} | ${mb.toFixed(1)} ms | ${ms.toFixed(1)} ms | ${ratio.toFixed(2)}x | <= ${SCALE_TARGET}x | ${ratio <= SCALE_TARGET ? 'pass' : 'FAIL'} |`,
      );
    }
  }
  const localVu = median(times.local.vu);
  const inPlaceVu = median(times['small in place'].vu);
  const pushVu = median(times['small push'].vu);
  const vsLocal = inPlaceVu / localVu;
  pass &&= vsLocal <= LOCAL_TARGET;
  const out = [
    `## Git store: ${sizeLabel(BIG.deployments)} deployments vs 1k, and against the local directory store (issue 13)`,
    '',
    `Median per-operation wall time over ${OPS} operations each (after ${WARMUP} warm-up), stores interleaved, every operation through`,
    'RecordBackend as a command runs it. Each store is a local bare repository reached through `git+file://`: in place (no receive',
    'hooks: objects and the ref written in the repository, docs/store-git.md "Two ways to the remote") and, as a hosted remote would be,',
    'through the transport (the same repository behind a no-op pre-receive hook: fetch into a cache, compare-and-swap push).',
    `Big store: ${info.big.records.toLocaleString('en')} records (${BIG.deployments.toLocaleString('en')} deployments, ${BIG.components.toLocaleString('en')} components, ${BIG.apps.toLocaleString('en')} applications x ${BIG.versionsPerApp} versions, ${BIG.envs} environments), seeded with one git fast-import in ${(info.big.seedMs / 1000).toFixed(1)} s; small store: ${info.small.records.toLocaleString('en')} records.`,
    `First command of a job through the transport (one shallow fetch of the tip into an empty cache): ${(info.big.push / 1000).toFixed(2)} s on the big store, ${(info.small.push / 1000).toFixed(2)} s on the small one (reported).`,
    '',
    `| way | operation | ${sizeLabel(BIG.deployments)} store | 1k store | ratio | target | result |`,
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '| version-update (2 lookups + component version + application version) | median | ratio to the local store | target | result |',
    '|---|---|---|---|---|',
    `| local directory store | ${localVu.toFixed(1)} ms | 1.00x | | |`,
    `| git store, local bare remote (in place) | ${inPlaceVu.toFixed(1)} ms | ${vsLocal.toFixed(2)}x | <= ${LOCAL_TARGET}x | ${vsLocal <= LOCAL_TARGET ? 'pass' : 'FAIL'} |`,
    `| git store, local bare remote with a receive hook (fetch + push) | ${pushVu.toFixed(1)} ms | ${(pushVu / localVu).toFixed(2)}x | (reported) | |`,
  ].join('\n');
  process.stdout.write(`${out}\n`);
  process.stderr.write(pass ? 'git-store: pass\n' : 'git-store: a ratio is above its target\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
