#!/usr/bin/env node
// Issue 13 benchmark: `store copy` of a 100k-record store from a local directory into another local
// directory, a git remote (a bare repository over file://) and, when a PostgreSQL server can be started
// here, a PostgreSQL database: wall time, records per second, and the re-run of a finished copy (which must
// write nothing). Reported, not judged: there is no target for copy times in the issue.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';
import { duSync, generate, removeTree } from './local-store-fixture.mjs';

register();
const { openDocumentStore } = await import('../core/src/backend/open-store.ts');
const { copyStore } = await import('../core/src/backend/records/store-copy.ts');
const { parseStoreUrl } = await import('../core/src/backend/store-url.ts');
const { createMemoryHost } = await import('../core/src/host.ts');

const SHAPE = {
  deployments: Number(process.env.SHIPLOG_BENCH_COPY_DEPLOYMENTS ?? 90_000),
  components: 4_000,
  apps: 200,
  versionsPerApp: 5,
  envs: 20,
};

async function open(host, url) {
  return openDocumentStore(host, parseStoreUrl(url, process.cwd()), {});
}

/** Copies src into the store at url twice (the second run must write nothing); returns the timings. */
async function measure(host, srcUrl, dstUrl) {
  const src = await open(host, srcUrl);
  const dst = await open(host, dstUrl);
  try {
    let t = performance.now();
    const first = await copyStore(src, dst);
    const firstMs = performance.now() - t;
    t = performance.now();
    const again = await copyStore(src, dst);
    const againMs = performance.now() - t;
    if (again.written !== 0) throw new Error(`re-run of the copy to ${dstUrl} wrote ${again.written} records`);
    const records = first.counts.documents + first.counts.environmentStates + first.counts.deployments;
    return { records, written: first.written, transactions: first.transactions, firstMs, againMs };
  } finally {
    await src.close();
    await dst.close();
  }
}

async function startPostgres(root) {
  // The test suite's throwaway cluster (core/test/support/pg-cluster.ts), when the server binaries are here.
  try {
    const { startPgServer, createDatabase, TEST_ROLE_PASSWORD } = await import('../core/test/support/pg-cluster.ts');
    chmodSync(root, 0o755); // as root, the server runs as postgres and must reach its directory
    const server = await startPgServer(join(root, 'pg-cluster'));
    try {
      const name = await createDatabase(server, 'bench_copy');
      return { url: `${server.url(name)}?sslmode=disable`, password: TEST_ROLE_PASSWORD, stop: () => server.destroy() };
    } catch (err) {
      server.destroy();
      throw err;
    }
  } catch (err) {
    process.stderr.write(`store-copy: no PostgreSQL here (${err instanceof Error ? err.message : String(err)}); skipping that row\n`);
    return undefined;
  }
}

const work = mkdtempSync(join(tmpdir(), 'shiplog-bench-copy-'));
try {
  const srcDir = join(work, 'src');
  const t0 = performance.now();
  await generate(srcDir, SHAPE, 'store-copy');
  const genSecs = (performance.now() - t0) / 1000;
  const bytes = duSync(srcDir);
  const remote = join(work, 'state.git');
  execFileSync('git', ['init', '--bare', '--quiet', remote]);
  const host = createMemoryHost({ env: { ...process.env, XDG_CACHE_HOME: join(work, 'cache') } });
  const rows = [];
  let records = 0;
  const row = (label, r) => {
    records = r.records;
    rows.push(
      `| ${label} | ${r.records.toLocaleString('en')} | ${(r.firstMs / 1000).toFixed(1)} s | ${Math.round(r.records / (r.firstMs / 1000)).toLocaleString('en')} | ${r.transactions} | ${(r.againMs / 1000).toFixed(1)} s (0 written) |`,
    );
  };
  row('local -> local', await measure(host, srcDir, join(work, 'copy')));
  row('local -> git (file://)', await measure(host, srcDir, `git+file://${remote}`));
  const pg = await startPostgres(work);
  if (pg) {
    try {
      const pgHost = createMemoryHost({ env: { ...process.env, PGPASSWORD: pg.password } });
      row('local -> postgres', await measure(pgHost, srcDir, pg.url));
    } finally {
      pg.stop();
    }
  }
  const out = [
    `## Store copy: ${Math.round(records / 1000)}k records (issue 13)`,
    '',
    `Source: a local store of ${SHAPE.deployments.toLocaleString('en')} deployments, ${SHAPE.components.toLocaleString('en')} components, ${SHAPE.apps} applications x ${SHAPE.versionsPerApp} versions, ${SHAPE.envs} environments (${(bytes / 2 ** 20).toFixed(0)} MiB, generated in ${genSecs.toFixed(1)} s). Each copy is verified by reading both stores back (included in the time); the re-run of the finished copy must write nothing.`,
    '',
    '| copy | records | time | records/s | transactions | re-run |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...(pg ? [] : ['', 'No PostgreSQL server could be started on this machine: the local -> postgres row is missing.']),
  ].join('\n');
  process.stdout.write(`${out}\n`);
} finally {
  await removeTree(work);
}
