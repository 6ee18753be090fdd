/**
 * Runs the plugin's real hooks the way the agent does: bash, the job's checkout as cwd, the agent's plugin env
 * (JSON + flattened variables) and a fake `buildkite-agent` on PATH recording every call.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { expect } from 'vitest';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentEnv } from './agent-env.mjs';

export const PLUGIN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const LOCATION = 'github.com/shiplog/shiplog/adapters/buildkite-plugin#v0.1.0';

export interface AgentCall {
  args: string[];
  stdin: string;
}

export interface HookRun {
  status: number | null;
  stdout: string;
  stderr: string;
  calls: AgentCall[];
}

export interface Job {
  dir: string;
  checkout: string;
  /** Facts the agent sets for every job. */
  env: Record<string, string>;
  /** Async: the Ortelius emulator serves from this same process while the hook runs. */
  run(hook: 'command' | 'post-command', config: Record<string, unknown>, extra?: Record<string, string | undefined>): Promise<HookRun>;
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function runProcess(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export function makeJob(): Job {
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bk-'));
  const checkout = join(dir, 'checkout');
  const bin = join(dir, 'bin');
  mkdirSync(checkout);
  mkdirSync(bin);
  copyFileSync(join(PLUGIN_DIR, 'test', 'fake-agent.mjs'), join(bin, 'buildkite-agent'));
  chmodSync(join(bin, 'buildkite-agent'), 0o755);
  git(checkout, 'init', '-q', '-b', 'main');
  git(checkout, '-c', 'user.email=ci@example.invalid', '-c', 'user.name=ci', 'commit', '-q', '--allow-empty', '-m', 'first');
  const commit = git(checkout, 'rev-parse', 'HEAD');
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: dir,
    BUILDKITE: 'true',
    CI: 'true',
    BUILDKITE_AGENT_NAME: 'agent-1',
    BUILDKITE_ORGANIZATION_SLUG: 'acme',
    BUILDKITE_PIPELINE_SLUG: 'shop',
    BUILDKITE_REPO: 'git@github.com:acme/shop.git',
    BUILDKITE_BUILD_ID: '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b',
    BUILDKITE_BUILD_NUMBER: '42',
    BUILDKITE_BUILD_URL: 'https://buildkite.com/acme/shop/builds/42',
    BUILDKITE_BUILD_CREATOR: 'Ada',
    BUILDKITE_JOB_ID: '0190a1b2-0000-4000-8000-000000000001',
    BUILDKITE_BRANCH: 'main',
    BUILDKITE_COMMIT: commit,
    BUILDKITE_TAG: '',
    BUILDKITE_PULL_REQUEST: 'false',
    BUILDKITE_BUILD_CHECKOUT_PATH: checkout,
    BUILDKITE_SHELL: '/bin/bash -e -c',
    BUILDKITE_COMMAND: '',
    BUILDKITE_COMMAND_EVAL: 'true',
    // the job's own secret, as a pipeline's secrets hook would export it
    DHPASS: PASSWORD,
  };
  const log = join(dir, 'agent-calls.jsonl');
  let seen = 0;
  return {
    dir,
    checkout,
    env,
    async run(hook, config, extra = {}) {
      const full: Record<string, string> = { ...env, FAKE_AGENT_LOG: log };
      for (const [k, v] of agentEnv(LOCATION, config, 'json')) full[k] = v;
      for (const [k, v] of Object.entries(extra)) {
        if (v === undefined) delete full[k];
        else full[k] = v;
      }
      const r = await runProcess('bash', [join(PLUGIN_DIR, 'hooks', hook)], checkout, full);
      const all = existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as AgentCall)
        : [];
      const calls = all.slice(seen);
      seen = all.length;
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls };
    },
  };
}

/** The `meta-data set` calls as a key -> value map. */
export function metaData(calls: AgentCall[]): Record<string, string> {
  return Object.fromEntries(calls.filter((c) => c.args[0] === 'meta-data' && c.args[1] === 'set').map((c) => [c.args[2], c.args[3]]));
}

export function annotations(calls: AgentCall[]): { style: string; context: string; body: string }[] {
  return calls
    .filter((c) => c.args[0] === 'annotate')
    .map((c) => ({ style: c.args[c.args.indexOf('--style') + 1], context: c.args[c.args.indexOf('--context') + 1], body: c.stdin }));
}

/** Runs the shipped CLI directly (to read back what the hooks recorded). */
export function cli(cwd: string, args: string[], env: Record<string, string> = {}): any {
  const r = spawnSync('node', [join(PLUGIN_DIR, 'dist', 'shiplog.mjs'), ...args, '--json'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(r.stdout);
}

/** A password with characters that change under URL and base64 encoding. */
export const PASSWORD = 'pa55:w0rd/with?chars&more';

function secretForms(secret: string): string[] {
  const b64 = Buffer.from(secret).toString('base64');
  return [secret, encodeURIComponent(secret), b64, b64.replace(/=+$/, '')];
}

/** Every file under dir, recursively, except .git. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === '.git') return [];
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * Scans every byte the plugin wrote (hook stdout/stderr, agent calls except the redactor's own input, every
 * file in the checkout including the store) for the password, raw, URL-encoded and base64.
 */
export function expectNoSecret(job: Job, runs: HookRun[], secret = PASSWORD): void {
  const outputs = runs.flatMap((r) => [
    r.stdout,
    r.stderr,
    ...r.calls.filter((c) => c.args[0] !== 'redactor').map((c) => `${c.args.join(' ')}\n${c.stdin}`),
  ]);
  const files = filesUnder(job.checkout).map((f) => readFileSync(f, 'latin1'));
  const hay = [...outputs, ...files].join('\n');
  expect(hay.length).toBeGreaterThan(0);
  for (const form of secretForms(secret)) expect(hay.includes(form), `found ${form}`).toBe(false);
}
