#!/usr/bin/env node
// Issue 2 benchmark (c): 20 writer processes on one local store at once. Each runs the writer used by the
// concurrency test (component version + application version + deployment per iteration). Reports the
// store's committed operations per second while all 20 contend, against one writer alone, and what was lost.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { openLocalBackend } = await import('../core/src/backend/local/index.ts');
const { createMemoryHost } = await import('../core/src/host.ts');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const writerScript = join(root, 'core/test/fixtures/store/writer.ts');
const WRITERS = 20;
const EACH = Number(process.env.SHIPLOG_BENCH_ITERATIONS ?? 10);
const OPS_PER_ITERATION = 3;

/** Runs n writers at once; returns ops/s between the first and the last acknowledged op, and the acks. */
async function run(stateDir, n, each) {
  const acks = [];
  const children = Array.from({ length: n }, (_, w) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, JSON.stringify({ stateDir, worker: w, count: each })], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buf = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim()) acks.push({ at: performance.now(), ...JSON.parse(line) });
      }
    });
    return new Promise((resolve) => child.on('close', (code) => resolve(code)));
  });
  const codes = await Promise.all(children);
  const times = acks.map((a) => a.at).sort((a, b) => a - b);
  // ops/s over the window where writers were running (process start-up excluded); the first ack opens it
  const secs = (times[times.length - 1] - times[0]) / 1000;
  return { opsPerSec: (acks.length - 1) / secs, acks, failed: codes.filter((c) => c !== 0).length };
}

const work = mkdtempSync(join(tmpdir(), 'shiplog-bench-conc-'));
try {
  const solo = await run(join(work, 'solo'), 1, EACH * 4);
  const stateDir = join(work, 'shared');
  const many = await run(stateDir, WRITERS, EACH);
  const b = await openLocalBackend(createMemoryHost(), { stateDir });
  const history = await b.history({});
  const expected = WRITERS * EACH;
  const ids = history.map((d) => d.id).sort((x, y) => x - y);
  const dense = ids.length === expected && ids.every((id, i) => id === i + 1);
  let lostCv = 0;
  for (let w = 0; w < WRITERS; w++) lostCv += EACH - (await b.listComponentVersions(`GLOBAL.Acme.Store.svc-w${w}`)).length;
  const lostAv = expected - (await b.listApplicationVersions('GLOBAL.Acme.Store.shop')).length;
  const ackedDeps = many.acks.filter((a) => a.kind === 'dep').map((a) => a.id);
  const stored = new Set(history.map((d) => d.id));
  const lostAcked = ackedDeps.filter((id) => !stored.has(id)).length;
  const lost = Math.max(0, expected - history.length) + lostCv + lostAv + lostAcked;
  const totalOps = many.acks.length;
  const rows = [
    `| writers finished cleanly | ${WRITERS - many.failed} / ${WRITERS} | ${WRITERS} | ${many.failed === 0 ? 'pass' : 'FAIL'} |`,
    `| operations committed | ${totalOps} | ${expected * OPS_PER_ITERATION} | ${totalOps === expected * OPS_PER_ITERATION ? 'pass' : 'FAIL'} |`,
    `| lost (deployments, component versions, app versions, acknowledged) | ${lost} | 0 | ${lost === 0 ? 'pass' : 'FAIL'} |`,
    `| deployment ids unique and dense 1..${expected} | ${dense ? 'yes' : 'no'} | yes | ${dense ? 'pass' : 'FAIL'} |`,
    `| ops/s, ${WRITERS} writers contending | ${many.opsPerSec.toFixed(1)} | (reported) | - |`,
    `| ops/s, 1 writer alone | ${solo.opsPerSec.toFixed(1)} | (reported) | - |`,
    `| throughput kept under contention (20 vs 1) | ${(many.opsPerSec / solo.opsPerSec).toFixed(2)}x | (reported) | - |`,
  ];
  const out = [
    '## Concurrency: 20 writer processes on one local store (issue 2, c)',
    '',
    `Each writer process does ${EACH} iterations of putComponentVersion + putApplicationVersion (one shared application) + recordDeployment; an operation is one committed store transaction (lock, journal, fsync).`,
    '',
    '| measure | value | target | result |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
  process.stdout.write(`${out}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
