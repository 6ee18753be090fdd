/**
 * Runs expanded job steps the way a CircleCI docker executor does: each `run` step is a fresh
 * `/bin/bash -eo pipefail -c <command>` (stdout and stderr interleaved as the step output) (bash sources $BASH_ENV first), with the job's environment plus the step's
 * `environment`; after a failing step the remaining steps are skipped; store_artifacts copies what exists.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExpandedStep } from './circleci-expand.js';

export interface StepRun {
  name: string;
  exitCode: number;
  output: string;
}

export interface JobRun {
  exitCode: number;
  steps: StepRun[];
  /** Concatenated output of every step. */
  output: string;
}

export interface JobEnvironment {
  /** The job's working directory (the checked-out project). */
  cwd: string;
  env: Record<string, string>;
  /** Where store_artifacts copies to. */
  artifactsDir: string;
  /** Paths as the job sees them -> paths on this machine (e.g. /tmp/shiplog-results -> a temp dir). */
  pathMap?: Record<string, string>;
}

/** Runs bash asynchronously: the loopback servers of the test live in this process and must keep answering. */
function bash(command: string, cwd: string, env: Record<string, string>): Promise<{ exitCode: number; output: string }> {
  return new Promise((ok, fail) => {
    const child = spawn('/bin/bash', ['-eo', 'pipefail', '-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => ok({ exitCode: code ?? 1, output }));
  });
}

export async function runJob(steps: ExpandedStep[], job: JobEnvironment): Promise<JobRun> {
  const runs: StepRun[] = [];
  let exitCode = 0;
  for (const step of steps) {
    if (exitCode !== 0) break;
    if (step.kind === 'checkout') continue; // the test prepared job.cwd as the checked-out repository
    if (step.kind === 'store_artifacts') {
      const from = job.pathMap?.[step.path] ?? resolve(job.cwd, step.path);
      if (existsSync(from)) {
        const to = join(job.artifactsDir, step.destination ?? '');
        mkdirSync(to, { recursive: true });
        cpSync(from, to, { recursive: true });
      }
      continue;
    }
    const r = await bash(step.command, resolve(job.cwd, step.workingDirectory ?? '.'), { ...job.env, ...step.environment });
    const output = r.output;
    exitCode = r.exitCode;
    runs.push({ name: step.name ?? step.command.slice(0, 40), exitCode, output });
  }
  return { exitCode, steps: runs, output: runs.map((s) => `### ${s.name} (exit ${s.exitCode})\n${s.output}`).join('\n') };
}
