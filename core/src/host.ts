/**
 * The one seam between the core and the outside world. Core code never reads process.env, process.cwd(),
 * the clock, or writes to stdout/stderr directly: the CLI (or an adapter) builds a Host and passes it in.
 */
import { Redactor } from './redact.js';
import { statusLine, type StatusTerminal } from './status-line.js';

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
  /**
   * Present when stderr is a terminal that can redraw a line (the CLI on a TTY; never in an adapter): shows `text` as
   * the one updating line under the output, undefined removes it (status-line.ts). progress.ts uses it outside CI.
   */
  readonly statusLine?: (text: string | undefined) => void;
  /** How often long-running work reports progress (progress.ts; at most and by default 30 s). A seam for tests. */
  readonly heartbeatMs?: number;
}

/** The termination signals a cancelled CI job receives. */
export const INTERRUPT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * onInterrupt for a Host that owns its process (the CLI, the action): while subscribed, the signals call the
 * handler instead of ending the process.
 */
export function processInterrupts(handler: (signal: NodeJS.Signals) => void): () => void {
  for (const s of INTERRUPT_SIGNALS) process.on(s, handler);
  return () => {
    for (const s of INTERRUPT_SIGNALS) process.off(s, handler);
  };
}

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
  /** stderr is a terminal that can redraw a line (the CLI decides: cli/output-options.ts): offers Host.statusLine. */
  terminal?: StatusTerminal;
  /** See Host.heartbeatMs. */
  heartbeatMs?: number;
}

/** Builds a Host whose writers and logger redact every registered secret. */
export function createHost(opts: HostOptions): Host {
  const redactor = opts.redactor ?? new Redactor();
  const out = (text: string) => opts.stdout(redactor.redact(text));
  // On a terminal, every stderr write goes above the status line (no status line with --quiet: it is an info line).
  const live = opts.terminal && !opts.quiet ? statusLine(opts.stderr, opts.terminal) : undefined;
  const err = live ? (text: string) => live.write(redactor.redact(text)) : (text: string) => opts.stderr(redactor.redact(text));
  const debug = opts.debug ?? false;
  const log: Logger = {
    info: (m) => {
      if (!opts.quiet) err(`${m}\n`);
    },
    warn: (m) => err(`shiplog: warning: ${m}\n`),
    error: (m) => err(`shiplog: error: ${m}\n`),
    debug: (m) => {
      if (debug) err(`shiplog: debug: ${m}\n`);
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
    ...(live ? { statusLine: (text: string | undefined) => live.set(text === undefined ? undefined : redactor.redact(text)) } : {}),
    ...(opts.heartbeatMs !== undefined ? { heartbeatMs: opts.heartbeatMs } : {}),
  };
}

/** A Host for tests: captures output in memory. */
export function createMemoryHost(
  partial: Partial<Omit<HostOptions, 'stdout' | 'stderr'>> = {},
): Host & { out: () => string; err: () => string } {
  let o = '';
  let e = '';
  const host = createHost({
    env: partial.env ?? {},
    cwd: partial.cwd ?? '/',
    now: partial.now,
    debug: partial.debug,
    quiet: partial.quiet,
    redactor: partial.redactor,
    terminal: partial.terminal,
    heartbeatMs: partial.heartbeatMs,
    stdout: (t) => {
      o += t;
    },
    stderr: (t) => {
      e += t;
    },
  });
  return Object.assign(host, { out: () => o, err: () => e });
}
