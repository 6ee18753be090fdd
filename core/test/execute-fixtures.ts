/**
 * Fixtures for the operation, execute() and CLI tests: a temporary git repository with one commit (files
 * written inline), execute() against the real local store in it, and a byte snapshot of a directory.
 */
import type { Terminal } from '../src/cli/output-options.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execute, type ExecuteInputs, type ExecuteOutcome } from '../src/execute.js';
import { main } from '../src/cli/main.js';
import { createMemoryHost } from '../src/host.js';
import type { CommandName } from '../src/inputs.js';

export interface TestRepo {
  dir: string;
  /** A clean environment for the run: PATH and HOME only, plus what the test adds. */
  env: Record<string, string>;
  write(file: string, text: string): void;
  run(
    command: CommandName,
    inputs?: ExecuteInputs,
    opts?: { env?: Record<string, string>; commandArgs?: string[]; now?: Date; cwd?: string },
  ): Promise<ExecuteOutcome & { out: string; err: string }>;
  /** Every file under the store directory with its bytes (absent store -> empty map). */
  storeSnapshot(sub?: string): Map<string, string>;
  cleanup(): void;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.test',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.test',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function makeRepo(files: Record<string, string> = {}, opts: { git?: boolean } = {}): TestRepo {
  const dir = mkdtempSync(path.join(tmpdir(), 'shiplog-test-'));
  const home = path.join(dir, '.home');
  mkdirSync(home);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
  const write = (file: string, text: string) => {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  for (const [f, t] of Object.entries(files)) write(f, t);
  if (opts.git !== false) {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...env, ...GIT_ENV }, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('remote', 'add', 'origin', 'https://github.com/acme/store.git');
    writeFileSync(path.join(dir, '.gitignore'), '.home/\n.shiplog/\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'initial');
  }
  return {
    dir,
    env,
    write,
    async run(command, inputs = {}, o = {}) {
      const host = createMemoryHost({ env: { ...env, ...o.env }, cwd: o.cwd ?? dir, now: () => o.now ?? new Date('2026-01-02T03:04:05Z') });
      const outcome = await execute(command, inputs, host, { commandArgs: o.commandArgs });
      return { ...outcome, out: host.out(), err: host.err() };
    },
    storeSnapshot(sub = '.shiplog') {
      const root = path.join(dir, sub);
      const snap = new Map<string, string>();
      const walk = (d: string) => {
        let names: string[];
        try {
          names = readdirSync(d);
        } catch {
          return;
        }
        for (const n of names) {
          const full = path.join(d, n);
          if (statSync(full).isDirectory()) walk(full);
          else snap.set(path.relative(root, full), readFileSync(full, 'base64'));
        }
      };
      walk(root);
      return snap;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const APP = 'GLOBAL.Acme.Store.shop';
export const CART = 'GLOBAL.Acme.Store.cart';

export const COMPONENT_TOML = `Application = "${APP}"
Application_Version = "1.0.0"
Name = "${CART}"
Variant = "\${GIT_BRANCH}"
Version = "v1.2.0-g\${SHORT_SHA}"

[Attributes]
DockerRepo = "ghcr.io/acme/cart"
ServiceOwner = "team-cart"
`;

/**
 * A repository without git whose store holds one application version: CART 1.0.0 in APP 1.0.0 (version-update).
 * Throws when the version-update fails.
 */
export async function makeRepoWithAppVersion(files: Record<string, string> = {}): Promise<TestRepo> {
  const r = makeRepo(files, { git: false });
  const up = await r.run('version-update', {
    'component-name': CART,
    'component-version': '1.0.0',
    application: APP,
    'app-version': '1.0.0',
  });
  if (up.exitCode !== 0) throw new Error(`version-update for the fixture failed (exit ${up.exitCode}): ${up.err}`);
  return r;
}

/** The whole CLI in process (cli/main.ts), its stdout and stderr captured. */
export async function runCliInProcess(argv: string[], opts: { cwd: string; env: Record<string, string>; terminal?: Terminal }) {
  let out = '';
  let err = '';
  const code = await main({
    argv,
    cwd: opts.cwd,
    env: opts.env,
    terminal: opts.terminal,
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  });
  return { code, out, err, json: () => JSON.parse(out) as Record<string, unknown> };
}
