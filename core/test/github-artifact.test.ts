// kit/github-artifact.ts: when a GitHub runner can take the dashboard as an artifact, the artifact's name
// (unique per job, step, attempt and matrix leg) and its page. Tables over an injected env.
import { describe, expect, it } from 'vitest';
import { reportArtifactName, reportArtifactUnavailable, reportArtifactUrl, resultsScopeOf } from '../src/kit/github-artifact.js';

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
const TOKEN = jwt({
  scp: 'Actions.GenericRead:0 Actions.Results:ce7f54c7-61c7-4aae-887f-30da475f5f1a:ca395085-040a-526b-2ce8-bdc85f692774',
});
const RUNNER = {
  ACTIONS_RUNTIME_TOKEN: TOKEN,
  ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/',
  GITHUB_SERVER_URL: 'https://github.com',
};

describe('the runtime token', () => {
  it.each([
    [
      'the results scope among others',
      TOKEN,
      { workflowRunId: 'ce7f54c7-61c7-4aae-887f-30da475f5f1a', jobRunId: 'ca395085-040a-526b-2ce8-bdc85f692774' },
    ],
    ['no results scope', jwt({ scp: 'Actions.GenericRead:0' }), undefined],
    ['a results scope without the job run', jwt({ scp: 'Actions.Results:abc' }), undefined],
    ['no scp claim', jwt({ sub: 'x' }), undefined],
    ['not a JWT', 'ghs_notajwt', undefined],
    ['claims that are not JSON', 'e30.bm90IGpzb24.c2ln', undefined],
  ])('%s', (_, token, scope) => {
    expect(resultsScopeOf(token)).toEqual(scope);
  });
});

describe('whether the runner offers the artifact service', () => {
  it('a GitHub-hosted run (github.com, GHE.com) does', () => {
    expect(reportArtifactUnavailable(RUNNER)).toBeUndefined();
    expect(reportArtifactUnavailable({ ...RUNNER, GITHUB_SERVER_URL: 'https://acme.ghe.com' })).toBeUndefined();
  });

  // danger-js style: take away one thing the upload needs at a time; each is named, the token never quoted
  it.each([
    ['ACTIONS_RUNTIME_TOKEN', { ACTIONS_RUNTIME_TOKEN: undefined }, /^ACTIONS_RUNTIME_TOKEN is not set \(.*local run, act/],
    ['ACTIONS_RESULTS_URL', { ACTIONS_RESULTS_URL: ' ' }, /^ACTIONS_RESULTS_URL is not set/],
    ['both', { ACTIONS_RUNTIME_TOKEN: '', ACTIONS_RESULTS_URL: undefined }, /^ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set/],
    [
      'GitHub Enterprise Server',
      { GITHUB_SERVER_URL: 'https://github.acme.example' },
      /^GitHub Enterprise Server \(github\.acme\.example\) has no artifacts v4/,
    ],
    ['the results scope', { ACTIONS_RUNTIME_TOKEN: jwt({ scp: 'Actions.GenericRead:0' }) }, /carries no Actions\.Results scope/],
  ])('without %s it does not, and says why', (_, change, why) => {
    const env = { ...RUNNER, ...change };
    const reason = reportArtifactUnavailable(env);
    expect(reason).toMatch(why);
    expect(reason).not.toContain(String(env.ACTIONS_RUNTIME_TOKEN || 'no-token').split('.')[1] ?? 'no-token');
  });
});

describe('the artifact name', () => {
  it.each([
    [
      'job, step id, attempt, job run',
      { GITHUB_JOB: 'release', GITHUB_ACTION: 'deploy', GITHUB_RUN_ATTEMPT: '1' },
      'shiplog-report-release-deploy-1-ca395085',
    ],
    ['a re-run', { GITHUB_JOB: 'release', GITHUB_ACTION: 'deploy', GITHUB_RUN_ATTEMPT: '2' }, 'shiplog-report-release-deploy-2-ca395085'],
    [
      'a step without an id (the runner names it)',
      { GITHUB_JOB: 'release', GITHUB_ACTION: '__shiplog-dev_shiplog_2', GITHUB_RUN_ATTEMPT: '1' },
      'shiplog-report-release-shiplog-dev_shiplog_2-1-ca395085',
    ],
    [
      'characters artifact names refuse',
      { GITHUB_JOB: 'a/b:c', GITHUB_ACTION: 'x*y?', GITHUB_RUN_ATTEMPT: '1' },
      'shiplog-report-a-b-c-x-y-1-ca395085',
    ],
    ['nothing from the runner', { ACTIONS_RUNTIME_TOKEN: undefined }, 'shiplog-report'],
  ])('%s', (_, env, name) => {
    expect(reportArtifactName({ ...RUNNER, ...env })).toBe(name);
  });

  it('another matrix leg (another job run) gets another name', () => {
    const leg = jwt({ scp: 'Actions.Results:ce7f54c7-61c7-4aae-887f-30da475f5f1a:7d1e2f30-0000-4000-8000-000000000000' });
    const base = { GITHUB_JOB: 'release', GITHUB_ACTION: 'deploy', GITHUB_RUN_ATTEMPT: '1' };
    expect(reportArtifactName({ ...RUNNER, ...base, ACTIONS_RUNTIME_TOKEN: leg })).toBe('shiplog-report-release-deploy-1-7d1e2f30');
  });
});

it('the artifact page: server, repository, run and id; none without a repository or run', () => {
  expect(reportArtifactUrl({ serverUrl: 'https://github.com/', repository: 'acme/shop', runId: 4242 }, 9876)).toBe(
    'https://github.com/acme/shop/actions/runs/4242/artifacts/9876',
  );
  expect(reportArtifactUrl({ serverUrl: 'https://acme.ghe.com', repository: 'acme/shop', runId: '7' }, 1)).toBe(
    'https://acme.ghe.com/acme/shop/actions/runs/7/artifacts/1',
  );
  expect(reportArtifactUrl({ repository: 'acme/shop' }, 1)).toBeUndefined();
  expect(reportArtifactUrl({ runId: 7 }, 1)).toBeUndefined();
});
