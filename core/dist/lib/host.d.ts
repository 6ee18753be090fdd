/**
 * The one seam between the core and the outside world. Core code never reads process.env, process.cwd(),
 * the clock, or writes to stdout/stderr directly: the CLI (or an adapter) builds a Host and passes it in.
 */
import { Redactor } from './redact.js';
export type Env = Readonly<Record<string, string | undefined>>;
export interface Logger {
    /** Human progress lines (stderr). */
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
    /** Only shown with --debug. */
    debug(message: string): void;
}
export interface Host {
    readonly env: Env;
    readonly cwd: string;
    /** Raw writers; everything passed through them is redacted by the Host. */
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    readonly now: () => Date;
    readonly redactor: Redactor;
    readonly log: Logger;
    readonly debug: boolean;
    /**
     * Subscribes to the signals a CI system sends when a job is cancelled (SIGINT, SIGTERM, SIGHUP) while a
     * deployment command runs, so that it is stopped and still recorded; returns the unsubscribe function.
     * Absent (tests, embedders without a process of their own): signals keep their default effect.
     */
    readonly onInterrupt?: (handler: (signal: NodeJS.Signals) => void) => () => void;
}
/** The termination signals a cancelled CI job receives. */
export declare const INTERRUPT_SIGNALS: readonly NodeJS.Signals[];
/**
 * onInterrupt for a Host that owns its process (the CLI, the action): while subscribed, the signals call the
 * handler instead of ending the process.
 */
export declare function processInterrupts(handler: (signal: NodeJS.Signals) => void): () => void;
export interface HostOptions {
    env: Env;
    cwd: string;
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    now?: () => Date;
    debug?: boolean;
    /** Suppress info lines (warnings and errors still show). */
    quiet?: boolean;
    redactor?: Redactor;
    /** See Host.onInterrupt. */
    onInterrupt?: (handler: (signal: NodeJS.Signals) => void) => () => void;
}
/** Builds a Host whose writers and logger redact every registered secret. */
export declare function createHost(opts: HostOptions): Host;
/** A Host for tests: captures output in memory. */
export declare function createMemoryHost(partial?: Partial<Omit<HostOptions, 'stdout' | 'stderr'>>): Host & {
    out: () => string;
    err: () => string;
};
