import type { Host } from '../host.js';
export declare const MAX_STORED_LOG_LINES = 5000;
/** After a cancelling signal, how long the command may take to end before it gets SIGKILL. */
export declare const INTERRUPT_GRACE_MS = 5000;
export interface RunOutcome {
    exitCode: number;
    /** Redacted output lines, at most maxLines (the last ones), with a marker line when some were dropped. */
    log: string[];
    startedAt: string;
    finishedAt: string;
    /** The command ran past RunSpec.timeoutMs and was stopped. */
    timedOut?: boolean;
}
export interface RunSpec {
    /** Shell command string (run with /bin/sh -c) ... */
    shell?: string;
    /** ... or an argv run without a shell. */
    argv?: string[];
    maxLines?: number;
    /** Stops the command once it has run this long: SIGTERM, then SIGKILL after killGraceMs (RunOutcome.timedOut). */
    timeoutMs?: number;
    /** Between the timeout's SIGTERM and its SIGKILL (default 10 s). */
    killGraceMs?: number;
}
export declare const DEFAULT_KILL_GRACE_MS = 10000;
/** Keeps the last N lines, counting the dropped ones. */
export declare class LineTail {
    private readonly max;
    private lines;
    private dropped;
    constructor(max: number);
    push(line: string): void;
    private trim;
    result(): string[];
}
export declare function runDeploymentCommand(host: Host, spec: RunSpec): Promise<RunOutcome>;
