#!/usr/bin/env node
// Adapter overhead: per adapter, the wall time of one `approve` on the embedded store run the way its platform
// runs the adapter, vs the bare CLI bundle (`node core/dist/shiplog.mjs approve ... --json`) for the same
// approval; the two interleaved, median of N runs each (SHIPLOG_BENCH_RUNS, default 21). Target: ratio <= 1.3x.
//   GitHub Actions: `node adapters/github-action/dist/index.cjs` with INPUT_* env (+ action.yml defaults) and
//     runner files.
//   Buildkite: hooks/command then hooks/post-command in bash with the agent's plugin env; buildkite-agent is a
//     bash stub (the real agent is a native binary; a node stub would bill node start-ups to the plugin).
//   CircleCI: the orb's `approve` job expanded with concrete parameters (checkout: false, bundle_file: a vendored
//     copy, so no network), every step in its own `bash -eo pipefail -c`, fresh HOME per job (a fresh machine:
//     the install step verifies and copies the bundle each time), store_artifacts included.
//   Jenkins: shiplogApprove under the Groovy harness in one warm JVM (a Jenkins controller is always running;
//     JVM start-up is not counted), timed inside the JVM around the step; its baseline is the same CLI command
//     started from the same JVM, interleaved.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { parse } from 'yaml';
import { agentEnv } from '../adapters/buildkite-plugin/test/agent-env.mjs';

register();
const { jenkinsDriver } = await import('../test/e2e/drivers/jenkins.ts');
const { orbUnderTest } = await import('../test/e2e/drivers/circleci.ts');
const { expandJob } = await import('../adapters/circleci-orb/test/circleci-expand.ts');

const RUNS = Number(process.env.SHIPLOG_BENCH_RUNS || 21);
const TARGET = 1.3;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'core', 'dist', 'shiplog.mjs');
const APP = 'GLOBAL.Acme.Store.shop';
const NODE = process.execPath;
const PATH = process.env.PATH ?? '/usr/bin:/bin';

const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-overhead-'));
const checkout = join(dir, 'checkout');
const stateDir = join(dir, 'state');
mkdirSync(checkout);
const git = (...args) => spawnSync('git', args, { cwd: checkout, encoding: 'utf8' });
git('init', '-q', '-b', 'main');
git('-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '--allow-empty', '-m', 'first');
const SHA = git('rev-parse', 'HEAD').stdout.trim();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timed(cmd, args, opts, what) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: checkout, encoding: 'utf8', ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}: ${r.stdout}\n${r.stderr}`);
  return ms;
}

const approveFlags = ['--backend', 'local', '--state-dir', stateDir, '--application', APP, '--stage', 'qa'];
const bareWith = (bundle) => () =>
  timed(NODE, [bundle, 'approve', ...approveFlags, '--json'], { env: { PATH, HOME: dir } }, `bare CLI ${bundle}`);
// Each adapter ships its own copy of the CLI bundle (the copies can differ while the core changes): the baseline
// is the bundle the adapter runs, so the ratio is the adapter's own overhead, not a difference between builds.
const BK_BUNDLE = join(ROOT, 'adapters', 'buildkite-plugin', 'dist', 'shiplog.mjs');
const JK_BUNDLE = join(ROOT, 'adapters', 'jenkins', 'resources', 'shiplog', 'shiplog.mjs');

// --- GitHub Actions ------------------------------------------------------------------------------------------
const ghDir = join(dir, 'gha');
mkdirSync(ghDir);
const ghFiles = Object.fromEntries(
  ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE', 'GITHUB_PATH'].map((v) => [v, join(ghDir, v.toLowerCase())]),
);
writeFileSync(join(ghDir, 'event.json'), '{}');
const ghAction = parse(readFileSync(join(ROOT, 'adapters', 'github-action', 'approve', 'action.yml'), 'utf8'));
const ghEnv = {
  PATH,
  HOME: ghDir,
  CI: 'true',
  GITHUB_ACTIONS: 'true',
  GITHUB_WORKSPACE: checkout,
  GITHUB_EVENT_NAME: 'push',
  GITHUB_EVENT_PATH: join(ghDir, 'event.json'),
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SHA: SHA,
  GITHUB_REF: 'refs/heads/main',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_NUMBER: '17',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: 'http://127.0.0.1:9',
  RUNNER_TEMP: ghDir,
  ...ghFiles,
};
for (const [name, spec] of Object.entries(ghAction.inputs))
  if (spec.default !== undefined) ghEnv[`INPUT_${name.toUpperCase()}`] = String(spec.default);
Object.assign(ghEnv, { INPUT_APPLICATION: APP, INPUT_STAGE: 'qa', INPUT_BACKEND: 'local', 'INPUT_STATE-DIR': stateDir });
const ghMain = join(ROOT, 'adapters', 'github-action', 'approve', ghAction.runs.main);
const github = () => {
  for (const f of Object.values(ghFiles)) writeFileSync(f, '');
  return timed(NODE, [ghMain], { env: ghEnv }, 'GitHub action');
};

// --- Buildkite -------------------------------------------------------------------------------------------------
const bkDir = join(dir, 'buildkite');
mkdirSync(join(bkDir, 'bin'), { recursive: true });
writeFileSync(
  join(bkDir, 'bin', 'buildkite-agent'),
  '#!/bin/bash\nprintf \'%s\\n\' "$*" >> "$BENCH_AGENT_LOG"\ncase "$1" in annotate | redactor) cat >> "$BENCH_AGENT_LOG" ;; esac\n',
  { mode: 0o755 },
);
const bkEnv = {
  PATH: `${join(bkDir, 'bin')}:${PATH}`,
  HOME: bkDir,
  BUILDKITE: 'true',
  CI: 'true',
  BUILDKITE_BUILD_ID: '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b',
  BUILDKITE_BUILD_NUMBER: '42',
  BUILDKITE_BUILD_URL: 'https://buildkite.com/acme/shop/builds/42',
  BUILDKITE_JOB_ID: '0190a1b2-0000-4000-8000-000000000001',
  BUILDKITE_BRANCH: 'main',
  BUILDKITE_COMMIT: SHA,
  BUILDKITE_BUILD_CHECKOUT_PATH: checkout,
  BUILDKITE_COMMAND: '',
  BENCH_AGENT_LOG: join(bkDir, 'agent.log'),
};
const bkConfig = { operation: 'approve', application: APP, stage: 'qa', backend: 'local', 'state-dir': stateDir };
for (const [k, v] of agentEnv('github.com/shiplog/shiplog/adapters/buildkite-plugin#v0.1.0', bkConfig, 'json')) bkEnv[k] = v;
const hooks = join(ROOT, 'adapters', 'buildkite-plugin', 'hooks');
const buildkite = () => {
  const a = timed('bash', [join(hooks, 'command')], { env: bkEnv }, 'Buildkite command hook');
  const b = timed(
    'bash',
    [join(hooks, 'post-command')],
    { env: { ...bkEnv, BUILDKITE_COMMAND_EXIT_STATUS: '0' } },
    'Buildkite post-command hook',
  );
  return a + b;
};

// --- CircleCI ----------------------------------------------------------------------------------------------------
const { orb, committed: orbCommitted } = orbUnderTest();
const ccDir = join(dir, 'circleci');
mkdirSync(ccDir);
const vendored = join(ccDir, 'shiplog.mjs');
cpSync(CLI, vendored);
const ccSteps = expandJob(orb, 'approve', {
  checkout: false,
  bundle_file: vendored,
  backend: 'local',
  state_dir: stateDir,
  application: APP,
  stage: 'qa',
});
let ccJobs = 0;
const circleci = () => {
  const job = join(ccDir, `job-${++ccJobs}`);
  for (const d of ['home', 'results', 'artifacts']) mkdirSync(join(job, d), { recursive: true });
  const env = {
    PATH,
    HOME: join(job, 'home'),
    BASH_ENV: join(job, 'bash_env'),
    SHIPLOG_RESULT_DIR: join(job, 'results'),
    CI: 'true',
    CIRCLECI: 'true',
    CIRCLE_SHA1: SHA,
    CIRCLE_BRANCH: 'main',
    CIRCLE_BUILD_NUM: '42',
    CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/shop/42',
    CIRCLE_PROJECT_USERNAME: 'acme',
    CIRCLE_PROJECT_REPONAME: 'shop',
  };
  writeFileSync(env.BASH_ENV, '');
  let ms = 0;
  for (const step of ccSteps) {
    if (step.kind === 'run') {
      ms += timed(
        '/bin/bash',
        ['-eo', 'pipefail', '-c', step.command],
        { env: { ...env, ...step.environment } },
        `CircleCI step ${step.name}`,
      );
    } else if (step.kind === 'store_artifacts') {
      const t0 = process.hrtime.bigint();
      const from = step.path === '/tmp/shiplog-results' ? env.SHIPLOG_RESULT_DIR : join(checkout, step.path);
      if (existsSync(from)) cpSync(from, join(job, 'artifacts', step.destination ?? ''), { recursive: true });
      ms += Number(process.hrtime.bigint() - t0) / 1e6;
    }
  }
  return ms;
};

// --- measure -----------------------------------------------------------------------------------------------------
const results = [];
try {
  const seed = spawnSync(
    NODE,
    [
      CLI,
      'version-update',
      '--backend',
      'local',
      '--state-dir',
      stateDir,
      '--component-name',
      'GLOBAL.Acme.Store.cart',
      '--component-version',
      'v1.0.0',
      '--application',
      APP,
      '--json',
    ],
    {
      cwd: checkout,
      env: { PATH, HOME: dir },
      encoding: 'utf8',
    },
  );
  if (seed.status !== 0) throw new Error(`seeding the store failed: ${seed.stderr}`);

  for (const [name, how, run, base, baseName] of [
    [
      'GitHub Actions',
      '`node dist/index.cjs` (approve action, runner env + files)',
      github,
      CLI,
      'core/dist (the action bundles the core)',
    ],
    ['Buildkite', 'command + post-command hooks in bash, agent plugin env', buildkite, BK_BUNDLE, 'plugin dist/shiplog.mjs'],
    [
      'CircleCI',
      `orb \`approve\` job steps in bash (install from bundle_file + run + exit status)${orbCommitted ? '' : ' [freshly packed orb: the committed pin is stale]'}`,
      circleci,
      vendored,
      'core/dist (the pinned bundle)',
    ],
  ]) {
    const bare = bareWith(base);
    run();
    bare(); // warm-up
    const a = [];
    const b = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(run());
      b.push(bare());
    }
    results.push({ name, how, adapter: median(a), bare: median(b), baseName });
  }

  const jk = jenkinsDriver();
  try {
    const pair = [
      { name: 'bare-cli', args: { argv: [NODE, JK_BUNDLE, 'approve', ...approveFlags, '--json'] } },
      { name: 'shiplogApprove', args: { application: APP, stage: 'qa', nodeBinary: NODE } },
    ];
    const WARM = 3;
    const steps = Array.from({ length: RUNS + WARM }, () => pair).flat();
    const { outcomes } = await jk.runBuild(steps, {
      backend: { kind: 'local', stateDir },
      password: 'unused-in-bench',
      token: 'unused-in-bench',
    });
    const failed = outcomes.find((o) => o.failed || (o.step === 'bare-cli' && o.returned?.status !== 0));
    if (failed) throw new Error(`Jenkins ${failed.step} failed: ${failed.error ?? failed.returned?.output}`);
    const measured = outcomes.slice(WARM * 2);
    results.push({
      name: 'Jenkins',
      how: 'shiplogApprove step under the Groovy harness, warm JVM (start-up not counted)',
      adapter: median(measured.filter((o) => o.step === 'shiplogApprove').map((o) => o.ms)),
      bare: median(measured.filter((o) => o.step === 'bare-cli').map((o) => o.ms)),
      baseName: 'library resources/shiplog/shiplog.mjs, started from the same JVM',
    });
  } finally {
    await jk.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const lines = [
  '## Adapter overhead (one `approve` through each adapter vs the bare CLI)',
  '',
  `Embedded store; median of ${RUNS} interleaved runs each (adapter, bare CLI, adapter, ...). The bare CLI is`,
  '`node <bundle> approve ... --json` for the same approval, with the CLI bundle that adapter ships.',
  '',
  '| adapter | how it runs | adapter ms | bare CLI ms (bundle) | ratio | target | result |',
  '|---|---|---|---|---|---|---|',
  ...results.map((r) => {
    const ratio = r.adapter / r.bare;
    return `| ${r.name} | ${r.how} | ${r.adapter.toFixed(0)} | ${r.bare.toFixed(0)} (${r.baseName}) | ${ratio.toFixed(2)}x | <= ${TARGET}x | ${ratio <= TARGET ? 'pass' : 'FAIL'} |`;
  }),
  '',
];
process.stdout.write(lines.join('\n'));
