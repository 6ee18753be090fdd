// A local directory store of a given shape, written directly in the store's on-disk format
// (docs/store-local.md): no API calls, no fsync, tens of thousands of files in seconds. Shared by the
// benchmarks that need a big store (store-scale, store-copy). Not a benchmark itself (run.mjs runs *.bench.mjs).
import { mkdirSync, openSync, closeSync, writeSync, writeFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { unlink, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

export const DOMAIN = 'GLOBAL.Bench';
export const AT = '2026-01-01T00:00:00.000Z';
export const PROV = { provider: 'local', isCi: true, buildId: '1000' };
const SEGMENT_BYTES = 64 * 1024 * 1024;

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
export const cvName = (c) => `${DOMAIN}.c${c};1`;
export const appName = (a) => `${DOMAIN}.a${a}`;

/** Writes a store of the given shape in the local store's format (no API calls, no fsync). */
export async function generate(root, shape, label = 'fixture') {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  mkdirSync(join(root, 'log'), { recursive: true });
  writeFileSync(join(root, 'schema.json'), JSON.stringify({ format: 'shiplog-local-store', schema: 1, createdAt: AT }));
  const t0 = performance.now();
  for (let c = 0; c < shape.components; c++) {
    const name = cvName(c);
    const base = `${DOMAIN}.c${c}`;
    put(root, objectPath('cb', base), { base, domain: DOMAIN, short: `c${c}`, versions: [name] });
    put(root, objectPath('cv', name), {
      value: {
        id: `cv:${c + 1}`,
        name,
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
  const avDocs = new Map();
  for (let a = 0; a < shape.apps; a++) {
    const versions = [];
    for (let v = 1; v <= shape.versionsPerApp; v++) {
      const name = `${appName(a)};${v}`;
      versions.push(name);
      avDocs.set(name, {
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
        // Since per-version deployments: every application version document lists its deployments (refs). Without
        // `shape.perVersionDeployments` the documents are in the earlier format, whose readers take them from the log.
        ...(shape.perVersionDeployments ? { deployments: [] } : {}),
      });
    }
    put(root, objectPath('ab', appName(a)), { application: appName(a), versions });
  }
  if (!shape.perVersionDeployments) writeAvDocs(root, avDocs);
  await drain();
  process.stderr.write(`${label}: objects written in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
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
  // Optional spreads (dashboard bench): which environment and which version deployment `id` goes to; by default
  // env `id % envs` and the latest version.
  const envOf = shape.envOf ?? ((id) => id % shape.envs);
  const versionOf = shape.versionOf ?? (() => shape.versionsPerApp);
  const provenanceOf = shape.provenanceOf ?? (() => PROV);
  for (let id = 1; id <= shape.deployments; id++) {
    const a = id % shape.apps;
    const env = `e${envOf(id)}`;
    const appVersion = `${appName(a)};${versionOf(id)}`;
    const ok = id % 7 !== 0;
    const line = `${JSON.stringify({ id, appVersion, application: appName(a), environment: env, componentVersions: appComponents(a), exitCode: ok ? 0 : 1, status: ok ? 'success' : 'failed', startedAt: AT, finishedAt: AT, log: [], mode: 'record', provenance: provenanceOf(id) })}\n`;
    const bytes = Buffer.byteLength(line);
    if (length > 0 && length + bytes > SEGMENT_BYTES) {
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
    avDocs.get(appVersion)?.deployments?.push({
      id,
      environment: env,
      status: ok ? 'success' : 'failed',
      exitCode: ok ? 0 : 1,
      mode: 'record',
      startedAt: AT,
      finishedAt: AT,
    });
    if (ok)
      envState.set(`${env}\n${appName(a)}`, {
        name: env,
        application: appName(a),
        appVersion,
        components: appComponents(a),
        deploymentId: id,
        deployedAt: AT,
        provenance: provenanceOf(id),
      });
  }
  flush();
  closeSync(fd);
  process.stderr.write(`${label}: log written after ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  if (shape.perVersionDeployments) writeAvDocs(root, avDocs);
  for (const st of envState.values()) put(root, join('objects', 'env', h(st.name), `${h(st.application)}.json`), st);
  await drain();
  writeFileSync(
    join(root, 'meta.json'),
    JSON.stringify({
      seq: 1,
      next: { componentVersion: shape.components + 1, applicationVersion: avId + 1, deployment: shape.deployments + 1 },
      log: { segment, length },
    }),
  );
  return per;
}

function writeAvDocs(root, avDocs) {
  for (const [name, doc] of avDocs) put(root, objectPath('av', name), doc);
}

export function duSync(dir) {
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
const readdirSyncSafe = (d) => readdirSync(d, { withFileTypes: true });

/** rm -r with many unlinks in flight (one by one takes minutes for ~45k files on a slow virtual disk). */
export async function removeTree(dir) {
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
