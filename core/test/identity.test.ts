/**
 * Who acts (policy/identity.ts), as tables: a CI platform's variables in, the actor out; each required variable
 * deleted in turn falls through to the next source; approver entries and trust lists against sources.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Env } from '../src/host.js';
import { entryMatches, gitConfigEnv, platformActor, readGitEmail, resolveActor, trusted } from '../src/policy/identity.js';
import { readCiContext } from '../src/ci-context.js';
import { execute } from '../src/execute.js';
import { createMemoryHost } from '../src/host.js';
import { APP, makeRepo, makeRepoWithAppVersion } from './execute-fixtures.js';

async function actorIn(env: Env, more: { asserted?: string; gitEmail?: string } = {}) {
  const ci = readCiContext(env, '/');
  return resolveActor({ env, ci, gitEmail: async () => more.gitEmail, ...(more.asserted ? { asserted: more.asserted } : {}) });
}

const PLATFORMS: [string, Env, { id: string; source: string }][] = [
  [
    'GitHub (a re-run: the triggering actor acts)',
    { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'first', GITHUB_TRIGGERING_ACTOR: 'octocat' },
    { id: 'octocat', source: 'ci:github' },
  ],
  ['GitHub', { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'octocat' }, { id: 'octocat', source: 'ci:github' }],
  ['CircleCI', { CIRCLECI: 'true', CIRCLE_USERNAME: 'circle-dana' }, { id: 'circle-dana', source: 'ci:circleci' }],
  [
    'Buildkite after a block step (the unblocker acts)',
    { BUILDKITE: 'true', BUILDKITE_BUILD_CREATOR_EMAIL: 'creator@example.com', BUILDKITE_UNBLOCKER_EMAIL: 'quinn@example.com' },
    { id: 'quinn@example.com', source: 'ci:buildkite' },
  ],
  [
    'Buildkite',
    { BUILDKITE: 'true', BUILDKITE_BUILD_CREATOR: 'Ada', BUILDKITE_BUILD_CREATOR_EMAIL: 'creator@example.com' },
    { id: 'creator@example.com', source: 'ci:buildkite' },
  ],
  [
    'Buildkite without e-mail addresses (the names)',
    { BUILDKITE: 'true', BUILDKITE_BUILD_CREATOR: 'Ada', BUILDKITE_UNBLOCKER: 'Quinn' },
    { id: 'Quinn', source: 'ci:buildkite' },
  ],
  [
    'Jenkins (build user cause)',
    { JENKINS_URL: 'https://ci.example.test/', BUILD_USER_ID: 'jdoe', BUILD_USER_EMAIL: 'jdoe@example.com' },
    { id: 'jdoe', source: 'ci:jenkins' },
  ],
];

describe('identity', () => {
  it.each(PLATFORMS)('%s', async (_, env, actor) => {
    expect(await actorIn(env, { gitEmail: 'git@example.com' })).toEqual(actor);
  });

  it.each(PLATFORMS)('%s: without its identity variables, git user.email, then the OS user', async (_, env) => {
    const identityKeys = [
      'GITHUB_ACTOR',
      'GITHUB_TRIGGERING_ACTOR',
      'CIRCLE_USERNAME',
      'BUILDKITE_BUILD_CREATOR_EMAIL',
      'BUILDKITE_UNBLOCKER_EMAIL',
      'BUILDKITE_BUILD_CREATOR',
      'BUILDKITE_UNBLOCKER',
      'BUILD_USER_ID',
      'BUILD_USER_EMAIL',
    ];
    const bare = Object.fromEntries(Object.entries(env).filter(([k]) => !identityKeys.includes(k)));
    expect(platformActor(bare, readCiContext(bare, '/'))).toBeUndefined();
    expect(await actorIn(bare, { gitEmail: 'git@example.com' })).toEqual({ id: 'git@example.com', source: 'git' });
    expect(await actorIn({ ...bare, USER: 'dana' })).toEqual({ id: 'dana', source: 'os' });
  });

  it('outside CI: git user.email, the OS user, --as marked self-asserted, else unknown', async () => {
    expect(await actorIn({ USER: 'dana' }, { gitEmail: 'dana@example.com' })).toEqual({ id: 'dana@example.com', source: 'git' });
    expect(await actorIn({ USERNAME: 'dana' })).toEqual({ id: 'dana', source: 'os' });
    expect(await actorIn({ USER: 'dana' }, { asserted: 'alice@example.com', gitEmail: 'dana@example.com' })).toEqual({
      id: 'alice@example.com',
      source: 'self-asserted',
    });
    expect(await actorIn({})).toEqual({ id: 'unknown', source: 'unknown' });
  });

  it('--as in CI is exit 2 (the platform names who acts)', async () => {
    await expect(actorIn({ GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'octocat' }, { asserted: 'alice@example.com' })).rejects.toMatchObject({
      exitCode: 2,
      code: 'USAGE',
    });
  });

  it("an adapter's verified identity wins over everything", async () => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'octocat' };
    const actor = await resolveActor({
      env,
      ci: readCiContext(env, '/'),
      gitEmail: async () => undefined,
      verified: { id: 'reviewer', source: 'verified:github' },
    });
    expect(actor).toEqual({ id: 'reviewer', source: 'verified:github' });
  });

  it('an adapter passes a platform-verified approver to execute(); it is what the approval records', async () => {
    const repo = await makeRepoWithAppVersion();
    try {
      const host = createMemoryHost({ env: { ...repo.env, GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'octocat' }, cwd: repo.dir });
      const r = await execute('approve', { application: APP, stage: 'prod' }, host, {
        actor: { id: 'reviewer', source: 'verified:github' },
      });
      expect(r.exitCode, JSON.stringify(r.result)).toBe(0);
      expect(r.result).toMatchObject({ actor: { id: 'reviewer', source: 'verified:github' } });
      const show = await repo.run('show', { application: APP });
      expect(show.result.events).toMatchObject([{ kind: 'approve', actor: { id: 'reviewer', source: 'verified:github' } }]);
    } finally {
      repo.cleanup();
    }
  });

  it('reads git config user.email of the working directory through execute()', async () => {
    const repo = makeRepo();
    try {
      execFileSync('git', ['config', 'user.email', 'dana@example.com'], { cwd: repo.dir, env: repo.env });
      await repo.run('version-update', {
        'component-name': 'GLOBAL.Acme.Store.cart',
        'component-version': '1',
        application: 'GLOBAL.Acme.Store.shop',
      });
      const r = await repo.run('approve', { application: 'GLOBAL.Acme.Store.shop', stage: 'qa' });
      expect(r.result).toMatchObject({ actor: { id: 'dana@example.com', source: 'git' } });
    } finally {
      repo.cleanup();
    }
  });

  it("reads git user.email with only git's variables: a variable past the kernel's 128 KiB string limit does not fail the spawn", async () => {
    const repo = makeRepo();
    try {
      execFileSync('git', ['config', 'user.email', 'dana@example.com'], { cwd: repo.dir, env: repo.env });
      const env = { ...repo.env, API_TOKEN: 'x'.repeat(1 << 20) };
      expect(gitConfigEnv(env)).not.toHaveProperty('API_TOKEN');
      expect(await readGitEmail({ cwd: repo.dir, env })).toBe('dana@example.com');
    } finally {
      repo.cleanup();
    }
  });

  it.each([
    ['alice@example.com', { id: 'Alice@Example.com', source: 'git' }, true],
    ['alice@example.com', { id: 'alice@example.com', source: 'ci:buildkite' }, true],
    ['github:octocat', { id: 'octocat', source: 'ci:github' }, true],
    ['github:octocat', { id: 'octocat', source: 'verified:github' }, true],
    ['github:octocat', { id: 'octocat', source: 'self-asserted' }, false],
    ['github:octocat', { id: 'octocat', source: 'ci:circleci' }, false],
    ['jenkins:jdoe', { id: 'jdoe', source: 'ci:jenkins' }, true],
    ['bob', { id: 'alice', source: 'os' }, false],
  ])('approver %s matches %o: %s', (entry, actor, expected) => {
    expect(entryMatches(entry, actor)).toBe(expected);
  });

  it.each([
    [undefined, 'self-asserted', true],
    [['ci'], 'ci:github', true],
    [['ci'], 'verified:buildkite', true],
    [['ci'], 'git', false],
    [['ci'], 'self-asserted', false],
    [['verified'], 'ci:github', false],
    [['ci:github'], 'verified:github', true],
    [['ci:github'], 'ci:jenkins', false],
    [['git', 'os'], 'os', true],
  ])('trust %o takes %s: %s', (trust, source, expected) => {
    expect(trusted(trust, source)).toBe(expected);
  });
});
