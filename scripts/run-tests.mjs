#!/usr/bin/env node
// The test part of `npm test`: vitest and the shell suites (shellcheck, bats, the Jenkins library's groovy tests,
// `npm run test:shell` in each workspace) run side by side. Most of both waits on child processes (git, PostgreSQL,
// the CLI, a JVM), so together they finish well before one after the other would. Vitest keeps the terminal; the
// shell suites' output is held and printed whole once they end, so neither interleaves with the other.
// Exit: the first non-zero of vitest's and the shell suites' exit codes.
//
//   node scripts/run-tests.mjs [vitest arguments...]
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, opts) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd: ROOT, ...opts });
    child.on('error', (err) => resolveRun({ code: 127, error: err.message }));
    child.on('close', (code, signal) => resolveRun({ code: code ?? (signal ? 128 : 1) }));
  });
}

const started = Date.now();
let shellOutput = '';
const shell = new Promise((resolveShell) => {
  const child = spawn(npm, ['run', 'test:shell', '--workspaces', '--if-present'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk) => void (shellOutput += chunk);
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  child.on('error', (err) => resolveShell({ code: 127, error: err.message }));
  child.on('close', (code, signal) => resolveShell({ code: code ?? (signal ? 128 : 1), seconds: (Date.now() - started) / 1000 }));
});

const vitest = await run(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
const shellEnd = await shell;

const log = join(ROOT, 'node_modules', '.cache', 'shiplog', 'shell-output.txt');
mkdirSync(dirname(log), { recursive: true });
writeFileSync(log, shellOutput);
process.stdout.write(`\n== shell suites (shellcheck, bats, groovy), run beside vitest: exit ${shellEnd.code} after ${Math.round(shellEnd.seconds ?? 0)} s ==\n`);
process.stdout.write(shellOutput);
if (shellEnd.error) process.stderr.write(`run-tests: the shell suites did not start: ${shellEnd.error}\n`);
if (vitest.error) process.stderr.write(`run-tests: vitest did not start: ${vitest.error}\n`);
process.exit(vitest.code !== 0 ? vitest.code : shellEnd.code);
