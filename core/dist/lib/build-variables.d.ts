import type { GitFacts } from './git-facts.js';
import type { Env } from './host.js';
import type { CiContext } from './model.js';
/** Every name buildVariables can produce, in documentation order. */
export declare const BUILD_VARIABLE_NAMES: readonly ["BLDDATE", "SHORT_SHA", "GIT_COMMIT", "GIT_VERIFY_COMMIT", "GIT_SIGNED_OFF_BY", "BUILDNUM", "GIT_REPO", "GIT_ORG", "GIT_REPO_PROJECT", "GIT_URL", "GIT_BRANCH", "GIT_TAG", "GIT_COMMIT_TIMESTAMP", "GIT_BRANCH_PARENT", "GIT_BRANCH_CREATE_COMMIT", "GIT_BRANCH_CREATE_TIMESTAMP", "GIT_COMMIT_AUTHORS", "GIT_COMMITTERS_CNT", "GIT_TOTAL_COMMITTERS_CNT", "GIT_CONTRIB_PERCENTAGE", "GIT_LINES_TOTAL", "BASENAME", "COMPNAME"];
export type BuildVariableName = (typeof BUILD_VARIABLE_NAMES)[number];
export declare function buildVariables(opts: {
    env: Env;
    git: GitFacts;
    ci: CiContext;
    now: Date;
    cwd: string;
    /** component.toml [Attributes], for GIT_TOTAL_COMMITTERS_CNT (GitTotalCommittersCnt / TotalCommittersCnt). */
    attributes?: Record<string, string>;
}): Record<string, string>;
/** C-locale `%c` in UTC, e.g. `Sun Nov 22 07:52:22 2026` (what the reference's `date` printed). */
export declare function cDate(d: Date): string;
