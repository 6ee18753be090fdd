import type { Host } from '../../host.js';
import type { DocumentStore } from '../records/document-store.js';
export { originRemote, type OriginRemote } from './origin-remote.js';
export { GIT_SCHEMA_VERSION, GIT_STORE_FORMAT } from './git-layout.js';
export { GitDocumentStore, TRAILER } from './git-document-store.js';
export declare const DEFAULT_GIT_REF = "refs/heads/shiplog-state";
export interface GitStoreOptions {
    /** A git URL (file://, http(s)://, ssh://, git://, scp-like user@host:path) or a local path. */
    remote: string;
    /** The state ref (default refs/heads/shiplog-state); a bare name means refs/heads/<name>. */
    ref?: string;
    /** The cache repository (default: $XDG_CACHE_HOME, $RUNNER_TEMP or the temp directory + shiplog/git/<hash>). */
    cacheDir?: string;
    /** Extra git config for every git command, passed through GIT_CONFIG_COUNT/KEY_n/VALUE_n. */
    extraGitConfig?: [string, string][];
    /** Extra environment for git (e.g. GIT_SSH_COMMAND from originRemote). */
    extraEnv?: Record<string, string>;
    /** HTTP Basic credentials, handed to git through GIT_ASKPASS and an environment variable. */
    username?: string;
    password?: string;
    /** Transaction attempts when other writers keep winning the race (default 30). */
    maxAttempts?: number;
    /** Attempts for a fetch or push that failed in transit (default 4). */
    transportAttempts?: number;
    /** Back-off between attempts, ms (default 20 and 400). */
    backoffMinMs?: number;
    backoffMaxMs?: number;
    /** The remote for messages, credentials removed (default: derived from remote). */
    displayLocation?: string;
}
export declare function openGitStore(host: Host, opts: GitStoreOptions): Promise<DocumentStore>;
export declare function normaliseRef(ref: string): string;
/** Takes user:password out of an http(s) URL (git gets them through askpass); a local path becomes absolute. */
export declare function splitCredentials(remote: string, cwd: string): {
    url: string;
    username?: string;
    password?: string;
};
/** The URL without credentials: no userinfo for http(s), the user name only for ssh and others. */
export declare function redactUrl(url: string): string;
