/**
 * One deadline for a whole command (`--timeout`): every request to a server, every retry and its back-off,
 * and a deployment shiplog runs or follows share it. Each request's own timeout is what is left of it (never
 * more than the per-request cap), so a server that answers slowly, a byte at a time, cannot keep a command
 * alive past it. Running out is TimeoutError (exit 5), always.
 *
 * The clock is the Host's; `signal` fires when the deadline passes (timers are unref'd: they never keep a
 * finished process alive), so requests in flight are aborted at once.
 */
import { TimeoutError } from './errors.js';

/** After a deployment command was stopped at the deadline: how long recording it as failed may take. */
export const RECORD_GRACE_MS = 30_000;
/**
 * How long past the deadline execute() waits for a command to wind down (stop a deployment command's process
 * group, SIGKILL after 10 s, record it within RECORD_GRACE_MS) before it answers exit 5 regardless.
 */
export const HARD_STOP_GRACE_MS = 45_000;

export class Deadline {
  private readonly controller = new AbortController();
  private endsAt: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly now: () => number,
    /** The --timeout given (for messages). */
    readonly totalMs: number,
  ) {
    this.endsAt = now() + totalMs;
    this.arm();
  }

  /** Milliseconds left (0 once passed). */
  remaining(): number {
    return Math.max(0, this.endsAt - this.now());
  }

  get expired(): boolean {
    return this.controller.signal.aborted || this.remaining() <= 0;
  }

  /** Aborted when the deadline passes (extend() cannot un-abort it: requests started later use their own). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** A fresh signal for one request: aborted when what is left now has passed (extend() included). */
  requestSignal(): AbortSignal {
    return AbortSignal.timeout(Math.max(1, this.remaining()));
  }

  /** Gives `ms` more from now (recording a deployment that was stopped at the deadline). */
  extend(ms: number): void {
    this.endsAt = Math.max(this.endsAt, this.now() + ms);
  }

  /** The TimeoutError for `what` (a request, a wait) cut short by the deadline. */
  error(what: string): TimeoutError {
    return new TimeoutError(`${what}: the command's time limit of ${formatMs(this.totalMs)} (--timeout) ran out`, {
      hint: 'raise --timeout (SHIPLOG_TIMEOUT) if the server is slow but working',
    });
  }

  /** Throws error(what) when no time is left. */
  check(what: string): void {
    if (this.remaining() <= 0) throw this.error(what);
  }

  /** Stops the timer (the command is done). */
  dispose(): void {
    clearTimeout(this.timer);
  }

  private arm(): void {
    this.timer = setTimeout(() => this.controller.abort(), Math.max(0, this.endsAt - this.now()));
    this.timer.unref?.();
  }
}

export function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
