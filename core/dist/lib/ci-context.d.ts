import type { GitFacts } from './git-facts.js';
import type { Env } from './host.js';
import type { CiContext } from './model.js';
/** The env var whose presence makes each provider detected (danger-js style tests delete these). */
export declare const PROVIDER_KEYS: Readonly<Record<string, string>>;
/**
 * The CI context of a build. provider: 'github' | 'circleci' | 'buildkite' | 'jenkins', else env-ci's service
 * id, else 'local'. Commit and branch fall back to the git facts (a detached CI checkout still has them).
 */
export declare function readCiContext(env: Env, cwd: string, git?: GitFacts): CiContext;
