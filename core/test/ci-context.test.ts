import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_KEYS, readCiContext } from '../src/ci-context.js';
import type { GitFacts } from '../src/git-facts.js';
import type { CiContext } from '../src/model.js';
import { tempDir } from './git-facts-fixture.js';

// env-ci may run git in cwd when no provider sets the commit: use an empty non-repo directory
let cwd: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const t = await tempDir('shiplog-ci-');
  cwd = t.dir;
  cleanup = t.cleanup;
});
afterAll(async () => cleanup());

type Env = Record<string, string>;
interface Case {
  name: string;
  env: Env;
  expected: CiContext;
}

const GITHUB: Env = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SHA: 'a1b2c3d4e5',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_REF_TYPE: 'branch',
  GITHUB_RUN_ID: '9001',
  GITHUB_RUN_NUMBER: '42',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_ACTOR: 'octocat',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_WORKFLOW: 'release',
  GITHUB_JOB: 'build',
  GITHUB_TOKEN: 'ghs_topsecret_value_123',
};
const CIRCLE: Env = {
  CIRCLECI: 'true',
  CIRCLE_SHA1: 'c1c2c3',
  CIRCLE_BRANCH: 'main',
  CIRCLE_BUILD_NUM: '77',
  CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/shop/77',
  CIRCLE_PROJECT_USERNAME: 'acme',
  CIRCLE_PROJECT_REPONAME: 'shop',
  CIRCLE_USERNAME: 'dev',
  CIRCLE_JOB: 'shiplog/version-update',
  CIRCLE_REPOSITORY_URL: 'git@github.com:acme/shop.git',
};
const BUILDKITE: Env = {
  BUILDKITE: 'true',
  BUILDKITE_COMMIT: 'b1b2b3',
  BUILDKITE_BRANCH: 'main',
  BUILDKITE_BUILD_NUMBER: '15',
  BUILDKITE_BUILD_ID: 'build-uuid',
  BUILDKITE_BUILD_URL: 'https://buildkite.com/acme/shop/builds/15',
  BUILDKITE_JOB_ID: 'job-uuid',
  BUILDKITE_PULL_REQUEST: 'false',
  BUILDKITE_REPO: 'git@github.com:acme/shop.git',
  BUILDKITE_BUILD_CREATOR: 'Dev Eloper',
  BUILDKITE_PIPELINE_SLUG: 'shop',
  BUILDKITE_LABEL: ':rocket: Deploy',
};
const JENKINS: Env = {
  JENKINS_URL: 'https://ci.example/',
  BUILD_URL: 'https://ci.example/job/shop/3/',
  JOB_URL: 'https://ci.example/job/shop/',
  BUILD_NUMBER: '3',
  BUILD_ID: '3',
  JOB_NAME: 'shop',
  GIT_COMMIT: 'j1j2j3',
  GIT_BRANCH: 'origin/main',
  GIT_URL: 'https://github.com/acme/shop.git',
  BUILD_USER_ID: 'alice',
};

const CASES: Case[] = [
  {
    name: 'github push',
    env: GITHUB,
    expected: {
      provider: 'github',
      isCi: true,
      buildId: '9001',
      buildNumber: '42',
      buildUrl: 'https://github.com/acme/shop/actions/runs/9001',
      job: 'release / build',
      commit: 'a1b2c3d4e5',
      branch: 'main',
      repo: 'acme/shop',
      repoUrl: 'https://github.com/acme/shop',
      actor: 'octocat',
    },
  },
  {
    name: 'github tag',
    env: { ...GITHUB, GITHUB_REF: 'refs/tags/v1.2.0', GITHUB_REF_NAME: 'v1.2.0', GITHUB_REF_TYPE: 'tag' },
    expected: {
      provider: 'github',
      isCi: true,
      buildId: '9001',
      buildNumber: '42',
      buildUrl: 'https://github.com/acme/shop/actions/runs/9001',
      job: 'release / build',
      commit: 'a1b2c3d4e5',
      tag: 'v1.2.0',
      repo: 'acme/shop',
      repoUrl: 'https://github.com/acme/shop',
      actor: 'octocat',
    },
  },
  {
    name: 'github outside a full run: never //actions/runs/',
    env: { GITHUB_ACTIONS: 'true', GITHUB_SHA: 'a1' },
    expected: { provider: 'github', isCi: true, commit: 'a1' },
  },
  {
    name: 'circleci branch build',
    env: CIRCLE,
    expected: {
      provider: 'circleci',
      isCi: true,
      buildId: '77',
      buildNumber: '77',
      buildUrl: 'https://circleci.com/gh/acme/shop/77',
      job: 'shiplog/version-update',
      commit: 'c1c2c3',
      branch: 'main',
      repo: 'acme/shop',
      repoUrl: 'git@github.com:acme/shop.git',
      actor: 'dev',
    },
  },
  {
    name: 'circleci pull request',
    env: { ...CIRCLE, CIRCLE_BRANCH: 'feat/x', CIRCLE_PULL_REQUEST: 'https://github.com/acme/shop/pull/12' },
    expected: {
      provider: 'circleci',
      isCi: true,
      buildId: '77',
      buildNumber: '77',
      buildUrl: 'https://circleci.com/gh/acme/shop/77',
      job: 'shiplog/version-update',
      commit: 'c1c2c3',
      pr: '12',
      prBranch: 'feat/x',
      repo: 'acme/shop',
      repoUrl: 'git@github.com:acme/shop.git',
      actor: 'dev',
    },
  },
  {
    name: 'buildkite branch build ("false" pull request = none)',
    env: BUILDKITE,
    expected: {
      provider: 'buildkite',
      isCi: true,
      buildId: 'build-uuid',
      buildNumber: '15',
      buildUrl: 'https://buildkite.com/acme/shop/builds/15',
      jobUrl: 'https://buildkite.com/acme/shop/builds/15#job-uuid',
      job: 'shop / :rocket: Deploy',
      commit: 'b1b2b3',
      branch: 'main',
      repo: 'acme/shop',
      repoUrl: 'git@github.com:acme/shop.git',
      actor: 'Dev Eloper',
    },
  },
  {
    name: 'buildkite pull request',
    env: { ...BUILDKITE, BUILDKITE_BRANCH: 'feat/x', BUILDKITE_PULL_REQUEST: '5', BUILDKITE_PULL_REQUEST_BASE_BRANCH: 'main' },
    expected: {
      provider: 'buildkite',
      isCi: true,
      buildId: 'build-uuid',
      buildNumber: '15',
      buildUrl: 'https://buildkite.com/acme/shop/builds/15',
      jobUrl: 'https://buildkite.com/acme/shop/builds/15#job-uuid',
      job: 'shop / :rocket: Deploy',
      commit: 'b1b2b3',
      branch: 'main',
      pr: '5',
      prBranch: 'feat/x',
      repo: 'acme/shop',
      repoUrl: 'git@github.com:acme/shop.git',
      actor: 'Dev Eloper',
    },
  },
  {
    name: 'jenkins freestyle (GIT_BRANCH origin/main)',
    env: JENKINS,
    expected: {
      provider: 'jenkins',
      isCi: true,
      buildId: '3',
      buildNumber: '3',
      buildUrl: 'https://ci.example/job/shop/3/',
      jobUrl: 'https://ci.example/job/shop/',
      job: 'shop',
      commit: 'j1j2j3',
      branch: 'main',
      repo: 'acme/shop',
      repoUrl: 'https://github.com/acme/shop.git',
      actor: 'alice',
    },
  },
  {
    name: 'jenkins multibranch pull request',
    env: { ...JENKINS, BRANCH_NAME: 'PR-9', CHANGE_ID: '9', CHANGE_BRANCH: 'feat/x', CHANGE_TARGET: 'main' },
    expected: {
      provider: 'jenkins',
      isCi: true,
      buildId: '3',
      buildNumber: '3',
      buildUrl: 'https://ci.example/job/shop/3/',
      jobUrl: 'https://ci.example/job/shop/',
      job: 'shop',
      commit: 'j1j2j3',
      branch: 'main',
      pr: '9',
      prBranch: 'feat/x',
      repo: 'acme/shop',
      repoUrl: 'https://github.com/acme/shop.git',
      actor: 'alice',
    },
  },
  {
    name: 'github: the workflow name alone when GITHUB_JOB is missing',
    env: { GITHUB_ACTIONS: 'true', GITHUB_SHA: 'a1', GITHUB_WORKFLOW: 'release' },
    expected: { provider: 'github', isCi: true, commit: 'a1', job: 'release' },
  },
  {
    name: 'buildkite after a block step: the unblocker acted, not the build creator',
    env: { ...BUILDKITE, BUILDKITE_UNBLOCKER: 'Alice Approver', BUILDKITE_UNBLOCKER_EMAIL: 'alice@example.com' },
    expected: {
      provider: 'buildkite',
      isCi: true,
      buildId: 'build-uuid',
      buildNumber: '15',
      buildUrl: 'https://buildkite.com/acme/shop/builds/15',
      jobUrl: 'https://buildkite.com/acme/shop/builds/15#job-uuid',
      job: 'shop / :rocket: Deploy',
      commit: 'b1b2b3',
      branch: 'main',
      repo: 'acme/shop',
      repoUrl: 'git@github.com:acme/shop.git',
      actor: 'Alice Approver',
    },
  },
  {
    name: 'buildkite: the step key when the step has no label',
    env: { BUILDKITE: 'true', BUILDKITE_COMMIT: 'b1', BUILDKITE_PIPELINE_SLUG: 'shop', BUILDKITE_STEP_KEY: 'deploy-prod' },
    expected: { provider: 'buildkite', isCi: true, commit: 'b1', job: 'shop / deploy-prod' },
  },
  {
    name: 'another env-ci service keeps its id',
    env: {
      GITLAB_CI: 'true',
      CI_COMMIT_SHA: 'g1g2',
      CI_COMMIT_REF_NAME: 'main',
      CI_PROJECT_PATH: 'acme/shop',
      CI_PIPELINE_ID: '5',
      CI_JOB_ID: '6',
    },
    // env-ci builds URLs from CI_PROJECT_URL, absent here: no "undefined/..." URL survives
    expected: { provider: 'gitlab', isCi: true, commit: 'g1g2', branch: 'main', repo: 'acme/shop', buildId: '5', buildNumber: '5' },
  },
  {
    name: 'no CI: local',
    env: {},
    expected: { provider: 'local', isCi: false },
  },
];

describe('readCiContext: env in, context out', () => {
  it.each(CASES)('$name', ({ env, expected }) => {
    const ctx = readCiContext(env, cwd);
    expect(ctx).toEqual(expected);
  });

  it('reads the pull request number and branches from the GitHub event', async () => {
    const event = path.join(cwd, 'event.json');
    await writeFile(event, JSON.stringify({ pull_request: { number: 7, base: { ref: 'main' } } }));
    const ctx = readCiContext(
      {
        ...GITHUB,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_REF_NAME: '7/merge',
        GITHUB_HEAD_REF: 'feat/x',
        GITHUB_BASE_REF: 'main',
        GITHUB_EVENT_PATH: event,
      },
      cwd,
    );
    expect(ctx).toMatchObject({ provider: 'github', pr: '7', branch: 'main', prBranch: 'feat/x' });
  });

  it('an unreadable GitHub event file does not fail detection', () => {
    const ctx = readCiContext({ ...GITHUB, GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: path.join(cwd, 'nope.json') }, cwd);
    expect(ctx.provider).toBe('github');
  });

  it('git facts fill commit, branch and repo when the CI does not tell', () => {
    const git: GitFacts = { isRepo: true, commit: 'f00d', branch: 'dev', repo: 'acme/shop', url: 'https://github.com/acme/shop.git' };
    expect(readCiContext({}, cwd, git)).toEqual({
      provider: 'local',
      isCi: false,
      commit: 'f00d',
      branch: 'dev',
      repo: 'acme/shop',
      repoUrl: 'https://github.com/acme/shop.git',
    });
    // the CI's own values win over the checkout
    expect(readCiContext(CIRCLE, cwd, git)).toMatchObject({ commit: 'c1c2c3', branch: 'main' });
  });

  it('never carries a secret: tokens are not read and URL credentials are stripped', () => {
    const ctx = readCiContext(
      { ...JENKINS, BUILD_URL: 'https://bob:hunter2pass@ci.example/job/shop/3/', GIT_URL: 'https://x:tok3nvalue@github.com/acme/shop.git' },
      cwd,
    );
    expect(ctx.buildUrl).toBe('https://ci.example/job/shop/3/');
    expect(ctx.repoUrl).toBe('https://github.com/acme/shop.git');
    const all = JSON.stringify([ctx, readCiContext(GITHUB, cwd)]);
    expect(all).not.toMatch(/hunter2pass|tok3nvalue|ghs_topsecret/);
  });

  it('never reads process.env', () => {
    process.env.GITHUB_ACTIONS = 'true';
    try {
      expect(readCiContext({}, cwd).provider).toBe('local');
    } finally {
      delete process.env.GITHUB_ACTIONS;
    }
  });
});

// danger-js style: every env var a provider maps is needed for what it maps; the detection key for detection
const FULL: Record<string, Env> = { github: GITHUB, circleci: CIRCLE, buildkite: BUILDKITE, jenkins: JENKINS };
const NOT_MAPPED = new Set(['GITHUB_TOKEN', 'GITHUB_REF_TYPE', 'GITHUB_EVENT_NAME', 'BUILDKITE_PULL_REQUEST', 'JOB_NAME', 'BUILD_ID']);
/** Keys that back each other up (deleting one alone is covered by the other): deleted together. */
const FALLBACKS: Record<string, string[]> = {
  GITHUB_REF: ['GITHUB_REF_NAME'],
  GITHUB_REF_NAME: ['GITHUB_REF'],
  CIRCLE_PROJECT_USERNAME: ['CIRCLE_REPOSITORY_URL'],
  CIRCLE_PROJECT_REPONAME: ['CIRCLE_REPOSITORY_URL'],
};

describe.each(Object.keys(FULL))('%s: deleting one env var at a time', (provider) => {
  const env = FULL[provider];
  it('deleting the detection key changes detection', () => {
    expect(readCiContext(env, cwd).provider).toBe(provider);
    const without = { ...env };
    delete without[PROVIDER_KEYS[provider]];
    expect(readCiContext(without, cwd).provider).not.toBe(provider);
  });

  it.each(Object.keys(env).filter((k) => k !== PROVIDER_KEYS[provider] && !NOT_MAPPED.has(k)))('deleting %s changes the context', (key) => {
    const full = readCiContext(env, cwd);
    const without = { ...env };
    for (const k of [key, ...(FALLBACKS[key] ?? [])]) delete without[k];
    const ctx = readCiContext(without, cwd);
    expect(ctx.provider).toBe(provider);
    expect(ctx).not.toEqual(full);
  });
});
