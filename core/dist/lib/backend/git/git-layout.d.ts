import type { Counters, DocKind } from '../records/document-store.js';
/** The tree format this code reads and writes. Bump on any incompatible change. */
export declare const GIT_SCHEMA_VERSION = 1;
export declare const GIT_STORE_FORMAT = "shiplog-git-store";
export declare const SCHEMA_PATH = "schema.json";
export declare const META_PATH = "meta.json";
export declare const ENV_ROOT = "env";
export declare const LOG_ROOT = "log";
/** How many operation ids meta.json remembers (to recognise an operation whose push outcome was unknown). */
export declare const RECENT_OPS = 64;
export declare const KIND_ROOT: Record<DocKind, string>;
export interface GitSchemaFile {
    format: string;
    schema: number;
    createdAt: string;
}
export interface GitMetaFile {
    next: Counters;
    /** Operation attempt ids (`<op id>.<attempt>`) of the latest commits, newest last. */
    recent: string[];
}
export declare function emptyGitMeta(): GitMetaFile;
export declare function hashName(name: string): string;
export declare function docPath(kind: DocKind, name: string): string;
export declare function envDirPath(environment: string): string;
export declare function envStatePath(environment: string, application: string): string;
export declare function deploymentPath(id: number): string;
