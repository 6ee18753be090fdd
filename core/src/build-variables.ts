/**
 * The derived build variables of shared/ortelius-api.md section 9 (SHORT_SHA, GIT_*, BUILDNUM, BLDDATE, ...),
 * under the reference CLI's names so that existing component.toml templates and pipelines keep working.
 * Each is produced only when the environment does not already set it (the environment wins); the CI context
 * fills what a detached CI checkout cannot tell (e.g. the branch).
 */
import path from 'node:path';
import type { GitFacts } from './git-facts.js';
import type { Env } from './host.js';
import type { CiContext } from './model.js';

/** Every name buildVariables can produce, in documentation order. */
export const BUILD_VARIABLE_NAMES = [
  'BLDDATE',
  'SHORT_SHA',
  'GIT_COMMIT',
  'GIT_VERIFY_COMMIT',
  'GIT_SIGNED_OFF_BY',
  'BUILDNUM',
  'GIT_REPO',
  'GIT_ORG',
  'GIT_REPO_PROJECT',
  'GIT_URL',
  'GIT_BRANCH',
  'GIT_TAG',
  'GIT_COMMIT_TIMESTAMP',
  'GIT_BRANCH_PARENT',
  'GIT_BRANCH_CREATE_COMMIT',
  'GIT_BRANCH_CREATE_TIMESTAMP',
  'GIT_COMMIT_AUTHORS',
  'GIT_COMMITTERS_CNT',
  'GIT_TOTAL_COMMITTERS_CNT',
  'GIT_CONTRIB_PERCENTAGE',
  'GIT_LINES_TOTAL',
  'BASENAME',
  'COMPNAME',
] as const;

export type BuildVariableName = (typeof BUILD_VARIABLE_NAMES)[number];

export function buildVariables(opts: {
  env: Env;
  git: GitFacts;
  ci: CiContext;
  now: Date;
  cwd: string;
  /** component.toml [Attributes], for GIT_TOTAL_COMMITTERS_CNT (GitTotalCommittersCnt / TotalCommittersCnt). */
  attributes?: Record<string, string>;
  /** The component's name (flag or component.toml Name): COMPNAME. Never guessed from the repository. */
  componentName?: string;
}): Record<string, string> {
  const { env, git, ci } = opts;
  const g: GitFacts = git.isRepo ? git : { isRepo: false };
  const authors = g.commitAuthors;
  const committers = authors ? authors.length : undefined;
  const totalRaw = opts.attributes?.GitTotalCommittersCnt ?? opts.attributes?.TotalCommittersCnt;
  const total = totalRaw !== undefined && /^\s*\d+\s*$/.test(totalRaw) ? Number(totalRaw) : undefined;
  const repoProject = g.repoProject ?? ci.repo?.split('/').pop();
  // A GitHub pull request's checkout is its throwaway merge commit: the build is for the CI's (head) commit.
  const commit = ci.mergeCommit !== undefined && g.commit === ci.mergeCommit ? ci.commit : (g.commit ?? ci.commit);
  const derived: Record<BuildVariableName, string | number | undefined> = {
    BLDDATE: cDate(opts.now),
    SHORT_SHA: commit === g.commit ? (g.shortSha ?? commit?.slice(0, 7)) : commit?.slice(0, 7),
    GIT_COMMIT: commit,
    GIT_VERIFY_COMMIT: g.isRepo && g.commit ? (g.verifyCommit ? '1' : '0') : undefined,
    GIT_SIGNED_OFF_BY: g.signedOffBy,
    BUILDNUM: g.commitCount,
    GIT_REPO: g.repo ?? ci.repo,
    GIT_ORG: g.org ?? (ci.repo?.includes('/') ? ci.repo.split('/')[0] : undefined),
    GIT_REPO_PROJECT: repoProject,
    GIT_URL: g.url ?? ci.repoUrl,
    // On a CI runner the provider's branch is authoritative: checkouts are often detached (tags, PR merge
    // refs) or use a local branch name that differs from the one the build is for.
    GIT_BRANCH: (ci.isCi ? (ci.prBranch ?? ci.branch) : undefined) ?? g.branch ?? ci.prBranch ?? ci.branch,
    // The CI provider's tag, else the tag the checkout is at (a tag build run by hand or by a CI without one).
    GIT_TAG: ci.tag ?? g.tag,
    GIT_COMMIT_TIMESTAMP: g.commitTimestamp,
    GIT_BRANCH_PARENT: g.branchParent,
    GIT_BRANCH_CREATE_COMMIT: g.branchCreateCommit,
    GIT_BRANCH_CREATE_TIMESTAMP: g.branchCreateTimestamp,
    GIT_COMMIT_AUTHORS: authors?.join(','),
    GIT_COMMITTERS_CNT: committers,
    GIT_TOTAL_COMMITTERS_CNT: total,
    GIT_CONTRIB_PERCENTAGE:
      committers !== undefined && total !== undefined && total > 0 ? Math.round((committers / total) * 100) : undefined,
    GIT_LINES_TOTAL: g.linesTotal,
    BASENAME: path.basename(opts.cwd) || undefined,
    COMPNAME: opts.componentName?.trim() || undefined,
  };
  const out: Record<string, string> = {};
  for (const name of BUILD_VARIABLE_NAMES) {
    const existing = env[name];
    if (existing !== undefined && existing !== '') continue;
    const v = derived[name];
    if (v === undefined || v === '') continue;
    out[name] = String(v);
  }
  return out;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** C-locale `%c` in UTC, e.g. `Sun Nov 22 07:52:22 2026` (what the reference's `date` printed). */
export function cDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`
  );
}
