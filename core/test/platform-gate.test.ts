/**
 * Platform gates become approvals (approve --platform-gate, docs/policy.md "Platform gates"): each platform's gate
 * in the shape the platform documents (the Buildkite agent's unblocker variables, CircleCI API v2's workflow jobs
 * and user answers from a loopback fake, the Jenkins library's input submitter, GitHub's run approvals as the action
 * reads them), recorded through execute() on the real local store with the right actor, and judged by a stage that
 * trusts only verified identities. A gate not released stores nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../src/execute.js';
import { createMemoryHost } from '../src/host.js';
import { buildkiteGateApproval, circleciApprovalJob, githubGateApproval } from '../src/kit/platform-gates.js';
import { APP, makeRepoWithAppVersion, type TestRepo } from './execute-fixtures.js';

const POLICY = `[[stage]]
name = "dev"

[[stage]]
name = "qa"

[[stage]]
name = "prod"
approvers = ["quinn@example.com", "circle-rel", "jenkins:jrel", "octo-reviewer"]
trust = ["verified"]
`;

// Buildkite: what the agent sets in every job after a block step was unblocked (docs: Environment variables).
const BUILDKITE_AFTER_BLOCK = {
  BUILDKITE: 'true',
  CI: 'true',
  BUILDKITE_BUILD_ID: '01890f3c-9b2c-4d7c-8a0c-5c8a8d6c2f10',
  BUILDKITE_BUILD_NUMBER: '42',
  BUILDKITE_BUILD_CREATOR: 'Casey Creator',
  BUILDKITE_BUILD_CREATOR_EMAIL: 'casey@example.com',
  BUILDKITE_UNBLOCKER: 'Quinn Release',
  BUILDKITE_UNBLOCKER_EMAIL: 'quinn@example.com',
  BUILDKITE_UNBLOCKER_ID: '4735ba57-80d0-46e2-8fa0-b28223a86586',
  BUILDKITE_UNBLOCKER_TEAMS: 'release:platform',
  BUILDKITE_PIPELINE_SLUG: 'shop',
  BUILDKITE_ORGANIZATION_SLUG: 'acme',
};

const WORKFLOW = 'fda08377-fe7e-46b1-8992-3a7aaecac9c3';
const APPROVER = '1bd1ae4a-4d2c-4b8e-9a43-5b4c2e0b9e21';
// CircleCI API v2 GET /workflow/{id}/job (the documented response shape): a build job and the approval job it waits on.
const WORKFLOW_JOBS = {
  next_page_token: null,
  items: [
    {
      dependencies: [],
      job_number: 101,
      id: '0a1b2c3d-0000-4000-8000-000000000001',
      started_at: '2026-01-02T02:50:00Z',
      name: 'build',
      project_slug: 'gh/acme/shop',
      status: 'success',
      type: 'build',
      stopped_at: '2026-01-02T02:55:00Z',
    },
    {
      dependencies: ['0a1b2c3d-0000-4000-8000-000000000001'],
      id: '0a1b2c3d-0000-4000-8000-000000000002',
      started_at: '2026-01-02T02:55:00Z',
      name: 'hold-prod',
      approved_by: APPROVER,
      project_slug: 'gh/acme/shop',
      status: 'success',
      type: 'approval',
      stopped_at: '2026-01-02T03:00:00Z',
      approval_request_id: '0a1b2c3d-0000-4000-8000-000000000002',
    },
  ],
};
const USER = { id: APPROVER, login: 'circle-rel', name: 'Rel Engineer' };
const TOKEN = 'circle-personal-token-7f3e9a';

const CIRCLE_ENV = {
  CIRCLECI: 'true',
  CI: 'true',
  CIRCLE_USERNAME: 'pipeline-starter',
  CIRCLE_WORKFLOW_ID: WORKFLOW,
  CIRCLE_BUILD_NUM: '102',
  CIRCLE_PROJECT_REPONAME: 'shop',
};

let api: Server;
let apiUrl = '';
const seen: { path: string; token: string | undefined }[] = [];
let answerStatus = 200;

beforeAll(async () => {
  api = createServer((req, res) => {
    const path = req.url ?? '';
    seen.push({ path, token: req.headers['circle-token'] as string | undefined });
    const body = path === `/api/v2/workflow/${WORKFLOW}/job` ? WORKFLOW_JOBS : path === `/api/v2/user/${APPROVER}` ? USER : undefined;
    res.writeHead(answerStatus !== 200 ? answerStatus : body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answerStatus !== 200 ? { message: 'Invalid token provided.' } : (body ?? { message: 'not found' })));
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/v2`;
});
afterAll(() => new Promise<void>((r) => api.close(() => r())));

async function withRepo(test: (repo: TestRepo) => Promise<void>): Promise<void> {
  const repo = await makeRepoWithAppVersion({ 'shiplog.toml': POLICY });
  try {
    await test(repo);
  } finally {
    repo.cleanup();
  }
}

async function approve(
  repo: TestRepo,
  env: Record<string, string>,
  inputs: Record<string, string> = {},
  opts: Parameters<typeof execute>[3] = {},
) {
  const host = createMemoryHost({ env: { ...repo.env, ...env }, cwd: repo.dir, now: () => new Date('2026-01-02T03:10:00Z') });
  const r = await execute('approve', { application: APP, stage: 'prod', 'platform-gate': 'true', ...inputs }, host, opts);
  return { ...r, out: host.out(), err: host.err() };
}

describe('platform gates become approvals with the identity of who released them', () => {
  it('Buildkite block step: the unblocker (verified:buildkite), not the build creator', async () => {
    await withRepo(async (repo) => {
      const r = await approve(repo, BUILDKITE_AFTER_BLOCK);
      expect(r.exitCode, JSON.stringify(r.result)).toBe(0);
      expect(r.result).toMatchObject({ actor: { id: 'quinn@example.com', source: 'verified:buildkite' }, gatePassed: true });
      expect(r.result.notes).toBe("platform gate: Buildkite block step (unblocker's teams: release, platform)");
      const show = await repo.run('show', { application: APP });
      expect(show.result.events).toMatchObject([{ kind: 'approve', actor: { id: 'quinn@example.com', source: 'verified:buildkite' } }]);
    });
  });

  it('Buildkite without a block step before it (each unblocker variable removed): exit 1, nothing stored', async () => {
    await withRepo(async (repo) => {
      const before = repo.storeSnapshot();
      const bare = Object.fromEntries(Object.entries(BUILDKITE_AFTER_BLOCK).filter(([k]) => !k.startsWith('BUILDKITE_UNBLOCKER')));
      const r = await approve(repo, bare);
      expect(r.exitCode).toBe(1);
      expect(r.result.error).toMatchObject({ code: 'GATE_NOT_RELEASED', message: expect.stringContaining('no block step was unblocked') });
      expect(repo.storeSnapshot()).toEqual(before);
    });
    // One variable is enough, in the documented order of preference.
    for (const key of ['BUILDKITE_UNBLOCKER_EMAIL', 'BUILDKITE_UNBLOCKER_ID', 'BUILDKITE_UNBLOCKER']) {
      const only = { [key]: (BUILDKITE_AFTER_BLOCK as Record<string, string>)[key] };
      expect(buildkiteGateApproval(only).actor).toEqual({ id: only[key], source: 'verified:buildkite' });
    }
  });

  it('CircleCI approval job with a token: the approver from API v2 (verified:circleci); the token goes only to the API', async () => {
    await withRepo(async (repo) => {
      seen.length = 0;
      const r = await approve(repo, { ...CIRCLE_ENV, SHIPLOG_CIRCLECI_API_URL: apiUrl, CIRCLE_TOKEN: TOKEN });
      expect(r.exitCode, JSON.stringify(r.result)).toBe(0);
      expect(r.result).toMatchObject({
        actor: { id: 'circle-rel', source: 'verified:circleci' },
        notes: 'platform gate: CircleCI approval job "hold-prod"',
      });
      expect(seen).toEqual([
        { path: `/api/v2/workflow/${WORKFLOW}/job`, token: TOKEN },
        { path: `/api/v2/user/${APPROVER}`, token: TOKEN },
      ]);
      expect(JSON.stringify(r.result) + r.out + r.err).not.toContain(TOKEN);
      // gate-name picks the approval job; one that does not exist (or was not approved) is exit 1, nothing stored
      const before = repo.storeSnapshot();
      const none = await approve(
        repo,
        { ...CIRCLE_ENV, SHIPLOG_CIRCLECI_API_URL: apiUrl, CIRCLE_TOKEN: TOKEN },
        { 'gate-name': 'hold-qa' },
      );
      expect(none.exitCode).toBe(1);
      expect(none.result.error).toMatchObject({ code: 'GATE_NOT_RELEASED', message: 'this workflow has no approval job "hold-qa"' });
      expect(repo.storeSnapshot()).toEqual(before);
    });
  });

  it("CircleCI without a token: the pipeline's identity (ci:circleci), which a verified-only stage refuses", async () => {
    await withRepo(async (repo) => {
      const before = repo.storeSnapshot();
      const r = await approve(repo, CIRCLE_ENV);
      expect(r.exitCode).toBe(1);
      expect(r.result).toMatchObject({ gatePassed: false, error: { code: 'APPROVER_REFUSED' } });
      expect(JSON.stringify(r.result.unmetRules)).toContain('pipeline-starter');
      expect(repo.storeSnapshot()).toEqual(before);
      const dry = await approve(repo, CIRCLE_ENV, { 'dry-run': 'true' });
      expect(dry.exitCode).toBe(1);
    });
    await withRepo(async (repo) => {
      repo.write('shiplog.toml', POLICY.replace('trust = ["verified"]', 'trust = ["ci"]').replace('"circle-rel"', '"pipeline-starter"'));
      const r = await approve(repo, CIRCLE_ENV);
      expect(r.exitCode, JSON.stringify(r.result)).toBe(0);
      expect(r.result).toMatchObject({ actor: { id: 'pipeline-starter', source: 'ci:circleci' } });
      expect(String(r.result.notes)).toContain('approver not confirmed without an API token');
    });
  });

  it('CircleCI API refusing the token: exit 3, nothing stored, no token in the message', async () => {
    await withRepo(async (repo) => {
      answerStatus = 401;
      try {
        const before = repo.storeSnapshot();
        const r = await approve(repo, { ...CIRCLE_ENV, SHIPLOG_CIRCLECI_API_URL: apiUrl, CIRCLE_TOKEN: TOKEN });
        expect(r.exitCode).toBe(3);
        expect(r.result.error).toMatchObject({ code: 'CIRCLECI_API' });
        expect(JSON.stringify(r.result)).not.toContain(TOKEN);
        expect(repo.storeSnapshot()).toEqual(before);
      } finally {
        answerStatus = 200;
      }
    });
  });

  it('Jenkins input step: the submitter shiplogApprove hands over (verified:jenkins)', async () => {
    await withRepo(async (repo) => {
      const env = {
        JENKINS_URL: 'https://jenkins.example.test/',
        BUILD_NUMBER: '7',
        JOB_NAME: 'shop',
        BUILD_USER_ID: 'starter',
        SHIPLOG_INPUT_SUBMITTER: 'jrel',
      };
      const r = await approve(repo, env);
      expect(r.exitCode, JSON.stringify(r.result)).toBe(0);
      expect(r.result).toMatchObject({ actor: { id: 'jrel', source: 'verified:jenkins' }, notes: 'platform gate: Jenkins input step' });
      const { SHIPLOG_INPUT_SUBMITTER: _, ...without } = env;
      const none = await approve(repo, without);
      expect(none.exitCode).toBe(1);
      expect(none.result.error).toMatchObject({ code: 'GATE_NOT_RELEASED' });
    });
  });

  it('GitHub: the reviewer the action read from the run approvals (verified:github); the CLI alone says to use the action', async () => {
    await withRepo(async (repo) => {
      const env = { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'octocat', GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '4242' };
      const cli = await approve(repo, env);
      expect(cli.exitCode).toBe(2);
      expect(cli.result.error).toMatchObject({ message: expect.stringContaining('read by the shiplog approve action') });
      const r = await approve(repo, env, {}, { platformGate: async () => githubGateApproval(RUN_APPROVALS, 'prod') });
      expect(r.exitCode, JSON.stringify(r.result)).toBe(0);
      expect(r.result).toMatchObject({
        actor: { id: 'octo-reviewer', source: 'verified:github' },
        notes: 'platform gate: GitHub environment prod (required reviewers); reviewer: ship it',
      });
    });
  });

  it('platform-gate with reject is exit 2 (a gate is released, never rejected)', async () => {
    await withRepo(async (repo) => {
      const r = await approve(repo, BUILDKITE_AFTER_BLOCK, { reject: 'true' });
      expect(r.exitCode).toBe(2);
      expect(r.result.error).toMatchObject({ message: expect.stringContaining('--platform-gate records an approval') });
    });
  });
});

// GitHub REST GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals (the documented example, two environments).
const RUN_APPROVALS = [
  {
    environments: [
      {
        id: 161088068,
        node_id: 'MDExOkVudmlyb25tZW50MTYxMDg4MDY4',
        name: 'staging',
        url: 'https://api.github.com/repos/acme/shop/environments/staging',
        html_url: 'https://github.com/acme/shop/deployments/activity_log?environments_filter=staging',
        created_at: '2020-11-23T22:00:40Z',
        updated_at: '2020-11-23T22:00:40Z',
      },
    ],
    state: 'approved',
    user: { login: 'someone-else', id: 1, type: 'User', site_admin: false },
    comment: 'staging ok',
  },
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

describe("the platforms' payloads, mapped", () => {
  it('GitHub: the last approval of the environment; a rejection or none is not a release', () => {
    expect(githubGateApproval(RUN_APPROVALS, 'PROD').actor).toEqual({ id: 'octo-reviewer', source: 'verified:github' });
    expect(() => githubGateApproval(RUN_APPROVALS, 'qa')).toThrow(/no required reviewer approved the GitHub environment qa/);
    expect(() => githubGateApproval([{ ...RUN_APPROVALS[1], state: 'rejected' }], 'prod')).toThrow(/was rejected/);
    expect(() => githubGateApproval({ message: 'Not Found' }, 'prod')).toThrow(/not a list/);
  });

  it('CircleCI: the approval job approved last, or the one named', () => {
    const second = { ...WORKFLOW_JOBS.items[1], name: 'hold-again', approved_by: 'other', stopped_at: '2026-01-02T03:05:00Z' };
    const page = { items: [second, ...WORKFLOW_JOBS.items] };
    expect(circleciApprovalJob(page, undefined)).toEqual({ name: 'hold-again', approvedBy: 'other' });
    expect(circleciApprovalJob(page, 'hold-prod')).toEqual({ name: 'hold-prod', approvedBy: APPROVER });
    const pending = { items: [{ ...WORKFLOW_JOBS.items[1], approved_by: undefined, status: 'on_hold' }] };
    expect(() => circleciApprovalJob(pending, undefined)).toThrow(/no approval job of this workflow has been approved/);
  });
});
