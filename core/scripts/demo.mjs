#!/usr/bin/env node
// `npm start`: a complete demo release on the embedded store, in a fresh temporary directory.
// Builds a git repo holding three microservices of one application, then drives the BUNDLED CLI
// (core/dist/shiplog.mjs) through version-update, deploy, move, a refused move, approve, a second
// release and the queries, printing each command line and its output. No network.
//
//   node core/scripts/demo.mjs [--keep]    --keep leaves the temporary directory in place
//   SHIPLOG_DEMO_CLI=<file.mjs>             run another build of the CLI instead of core/dist/shiplog.mjs
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bundle = resolve(process.env.SHIPLOG_DEMO_CLI || join(here, '..', 'dist', 'shiplog.mjs'));
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const unknown = args.filter((a) => a !== '--keep');
if (unknown.length > 0) {
  process.stderr.write(`demo: unknown argument ${unknown[0]} (only --keep is accepted)\n`);
  process.exit(2);
}
if (!existsSync(bundle)) {
  process.stderr.write(`demo: ${bundle} is missing; build it with: npm run build:local\n`);
  process.exit(1);
}

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s) => (color ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s) => (color ? `\x1b[2m${s}\x1b[22m` : s);
const out = (s = '') => process.stdout.write(`${s}\n`);

const APP = 'GLOBAL.Acme.Store.shop';
const SERVICES = ['cart', 'catalog', 'checkout'];
const root = mkdtempSync(join(tmpdir(), 'shiplog-demo-'));
const repo = join(root, 'store');
const home = join(root, 'home');
const logFile = join(root, 'step-output.txt');

// A minimal, predictable environment: nothing from the caller's CI or Ortelius settings leaks in.
const baseEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: home,
  LANG: 'C.UTF-8',
  TZ: 'UTC',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Dana Developer',
  GIT_AUTHOR_EMAIL: 'dana@example.test',
  GIT_COMMITTER_NAME: 'Dana Developer',
  GIT_COMMITTER_EMAIL: 'dana@example.test',
  SHIPLOG_BACKEND: 'local',
  SHIPLOG_STATE_DIR: join(root, 'state'),
  ...(process.env.SystemRoot ? { SystemRoot: process.env.SystemRoot } : {}),
};

let failed = false;
try {
  main();
} catch (err) {
  failed = true;
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
} finally {
  if (keep) out(`\n${dim(`(kept ${root}; store in ${baseEnv.SHIPLOG_STATE_DIR})`)}`);
  else rmSync(root, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

function main() {
  mkdirSync(home);
  mkdirSync(repo);
  heading('shiplog demo: one application (GLOBAL.Acme.Store.shop), three microservices');
  out(dim(`working in ${root}; "shiplog" below is: node ${bundle}`));

  heading('1. a git repository with three services, each with a component.toml');
  git(['init', '-q']);
  git(['symbolic-ref', 'HEAD', 'refs/heads/main']); // works on gits older than `init -b`
  for (const svc of SERVICES) {
    mkdirSync(join(repo, svc));
    writeFileSync(join(repo, svc, 'component.toml'), componentToml(svc, 'v1.0.0'));
    writeFileSync(join(repo, svc, 'Dockerfile'), `FROM scratch\nLABEL service=${svc}\n`);
  }
  git(['add', '.']);
  git(['commit', '-q', '-m', 'three services']);
  out(readFileSync(join(repo, 'cart', 'component.toml'), 'utf8').trimEnd());

  heading('2. CI builds each service and records its version (version-update)');
  let build = 101;
  for (const svc of SERVICES) versionUpdate(svc, build++);

  heading('3. the release job deploys to dev and promotes to qa');
  out(dim('(steps 3 to 5 run in the Jenkins job "shop-release"; its BUILD_URL and BUILD_USER_ID are recorded)'));
  const dana = (n) => ({ env: releaseJob(n, 'dana'), show: n === 201 ? ['BUILD_URL', 'BUILD_USER_ID'] : [] });
  shiplog(
    ['deploy', '--application', APP, '--env', 'dev', '--', 'sh', '-c', 'echo "rolling out shop to dev"; echo "3 services healthy"'],
    dana(201),
  );
  shiplog(['move', '--application', APP, '--to', 'qa'], dana(202));
  shiplog(['deploy', '--application', APP, '--env', 'qa', '--', 'sh', '-c', 'echo "rolling out shop to qa"'], dana(202));

  heading('4. prod is gated: the move is refused until someone approves');
  shiplog(['move', '--application', APP, '--to', 'prod'], { ...dana(203), expectExit: 1 });
  shiplog(['approve', '--application', APP, '--stage', 'prod', '--notes', 'QA sign-off'], {
    env: releaseJob(204, 'quinn'),
    show: ['BUILD_USER_ID'],
  });
  shiplog(['move', '--application', APP, '--to', 'prod'], dana(205));
  shiplog(['deploy', '--application', APP, '--env', 'prod', '--', 'sh', '-c', 'echo "rolling out shop to prod"'], dana(205));

  heading('5. a second release of cart, deployed to dev');
  writeFileSync(join(repo, 'cart', 'component.toml'), componentToml('cart', 'v1.1.0'));
  writeFileSync(join(repo, 'cart', 'Dockerfile'), 'FROM scratch\nLABEL service=cart\nLABEL feature=coupons\n');
  git(['commit', '-q', '-am', 'cart: coupons']);
  versionUpdate('cart', build);
  shiplog(['deploy', '--application', APP, '--env', 'dev', '--', 'sh', '-c', 'echo "rolling out shop to dev"'], dana(206));

  heading('6. what runs where, what happened, what differs, how versions descend');
  // --format table: aligned although the demo's output is a pipe (piped tables are tab-separated rows otherwise)
  shiplog(['status', '--format', 'table']);
  shiplog(['history', '--application', APP, '--limit', '10', '--format', 'table']);
  shiplog(['show', `${APP};3`]);
  shiplog(['diff', '--from', 'dev', '--to', 'prod', '--format', 'table']);
  shiplog(['graph', '--application', APP]);

  heading('done: every step above ran the bundled CLI against a throw-away store');
}

function componentToml(svc, version) {
  return [
    `# ${svc}: read by shiplog version-update (the same file dh updatecomp reads)`,
    `Application = "${APP}"`,
    `Name = "GLOBAL.Acme.Store.${svc}"`,
    'Variant = "${GIT_BRANCH}"',
    `Version = "${version}-g\${SHORT_SHA}"`,
    '',
    '[Attributes]',
    'DockerRepo = "${DOCKERREPO}"',
    'DockerSha = "${DIGEST}"',
    'DockerTag = "${GIT_BRANCH}-${SHORT_SHA}"',
    `ServiceOwner = "team-${svc}"`,
    '',
  ].join('\n');
}

/** One CI job: the variables a Jenkins build would have, then version-update in the service's folder. */
function versionUpdate(svc, buildNumber) {
  const sha = git(['rev-parse', 'HEAD']).trim();
  const short = sha.slice(0, 7);
  const ciEnv = {
    JENKINS_URL: 'https://ci.example.test/',
    BUILD_URL: `https://ci.example.test/job/${svc}/${buildNumber}/`,
    BUILD_NUMBER: String(buildNumber),
    BUILD_ID: String(buildNumber),
    JOB_NAME: svc,
    GIT_COMMIT: sha,
    GIT_BRANCH: 'main',
    SHORT_SHA: short,
    DOCKERREPO: `registry.example.test/acme/${svc}`,
    DIGEST: `sha256:${fakeDigest(svc + sha)}`,
  };
  const shown = ['BUILD_URL', 'GIT_BRANCH', 'SHORT_SHA', 'DOCKERREPO', 'DIGEST'];
  shiplog(['version-update'], { cwd: join(repo, svc), env: ciEnv, show: shown });
}

/** The release pipeline's Jenkins job (deploy, move, approve steps), run by `user`. */
function releaseJob(buildNumber, user) {
  return {
    JENKINS_URL: 'https://ci.example.test/',
    BUILD_URL: `https://ci.example.test/job/shop-release/${buildNumber}/`,
    BUILD_NUMBER: String(buildNumber),
    BUILD_ID: String(buildNumber),
    JOB_NAME: 'shop-release',
    BUILD_USER_ID: user,
  };
}

/**
 * Runs the bundled CLI, prints `$ shiplog ...` and its combined output, and checks the exit code.
 * stdout and stderr share one file so their lines stay in order.
 */
function shiplog(argv, opts = {}) {
  const expectExit = opts.expectExit ?? 0;
  const cwd = opts.cwd ?? repo;
  const env = { ...baseEnv, ...(opts.env ?? {}) };
  const prefix = (opts.show ?? []).map((k) => `${k}=${shellQuote(env[k])} `).join('');
  const line = `${prefix}shiplog ${argv.map(shellQuote).join(' ')}`;
  out(`\n${bold(`$ ${cwd === repo ? line : `(cd ${cwd.slice(repo.length + 1)} && ${line})`}`)}`);
  const fd = openSync(logFile, 'w');
  let res;
  try {
    res = spawnSync(process.execPath, [bundle, ...argv], { cwd, env, stdio: ['ignore', fd, fd], timeout: 60_000 });
  } finally {
    closeSync(fd);
  }
  const text = readFileSync(logFile, 'utf8').trimEnd();
  if (text) out(text);
  if (res.error) throw new Error(`could not run shiplog: ${res.error.message}`);
  const code = res.status ?? 1;
  if (code !== expectExit) throw new Error(`"shiplog ${argv[0]}" exited ${code}, expected ${expectExit}`);
  if (expectExit !== 0) out(dim(`(exit ${code}, as expected)`));
}

function git(argv) {
  const res = spawnSync('git', argv, { cwd: repo, env: baseEnv, encoding: 'utf8' });
  if (res.error || res.status !== 0) throw new Error(`git ${argv.join(' ')} failed: ${res.error?.message ?? res.stderr.trim()}`);
  return res.stdout;
}

function heading(title) {
  out(`\n${bold(`## ${title}`)}`);
}

function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${String(s).replace(/'/g, `'\\''`)}'`;
}

function fakeDigest(seed) {
  // A stable 64-hex "digest" so the demo needs no docker.
  let h = 0x811c9dc5;
  let hex = '';
  for (let round = 0; hex.length < 64; round++) {
    for (const ch of `${seed}:${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return hex.slice(0, 64);
}
