import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../src/backend/backend.js';
import { TimeoutError } from '../src/errors.js';
import { execute } from '../src/execute.js';
import { createMemoryHost } from '../src/host.js';
import type { ApplicationVersion } from '../src/model.js';
import { MAX_STORED_LOG_LINES } from '../src/operations/deploy-runner.js';
import { emptyBackend } from '../src/operations/dry-run-backend.js';
import { APP, CART, makeRepoWithAppVersion, type TestRepo } from './execute-fixtures.js';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const deployment = (r: { result: Record<string, unknown> }) => r.result.deployment as Record<string, unknown>;

describe('deploy', () => {
  it('runs the command after --, streams its output and records success', async () => {
    repo = await makeRepoWithAppVersion();
    const r = await repo.run('deploy', { application: APP, env: 'dev' }, { commandArgs: ['sh', '-c', 'echo one; echo two >&2'] });
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({
      ok: true,
      operation: 'deploy',
      deployment: {
        id: 1,
        appVersion: `${APP};1_0_0`,
        environment: 'dev',
        exitCode: 0,
        status: 'success',
        mode: 'run',
        logLines: 2,
        components: [`${CART};1_0_0`],
      },
    });
    expect(r.err).toMatch(/one\n/);
    expect(r.err).toMatch(/two\n/);
    const hist = await repo.run('history', { env: 'dev' });
    expect(hist.exitCode, hist.err).toBe(0);
    const status = await repo.run('status', {});
    expect(JSON.stringify(status.result)).toContain(`"appVersion":"${APP};1_0_0"`);
  });

  it('runs a --command string through /bin/sh; a failing command exits 1 with the deployment still reported', async () => {
    repo = await makeRepoWithAppVersion();
    const r = await repo.run('deploy', { application: APP, env: 'dev', command: 'echo "$((40+2))"; exit 7' });
    expect(r.exitCode).toBe(1);
    expect(r.err).toContain('42\n');
    expect(r.result).toMatchObject({
      ok: false,
      operation: 'deploy',
      deployment: { environment: 'dev', exitCode: 7, status: 'failed', mode: 'run' },
      error: { code: 'DEPLOY_FAILED', exitCode: 1 },
    });
    // status only changes on success
    const status = await repo.run('status', {});
    expect(JSON.stringify(status.result)).not.toContain(`"appVersion":"${APP};1_0_0"`);
  });

  it('a command that does not exist is a failed deployment (exit code 127)', async () => {
    repo = await makeRepoWithAppVersion();
    const r = await repo.run('deploy', { application: APP, env: 'dev' }, { commandArgs: ['/nonexistent/deploy-tool'] });
    expect(r.exitCode).toBe(1);
    expect(deployment(r)).toMatchObject({ exitCode: 127, status: 'failed' });
  });

  it('record-only: --exit-code with --log-file stores the log; a non-zero code is a failure', async () => {
    repo = await makeRepoWithAppVersion();
    repo.write('deploy.log', 'line a\nline b with sup3r-secret-x\n');
    const ok = await repo.run(
      'deploy',
      { application: APP, env: 'dev', 'exit-code': 0, 'log-file': 'deploy.log' },
      { env: { API_TOKEN: 'sup3r-secret-x' } },
    );
    expect(ok.exitCode, ok.err).toBe(0);
    expect(deployment(ok)).toMatchObject({ mode: 'record', status: 'success', logLines: 2 });
    for (const [, b64] of repo.storeSnapshot()) expect(Buffer.from(b64, 'base64').toString('utf8')).not.toContain('sup3r-secret-x');
    const failed = await repo.run('deploy', { application: APP, env: 'dev', 'exit-code': '3' });
    expect(failed.exitCode).toBe(1);
    expect(deployment(failed)).toMatchObject({ mode: 'record', status: 'failed', exitCode: 3 });
  });

  it('refuses a deployment into an environment of a later stage ("move it first"), record-only too (nothing written)', async () => {
    repo = await makeRepoWithAppVersion();
    const before = repo.storeSnapshot();
    const run = await repo.run('deploy', { application: APP, env: 'qa' }, { commandArgs: ['true'] });
    expect(run.exitCode).toBe(1);
    expect((run.result.error as { message: string }).message).toMatch(
      /stage-reached: .* is in stage dev, not yet in qa .*next: shiplog move .* --to qa/,
    );
    expect(run.result).toMatchObject({ gatePassed: false, unmetRules: [{ rule: 'stage-reached', stage: 'qa', environment: 'qa' }] });
    expect(repo.storeSnapshot()).toEqual(before);
    const rec = await repo.run('deploy', { application: APP, env: 'qa', 'exit-code': 0 });
    expect(rec.exitCode).toBe(1);
    expect(rec.result.error).toEqual(run.result.error);
    expect(repo.storeSnapshot()).toEqual(before);
  });

  it('bad input: unknown environment, no mode on the local store, conflicting modes, bad exit code (all exit 2, nothing written)', async () => {
    repo = await makeRepoWithAppVersion();
    const before = repo.storeSnapshot();
    const env = await repo.run('deploy', { application: APP, env: 'staging' }, { commandArgs: ['true'] });
    expect(env.exitCode).toBe(2);
    expect(env.result.error).toMatchObject({ message: 'unknown environment "staging"' });
    const none = await repo.run('deploy', { application: APP, env: 'dev' });
    expect(none.exitCode).toBe(2);
    expect(none.result.error).toMatchObject({ code: 'USAGE' });
    const both = await repo.run(
      'deploy',
      { application: APP, env: 'dev', command: 'true', 'exit-code': 0, 'log-file': 'x' },
      { commandArgs: ['true'] },
    );
    expect(both.exitCode).toBe(2);
    expect((both.result.error as { problems: string[] }).problems).toHaveLength(2);
    const code = await repo.run('deploy', { application: APP, env: 'dev', 'exit-code': 'one' });
    expect(code.exitCode).toBe(2);
    expect(code.result.error).toMatchObject({ message: '--exit-code must be an integer (got "one")' });
    const log = await repo.run('deploy', { application: APP, env: 'dev', 'exit-code': 0, 'log-file': 'missing.log' });
    expect(log.exitCode).toBe(2);
    const missing = await repo.run('deploy', {});
    expect((missing.result.error as { problems: string[] }).problems).toEqual(['--application is required', '--env is required']);
    expect(repo.storeSnapshot()).toEqual(before);
  });

  it('--dry-run runs nothing and records nothing', async () => {
    repo = await makeRepoWithAppVersion();
    const before = repo.storeSnapshot();
    const r = await repo.run(
      'deploy',
      { application: APP, env: 'dev', 'dry-run': true },
      { commandArgs: ['sh', '-c', 'echo ran > ran.txt'] },
    );
    expect(r.exitCode, r.err).toBe(0);
    expect(r.result).toMatchObject({ dryRun: true, deployment: { id: null, status: 'planned', mode: 'run' } });
    expect(repo.storeSnapshot()).toEqual(before);
    expect(existsSync(path.join(repo.dir, 'ran.txt'))).toBe(false);
  });

  it('keeps only the last lines of a long log, redacted', async () => {
    repo = await makeRepoWithAppVersion();
    const n = MAX_STORED_LOG_LINES + 10;
    const r = await repo.run(
      'deploy',
      { application: APP, env: 'dev' },
      {
        commandArgs: ['sh', '-c', `i=0; while [ $i -lt ${n} ]; do echo "l$i $MY_PASSWORD"; i=$((i+1)); done`],
        env: { MY_PASSWORD: 'hunter22' },
      },
    );
    expect(r.exitCode, r.err.slice(-500)).toBe(0);
    expect(deployment(r).logLines).toBe(MAX_STORED_LOG_LINES + 1);
    expect(r.err).not.toContain('hunter22');
    expect(r.err).toContain(`l${n - 1} ***`);
  });
});

describe('deploy on a backend with its own deploy engine (server mode)', () => {
  const av: ApplicationVersion = {
    id: '7',
    name: `${APP};2`,
    application: APP,
    version: '2',
    components: [`${CART};2`],
    stage: 'dev',
    createdAt: '2026-01-01T00:00:00Z',
  };
  function serverBackend(outcome: 'success' | 'failed' | 'timeout', calls: string[]): Backend {
    return {
      ...emptyBackend('ortelius', 'https://ortelius.example.test'),
      listApplicationVersions: async () => [av],
      getApplicationVersion: async (n) => (n === av.name ? av : undefined),
      startDeployment: async (v, env) => {
        calls.push(`start ${v.name} ${env}`);
        return { id: 42 };
      },
      followDeployment: async (id, opts) => {
        calls.push(`follow ${id} ${opts.timeoutMs}`);
        opts.onLog?.(['server line 1']);
        opts.onStatus?.('running (not complete), 1 log line');
        if (outcome === 'timeout') throw new TimeoutError(`deployment ${id} still running after ${opts.timeoutMs / 1000} s`);
        const exitCode = outcome === 'success' ? 0 : 2;
        return {
          id,
          appVersion: av.name,
          application: APP,
          environment: 'dev',
          componentVersions: av.components,
          exitCode,
          status: outcome,
          startedAt: '2026-01-02T03:04:05Z',
          finishedAt: '2026-01-02T03:05:05Z',
          log: ['server line 1'],
          mode: 'server',
          provenance: { provider: 'local', isCi: false },
        };
      },
    };
  }
  const run = async (outcome: 'success' | 'failed' | 'timeout', inputs: Record<string, string> = {}) => {
    const calls: string[] = [];
    const host = createMemoryHost({ cwd: '/nonexistent-shiplog-cwd' });
    const r = await execute('deploy', { application: APP, env: 'dev', ...inputs }, host, {
      openBackend: async () => serverBackend(outcome, calls),
    });
    return { ...r, calls, err: host.err() };
  };

  it('starts the deployment, follows it with the --timeout, streams progress', async () => {
    const r = await run('success', { timeout: '90s' });
    expect(r.exitCode, r.err).toBe(0);
    // followed for what is left of the --timeout (the lookups before it took a little)
    expect(r.calls).toHaveLength(2);
    expect(r.calls[0]).toBe(`start ${APP};2 dev`);
    const followMs = Number(r.calls[1].replace('follow 42 ', ''));
    expect(followMs).toBeGreaterThan(80_000);
    expect(followMs).toBeLessThanOrEqual(90_000);
    expect(r.result).toMatchObject({ ok: true, deployment: { id: 42, mode: 'server', status: 'success', exitCode: 0 } });
    expect(r.err).toContain('server line 1\n');
    // start and end lines around the server's deployment (the heartbeat itself: deploy-progress.test.ts)
    expect(r.err).toContain(`deploy: ${APP};2 to dev: started (server-side deployment on https://ortelius.example.test)\n`);
    expect(r.err).toMatch(new RegExp(`deploy: ${APP};2 to dev: succeeded in \\d+\\.\\d s \\(deployment 42, exit code 0\\)\\n`));
    expect(r.result).toMatchObject({ deployment: { durationMs: expect.any(Number) } });
  });

  it('a failed server deployment exits 1; running out of time exits 5', async () => {
    const failed = await run('failed');
    expect(failed.exitCode).toBe(1);
    expect(failed.result).toMatchObject({ ok: false, deployment: { status: 'failed', exitCode: 2 } });
    const timeout = await run('timeout', { timeout: '1m' });
    expect(timeout.exitCode).toBe(5);
    expect(timeout.result.error).toMatchObject({ code: 'TIMEOUT', exitCode: 5 });
  });
});
