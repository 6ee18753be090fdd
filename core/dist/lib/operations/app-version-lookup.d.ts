/**
 * Finds the application version an approve/move/deploy is about: `--application A[;V]` with an optional
 * `--app-version V` (the flag wins); without a version, the latest version of A.
 */
import type { Backend } from '../backend/backend.js';
import type { ApplicationVersion } from '../model.js';
export interface AppVersionRef {
    /** Full base name `domain.short`. */
    application: string;
    /** Cleaned version, or undefined for "the latest". */
    version?: string;
}
/** Parses the application inputs; pushes a problem instead of throwing so request() can report all. */
export declare function parseAppVersionRef(application: string | undefined, appVersion: string | undefined, problems: string[]): AppVersionRef | undefined;
/** The full name the ref points at, for messages and dry-run plans. */
export declare function describeRef(ref: AppVersionRef): string;
/** Loads the application version; NotFoundError (exit 2) when it does not exist. */
export declare function findAppVersion(backend: Backend, ref: AppVersionRef): Promise<ApplicationVersion>;
