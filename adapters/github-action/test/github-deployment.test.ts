// deploy + github-token against a loopback fake of the GitHub REST API (GITHUB_API_URL): any request the
// test did not expect fails it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeGithub, type FakeGithub } from './fake-github.js';
import { makeWorkspace, runAction, type ActionRun } from './runner-harness.js';

const APP = 'GLOBAL.Acme.Store.shop';
const TOKEN = 'ghs_fakeTokenValue0123456789abcdef';
const SHA = 'ffffffffffffffffffffffffffffffffffffffff';
const RUN_URL = 'https://github.com/acme/shop/actions/runs/4242/attempts/1';

let ws: Awaited<ReturnType<typeof makeWorkspace>>;
let gh: FakeGithub | undefined;
beforeEach(async () => {
  ws = await makeWorkspace();
  const r = await runAction('version-update', {
    workspace: ws.dir,
    inputs: { 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': 'v1.0.0', application: APP },
  });
  expect(r.exitCode, r.stdout).toBe(0);
});
afterEach(async () => {
  await gh?.close();
  gh = undefined;
  await ws.cleanup();
});

const deploy = (inputs: Record<string, string>): Promise<ActionRun> =>
  runAction('deploy', {
    workspace: ws.dir,
    inputs: { application: APP, env: 'dev', 'github-token': TOKEN, ...inputs },
    env: { GITHUB_API_URL: gh!.url },
  });

const created = { id: 501, environment: 'dev', sha: SHA };

describe('GitHub Deployment', () => {
  it('creates the deployment, then in_progress and success statuses with log and environment URLs', async () => {
    gh = await fakeGithub([
      { method: 'POST', path: '/repos/acme/shop/deployments', status: 201, body: created },
      { method: 'POST', path: '/repos/acme/shop/deployments/501/statuses', status: 201, body: { id: 1, state: 'in_progress' } },
      { method: 'POST', path: '/repos/acme/shop/deployments/501/statuses', status: 201, body: { id: 2, state: 'success' } },
    ]);
    const r = await deploy({ command: 'echo ok', 'environment-url': 'https://qa.shop.example', 'transient-environment': 'true' });
    expect(r.exitCode, r.stdout).toBe(0);
    gh.verify();
    const [create, progress, done] = gh.received;
    expect(create.headers.authorization).toBe(`token ${TOKEN}`);
    expect(create.body).toMatchObject({
      ref: SHA,
      environment: 'dev',
      auto_merge: false,
      required_contexts: [],
      transient_environment: true,
    });
    expect(progress.body).toMatchObject({ state: 'in_progress', log_url: RUN_URL, environment_url: 'https://qa.shop.example' });
    expect(done.body).toMatchObject({ state: 'success', log_url: RUN_URL, environment_url: 'https://qa.shop.example' });
    expect(r.summary).toContain('| GitHub Deployment | #501 [environment](https://qa.shop.example) |');
  });

  it('posts failure when the deployment fails', async () => {
    gh = await fakeGithub([
      { method: 'POST', path: '/repos/acme/shop/deployments', status: 201, body: created },
      { method: 'POST', path: '/repos/acme/shop/deployments/501/statuses', status: 201, body: { id: 1 } },
      { method: 'POST', path: '/repos/acme/shop/deployments/501/statuses', status: 201, body: { id: 2 } },
    ]);
    const r = await deploy({ command: 'exit 4' });
    expect(r.exitCode).toBe(1);
    gh.verify();
    expect(gh.received[2].body).toMatchObject({ state: 'failure', log_url: RUN_URL });
    expect(r.outputs['deployment-status']).toBe('failed');
  });

  it('fails before deploying, with the permissions hint, when GitHub answers 403', async () => {
    gh = await fakeGithub([
      { method: 'POST', path: '/repos/acme/shop/deployments', status: 403, body: { message: 'Resource not accessible by integration' } },
    ]);
    const r = await deploy({ command: 'echo MUST-NOT-RUN' });
    expect(r.exitCode).toBe(1);
    gh.verify();
    expect(r.stdout).not.toContain('MUST-NOT-RUN');
    expect(r.stdout).toMatch(
      /^::error::GitHub API: creating a deployment for dev failed \(HTTP 403\): Resource not accessible by integration.*permissions: deployments: write/m,
    );
  });

  it('names the token when GitHub refuses it (401)', async () => {
    gh = await fakeGithub([{ method: 'POST', path: '/repos/acme/shop/deployments', status: 401, body: { message: 'Bad credentials' } }]);
    const r = await deploy({ command: 'echo MUST-NOT-RUN' });
    expect(r.exitCode).toBe(1);
    gh.verify();
    expect(r.stdout).not.toContain('MUST-NOT-RUN');
    expect(r.stdout).toMatch(
      /^::error::GitHub API: creating a deployment for dev failed \(HTTP 401\): Bad credentials \(hint: the github-token was refused/m,
    );
    expect(
      r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain(TOKEN);
  });

  it('only warns when the final status cannot be posted (the deployment itself is recorded)', async () => {
    gh = await fakeGithub([
      { method: 'POST', path: '/repos/acme/shop/deployments', status: 201, body: created },
      { method: 'POST', path: '/repos/acme/shop/deployments/501/statuses', status: 201, body: { id: 1 } },
      { method: 'POST', path: '/repos/acme/shop/deployments/501/statuses', status: 500, body: { message: 'boom' } },
    ]);
    const r = await deploy({ command: 'echo ok' });
    expect(r.exitCode).toBe(0);
    gh.verify();
    expect(r.stdout).toMatch(/^::warning::GitHub API: setting deployment 501 to success failed \(HTTP 500\)/m);
    expect(r.outputs['deployment-status']).toBe('success');
  });

  it('takes the environment from DEPLOY_ENV when the env input is empty, as the core does', async () => {
    gh = await fakeGithub([
      { method: 'POST', path: '/repos/acme/shop/deployments', status: 201, body: created },
      { method: 'POST', path: '/repos/acme/shop/deployments/501/statuses', status: 201, body: {} },
      { method: 'POST', path: '/repos/acme/shop/deployments/501/statuses', status: 201, body: {} },
    ]);
    const r = await runAction('deploy', {
      workspace: ws.dir,
      inputs: { application: APP, 'github-token': TOKEN, command: 'true' },
      env: { GITHUB_API_URL: gh.url, DEPLOY_ENV: 'dev' },
    });
    expect(r.exitCode, r.stdout).toBe(0);
    gh.verify();
    expect(gh.received[0].body).toMatchObject({ environment: 'dev', payload: { application: APP } });
  });

  it('makes no GitHub request without github-token, or on a dry run', async () => {
    gh = await fakeGithub([]);
    const plain = await runAction('deploy', {
      workspace: ws.dir,
      inputs: { application: APP, env: 'dev', command: 'echo ok' },
      env: { GITHUB_API_URL: gh.url },
    });
    expect(plain.exitCode, plain.stdout).toBe(0);
    const dry = await deploy({ command: 'echo ok', 'dry-run': 'true' });
    expect(dry.exitCode, dry.stdout).toBe(0);
    gh.verify();
    expect(gh.received).toEqual([]);
  });
});

describe('GitHub Deployment: only after the core accepted the inputs', () => {
  // Each of these used to create a Deployment (and, on GitHub, an environment) that then failed.
  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['an unknown environment', { env: 'prdo' }, /unknown environment "prdo"/],
    ['a malformed timeout', { timeout: 'abc' }, /input "timeout" must be a duration like 90s, 15m or 1h \(got "abc"\)/],
    ...['True', 'TRUE', '1', 'yes'].map((v): [string, Record<string, string>, RegExp] => [
      `dry-run ${v}`,
      { 'dry-run': v },
      new RegExp(`input "dry-run" must be true or false \\(got "${v}"\\)`),
    ]),
  ];
  for (const [what, inputs, message] of bad) {
    it(`makes no GitHub request for ${what}, and reports it in the inputs' names`, async () => {
      gh = await fakeGithub([]);
      const r = await deploy({ command: 'echo MUST-NOT-RUN', ...inputs });
      expect(r.exitCode).toBe(1);
      gh.verify();
      expect(gh.received).toEqual([]);
      expect(r.stdout).not.toContain('MUST-NOT-RUN');
      expect(r.stdout).toMatch(message);
      expect(r.stdout).not.toMatch(/--(timeout|dry-run|env)\b|shiplog deploy --help/);
      const result = JSON.parse(r.outputs.result);
      expect(result).toMatchObject({ ok: false, error: { exitCode: 2 } });
      expect(result.error.message).toMatch(message);
      expect(r.summary).toContain('### ❌ shiplog deploy failed');
    });
  }

  it('makes no GitHub request for an application version that does not exist, or that is behind the environment', async () => {
    gh = await fakeGithub([]);
    const missing = await deploy({ command: 'echo MUST-NOT-RUN', 'app-version': '999' });
    expect(missing.exitCode).toBe(1);
    expect(JSON.parse(missing.outputs.result)).toMatchObject({ ok: false });
    // prod is after the version's stage (dev): "move it first", refused before anything runs
    const behind = await deploy({ command: 'echo MUST-NOT-RUN', env: 'prod' });
    expect(behind.exitCode).toBe(1);
    expect(behind.stdout).toMatch(/move it first/);
    gh.verify();
    expect(gh.received).toEqual([]);
    expect(missing.stdout + behind.stdout).not.toMatch(/^MUST-NOT-RUN$/m);
  });

  it("reports bad action-only inputs together with the core's, as one error with a result and a summary", async () => {
    gh = await fakeGithub([]);
    const r = await deploy({ command: 'echo MUST-NOT-RUN', 'transient-environment': 'yes', timeout: 'abc' });
    expect(r.exitCode).toBe(1);
    gh.verify();
    const result = JSON.parse(r.outputs.result);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', exitCode: 2 } });
    expect(result.error.message).toMatch(
      /^2 problems: .*input "timeout" must be a duration.*; input "transient-environment" must be true or false \(got "yes"\)$/,
    );
    expect(result.error.hint).toMatch(/README\.md/);
    expect(r.stdout.match(/^::error::/gm)).toHaveLength(1);
    expect(r.summary).toContain('### ❌ shiplog deploy failed');
    expect(r.summary).toContain('transient-environment');
  });

  it('refuses a malformed SHIPLOG_GITHUB_API_TIMEOUT before any GitHub request', async () => {
    gh = await fakeGithub([]);
    const r = await runAction('deploy', {
      workspace: ws.dir,
      inputs: { application: APP, env: 'dev', 'github-token': TOKEN, command: 'echo MUST-NOT-RUN' },
      env: { GITHUB_API_URL: gh.url, SHIPLOG_GITHUB_API_TIMEOUT: 'soon' },
    });
    expect(r.exitCode).toBe(1);
    gh.verify();
    expect(r.stdout).toMatch(/^::error::SHIPLOG_GITHUB_API_TIMEOUT must be a duration like 10s or 1m \(got "soon"\)/m);
    expect(JSON.parse(r.outputs.result)).toMatchObject({ ok: false, error: { exitCode: 2 } });
  });

  it('sets the result and writes a failure summary when GitHub refuses (403)', async () => {
    gh = await fakeGithub([
      { method: 'POST', path: '/repos/acme/shop/deployments', status: 403, body: { message: 'Resource not accessible by integration' } },
    ]);
    const r = await deploy({ command: 'echo MUST-NOT-RUN' });
    expect(r.exitCode).toBe(1);
    gh.verify();
    const result = JSON.parse(r.outputs.result);
    expect(result).toMatchObject({ ok: false, operation: 'deploy', error: { code: 'GITHUB_API', exitCode: 3 } });
    expect(result.error.message).toContain('(HTTP 403): Resource not accessible by integration');
    expect(result.error.hint).toContain('deployments: write');
    expect(r.summary).toContain('### ❌ shiplog deploy failed');
    expect(r.summary).toContain('`GITHUB_API`');
  });
});

describe('GitHub API transport failures', () => {
  let hang: Server | undefined;
  afterEach(async () => {
    hang?.closeAllConnections();
    await new Promise<void>((r) => (hang ? hang.close(() => r()) : r()));
    hang = undefined;
  });

  it('gives up on a GitHub that accepts and never answers, with a one-line timeout error (SHIPLOG_GITHUB_API_TIMEOUT)', async () => {
    hang = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => hang!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    const started = Date.now();
    const r = await runAction('deploy', {
      workspace: ws.dir,
      inputs: { application: APP, env: 'dev', 'github-token': TOKEN, command: 'echo MUST-NOT-RUN' },
      env: { GITHUB_API_URL: url, SHIPLOG_GITHUB_API_TIMEOUT: '300ms' },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).not.toContain('MUST-NOT-RUN');
    expect(r.stdout).toMatch(
      new RegExp(`^::error::GitHub API: creating a deployment for dev failed: no answer from ${url} within 300ms \\(hint: [^\n]*\\)$`, 'm'),
    );
    expect(JSON.parse(r.outputs.result)).toMatchObject({ ok: false, error: { code: 'GITHUB_API', exitCode: 5 } });
  }, 30_000);

  // Issue 21: every HTTP client has a response size limit.
  it('an answer past the response size limit fails naming it (max-response-mib), before anything runs', async () => {
    let sent = 0;
    hang = createServer((_req, res) => {
      res.on('error', () => undefined);
      res.writeHead(201, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1 << 16, ' ');
      const pump = () => {
        while (sent < 64 << 20) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('{}');
      };
      pump();
    });
    await new Promise<void>((r) => hang!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    const r = await runAction('deploy', {
      workspace: ws.dir,
      inputs: { application: APP, env: 'dev', 'github-token': TOKEN, command: 'echo MUST-NOT-RUN', 'max-response-mib': '1' },
      env: { GITHUB_API_URL: url },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).not.toContain('MUST-NOT-RUN');
    expect(r.stdout).toMatch(/^::error::GitHub API: creating a deployment for dev failed: .*larger than the response size limit of 1 MiB/m);
    expect(JSON.parse(r.outputs.result)).toMatchObject({ ok: false, error: { code: 'GITHUB_API', exitCode: 4 } });
    expect(sent).toBeLessThan(32 << 20);
  }, 30_000);

  it('names an unreachable API and the system error, not an invented HTTP 500', async () => {
    // A port that was free a moment ago: connection refused.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((r) => probe.close(() => r()));
    const r = await runAction('deploy', {
      workspace: ws.dir,
      inputs: { application: APP, env: 'dev', 'github-token': TOKEN, command: 'echo MUST-NOT-RUN' },
      env: { GITHUB_API_URL: url },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).not.toContain('HTTP 500');
    expect(r.stdout).toMatch(
      new RegExp(`^::error::GitHub API: creating a deployment for dev failed: cannot reach the GitHub API at ${url}: ECONNREFUSED`, 'm'),
    );
    expect(JSON.parse(r.outputs.result)).toMatchObject({ ok: false, error: { code: 'GITHUB_API', exitCode: 4 } });
  });

  it('only warns when in_progress cannot be posted: the deployment runs and its final status is posted', async () => {
    gh = await fakeGithub([
      { method: 'POST', path: '/repos/acme/shop/deployments', status: 201, body: created },
      { method: 'POST', path: '/repos/acme/shop/deployments/501/statuses', status: 500, body: { message: 'boom' } },
      { method: 'POST', path: '/repos/acme/shop/deployments/501/statuses', status: 201, body: { id: 2 } },
    ]);
    const r = await deploy({ command: 'echo DEPLOYED' });
    expect(r.exitCode, r.stdout).toBe(0);
    gh.verify();
    expect(r.stdout).toMatch(/^::warning::GitHub API: setting deployment 501 to in_progress failed \(HTTP 500\): boom/m);
    expect(r.stdout).toContain('DEPLOYED');
    expect(gh.received[2].body).toMatchObject({ state: 'success', log_url: RUN_URL });
    expect(r.outputs['deployment-status']).toBe('success');
  });
});
