export declare function isErrno(err: unknown, code: string): boolean;
/** Reads a file as UTF-8, or undefined when it does not exist (a missing directory counts as missing). */
export declare function readTextIfExists(path: string): Promise<string | undefined>;
export declare function fsyncPath(path: string): Promise<void>;
/**
 * Writes `data` to `target` atomically: a temp file in `tmpDir` (same filesystem) is written and fsynced,
 * then renamed over the target. Returns the directories whose entries changed (the caller fsyncs them once,
 * after a batch of writes). Missing parent directories are created.
 */
export declare function writeFileAtomic(tmpDir: string, target: string, data: string): Promise<string[]>;
