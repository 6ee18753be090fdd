import { type Git, type TransportFailure } from './git-command.js';
/** The cache's private refs holding fetched remote tips: one per store instance, so processes sharing a cache never contend for it. */
export declare const TIP_REF_PREFIX = "refs/shiplog/remote/";
export interface RemoteSpec {
    /** The URL or path handed to git (no credentials in it). */
    url: string;
    ref: string;
    /** Redacted, for messages. */
    location: string;
}
export type FetchResult = {
    tip: string | undefined;
} | {
    failure: TransportFailure | 'locked';
    detail: string;
};
export declare function fetchTip(git: Git, gitDir: string, remote: RemoteSpec, tipRef: string): Promise<FetchResult>;
export type PushResult = {
    outcome: 'pushed';
} | {
    outcome: 'stale';
    detail: string;
} | {
    outcome: 'failed';
    failure: TransportFailure;
    detail: string;
};
/**
 * Pushes `commit` to the state ref if, and only if, the remote ref still is `expected` (absent when undefined).
 * A refusal by the server (hook, protection) throws at once: retrying cannot help.
 */
export declare function pushIfUnchanged(git: Git, remote: RemoteSpec, commit: string, expected: string | undefined): Promise<PushResult>;
export declare function fetchFailure(res: {
    failure: TransportFailure | 'locked';
    detail: string;
}, remote: RemoteSpec): Error;
