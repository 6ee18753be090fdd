#!/usr/bin/env node
// Prints the closing "N passed, N failed" line for CI from vitest's JSON report and the bats TAP counts
// that the shell suites append to node_modules/.cache/shiplog/shell-results.txt ("passed failed" per line).
import { existsSync, readFileSync } from 'node:fs';
import { skippedSuites } from './suite-tools.mjs';

const dir = 'node_modules/.cache/shiplog';
let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = `${dir}/vitest-results.json`;
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // Where the time went: vitest's wall time and its slowest files (CI must stay under 20 minutes).
  const files = (r.testResults ?? []).filter((t) => t.startTime && t.endTime);
  if (files.length) {
    const end = Math.max(...files.map((t) => t.endTime));
    const slow = files
      .map((t) => ({ name: t.name.replace(`${process.cwd()}/`, ''), s: (t.endTime - t.startTime) / 1000 }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 8)
      .map((t) => `${t.name} ${Math.round(t.s)} s`);
    console.log(`vitest: ${files.length} files in ${Math.round((end - r.startTime) / 1000)} s; slowest: ${slow.join(', ')}`);
  }
}
const shell = `${dir}/shell-results.txt`;
if (existsSync(shell)) {
  for (const line of readFileSync(shell, 'utf8').split('\n')) {
    const [p, f] = line.trim().split(/\s+/).map(Number);
    if (Number.isFinite(p)) passed += p;
    if (Number.isFinite(f)) failed += f;
  }
}
const suites = skippedSuites().length;
console.log(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${suites ? `, ${suites} suite(s) skipped for missing tools` : ''}`,
);
