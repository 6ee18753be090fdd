export interface LockOwner {
    pid: number;
    host: string;
    token: string;
    at: string;
}
export interface StoreLockOptions {
    timeoutMs: number;
    /** Age after which a lock held from another host counts as stale (default 10 min). */
    foreignStaleMs?: number;
}
export type ReleaseLock = () => Promise<void>;
export declare function acquireStoreLock(dir: string, opts: StoreLockOptions): Promise<ReleaseLock>;
/** True when process `pid` exists on this machine (EPERM: it exists but belongs to someone else). */
export declare function processAlive(pid: number): boolean;
