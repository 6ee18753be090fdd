/**
 * Runs the BUILT action the way the GitHub runner does: resolve `runs.main` from the operation's folder, set
 * INPUT_<NAME> for every given input and every action.yml default, point GITHUB_OUTPUT / GITHUB_ENV /
 * GITHUB_STEP_SUMMARY / GITHUB_STATE / GITHUB_PATH at fresh files and GITHUB_EVENT_PATH at a webhook payload,
 * spawn `node <main>` in the workspace, then read back the files the action wrote.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { branchPush } from './webhook-payloads.js';

export const ACTION_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Parsed GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** Parsed GITHUB_ENV. */
  exported: Record<string, string>;
  summary: string;
  /** Raw bytes of every runner file the action could write, by env var name. */
  files: Record<string, string>;
}

export interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  workspace: string;
  event?: { name: string; payload: Record<string, unknown> };
  /** Where the action folders and dist/ are (default: this adapter; a copy for "as downloaded" runs). */
  actionRoot?: string;
}

/** A temp dir that is a real git repo with one commit (the core reads git facts from the workspace). */
export async function makeWorkspace(): Promise<{ dir: string; sha: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'shiplog-gha-ws-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' }).toString().trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'CI');
  await writeFile(join(dir, 'README.md'), 'shop\n');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  return { dir, sha: git('rev-parse', 'HEAD'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The runner's file commands: `name=value` or `name<<DELIM` ... `DELIM`. Later values win. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++]);
      if (i >= lines.length) throw new Error(`unterminated ${name}<<${delim}`);
      out[name] = value.join('\n');
    } else {
      const eq = line.indexOf('=');
      if (eq < 0) throw new Error(`bad file command line: ${line}`);
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

function actionDefaults(root: string, op: string): Record<string, string> {
  const yml = parse(readFileSync(join(root, op, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(yml.inputs)) if (spec.default !== undefined) out[name] = String(spec.default);
  return out;
}

function mainOf(root: string, op: string): string {
  const yml = parse(readFileSync(join(root, op, 'action.yml'), 'utf8')) as { runs: { main: string } };
  return resolve(root, op, yml.runs.main);
}

export async function runAction(op: string, opts: RunOptions): Promise<ActionRun> {
  const runnerTemp = await mkdtemp(join(tmpdir(), 'shiplog-gha-runner-'));
  try {
    const fileVars = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE', 'GITHUB_PATH'];
    const files: Record<string, string> = {};
    for (const v of fileVars) {
      files[v] = join(runnerTemp, v.toLowerCase());
      await writeFile(files[v], '');
    }
    const event = opts.event ?? { name: 'push', payload: branchPush() };
    const eventPath = join(runnerTemp, 'event.json');
    await writeFile(eventPath, JSON.stringify(event.payload));
    const root = opts.actionRoot ?? ACTION_ROOT;
    const inputs = { ...actionDefaults(root, op), ...(opts.inputs ?? {}) };
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: runnerTemp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: opts.workspace,
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_REPOSITORY_OWNER: 'acme',
      GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_NUMBER: '17',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'release',
      GITHUB_WORKFLOW: 'CI',
      GITHUB_ACTOR: 'octocat',
      GITHUB_SERVER_URL: 'https://github.com',
      // Nothing may leave the machine: an API call without a fake server must fail, not reach GitHub.
      GITHUB_API_URL: 'http://127.0.0.1:9',
      RUNNER_TEMP: runnerTemp,
      RUNNER_OS: 'Linux',
      ...Object.fromEntries(fileVars.map((v) => [v, files[v]])),
    };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const child = spawn(process.execPath, [mainOf(root, op)], { cwd: opts.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exitCode = await new Promise<number | null>((res, rej) => {
      child.on('error', rej);
      child.on('close', (code) => res(code));
    });
    const raw: Record<string, string> = {};
    for (const v of fileVars) raw[v] = await readFile(files[v], 'utf8');
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseFileCommands(raw.GITHUB_OUTPUT),
      exported: parseFileCommands(raw.GITHUB_ENV),
      summary: raw.GITHUB_STEP_SUMMARY,
      files: raw,
    };
  } finally {
    await rm(runnerTemp, { recursive: true, force: true });
  }
}
