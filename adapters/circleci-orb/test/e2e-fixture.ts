/**
 * What the end-to-end tests share: the packed orb, a temp "job machine" (HOME, checked-out git repo, BASH_ENV,
 * results dir, a `node` shim that logs every command line), and a loopback npm registry serving the core bundle.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packOrb } from '../scripts/orb-pack.js';
import { CORE_BUNDLE, ORB_ROOT, expectedFiles, readPin } from '../scripts/orb-source.js';

/** The committed, packed orb.yml. */
export function loadOrb(): any {
  return parse(readFileSync(join(ORB_ROOT, 'orb.yml'), 'utf8'));
}

/**
 * The orb as `npm run build` would pack it right now (generated sources regenerated from the current input table and
 * core bundle in a temp copy of src/). The behaviour tests run this one, so a core rebuild that is not yet repinned
 * shows up once, in pack.test.ts, instead of as checksum failures everywhere.
 */
export function freshOrb(): any {
  const root = mkdtempSync(join(tmpdir(), 'shiplog-orb-src-'));
  try {
    cpSync(join(ORB_ROOT, 'src'), join(root, 'src'), { recursive: true });
    for (const [file, text] of expectedFiles(root)) writeFileSync(file, text);
    return packOrb(join(root, 'src'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export interface Machine {
  root: string;
  cwd: string;
  home: string;
  bashEnv: string;
  results: string;
  artifacts: string;
  argvLog: string;
  env: Record<string, string>;
  pathMap: Record<string, string>;
  sha: string;
  cleanup(): void;
}

/** A fresh job machine with a checked-out repository and the CircleCI environment of build 42. */
export function makeMachine(): Machine {
  const root = mkdtempSync(join(tmpdir(), 'shiplog-orb-'));
  const cwd = join(root, 'project');
  const home = join(root, 'home');
  const shim = join(root, 'shim');
  for (const d of [cwd, home, shim]) mkdirSync(d, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  writeFileSync(join(cwd, 'README.md'), 'shop\n');
  git('add', 'README.md');
  git('-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '-m', 'first');
  const sha = git('rev-parse', 'HEAD');
  const argvLog = join(root, 'argv.log');
  // Every `node` the steps start goes through this shim, which records its command line.
  writeFileSync(join(shim, 'node'), `#!/bin/bash\nprintf '%s\\n' "$*" >> '${argvLog}'\nexec '${process.execPath}' "$@"\n`);
  chmodSync(join(shim, 'node'), 0o755);
  const results = join(root, 'results');
  const env: Record<string, string> = {
    PATH: `${shim}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    BASH_ENV: join(root, 'bash_env'),
    SHIPLOG_RESULT_DIR: results,
    CI: 'true',
    CIRCLECI: 'true',
    CIRCLE_SHA1: sha,
    CIRCLE_BRANCH: 'main',
    CIRCLE_BUILD_NUM: '42',
    CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/shop/42',
    CIRCLE_JOB: 'release',
    CIRCLE_WORKFLOW_ID: 'wf-1',
    CIRCLE_PROJECT_USERNAME: 'acme',
    CIRCLE_PROJECT_REPONAME: 'shop',
    CIRCLE_REPOSITORY_URL: 'git@github.com:acme/shop.git',
    CIRCLE_USERNAME: 'dev',
  };
  return {
    root,
    cwd,
    home,
    bashEnv: env.BASH_ENV,
    results,
    artifacts: join(root, 'artifacts'),
    argvLog,
    env,
    pathMap: { '/tmp/shiplog-results': results },
    sha,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface FakeRegistry {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** Serves @shiplog/core's tarball (package/dist/shiplog.mjs = the given file) like registry.npmjs.org. */
export async function startFakeRegistry(bundle = CORE_BUNDLE): Promise<FakeRegistry> {
  const { version } = readPin();
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-registry-'));
  mkdirSync(join(dir, 'package', 'dist'), { recursive: true });
  copyFileSync(bundle, join(dir, 'package', 'dist', 'shiplog.mjs'));
  execFileSync('tar', ['-czf', join(dir, 'core.tgz'), '-C', dir, 'package']);
  const tgz = readFileSync(join(dir, 'core.tgz'));
  rmSync(dir, { recursive: true, force: true });
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/@shiplog/core/-/core-${version}.tgz`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tgz);
    } else {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
