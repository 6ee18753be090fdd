/**
 * The one shape every adapter driver has: run one shiplog operation the way its CI platform runs the adapter,
 * and hand back the exit code, the parsed JSON result and EVERY byte the adapter wrote (logs, output files,
 * summaries, annotations, envscript files, archived results, build descriptions, command lines).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI_BUNDLE = join(REPO_ROOT, 'core', 'dist', 'shiplog.mjs');

export type Operation = 'version-update' | 'move' | 'approve' | 'deploy' | 'envscript';

/** Inputs by their input-table name (kebab-case); lists as arrays. Each driver maps them to its platform. */
export type Inputs = Record<string, string | number | boolean | string[]>;

export type Backend = { kind: 'local'; stateDir: string } | { kind: 'ortelius'; url: string; user: string };

export interface RunContext {
  backend: Backend;
  /** The Ortelius password (DHPASS), given to every adapter the way its platform hands over a secret. */
  password: string;
  /** A platform token (GitHub token, Buildkite agent token, CircleCI API token, Jenkins API token). */
  token: string;
  /** Extra environment for this run (e.g. GITHUB_API_URL of a loopback fake). */
  env?: Record<string, string>;
}

export interface DriverResult {
  /** The platform-visible exit status of the step/job (Jenkins: the CLI's exit status, 0 when the step passed). */
  exitCode: number | null;
  /** The operation's JSON result as the adapter exposes it (null when it wrote none). */
  result: any;
  /** Every byte the adapter wrote, by a name saying where it went. */
  artifacts: Record<string, string | Buffer>;
}

export interface Driver {
  readonly name: 'github' | 'circleci' | 'buildkite' | 'jenkins';
  run(op: Operation, inputs: Inputs, ctx: RunContext): Promise<DriverResult>;
  /** Removes the driver's temp dirs. */
  close(): Promise<void>;
}

/** A fresh temp dir that is a git repository with one commit (the checked-out project). */
export async function makeCheckout(prefix: string): Promise<{ dir: string; sha: string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  await writeFile(join(dir, 'README.md'), 'shop\n');
  git('add', 'README.md');
  git('-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '-m', 'first');
  return { dir, sha: git('rev-parse', 'HEAD') };
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Parses a JSON result, or null when the text is not one JSON value. */
export function parseJson(text: string | undefined): any {
  if (!text || !text.trim()) return null;
  try {
    return JSON.parse(text.trim());
  } catch {
    return null;
  }
}

/** Every regular file under dir (not .git), as path -> bytes. */
export async function filesOf(dir: string, skip: (rel: string) => boolean = () => false): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const parent = (entry as unknown as { parentPath?: string; path: string }).parentPath ?? entry.path;
    const rel = relative(dir, join(parent, entry.name));
    if (rel.split('/').includes('.git') || skip(rel)) continue;
    out[rel] = await readFile(join(parent, entry.name));
  }
  return out;
}
