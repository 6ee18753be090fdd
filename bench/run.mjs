#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs in turn (each prints one markdown section on stdout),
// then writes bench/RESULTS.md with the date and the machine. Ratios are measured within one run, so a
// noisy shared machine shifts both sides alike. `npm run bench -- <filter>` runs only matching files.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs') && (!filter || f.includes(filter)))
  .sort();

const sections = [];
let failed = 0;
for (const f of files) {
  process.stderr.write(`bench: ${f} ...\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(here, f)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed++;
    sections.push(`## ${f}\n\nFAILED (exit ${r.status}) after ${secs} s\n`);
  } else {
    sections.push(`${r.stdout.trim()}\n\n_${f}: ${secs} s_\n`);
  }
  process.stderr.write(`bench: ${f} done in ${secs} s\n`);
}

const cpu = cpus()[0]?.model ?? 'unknown cpu';
const header = [
  '# shiplog benchmarks',
  '',
  `Run: ${new Date().toISOString()} with \`npm run bench\``,
  `Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, node ${process.version}`,
  '',
  'Every number is a ratio or a count measured within this one run; targets are in each table.',
  '',
].join('\n');
const out = `${header}\n${sections.join('\n')}`;
if (!filter) writeFileSync(join(here, 'RESULTS.md'), out);
process.stdout.write(out);
process.exit(failed ? 1 : 0);
