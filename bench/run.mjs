#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs in turn (each prints one markdown section on stdout),
// then writes bench/RESULTS.md with the date and the machine. Ratios are measured within one run, so a
// noisy shared machine shifts both sides alike; the load average during each bench is written under it, since
// contention still inflates CPU-bound work more than waiting. `npm run bench -- <filter>` runs only matching files
// (and writes nothing). Sizes and repetitions: the SHIPLOG_BENCH_* variables in bench/README.md.
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs') && (!filter || f.includes(filter)))
  .sort();

/** Runs one bench file; its stdout, exit status, and the 1-minute load average sampled every 5 s meanwhile. */
function runBench(file) {
  return new Promise((resolve) => {
    const loads = [loadavg()[0]];
    const timer = setInterval(() => loads.push(loadavg()[0]), 5000);
    const child = spawn(process.execPath, [join(here, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (s) => (stdout += s));
    child.on('close', (status) => {
      clearInterval(timer);
      loads.push(loadavg()[0]);
      resolve({ status, stdout, loads });
    });
  });
}

const sections = [];
let failed = 0;
for (const f of files) {
  process.stderr.write(`bench: ${f} ...\n`);
  const t0 = Date.now();
  const r = await runBench(f);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const mean = r.loads.reduce((a, b) => a + b, 0) / r.loads.length;
  const load = `load average (1 min) ${mean.toFixed(1)}, from ${Math.min(...r.loads).toFixed(1)} to ${Math.max(...r.loads).toFixed(1)}`;
  if (r.status !== 0) {
    failed++;
    sections.push(`## ${f}\n\nFAILED (exit ${r.status}) after ${secs} s; ${load}\n`);
  } else {
    sections.push(`${r.stdout.trim()}\n\n_${f}: ${secs} s; ${load}_\n`);
  }
  process.stderr.write(`bench: ${f} done in ${secs} s (${load})\n`);
}

const cpu = cpus()[0]?.model ?? 'unknown cpu';
const knobs = Object.entries(process.env)
  .filter(([k]) => k.startsWith('SHIPLOG_BENCH_'))
  .map(([k, v]) => `${k}=${v}`)
  .sort();
const header = [
  '# shiplog benchmarks',
  '',
  `Run: ${new Date().toISOString()} with \`${[...knobs, 'npm run bench'].join(' ')}\``,
  `Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, node ${process.version}`,
  '',
  'Every number is a ratio or a count measured within this one run; targets are in each table.',
  '',
].join('\n');
const out = `${header}\n${sections.join('\n')}`;
if (!filter) writeFileSync(join(here, 'RESULTS.md'), out);
process.stdout.write(out);
process.exit(failed ? 1 : 0);
