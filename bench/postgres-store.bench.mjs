#!/usr/bin/env node
// Issue 13 benchmark: the PostgreSQL store at 1M deployments / 10k components against one at 1k deployments, for
// version-update, deploy record, status and history (target: <= 1.5x), and the throughput of 20 concurrent
// writers (0 lost). A throwaway server is started the way the tests start it (core/test/support/pg-cluster.ts);
// the big store is seeded with bulk SQL in the store's own schema (docs/store-postgres.md), then measured through
// the real engine (RecordBackend over openPostgresStore).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

register();
const { openPostgresStore } = await import('../core/src/backend/postgres/index.ts');
const { RecordBackend } = await import('../core/src/backend/records/record-backend.ts');
const { MIGRATIONS, PG_STORE_FORMAT } = await import('../core/src/backend/postgres/schema.ts');
const { createMemoryHost } = await import('../core/src/host.ts');
const { startPgServer, createDatabase, TEST_ROLE, TEST_ROLE_PASSWORD } = await import('../core/test/support/pg-cluster.ts');
const postgres = (await import('postgres')).default;

const BIG = {
  deployments: Number(process.env.SHIPLOG_BENCH_PG_DEPLOYMENTS ?? 1_000_000),
  components: 10_000,
  apps: 2_000,
  versionsPerApp: 5,
  envs: 20,
};
const SMALL = { deployments: 1_000, components: 1_000, apps: 200, versionsPerApp: 5, envs: 20 };
const OPS = Number(process.env.SHIPLOG_BENCH_OPS ?? 100);
const WARMUP = 10;
const TARGET = 1.5;
const WRITERS = 20;
// The second measurement's shared_buffers: PostgreSQL's own starting advice for a dedicated server, a quarter of
// its memory (capped at 8 GB); the first runs with the tests' 128MB, which holds the small store and not the big one.
const SIZED_BUFFERS_MB = Math.min(8192, Math.floor(totalmem() / 4 / 2 ** 20));
const WRITER_OPS = Number(process.env.SHIPLOG_BENCH_WRITER_OPS ?? 15);
const DOMAIN = 'GLOBAL.Bench';
const AT = '2026-01-01T00:00:00.000Z';
const PROV = { provider: 'local', isCi: true, buildId: '1000' };
const log = (m) => process.stderr.write(`postgres-store: ${m}\n`);

/** Creates the store's schema and fills it with a store of the given shape, in bulk, server side. */
async function seed(sql, shape) {
  const per = Math.max(1, Math.floor(shape.components / shape.apps));
  await sql.unsafe('create schema shiplog');
  for (const m of MIGRATIONS) {
    for (const stmt of m.statements('"shiplog"')) await sql.unsafe(stmt);
    await sql.unsafe('insert into shiplog.schema_version (version, format, description) values ($1::int, $2::text, $3::text)', [
      m.version,
      PG_STORE_FORMAT,
      m.description,
    ]);
  }
  const prov = JSON.stringify(PROV);
  const params = [DOMAIN, AT, prov, shape.components, shape.apps, shape.versionsPerApp, per, shape.deployments, shape.envs];
  // Components: one base and one version each.
  await sql.unsafe(
    `insert into shiplog.documents (kind, name, value)
     select 'component-base', $1::text || '.c' || c, jsonb_build_object('base', $1::text || '.c' || c, 'domain', $1::text, 'short', 'c' || c, 'versions', jsonb_build_array($1::text || '.c' || c || ';1'))
       from generate_series(0, $4::int - 1) c
     union all
     select 'component-version', $1::text || '.c' || c || ';1', jsonb_build_object('value', jsonb_build_object(
              'id', 'cv:' || (c + 1), 'name', $1::text || '.c' || c || ';1', 'base', $1::text || '.c' || c, 'domain', $1::text, 'short', 'c' || c,
              'version', '1', 'kind', 'docker', 'attributes', jsonb_build_object('GitCommit', 'abc'), 'createdAt', $2::text, 'provenance', $3::jsonb))
       from generate_series(0, $4::int - 1) c`,
    params.slice(0, 4),
  );
  // Applications: `per` components each, versionsPerApp versions.
  await sql.unsafe(
    `create temp table app_components as
       select a, jsonb_agg($1::text || '.c' || (a * $3::int + i) || ';1' order by i) as comps
         from generate_series(0, $2::int - 1) a, generate_series(0, $3::int - 1) i group by a`,
    [DOMAIN, shape.apps, per],
  );
  await sql.unsafe(
    `insert into shiplog.documents (kind, name, value)
     select 'application', $1::text || '.a' || a, jsonb_build_object('application', $1::text || '.a' || a,
              'versions', (select jsonb_agg($1::text || '.a' || a || ';' || v order by v) from generate_series(1, $4::int) v))
       from generate_series(0, $3::int - 1) a
     union all
     select 'application-version', $1::text || '.a' || ac.a || ';' || v, jsonb_build_object('value', jsonb_build_object(
              'id', 'av:' || (ac.a * $4::int + v), 'name', $1::text || '.a' || ac.a || ';' || v, 'application', $1::text || '.a' || ac.a, 'version', v::text,
              'components', ac.comps, 'stage', 'dev', 'createdAt', $2::text, 'provenance', '{}'::jsonb)
              || case when v > 1 then jsonb_build_object('predecessor', $1::text || '.a' || ac.a || ';' || (v - 1)) else '{}'::jsonb end,
              'approvals', '[]'::jsonb, 'moves', '[]'::jsonb)
       from app_components ac, generate_series(1, $4::int) v`,
    [DOMAIN, AT, shape.apps, shape.versionsPerApp],
  );
  // The history: bulk insert with the indexes dropped, then rebuilt (as a restore would). In id order, as the store
  // appends it: without the `order by`, the hash join lays the rows out by application, so the newest deployments sit
  // on as many heap pages as there are rows, which no store written one operation at a time looks like.
  const indexes = ['deployments_by_application', 'deployments_by_application_environment', 'deployments_by_environment'];
  for (const i of indexes) await sql.unsafe(`drop index shiplog.${i}`);
  await sql.unsafe('alter table shiplog.deployments drop constraint deployments_pkey');
  await sql.unsafe('alter table shiplog.deployment_components drop constraint deployment_components_pkey');
  await sql.unsafe('alter table shiplog.deployments disable trigger deployments_append_only');
  await sql.unsafe(
    `insert into shiplog.deployments (id, application, environment, value)
     select id, $1::text || '.a' || (id % $2::int), 'e' || (id % $3::int), jsonb_build_object(
              'id', id, 'appVersion', $1::text || '.a' || (id % $2::int) || ';' || $4::int, 'application', $1::text || '.a' || (id % $2::int),
              'environment', 'e' || (id % $3::int), 'componentVersions', ac.comps, 'exitCode', case when id % 7 = 0 then 1 else 0 end,
              'status', case when id % 7 = 0 then 'failed' else 'success' end, 'startedAt', $5::text, 'finishedAt', $5::text, 'log', '[]'::jsonb,
              'mode', 'record', 'provenance', $6::jsonb)
       from generate_series(1, $7::int) id join app_components ac on ac.a = id % $2::int order by id`,
    [DOMAIN, shape.apps, shape.envs, shape.versionsPerApp, AT, prov, shape.deployments],
  );
  // Each component version `D.cX;1` is found under `D.cX` and `D.cX;1`.
  await sql.unsafe(
    `insert into shiplog.deployment_components (component, deployment_id)
     select k.key, d.id from generate_series(1, $2::int) d(id)
       cross join lateral (select $1::text || '.c' || ((d.id % $3::int) * $4::int + i) || suffix as key
                             from generate_series(0, $4::int - 1) i, (values (''), (';1')) s(suffix)) k`,
    [DOMAIN, shape.deployments, shape.apps, per],
  );
  await sql.unsafe('alter table shiplog.deployments add primary key (id)');
  await sql.unsafe('alter table shiplog.deployment_components add primary key (component, deployment_id)');
  await sql.unsafe('create index deployments_by_application on shiplog.deployments (application, id)');
  await sql.unsafe('create index deployments_by_application_environment on shiplog.deployments (application, environment, id)');
  await sql.unsafe('create index deployments_by_environment on shiplog.deployments (environment, id)');
  await sql.unsafe('alter table shiplog.deployments enable trigger deployments_append_only');
  // Current state: the newest success per environment and application.
  await sql.unsafe(
    `insert into shiplog.environment_states (environment, application, deployment_id, value)
     select distinct on (environment, application) environment, application, id,
            jsonb_build_object('name', environment, 'application', application, 'appVersion', value->'appVersion', 'components', value->'componentVersions',
                               'deploymentId', id, 'deployedAt', $1::text, 'provenance', $2::jsonb)
       from shiplog.deployments where value->>'status' = 'success' order by environment, application, id desc`,
    [AT, prov],
  );
  await sql.unsafe(
    'update shiplog.counters set component_version = $1::bigint, application_version = $2::bigint, deployment = $3::bigint',
    [shape.components + 1, shape.apps * shape.versionsPerApp + 1, shape.deployments + 1],
  );
  await sql.unsafe('vacuum analyze');
  return per;
}

/** 1000 -> '1k', 100000 -> '100k', 1000000 -> '1M': the size in a heading, as the knobs set it. */
const sizeLabel = (n) => (n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(n));
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
};

const LABELS = [
  'version-update (lookups + component version + application version)',
  'deploy record (lookup + recordDeployment)',
  'status (one application; one environment and application)',
  'history (newest 20: all, by application, by component, by environment and application)',
];

/** One iteration: the timed pieces of version-update, deploy record, status and history on one store. */
async function step(b, shape, per, i) {
  const c = (i * 37) % shape.components;
  const a = Math.floor(c / per) % shape.apps;
  const base = `${DOMAIN}.c${c}`;
  const app = `${DOMAIN}.a${a}`;
  const env = `e${i % shape.envs}`;
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
    application: app,
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
    environment: env,
    exitCode: 0,
    log: ['deployed'],
    startedAt: AT,
    finishedAt: AT,
    mode: 'record',
    provenance: PROV,
  });
  const t2 = performance.now();
  const states = await b.status({ application: app });
  const [state] = await b.status({ environment: env, application: app });
  const t3 = performance.now();
  const recent = await b.history({ limit: 20 });
  const byApp = await b.history({ application: app, limit: 20 });
  const byComponent = await b.history({ component: base, limit: 20 });
  const byEnv = await b.history({ environment: env, application: app, limit: 20 });
  const t4 = performance.now();
  if (!cv.created || !av.created) throw new Error('bench step did not create what it should');
  if (state?.appVersion !== av.value.name || !states.length) throw new Error('bench deploy did not become the current state');
  if (
    recent.length !== 20 ||
    byApp[0]?.appVersion !== av.value.name ||
    byComponent[0]?.appVersion !== av.value.name ||
    byEnv[0]?.environment !== env
  ) {
    throw new Error('bench history answered wrong');
  }
  return [t1 - t0, t2 - t1, t3 - t2, t4 - t3];
}

/** `count` writers on their own connections, each doing `each` version-update + deploy pairs at once. */
async function writers(url, host, count, each) {
  const acked = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, w) => {
      const b = new RecordBackend(host, await openPostgresStore(host, { url }));
      try {
        for (let i = 0; i < each; i++) {
          const cv = await b.putComponentVersion({
            domain: DOMAIN,
            short: `w${w}`,
            version: String(i),
            kind: 'docker',
            attributes: {},
            provenance: PROV,
            at: AT,
          });
          const av = await b.putApplicationVersion({
            application: `${DOMAIN}.a${w}`,
            autoIncrement: false,
            component: cv.value,
            initialStage: 'dev',
            provenance: PROV,
            at: AT,
          });
          const d = await b.recordDeployment({
            appVersion: av.value,
            environment: 'qa',
            exitCode: 0,
            log: [],
            startedAt: AT,
            finishedAt: AT,
            mode: 'record',
            provenance: PROV,
          });
          acked.push(d.id);
        }
      } finally {
        await b.close();
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, acked };
}

const work = mkdtempSync(join(tmpdir(), 'shiplog-bench-pg-'));
chmodSync(work, 0o755);
let server;
try {
  let t = performance.now();
  server = await startPgServer(join(work, 'cluster'));
  log(`server on port ${server.port} after ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const dbs = {};
  const pers = {};
  let seedSecs = 0;
  for (const [key, shape] of [
    ['big', BIG],
    ['small', SMALL],
  ]) {
    const name = await createDatabase(server, `bench_${key}`);
    const sql = postgres({
      host: '127.0.0.1',
      port: server.port,
      database: name,
      user: TEST_ROLE,
      pass: TEST_ROLE_PASSWORD,
      max: 1,
      onnotice: () => undefined,
    });
    t = performance.now();
    pers[key] = await seed(sql, shape);
    const secs = (performance.now() - t) / 1000;
    if (key === 'big') seedSecs = secs;
    const [{ size }] = await sql`select pg_database_size(current_database())::bigint as size`;
    dbs[key] = { name, url: `${server.url(name)}?sslmode=disable`, size: Number(size) };
    await sql.end();
    log(`${key} store seeded in ${secs.toFixed(1)} s (${(Number(size) / 2 ** 20).toFixed(0)} MiB)`);
  }
  const host = createMemoryHost({ env: { PGPASSWORD: TEST_ROLE_PASSWORD } });
  const stores = {};
  for (const key of ['big', 'small']) stores[key] = new RecordBackend(host, await openPostgresStore(host, { url: dbs[key].url }));
  const [newest] = await stores.big.history({ limit: 1 });
  if (newest?.id !== BIG.deployments) throw new Error(`seeded store reads back wrong (newest ${newest?.id})`);

  /** The four timed pieces on both stores, interleaved; the table rows and whether every ratio meets the target. */
  async function measure() {
    const times = { big: [[], [], [], []], small: [[], [], [], []] };
    for (let i = 0; i < OPS + WARMUP; i++) {
      // Alternate which store goes first, so that drift on a shared machine hits both alike.
      const order = i % 2 ? ['big', 'small'] : ['small', 'big'];
      for (const key of order) {
        const r = await step(stores[key], key === 'big' ? BIG : SMALL, pers[key], i + round * (OPS + WARMUP));
        if (i >= WARMUP) r.forEach((ms, k) => times[key][k].push(ms));
      }
    }
    round++;
    let pass = true;
    const rows = LABELS.map((label, k) => {
      const mb = median(times.big[k]);
      const ms = median(times.small[k]);
      const ratio = mb / ms;
      pass &&= ratio <= TARGET;
      return { label, mb, ms, ratio };
    });
    return { rows, pass };
  }
  let round = 0;
  const measured = [];
  for (const buffers of ['128MB', `${SIZED_BUFFERS_MB}MB`]) {
    if (buffers !== '128MB') {
      // Same data, the server restarted with more shared_buffers (ALTER SYSTEM writes postgresql.auto.conf).
      for (const b of Object.values(stores)) await b.close();
      const admin = server.admin();
      await admin.unsafe(`alter system set shared_buffers = '${buffers}'`);
      await admin.end();
      server.stop();
      server.start();
      for (const key of ['big', 'small']) stores[key] = new RecordBackend(host, await openPostgresStore(host, { url: dbs[key].url }));
    }
    log(`measuring with shared_buffers = ${buffers}`);
    measured.push({ buffers, ...(await measure()) });
  }
  const [plain, sized] = measured;
  const pass = sized.pass;
  const rows = plain.rows.map((p, k) => {
    const z = sized.rows[k];
    return `| ${p.label} | ${z.mb.toFixed(2)} ms | ${z.ms.toFixed(2)} ms | ${z.ratio.toFixed(2)}x | ${p.mb.toFixed(2)} ms | ${p.ms.toFixed(2)} ms | ${p.ratio.toFixed(2)}x | <= ${TARGET}x | ${z.ratio <= TARGET ? 'pass' : 'FAIL'} |`;
  });
  for (const b of Object.values(stores)) await b.close();

  // Throughput: 20 writers on the big store at once.
  const before = await (async () => {
    const s = await openPostgresStore(host, { url: dbs.big.url });
    const info = await s.info();
    await s.close();
    return info.next.deployment;
  })();
  const run = await writers(dbs.big.url, host, WRITERS, WRITER_OPS);
  const check = await openPostgresStore(host, { url: dbs.big.url });
  const after = await check.info();
  await check.close();
  const expected = WRITERS * WRITER_OPS;
  const ids = [...run.acked].sort((x, y) => x - y);
  const committed = after.next.deployment - before;
  const dense = ids.every((id, i) => id === before + i) && committed === expected;
  const lost = expected - committed;
  const opsPerSec = (expected * 3) / run.seconds;

  const out = [
    `## PostgreSQL store: ${sizeLabel(BIG.deployments)} deployments + 10k components vs 1k deployments (issue 13)`,
    '',
    `Median per-operation wall time over ${OPS} iterations each (after ${WARMUP} warm-up), stores interleaved, one connection per store,`,
    `on a throwaway PostgreSQL ${after.details?.server ?? ''} on 127.0.0.1 (fsync off, as in the tests), measured twice on the same data:`,
    `with shared_buffers = ${sized.buffers} (a quarter of this machine's memory, PostgreSQL's starting advice for a database server;`,
    'the target applies here) and with the 128MB the tests run (an untuned server; the big store does not fit, the small one does).',
    `Big store: ${BIG.deployments.toLocaleString('en')} deployments, ${BIG.components.toLocaleString('en')} components, ${BIG.apps} applications x ${BIG.versionsPerApp} versions, ${BIG.envs} environments;`,
    `${(dbs.big.size / 2 ** 20).toFixed(0)} MiB, seeded with bulk SQL in ${seedSecs.toFixed(1)} s. Small store: ${SMALL.deployments.toLocaleString('en')} deployments, ${SMALL.components.toLocaleString('en')} components.`,
    '',
    `| operation | ${sizeLabel(BIG.deployments)} store | 1k store | ratio | ${sizeLabel(BIG.deployments)} at 128MB | 1k at 128MB | ratio at 128MB | target | result |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `${WRITERS} concurrent writers (own connections) on the ${sizeLabel(BIG.deployments)} store, ${WRITER_OPS} x (version-update + deploy record) each:`,
    '',
    '| writers | transactions | wall time | transactions/s | deployments acknowledged | committed | lost | ids dense |',
    '|---|---|---|---|---|---|---|---|',
    `| ${WRITERS} | ${expected * 3} | ${run.seconds.toFixed(1)} s | ${opsPerSec.toFixed(0)} | ${run.acked.length} | ${committed} | ${lost} | ${dense ? 'yes' : 'NO'} |`,
  ].join('\n');
  process.stdout.write(`${out}\n`);
  log(pass ? 'pass' : 'ratio above target');
  if (lost !== 0 || !dense) {
    log('writers lost deployments or ids are not dense');
    process.exitCode = 1;
  }
} finally {
  server?.destroy();
  rmSync(work, { recursive: true, force: true });
}
