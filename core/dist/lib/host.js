/**
 * The one seam between the core and the outside world. Core code never reads process.env, process.cwd(),
 * the clock, or writes to stdout/stderr directly: the CLI (or an adapter) builds a Host and passes it in.
 */
import { Redactor } from './redact.js';
/** The termination signals a cancelled CI job receives. */
export const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/**
 * onInterrupt for a Host that owns its process (the CLI, the action): while subscribed, the signals call the
 * handler instead of ending the process.
 */
export function processInterrupts(handler) {
    for (const s of INTERRUPT_SIGNALS)
        process.on(s, handler);
    return () => {
        for (const s of INTERRUPT_SIGNALS)
            process.off(s, handler);
    };
}
/** Builds a Host whose writers and logger redact every registered secret. */
export function createHost(opts) {
    const redactor = opts.redactor ?? new Redactor();
    const out = (text) => opts.stdout(redactor.redact(text));
    const err = (text) => opts.stderr(redactor.redact(text));
    const debug = opts.debug ?? false;
    const log = {
        info: (m) => {
            if (!opts.quiet)
                err(`${m}\n`);
        },
        warn: (m) => err(`shiplog: warning: ${m}\n`),
        error: (m) => err(`shiplog: error: ${m}\n`),
        debug: (m) => {
            if (debug)
                err(`shiplog: debug: ${m}\n`);
        },
    };
    return {
        env: opts.env,
        cwd: opts.cwd,
        stdout: out,
        stderr: err,
        now: opts.now ?? (() => new Date()),
        redactor,
        log,
        debug,
        ...(opts.onInterrupt ? { onInterrupt: opts.onInterrupt } : {}),
    };
}
/** A Host for tests: captures output in memory. */
export function createMemoryHost(partial = {}) {
    let o = '';
    let e = '';
    const host = createHost({
        env: partial.env ?? {},
        cwd: partial.cwd ?? '/',
        now: partial.now,
        debug: partial.debug,
        quiet: partial.quiet,
        redactor: partial.redactor,
        stdout: (t) => {
            o += t;
        },
        stderr: (t) => {
            e += t;
        },
    });
    return Object.assign(host, { out: () => o, err: () => e });
}
