/**
 * The postgres store under load and failure, with real processes and a real server:
 * - 50 writer processes mixing version-update, approve, move and deploy: every operation lands exactly once, ids
 *   dense, no duplicate application versions (the figures are printed);
 * - writers killed with SIGKILL at random moments while readers read: readers never fail, no partial operation,
 *   a re-run of an interrupted version-update completes it exactly once;
 * - the server stopped in the middle of operations: exit 4 after bounded retries, nothing half-written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/backend/postgres/index.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import { BackendError, ShiplogError } from '../src/errors.js';
import { createMemoryHost } from '../src/host.js';
import { makeRepo, runCliInProcess } from './execute-fixtures.js';
import { createDatabase, startPgServer, TEST_ROLE_PASSWORD } from './support/pg-cluster.js';
import { testDatabase, type TestDatabase } from './support/pg-shared.js';
import { pgStoreProblems } from './support/pg-store-check.js';

const here = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = join(here, '..', '..');
const APP = 'GLOBAL.Acme.Store.shop';

interface Line {
  ready?: boolean;
  begin?: string;
  argv?: string[];
  op?: string;
  code?: number;
  result?: Record<string, unknown>;
  err?: string;
}

interface PgWriter {
  worker: number;
  child: ChildProcess;
  lines: Line[];
  stderr: () => string;
  ready: Promise<void>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  go(): void;
}

function startPgWriter(db: TestDatabase, worker: number, count: number, repo: { dir: string; env: Record<string, string> }): PgWriter {
  const args = {
    url: `${db.url}?sslmode=disable`,
    password: db.password,
    worker,
    count,
    cwd: repo.dir,
    home: repo.env.HOME,
    application: APP,
  };
  const child = spawn(process.execPath, [join(here, 'fixtures/store/pg-writer.mjs'), JSON.stringify(args)], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: Line[] = [];
  let buf = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = JSON.parse(buf.slice(0, nl)) as Line;
      buf = buf.slice(nl + 1);
      if (line.ready) onReady();
      else lines.push(line);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  child.stdin!.on('error', () => undefined);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { worker, child, lines, stderr: () => err, ready, done, go: () => child.stdin!.write('go\n') };
}

/** Reads in a loop until stopped; every failure is a problem (readers must never fail). */
function startReader(url: string, password: string): { stop: () => Promise<{ reads: number; problems: string[] }> } {
  let running = true;
  const problems: string[] = [];
  let reads = 0;
  const loop = (async () => {
    const host = createMemoryHost({ env: { PGPASSWORD: password } });
    const b = new RecordBackend(host, await openPostgresStore(host, { url }));
    while (running) {
      try {
        const versions = await b.listApplicationVersions(APP);
        versions.forEach((v, i) => {
          if (i > 0 && v.predecessor !== versions[i - 1].name) problems.push(`${v.name} predecessor ${v.predecessor}`);
        });
        const recent = await b.history({ limit: 5 });
        if (recent.some((d, i) => i > 0 && d.id !== recent[i - 1].id - 1)) problems.push(`history ${recent.map((d) => d.id)}`);
        for (const st of await b.status())
          if (!(await b.getApplicationVersion(st.appVersion))) problems.push(`status names missing ${st.appVersion}`);
        reads++;
      } catch (err) {
        problems.push(String(err));
      }
      // poll, do not spin: the reader shares the runner's CPUs with the writers and the server
      await new Promise((r) => setTimeout(r, 50));
    }
    await b.close();
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { reads, problems };
    },
  };
}

describe('postgres store reliability', () => {
  it('50 writer processes mixing version-update, approve, move and deploy: every operation lands exactly once, ids dense', async () => {
    const db = await testDatabase();
    const repo = makeRepo({}, { git: false });
    const admin = db.server.admin(db.name);
    try {
      const WRITERS = 50;
      // one release each: 250 operations from 50 processes racing on one database
      const EACH = 1;
      // Create the store first so that the writers race on operations, not on the schema.
      const pre = await runCliInProcess(['status', '--store', `${db.url}?sslmode=disable`], {
        cwd: repo.dir,
        env: { ...repo.env, PGPASSWORD: db.password },
      });
      expect(pre.code, pre.err).toBe(0);
      const writers = Array.from({ length: WRITERS }, (_, w) => startPgWriter(db, w, EACH, repo));
      await Promise.all(writers.map((w) => w.ready));
      const reader = startReader(`${db.url}?sslmode=disable`, db.password);
      const t0 = Date.now();
      for (const w of writers) w.go();
      const exits = await Promise.all(writers.map((w) => w.done));
      const seconds = (Date.now() - t0) / 1000;
      const { reads, problems: readProblems } = await reader.stop();
      for (const [i, r] of exits.entries()) expect(r, `writer ${i}: ${writers[i].stderr()}`).toEqual({ code: 0, signal: null });
      const acks = writers.flatMap((w) => w.lines.filter((l) => l.op));
      for (const a of acks)
        expect(a.code, `${a.op}: ${a.err}`).toBe(
          a.op === 'deploy' && a.result?.deployment && (a.result.deployment as { status: string }).status === 'failed' ? 1 : 0,
        );
      expect(readProblems).toEqual([]);
      expect(reads).toBeGreaterThan(0);

      const { problems, figures } = await pgStoreProblems(admin);
      expect(problems).toEqual([]);
      const n = WRITERS * EACH;
      expect(figures).toMatchObject({
        componentVersions: n,
        applicationVersions: n,
        approvals: n,
        moves: n,
        deployments: n,
        operations: 5 * n,
      });
      // What each writer was told is what the store holds.
      const depIds = acks.filter((a) => a.op === 'deploy').map((a) => (a.result!.deployment as { id: number }).id);
      expect(depIds.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      const avNames = acks.filter((a) => a.op === 'version-update').map((a) => a.result!.appVersion as string);
      expect(new Set(avNames).size).toBe(n);
      console.log(
        `postgres store: ${WRITERS} writer processes x ${EACH} iterations in ${seconds.toFixed(1)} s: ${figures.operations} operations ` +
          `(${figures.componentVersions} component versions, ${figures.applicationVersions} application versions, ${figures.approvals} approvals, ` +
          `${figures.moves} moves, ${figures.deployments} deployments), 0 lost, 0 duplicated, ids dense; ${reads} concurrent reads, 0 failed`,
      );
    } finally {
      await admin.end();
      repo.cleanup();
      await db.drop();
    }
  }, 1_200_000);

  it('writers killed with SIGKILL mid-transaction: readers never fail, nothing partial, an interrupted version-update re-runs exactly once', async () => {
    const db = await testDatabase();
    const repo = makeRepo({}, { git: false });
    const admin = db.server.admin(db.name);
    try {
      const pre = await runCliInProcess(['status', '--store', `${db.url}?sslmode=disable`], {
        cwd: repo.dir,
        env: { ...repo.env, PGPASSWORD: db.password },
      });
      expect(pre.code, pre.err).toBe(0);
      const reader = startReader(`${db.url}?sslmode=disable`, db.password);
      const all: PgWriter[] = [];
      let next = 0;
      const launch = () => {
        const w = startPgWriter(db, next++, 0, repo);
        all.push(w);
        void w.ready.then(() => w.go());
        return w;
      };
      let live = Array.from({ length: 8 }, launch);
      const busy = () => live.filter((w) => w.lines.length > 0);
      const acked = () => all.reduce((n, w) => n + w.lines.filter((l) => l.op).length, 0);
      const until = async (cond: () => boolean) => {
        while (!cond()) await new Promise((r) => setTimeout(r, 50));
      };
      await until(() => acked() >= 8);
      // 12 times: kill one of the writers at work at a random moment, and start a replacement.
      for (let round = 0; round < 12; round++) {
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 500));
        await until(() => busy().length > 0);
        const candidates = busy();
        const victim = candidates[Math.floor(Math.random() * candidates.length)];
        victim.child.kill('SIGKILL');
        live = [...live.filter((w) => w !== victim), launch()];
      }
      const before = acked();
      await until(() => acked() >= before + 8);
      for (const w of live) w.child.kill('SIGKILL');
      const exits = await Promise.all(all.map((w) => w.done));
      const { reads, problems: readProblems } = await reader.stop();
      expect(exits.every((e) => e.signal === 'SIGKILL')).toBe(true);
      expect(readProblems).toEqual([]);
      expect(reads).toBeGreaterThan(0);
      const acks = all.flatMap((w) => w.lines.filter((l) => l.op));
      expect(acks.length).toBeGreaterThan(0);
      for (const a of acks) expect([0, 1], `${a.op}: ${a.err}`).toContain(a.code);

      let { problems, figures } = await pgStoreProblems(admin);
      expect(problems).toEqual([]);
      // Every acknowledged deployment and application version is there.
      const depIds = new Set((await admin`select id::int from shiplog.deployments`).map((r) => r.id as number));
      for (const a of acks.filter((x) => x.op === 'deploy' && x.result?.deployment))
        expect(depIds.has((a.result!.deployment as { id: number }).id)).toBe(true);

      // Re-run each version-update a writer was killed in: it completes exactly once.
      const interrupted = all
        .map((w) => w.lines[w.lines.length - 1])
        .filter((l): l is Line & { argv: string[] } => l?.begin === 'version-update' && Array.isArray(l.argv));
      for (const l of interrupted) {
        const r = await runCliInProcess([...l.argv, '--store', `${db.url}?sslmode=disable`, '--json'], {
          cwd: repo.dir,
          env: { ...repo.env, PGPASSWORD: db.password },
        });
        expect(r.code, r.err).toBe(0);
        const again = await runCliInProcess([...l.argv, '--store', `${db.url}?sslmode=disable`, '--json'], {
          cwd: repo.dir,
          env: { ...repo.env, PGPASSWORD: db.password },
        });
        expect(again.json()).toMatchObject({ componentVersionCreated: false, appVersionCreated: false });
      }
      ({ problems, figures } = await pgStoreProblems(admin));
      expect(problems).toEqual([]);
      console.log(
        `postgres store: ${all.length} writers SIGKILLed at random moments: ${acks.length} acknowledged operations kept, ${figures.operations} committed, ` +
          `${interrupted.length} interrupted version-updates re-run exactly once, ${reads} concurrent reads, 0 failed, 0 partial`,
      );
    } finally {
      await admin.end();
      repo.cleanup();
      await db.drop();
    }
  }, 600_000);

  it('the server stopped mid-operation: exit 4 after bounded retries, nothing half-written, everything acknowledged kept', async () => {
    // Its own cluster: stopping the run's shared server would break the other tests.
    const dir = await mkdtemp(join(tmpdir(), 'shiplog-pg-stop-'));
    await chmod(dir, 0o755);
    const server = await startPgServer(join(dir, 'cluster'));
    const repo = makeRepo({}, { git: false });
    try {
      const name = await createDatabase(server);
      const url = `${server.url(name)}?sslmode=disable`;
      const host = createMemoryHost({ env: { PGPASSWORD: TEST_ROLE_PASSWORD } });
      const acked: number[] = [];
      const failures: ShiplogError[] = [];
      let stopped = false;
      const loops = Array.from({ length: 6 }, async (_, w) => {
        const b = new RecordBackend(
          host,
          await openPostgresStore(host, { url, tuning: { connectionAttempts: 4, backoffMinMs: 50, backoffMaxMs: 400 } }),
        );
        try {
          for (let i = 1; ; i++) {
            const cv = await b.putComponentVersion({
              domain: 'GLOBAL.Acme.Store',
              short: `svc-w${w}`,
              version: String(i),
              kind: 'docker',
              attributes: {},
              provenance: { provider: 'local', isCi: false },
              at: new Date().toISOString(),
            });
            const av = await b.putApplicationVersion({
              application: APP,
              autoIncrement: false,
              component: cv.value,
              initialStage: 'dev',
              provenance: { provider: 'local', isCi: false },
              at: cv.value.createdAt,
            });
            const d = await b.recordDeployment({
              appVersion: av.value,
              environment: 'qa',
              exitCode: 0,
              log: ['x'.repeat(2000)],
              startedAt: cv.value.createdAt,
              finishedAt: cv.value.createdAt,
              mode: 'record',
              provenance: { provider: 'local', isCi: false },
            });
            acked.push(d.id);
          }
        } catch (err) {
          if (!stopped || !(err instanceof ShiplogError)) throw err;
          failures.push(err);
        } finally {
          await b.close();
        }
      });
      while (acked.length < 30) await new Promise((r) => setTimeout(r, 20));
      stopped = true;
      server.stop('fast');
      await Promise.all(loops);
      expect(failures).toHaveLength(6);
      for (const f of failures) {
        expect(f).toBeInstanceOf(BackendError);
        expect(f.exitCode).toBe(4);
        expect(f.message).toMatch(/^postgres store postgres:\/\/shiplog_test@127\.0\.0\.1:\d+\/\S+: cannot reach the server/);
        expect(f.message).toMatch(/(after|\() ?4 attempts/);
      }
      // The CLI while the server is down: exit 4, one line.
      const cli = await runCliInProcess(['status', '--store', url], {
        cwd: repo.dir,
        env: { ...repo.env, PGPASSWORD: TEST_ROLE_PASSWORD },
      });
      expect(cli.code).toBe(4);
      expect(cli.err.split('\n').filter((l) => l.startsWith('shiplog: error:'))).toEqual([
        expect.stringMatching(/cannot reach the server/),
      ]);
      expect(cli.out + cli.err).not.toContain(TEST_ROLE_PASSWORD);

      server.start();
      const admin = server.admin(name);
      try {
        const { problems, figures } = await pgStoreProblems(admin);
        expect(problems).toEqual([]);
        const ids = new Set((await admin`select id::int from shiplog.deployments`).map((r) => r.id as number));
        for (const id of acked) expect(ids.has(id)).toBe(true);
        console.log(
          `postgres store: server stopped under 6 writers: ${acked.length} acknowledged deployments kept, ${figures.deployments} committed, ${failures.length} writers exit 4, 0 half-written`,
        );
      } finally {
        await admin.end();
      }
    } finally {
      repo.cleanup();
      server.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
