/**
 * --timeout bounds a deployment command shiplog runs itself (deploy, version-update --env): past it, the command
 * is stopped (SIGTERM, then SIGKILL after a grace period), the deployment is recorded as failed, and the run
 * exits 5 (TIMEOUT) with the result still printed.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHost } from '../src/host.js';
import { runDeploymentCommand } from '../src/operations/deploy-runner.js';
import { APP, COMPONENT_TOML, makeRepo, makeRepoWithAppVersion, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

type Source = { command: string } | { argv: string[] };

describe('deploy --timeout on a command shiplog runs', () => {
  // label, how the command is given, the exit code recorded for the stopped command
  it.each<[string, Source, number]>([
    ['words after -- (run directly)', { argv: ['sleep', '30'] }, 143],
    ['--command through /bin/sh, whose child keeps the output pipes open', { command: 'sleep 5; echo never' }, 143],
    ['a command that catches SIGTERM and exits 0 (still failed)', { command: "trap 'exit 0' TERM; sleep 5 & wait" }, 124],
  ])('%s: stopped at the timeout, recorded as failed, exit 5', async (_label, source, recorded) => {
    repo = await makeRepoWithAppVersion();
    const started = Date.now();
    const r = await repo.run(
      'deploy',
      { application: APP, env: 'dev', timeout: '500ms', ...('command' in source ? { command: source.command } : {}) },
      { commandArgs: 'argv' in source ? source.argv : [] },
    );
    expect(Date.now() - started).toBeLessThan(3500);
    expect(r.exitCode, r.err).toBe(5);
    expect(r.result).toMatchObject({
      ok: false,
      operation: 'deploy',
      deployment: { environment: 'dev', status: 'failed', exitCode: recorded, mode: 'run' },
      error: { code: 'TIMEOUT', exitCode: 5, hint: 'if the deployment needs longer, raise --timeout (default 30m)' },
    });
    expect((r.result.error as { message: string }).message).toMatch(
      /^deployment 1 of .* to dev timed out after 0\.5 s: the command was stopped and the deployment recorded as failed/,
    );
    expect(r.err).toContain(
      'shiplog: the deployment command is still running after the timeout (0.5 s): stopping it and its process group',
    );
    const hist = await repo.run('history', { env: 'dev' });
    expect(hist.result.deployments).toMatchObject([{ id: 1, status: 'failed', exitCode: recorded }]);
  });

  it('a command that ends in time is not affected (and the timer does not hold the run)', async () => {
    repo = await makeRepoWithAppVersion();
    const r = await repo.run('deploy', { application: APP, env: 'dev', timeout: '30s' }, { commandArgs: ['sh', '-c', 'echo quick'] });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result.deployment).toMatchObject({ status: 'success', exitCode: 0 });
  });

  it('version-update --env: exit 5, the versions are still reported with the failed deployment', async () => {
    repo = makeRepo({ 'component.toml': COMPONENT_TOML });
    const r = await repo.run('version-update', { env: 'dev', timeout: '500ms' }, { commandArgs: ['sleep', '30'] });
    expect(r.exitCode, r.err).toBe(5);
    expect(r.result).toMatchObject({
      ok: false,
      operation: 'version-update',
      componentVersionCreated: true,
      appVersion: `${APP};1_0_0`,
      deployment: { status: 'failed', exitCode: 143 },
      error: { code: 'TIMEOUT', exitCode: 5 },
    });
  });

  it('a command that ignores SIGTERM gets SIGKILL after the grace period', async () => {
    const host = createMemoryHost({ env: { PATH: process.env.PATH }, cwd: process.cwd() });
    const started = Date.now();
    const out = await runDeploymentCommand(host, {
      shell: "trap '' TERM; echo up; while :; do sleep 0.05; done",
      timeoutMs: 300,
      killGraceMs: 300,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(out).toMatchObject({ exitCode: 137, timedOut: true });
    expect(out.log).toEqual([
      'up',
      'shiplog: the deployment command is still running after the timeout (0.3 s): stopping it and its process group; it will be recorded as failed',
      'shiplog: the deployment command did not stop within 0.3 s of SIGTERM: sending SIGKILL to its process group',
      'shiplog: deployment command killed by SIGKILL',
    ]);
  });

  // Issue 21: after --timeout, processes the command started outlived shiplog (only the command got the signal).
  it('the whole process group is stopped: a background child of the command does not outlive the run', async () => {
    const host = createMemoryHost({ env: { PATH: process.env.PATH }, cwd: process.cwd() });
    const out = await runDeploymentCommand(host, { shell: 'sleep 300 & echo "child $!"; sleep 300', timeoutMs: 300, killGraceMs: 2000 });
    expect(out).toMatchObject({ timedOut: true });
    const pid = Number(out.log.find((l) => l.startsWith('child '))?.slice(6));
    expect(pid).toBeGreaterThan(0);
    // SIGTERM reached it with the command; it may take a moment to be gone (well within the 2 s grace)
    for (let i = 0; i < 40 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
  });

  it('a child that ignores SIGTERM gets SIGKILL at the end of the grace, before the run returns', async () => {
    const host = createMemoryHost({ env: { PATH: process.env.PATH }, cwd: process.cwd() });
    const out = await runDeploymentCommand(host, {
      shell: `sh -c 'trap "" TERM; echo child $$; while :; do sleep 0.05; done' & sleep 300`,
      timeoutMs: 300,
      killGraceMs: 500,
    });
    const pid = Number(out.log.find((l) => l.startsWith('child '))?.slice(6));
    expect(pid).toBeGreaterThan(0);
    // the run returns when the command's pipes close; the SIGKILL follows within the grace
    for (let i = 0; i < 60 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
  });
});

/** True while the process runs (a zombie waiting for its reaper counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
