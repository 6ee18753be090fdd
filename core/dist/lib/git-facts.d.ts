import type { Host } from './host.js';
export interface GitFacts {
    isRepo: boolean;
    commit?: string;
    shortSha?: string;
    branch?: string;
    commitCount?: number;
    /** ISO-8601 committer date of HEAD. */
    commitTimestamp?: string;
    /** origin URL with any user:password@ part removed. */
    url?: string;
    org?: string;
    /** `org/repo` */
    repo?: string;
    repoProject?: string;
    /** Signed-off-by trailers of HEAD, comma-separated, as written (no escaping). */
    signedOffBy?: string;
    /** HEAD carries a signature git could verify. */
    verifyCommit?: boolean;
    /** Lines in the tracked text files of the work tree. */
    linesTotal?: number;
    branchParent?: string;
    branchCreateCommit?: string;
    branchCreateTimestamp?: string;
    /** Unique authors of the commits since the branch point (bots excluded), in first-seen order. */
    commitAuthors?: string[];
}
export declare function readGitFacts(host: Host, dir?: string): Promise<GitFacts>;
/** Removes `user:password@` from URLs so that a token in a clone URL never becomes a fact. */
export declare function stripUrlCredentials(url: string): string;
/**
 * org/repo from an origin URL: `git@host:org/repo.git`, `ssh://git@host:22/org/repo.git`,
 * `https://host/group/sub/repo`; the last two path segments (as the reference), `.git` stripped.
 */
export declare function parseRemoteUrl(raw: string): Pick<GitFacts, 'url' | 'org' | 'repo' | 'repoProject'>;
/** Lines added/deleted between two commits (0/0 when either is unknown or not in the repository). */
export declare function diffStat(host: Host, from: string | undefined, to: string | undefined, dir?: string): Promise<{
    added: number;
    deleted: number;
}>;
