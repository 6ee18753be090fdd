import { describe, expect, it } from 'vitest';
import { BUILD_VARIABLE_NAMES, buildVariables, cDate } from '../src/build-variables.js';
import type { GitFacts } from '../src/git-facts.js';
import type { CiContext } from '../src/model.js';

const NOW = new Date('2026-03-05T07:08:09Z');
const GIT: GitFacts = {
  isRepo: true,
  commit: '61ba0ab1234567890abcdef1234567890abcdef0',
  shortSha: '61ba0ab',
  branch: 'feature/x',
  commitCount: 145,
  commitTimestamp: '2026-03-04T10:00:00+00:00',
  url: 'https://github.com/acme/shop.git',
  org: 'acme',
  repo: 'acme/shop',
  repoProject: 'shop',
  signedOffBy: 'Dev <dev@example.com>',
  verifyCommit: true,
  linesTotal: 1234,
  branchParent: 'main',
  branchCreateCommit: '3d55a2b',
  branchCreateTimestamp: '2026-03-01T09:00:00+00:00',
  commitAuthors: ['Dev Two', 'Dev One'],
};
const LOCAL: CiContext = { provider: 'local', isCi: false };

describe('buildVariables', () => {
  it('derives every section-9 variable from git', () => {
    const v = buildVariables({ env: {}, git: GIT, ci: LOCAL, now: NOW, cwd: '/work/shop', attributes: { GitTotalCommittersCnt: '8' } });
    expect(v).toEqual({
      BLDDATE: 'Thu Mar  5 07:08:09 2026',
      SHORT_SHA: '61ba0ab',
      GIT_COMMIT: GIT.commit,
      GIT_VERIFY_COMMIT: '1',
      GIT_SIGNED_OFF_BY: 'Dev <dev@example.com>', // as written: no HTML escaping (the reference's <lt; bug)
      BUILDNUM: '145',
      GIT_REPO: 'acme/shop',
      GIT_ORG: 'acme',
      GIT_REPO_PROJECT: 'shop',
      GIT_URL: 'https://github.com/acme/shop.git',
      GIT_BRANCH: 'feature/x',
      GIT_COMMIT_TIMESTAMP: '2026-03-04T10:00:00+00:00',
      GIT_BRANCH_PARENT: 'main',
      GIT_BRANCH_CREATE_COMMIT: '3d55a2b',
      GIT_BRANCH_CREATE_TIMESTAMP: '2026-03-01T09:00:00+00:00',
      GIT_COMMIT_AUTHORS: 'Dev Two,Dev One',
      GIT_COMMITTERS_CNT: '2',
      GIT_TOTAL_COMMITTERS_CNT: '8',
      GIT_CONTRIB_PERCENTAGE: '25',
      GIT_LINES_TOTAL: '1234',
      BASENAME: 'shop',
    });
    for (const k of Object.keys(v)) expect(BUILD_VARIABLE_NAMES).toContain(k);
  });

  it('the environment wins: set variables are not derived again (empty counts as unset)', () => {
    const v = buildVariables({ env: { GIT_BRANCH: 'from-env', SHORT_SHA: '', BUILDNUM: '7' }, git: GIT, ci: LOCAL, now: NOW, cwd: '/w' });
    expect(v.GIT_BRANCH).toBeUndefined();
    expect(v.BUILDNUM).toBeUndefined();
    expect(v.SHORT_SHA).toBe('61ba0ab');
  });

  it('the CI context fills a detached checkout and a missing repository', () => {
    const ci: CiContext = {
      provider: 'github',
      isCi: true,
      commit: 'ffeeddccbbaa',
      branch: 'main',
      prBranch: 'feat/y',
      repo: 'acme/cart',
      repoUrl: 'https://github.com/acme/cart',
      tag: 'v1',
    };
    const detached = buildVariables({ env: {}, git: { ...GIT, branch: undefined }, ci, now: NOW, cwd: '/w' });
    expect(detached.GIT_BRANCH).toBe('feat/y');
    expect(detached.GIT_TAG).toBe('v1');
    const noGit = buildVariables({ env: {}, git: { isRepo: false }, ci: { ...ci, prBranch: undefined }, now: NOW, cwd: '/w/x' });
    expect(noGit).toEqual({
      BLDDATE: 'Thu Mar  5 07:08:09 2026',
      SHORT_SHA: 'ffeeddc',
      GIT_COMMIT: 'ffeeddccbbaa',
      GIT_REPO: 'acme/cart',
      GIT_ORG: 'acme',
      GIT_REPO_PROJECT: 'cart',
      GIT_URL: 'https://github.com/acme/cart',
      GIT_BRANCH: 'main',
      GIT_TAG: 'v1',
      BASENAME: 'x',
    });
  });

  it('COMPNAME is the component name given (flag or component.toml), never the repository name', () => {
    expect(buildVariables({ env: {}, git: GIT, ci: LOCAL, now: NOW, cwd: '/w' }).COMPNAME).toBeUndefined();
    expect(buildVariables({ env: {}, git: GIT, ci: LOCAL, now: NOW, cwd: '/w', componentName: 'GLOBAL.Acme.Store.cart' }).COMPNAME).toBe(
      'GLOBAL.Acme.Store.cart',
    );
  });

  it('an unsigned commit is GIT_VERIFY_COMMIT=0; a bad total count gives no percentage', () => {
    const v = buildVariables({
      env: {},
      git: { ...GIT, verifyCommit: false },
      ci: LOCAL,
      now: NOW,
      cwd: '/w',
      attributes: { TotalCommittersCnt: 'many' },
    });
    expect(v.GIT_VERIFY_COMMIT).toBe('0');
    expect(v.GIT_TOTAL_COMMITTERS_CNT).toBeUndefined();
    expect(v.GIT_CONTRIB_PERCENTAGE).toBeUndefined();
  });

  it('cDate is the C locale %c in UTC', () => {
    expect(cDate(new Date('2026-11-22T17:02:03Z'))).toBe('Sun Nov 22 17:02:03 2026');
  });
});

describe('buildVariables on a CI runner', () => {
  it("takes the provider's branch over the checkout's local branch name", () => {
    const ci: CiContext = { provider: 'circleci', isCi: true, branch: 'main' };
    expect(buildVariables({ env: {}, git: { ...GIT, branch: 'work' }, ci, now: NOW, cwd: '/w' }).GIT_BRANCH).toBe('main');
  });
  it("takes a pull request's head branch", () => {
    const ci: CiContext = { provider: 'github', isCi: true, branch: 'main', prBranch: 'feature/y' };
    expect(buildVariables({ env: {}, git: { ...GIT, branch: undefined }, ci, now: NOW, cwd: '/w' }).GIT_BRANCH).toBe('feature/y');
  });
  it('keeps the checkout branch outside CI', () => {
    expect(buildVariables({ env: {}, git: GIT, ci: { ...LOCAL, branch: 'other' }, now: NOW, cwd: '/w' }).GIT_BRANCH).toBe('feature/x');
  });
});
