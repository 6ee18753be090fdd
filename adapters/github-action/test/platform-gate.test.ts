// The built action as the runner runs it: approve with platform-gate reads the run's approvals from a loopback fake of
// the GitHub API (the documented response shape) and records the required reviewer; a refused move sets gate-passed
// false and unmet-rules, writes the summary section and one error annotation per unmet rule.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeGithub } from './fake-github.js';
import { makeWorkspace, runAction } from './runner-harness.js';

const APP = 'GLOBAL.Acme.Store.shop';
let ws: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const APPROVALS = [
  {
    environments: [
      {
        id: 161088069,
        node_id: 'MDExOkVudmlyb25tZW50MTYxMDg4MDY5',
        name: 'prod',
        url: 'https://api.github.com/repos/acme/shop/environments/prod',
        html_url: 'https://github.com/acme/shop/deployments/activity_log?environments_filter=prod',
        created_at: '2020-11-23T22:00:40Z',
        updated_at: '2020-11-23T22:00:40Z',
      },
    ],
    state: 'approved',
    user: { login: 'octo-reviewer', id: 583231, node_id: 'MDQ6VXNlcjE=', type: 'User', site_admin: false },
    comment: 'ship it',
  },
];

it('a refused move: outputs, summary section, one annotation per rule; then the required reviewer approves (verified:github)', async () => {
  const vu = await runAction('version-update', {
    workspace: ws.dir,
    inputs: { application: APP, 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': 'v1' },
  });
  expect(vu.exitCode, vu.stdout + vu.stderr).toBe(0);

  const refused = await runAction('move', { workspace: ws.dir, inputs: { application: APP, to: 'prod' } });
  expect(refused.exitCode).toBe(1);
  expect(refused.outputs['gate-passed']).toBe('false');
  expect(JSON.parse(refused.outputs['unmet-rules'])).toMatchObject([{ rule: 'approval', stage: 'prod' }]);
  expect(refused.summary).toContain('#### Release policy: refused');
  // @actions/core escapes ':' in properties as %3A
  expect(refused.stdout.split('\n').filter((l) => l.startsWith('::error title=shiplog%3A approval (prod)::'))).toHaveLength(1);

  const api = await fakeGithub([{ method: 'GET', path: '/repos/acme/shop/actions/runs/4242/approvals', status: 200, body: APPROVALS }]);
  try {
    const r = await runAction('approve', {
      workspace: ws.dir,
      inputs: { application: APP, stage: 'prod', 'platform-gate': 'true', 'github-token': 'ghs_fakeTokenForTheApprovalsApi' },
      env: { GITHUB_API_URL: api.url },
    });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    api.verify();
    expect(api.received[0].headers.authorization).toBe('token ghs_fakeTokenForTheApprovalsApi');
    expect(JSON.parse(r.outputs.result)).toMatchObject({ actor: { id: 'octo-reviewer', source: 'verified:github' } });
    expect(r.outputs['gate-passed']).toBe('true');
    expect(r.summary + r.outputs.result).not.toContain('ghs_fakeTokenForTheApprovalsApi');
  } finally {
    await api.close();
  }
  const moved = await runAction('move', { workspace: ws.dir, inputs: { application: APP, to: 'prod' } });
  expect(moved.exitCode, moved.stdout).toBe(0);
  expect(moved.outputs).toMatchObject({ 'gate-passed': 'true', 'unmet-rules': '[]' });
}, 240_000);

it('approvals the token may not read: exit 3 with the actions: read hint; an unreachable API: exit 4 naming it (kit/github-api.ts, shared with the Deployments calls)', async () => {
  const vu = await runAction('version-update', {
    workspace: ws.dir,
    inputs: { application: APP, 'component-name': 'GLOBAL.Acme.Store.cart', 'component-version': 'v1' },
  });
  expect(vu.exitCode, vu.stdout + vu.stderr).toBe(0);
  const inputs = { application: APP, stage: 'prod', 'platform-gate': 'true', 'github-token': 'ghs_fakeTokenForTheApprovalsApi' };
  const api = await fakeGithub([
    {
      method: 'GET',
      path: '/repos/acme/shop/actions/runs/4242/approvals',
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    },
  ]);
  try {
    const r = await runAction('approve', { workspace: ws.dir, inputs, env: { GITHUB_API_URL: api.url } });
    api.verify();
    expect(r.exitCode).toBe(1);
    const result = JSON.parse(r.outputs.result);
    expect(result).toMatchObject({ ok: false, error: { code: 'GITHUB_API', exitCode: 3 } });
    expect(result.error.message).toBe(
      'GitHub API: reading the approvals of run 4242 failed (HTTP 403): Resource not accessible by integration',
    );
    expect(result.error.hint).toContain('permissions: actions: read');
  } finally {
    await api.close();
  }
  // GITHUB_API_URL of the harness: loopback port 9, which fetch refuses to dial ("bad port")
  const down = await runAction('approve', { workspace: ws.dir, inputs });
  expect(down.exitCode).toBe(1);
  const result = JSON.parse(down.outputs.result);
  expect(result).toMatchObject({ ok: false, error: { code: 'GITHUB_API', exitCode: 4 } });
  expect(result.error.message).toMatch(
    /^GitHub API: reading the approvals of run 4242 failed: cannot reach the GitHub API at http:\/\/127\.0\.0\.1:9: bad port$/,
  );
  expect(down.summary + down.outputs.result).not.toContain('ghs_fakeTokenForTheApprovalsApi');
}, 120_000);
