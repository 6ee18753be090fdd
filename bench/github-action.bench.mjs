#!/usr/bin/env node
// GitHub Action cold start: the committed bundle (adapters/github-action/dist/) run as the runner runs it
// (`node <action>/../dist/index.cjs` with INPUT_* env and runner files), vs `node -e 0`; interleaved, median
// of N runs each. Primary case: the `approve` action with its required `application` missing: the whole
// bundle loads, maps the inputs, runs the core's validation and writes the outputs and job summary (exit 1,
// no backend). Context: `envscript` printing the build variables (spawns git). Target: primary <= 2.0x.
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.SHIPLOG_BENCH_RUNS || 15);
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'adapters', 'github-action', 'dist');
if (!existsSync(join(dist, 'index.cjs'))) {
  process.stderr.write(`github-action bench: ${dist}/index.cjs is missing; run npm run build\n`);
  process.exit(1);
}
// The runner checks the action repository out without node_modules: copy dist/ alone.
const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-gha-'));
cpSync(dist, join(dir, 'action', 'dist'), { recursive: true });
const bundle = join(dir, 'action', 'dist', 'index.cjs');
const workspace = join(dir, 'workspace');
const runnerFile = (name) => join(dir, name);
writeFileSync(join(dir, 'event.json'), '{}');
mkdirSync(workspace, { recursive: true });
writeFileSync(join(workspace, 'component.toml'), 'Name = "GLOBAL.Acme.Store.cart"\nVersion = "v1.0.0"\n');
// Context: a module that loads only the Node builtins the bundle requires (what loading node: modules alone costs on
// this machine, a floor under any bundle that needs child_process, crypto and fs/promises). The bundle is CommonJS:
// its builtins are `require("...")` calls, some inside functions that may never run, so this floor is an upper one.
const builtinImports = [...readFileSync(bundle, 'utf8').matchAll(/require\(["']((?:node:)?[a-z_/]+)["']\)/g)]
  .map((m) => m[1])
  .filter((spec) => builtinModules.includes(spec.replace(/^node:/, '')))
  .filter((spec, i, all) => all.indexOf(spec) === i);
const builtinsOnly = join(dir, 'builtins-only.mjs');
writeFileSync(builtinsOnly, builtinImports.map((spec) => `import ${JSON.stringify(spec)};`).join('\n') + '\n');

function runnerEnv(inputs) {
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
    GITHUB_RUN_ID: '1',
    GITHUB_SERVER_URL: 'https://github.com',
  };
  for (const f of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_ENV']) {
    env[f] = runnerFile(f.toLowerCase());
    writeFileSync(env[f], '');
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return env;
}

function timeOnce({ args, env, status }) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: workspace, stdio: 'ignore', env: env ?? { PATH: process.env.PATH ?? '' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== status) throw new Error(`node ${args.join(' ')} exited ${r.status}, expected ${status}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const cases = {
  bare: { args: ['-e', '0'], status: 0 },
  builtins: { args: [builtinsOnly], status: 0 },
  validate: { args: [bundle], env: runnerEnv({ operation: 'approve', 'state-dir': '.shiplog' }), status: 1 },
  envscript: { args: [bundle], env: runnerEnv({ operation: 'envscript', format: 'sh' }), status: 0 },
};
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
try {
  for (const c of Object.values(cases)) timeOnce(c);
  for (let i = 0; i < RUNS; i++) for (const [k, c] of Object.entries(cases)) samples[k].push(timeOnce(c));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const bare = median(samples.bare);
const validate = median(samples.validate);
const envscript = median(samples.envscript);
const builtins = median(samples.builtins);
const ratio = validate / bare;
const TARGET = 2.0;
const row = (what, ms, r, target, pass) => `| ${what} | ${ms.toFixed(1)} ms | ${r} | ${target} | ${pass} |`;
process.stdout.write(
  [
    '## GitHub Action cold start (`node dist/index.cjs` as the runner runs it vs `node -e 0`)',
    '',
    `Median of ${RUNS} interleaved runs each; dist/ copied alone (no node_modules), INPUT_* env and runner files.`,
    '',
    '| case | median | ratio to `node -e 0` | target | result |',
    '|---|---|---|---|---|',
    row('`node -e 0`', bare, '1.00x', '', ''),
    row(
      'approve action, input rejected by the core (load + map + validate + outputs + summary)',
      validate,
      `${ratio.toFixed(2)}x`,
      `<= ${TARGET.toFixed(1)}x`,
      ratio <= TARGET ? 'pass' : 'FAIL',
    ),
    row('envscript action, variables printed (spawns git)', envscript, `${(envscript / bare).toFixed(2)}x`, '(context)', ''),
    row(
      `only the ${builtinImports.length} Node builtins the bundle requires, no code`,
      builtins,
      `${(builtins / bare).toFixed(2)}x`,
      '(context: floor)',
      '',
    ),
    '',
  ].join('\n'),
);
