// A cancelled CI job signals the shiplog process while `deploy` runs the deployment command: the command is
// stopped and the deployment is still recorded (failed, with the signal's exit code), the way CI systems cancel:
// a signal to the CLI alone, or to its whole process group. Runs the built CLI bundle as a real process.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, COMPONENT_TOML, makeRepo, type TestRepo } from './execute-fixtures.js';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'shiplog.mjs');
let repo: TestRepo;

beforeAll(() => {
  repo = makeRepo({ 'component.toml': COMPONENT_TOML });
  execFileSync(process.execPath, [cli, 'version-update'], { cwd: repo.dir, env: repo.env, stdio: 'pipe' });
});
afterAll(() => repo.cleanup());

/** Starts a deploy whose command runs until killed; resolves once the command has started. */
function startLongDeploy(detached: boolean, script = 'echo rollout started; exec sleep 30') {
  const child = spawn(process.execPath, [cli, 'deploy', '--application', APP, '--env', 'dev', '--json', '--', 'sh', '-c', script], {
    cwd: repo.dir,
    env: repo.env,
    detached,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const started = new Promise<void>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      if (/^rollout started$/m.test(err)) resolve(); // the command's own line, not the "deploying ..." echo of it
    });
    child.on('close', () => reject(new Error(`deploy ended before its command started: ${err}`)));
  });
  return { child, started, exited, out: () => out, err: () => err };
}

function history(): Array<Record<string, unknown>> {
  const text = execFileSync(process.execPath, [cli, 'history', '--application', APP, '--json'], {
    cwd: repo.dir,
    env: repo.env,
    encoding: 'utf8',
  });
  return (JSON.parse(text) as { deployments: Array<Record<string, unknown>> }).deployments;
}

describe('deploy interrupted by a cancelled job', () => {
  it.each([
    ['SIGTERM to the CLI alone (the CLI passes it on to the command)', false, 'SIGTERM' as const, 143],
    ['SIGTERM to the whole process group (as the Buildkite agent cancels a job)', true, 'SIGTERM' as const, 143],
    ['SIGINT to the whole process group (Ctrl-C in a terminal)', true, 'SIGINT' as const, 130],
  ])('%s: exit 1, the deployment recorded as failed', async (_name, group, signal, exitCode) => {
    const before = history().length;
    const run = startLongDeploy(group);
    await run.started;
    process.kill(group ? -run.child.pid! : run.child.pid!, signal);
    const code = await run.exited;

    expect(code, run.err()).toBe(1);
    expect(run.err()).toContain(`shiplog: ${signal} received: stopping the deployment command`);
    const result = JSON.parse(run.out()) as { ok: boolean; deployment: Record<string, unknown>; error: { code: string } };
    expect(result).toMatchObject({ ok: false, error: { code: 'DEPLOY_FAILED' }, deployment: { status: 'failed', exitCode } });
    const recorded = history();
    expect(recorded.length).toBe(before + 1);
    expect(recorded[0]).toMatchObject({ environment: 'dev', status: 'failed', exitCode });
  });

  it('a command that ignores the signal gets SIGKILL after the grace period, and is recorded', async () => {
    // The shell ignores SIGINT (and so does sleep, which inherits that), so only the SIGKILL after the grace period
    // stops it. Waiting on `sleep` without the trap raced: a signal landing between `echo` and the fork of `sleep`
    // ends dash at once.
    const run = startLongDeploy(false, "trap '' INT; echo rollout started; sleep 20 && echo late");
    await run.started;
    process.kill(run.child.pid!, 'SIGINT');
    const code = await run.exited;

    expect(code, run.err()).toBe(1);
    expect(run.err()).toContain('sending SIGKILL');
    expect(run.err()).not.toMatch(/^late$/m);
    expect(JSON.parse(run.out())).toMatchObject({ ok: false, deployment: { status: 'failed', exitCode: 137 } });
    expect(history()[0]).toMatchObject({ status: 'failed', exitCode: 137 });
    // the grace period plus recording: a limit for a hung run, not a timing (a loaded runner took 21 s)
  }, 60_000);
});
