export declare const DEFAULT_GIT_STATE_REF = "refs/heads/shiplog-state";
export type StoreLocation = {
    kind: 'local';
    dir: string;
    display: string;
} | {
    kind: 'git';
    /** The remote as git takes it (no credentials), or 'origin' for the work repository's origin remote. */
    remote: string;
    ref: string;
    display: string;
    username?: string;
    /** A password or token found in the URL (warned about; prefer SHIPLOG_STORE_PASSWORD). */
    password?: string;
} | {
    kind: 'postgres';
    url: string;
    display: string;
    password?: string;
} | {
    kind: 'ortelius';
    url: string;
    display: string;
};
export type StoreKindName = StoreLocation['kind'];
/**
 * A store URL with its credentials replaced by `***` (for messages about text that did not parse): the
 * password of any URL, and the whole user part of an http(s) URL (`https://<token>@host` is a common form).
 */
export declare function redactStoreUrl(raw: string): string;
/** Parses a store URL or path. Relative paths resolve against `cwd`. Throws UsageError (exit 2), one line. */
export declare function parseStoreUrl(raw: string, cwd: string): StoreLocation;
