/** The on-disk format this code reads and writes. Bump on any incompatible change. */
export declare const SCHEMA_VERSION = 1;
export declare const STORE_FORMAT = "shiplog-local-store";
export declare const SCHEMA_FILE = "schema.json";
export declare const META_FILE = "meta.json";
export declare const JOURNAL_FILE = "journal.json";
export declare const LOCK_FILE = "write.lock";
export declare const TMP_DIR = "tmp";
export declare const LOG_DIR = "log";
export declare const ENV_DIR = "objects/env";
export type ObjectKind = 'component-base' | 'component-version' | 'application' | 'application-version';
/** Store-relative path of one object: `objects/<kind>/<2 hex>/<40 hex>.json`. */
export declare function objectPath(kind: ObjectKind, name: string): string;
/** Store-relative directory of one environment's current state (one file per application deployed there). */
export declare function envDir(environment: string): string;
/** Store-relative path of the current state of one application in one environment. */
export declare function envStatePath(environment: string, application: string): string;
/** File name of an application's state inside an environment's directory. */
export declare function envStateFile(application: string): string;
/** Store-relative path of deployment log segment n (1-based). */
export declare function segmentPath(n: number): string;
export interface SchemaFile {
    format: string;
    schema: number;
    createdAt: string;
}
export interface MetaFile {
    /** Incremented by every committed transaction (readers use it to detect concurrent changes). */
    seq: number;
    next: {
        componentVersion: number;
        applicationVersion: number;
        deployment: number;
    };
    /** The deployment log's committed end: bytes past `length` in segment `segment` are not committed. */
    log: {
        segment: number;
        length: number;
    };
}
export declare function emptyMeta(): MetaFile;
