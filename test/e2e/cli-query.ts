/**
 * The bare CLI bundle (core/dist/shiplog.mjs) for the queries that read back what the adapters recorded.
 * Spawned asynchronously: an in-process Ortelius emulator must keep serving while the CLI talks to it.
 */
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { CLI_BUNDLE, type Backend } from './drivers/driver.js';

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  json: any;
}

/** Flags and environment that point the CLI at a backend. */
export function backendArgs(backend: Backend, password: string): { args: string[]; env: Record<string, string> } {
  if (backend.kind === 'local') return { args: ['--backend', 'local', '--state-dir', backend.stateDir], env: {} };
  return { args: ['--backend', 'ortelius'], env: { DHURL: backend.url, DHUSER: backend.user, DHPASS: password } };
}

export function runCli(args: string[], env: Record<string, string> = {}, cwd = tmpdir()): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      let json: any = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        /* left null: the caller's assertion shows stdout */
      }
      resolve({ exitCode, stdout, stderr, json });
    });
  });
}

/** `shiplog <query> --json` against the backend. */
export function query(name: 'status' | 'history', backend: Backend, password: string, extra: string[] = []): Promise<CliRun> {
  const b = backendArgs(backend, password);
  return runCli([name, ...b.args, ...extra, '--json'], b.env);
}
