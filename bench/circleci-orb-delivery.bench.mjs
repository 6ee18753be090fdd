#!/usr/bin/env node
// CircleCI orb: how the pinned shiplog bundle reaches a job. Compares the shipped design (download
// @shiplog/core@<pinned version> from an npm registry once per job, verify its SHA-256, reuse it in later steps)
// with the alternative (the gzip+base64 bundle inlined into the packed orb at pack time, decoded in every step).
// Measured in this one run: orb size, size each command invocation adds to a compiled config, and step start-up
// (install + `node shiplog.mjs --version`) relative to running the bundle directly. The registry is a loopback
// server, so real network latency (one ~250 KB download per job) is NOT included: see the README.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse, stringify } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const orbDir = join(root, 'adapters', 'circleci-orb');
const bundlePath = join(root, 'core', 'dist', 'shiplog.mjs');
const bundle = readFileSync(bundlePath);
const orbText = readFileSync(join(orbDir, 'orb.yml'), 'utf8');
const orb = parse(orbText);
const pin = orb.commands.install.steps[0].run.environment;
const sha = createHash('sha256').update(bundle).digest('hex');
if (sha !== pin.SHIPLOG_SHA256) {
  console.error('orb.yml is stale (its pin is not core/dist/shiplog.mjs): npm run build -w adapters/circleci-orb');
  process.exit(1);
}
const RUNS = 7;

// --- the inline alternative, built the way pack time would build it -------------------------------------------
const payload = gzipSync(bundle, { level: 9 }).toString('base64').replace(/.{76}/g, '$&\n');
const inlineInstall = [
  'set -euo pipefail',
  'dir="$HOME/.shiplog/$SHIPLOG_VERSION"; mkdir -p "$dir"',
  `base64 -d > "$dir/shiplog.mjs.gz" <<'SHIPLOG_BUNDLE'`,
  payload,
  'SHIPLOG_BUNDLE',
  'node -e \'process.stdin.pipe(require("zlib").createGunzip()).pipe(process.stdout)\' < "$dir/shiplog.mjs.gz" > "$dir/shiplog.mjs"',
  '[ "$(sha256sum "$dir/shiplog.mjs" | cut -d" " -f1)" = "$SHIPLOG_SHA256" ]',
].join('\n');
const inlineOrb = structuredClone(orb);
inlineOrb.commands.install.steps[0].run.command = inlineInstall;
const inlineOrbText = stringify(inlineOrb, { lineWidth: 0 });
// What one use of an operation command adds to a user's compiled config: its install + run steps.
const perUse = (o) => stringify(o.commands.install.steps).length + stringify(o.commands.deploy.steps).length;

// --- timing helpers ---------------------------------------------------------------------------------------------
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function runBash(script, env) {
  return new Promise((ok) => {
    const t0 = process.hrtime.bigint();
    let child;
    try {
      child = spawn('/bin/bash', ['-eo', 'pipefail', '-c', script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      ok({ ms: NaN, code: e.code ?? 'spawn error' });
      return;
    }
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => ok({ ms: NaN, code: e.code ?? 'spawn error' }));
    child.on('close', (code) => ok({ ms: Number(process.hrtime.bigint() - t0) / 1e6, code, err }));
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'orb-bench-'));
try {
  // A loopback npm registry with @shiplog/core's tarball.
  mkdirSync(join(tmp, 'pkg', 'package', 'dist'), { recursive: true });
  copyFileSync(bundlePath, join(tmp, 'pkg', 'package', 'dist', 'shiplog.mjs'));
  execFileSync('tar', ['-czf', join(tmp, 'core.tgz'), '-C', join(tmp, 'pkg'), 'package']);
  const tgz = readFileSync(join(tmp, 'core.tgz'));
  const server = createServer((req, res) => res.end(tgz));
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const registry = `http://127.0.0.1:${server.address().port}`;

  const installScript = readFileSync(join(orbDir, 'src', 'scripts', 'install.sh'), 'utf8');
  const baseEnv = { PATH: process.env.PATH, SHIPLOG_VERSION: String(pin.SHIPLOG_VERSION), SHIPLOG_SHA256: sha, SHIPLOG_REGISTRY: registry };
  const runCli = 'node "$HOME/.shiplog/$SHIPLOG_VERSION/shiplog.mjs" --version >/dev/null';
  const timings = { direct: [], cold: [], warm: [], inline: [] };
  let inlineError;
  for (let i = 0; i < RUNS; i++) {
    const home = join(tmp, `home-${i}`);
    mkdirSync(join(home, '.shiplog', String(pin.SHIPLOG_VERSION)), { recursive: true });
    copyFileSync(bundlePath, join(home, '.shiplog', String(pin.SHIPLOG_VERSION), 'shiplog.mjs'));
    timings.direct.push((await runBash(runCli, { ...baseEnv, HOME: home })).ms);
    rmSync(join(home, '.shiplog'), { recursive: true });
    const env = { ...baseEnv, HOME: home };
    const cold = await runBash(`${installScript}\n${runCli}`, env);
    if (cold.code !== 0) throw new Error(`cold install failed: ${cold.err}`);
    timings.cold.push(cold.ms);
    timings.warm.push((await runBash(`${installScript}\n${runCli}`, env)).ms);
    // The inline step as CircleCI would hand it to bash -c: one argument holding the whole command.
    const inline = await runBash(`${inlineInstall}\n${runCli}`, { ...env, HOME: join(tmp, `inline-${i}`) });
    if (inline.code !== 0) inlineError = inline.code;
    else timings.inline.push(inline.ms);
  }
  server.close();

  // The inline step through a script file / stdin instead (in case CircleCI does not use -c).
  const viaStdin = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/bin/bash', ['-eo', 'pipefail'], {
      input: `${inlineInstall}\n${runCli}`,
      env: { ...baseEnv, HOME: join(tmp, `stdin-${i}`) },
    });
    if (r.status !== 0) throw new Error(`inline via stdin failed: ${r.stderr}`);
    viaStdin.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }

  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const ms = (n) => (Number.isNaN(n) ? 'n/a' : `${n.toFixed(0)} ms`);
  const d = median(timings.direct);
  const cold = median(timings.cold);
  const warm = median(timings.warm);
  const stdin = median(viaStdin);
  const rows = [
    ['orb.yml size, shipped (download + checksum)', kb(orbText.length), '', ''],
    ['orb.yml size, inline alternative', kb(inlineOrbText.length), '', ''],
    [
      'orb size ratio shipped / inline',
      (orbText.length / inlineOrbText.length).toFixed(3),
      '<= 0.5',
      orbText.length / inlineOrbText.length <= 0.5 ? 'pass' : 'fail',
    ],
    ['compiled config added per command use, shipped', kb(perUse(orb)), '', ''],
    ['compiled config added per command use, inline', kb(perUse(inlineOrb)), '', ''],
    ['largest run command, inline (Linux limit for one argument: 128 KiB)', kb(inlineInstall.length + runCli.length + 1), '', ''],
    ['inline step via `bash -c` (one argv string)', inlineError ? `fails (${inlineError})` : ms(median(timings.inline)), '', ''],
    ['bundle run directly (`node shiplog.mjs --version`), median', ms(d), '', ''],
    ['step start-up, shipped, first step of a job (download + verify), median', ms(cold), '', ''],
    ['step start-up, shipped, later steps (verify cached copy), median', ms(warm), '', ''],
    ['step start-up, inline via stdin (decode + verify every step), median', ms(stdin), '', ''],
    ['ratio later steps / direct run', (warm / d).toFixed(2), '<= 2.0', warm / d <= 2 ? 'pass' : 'fail'],
    ['ratio first step / direct run (loopback registry)', (cold / d).toFixed(2), '<= 4.0', cold / d <= 4 ? 'pass' : 'fail'],
    ['ratio later steps shipped / inline step', (warm / stdin).toFixed(2), '<= 1.0', warm / stdin <= 1 ? 'pass' : 'fail'],
  ];
  const out = [
    '## CircleCI orb: delivery of the pinned bundle',
    '',
    `Bundle ${kb(bundle.length)} (gzip+base64 ${kb(payload.length)}), ${RUNS} runs each; the registry is on loopback.`,
    '',
    '| measure | value | target | result |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
