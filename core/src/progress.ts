/**
 * Progress of long-running work on stderr (docs/cli.md, "Progress"): a deployment prints a start line, a heartbeat
 * at least every 30 s while it runs (the time so far, and the last line of its output or the server's status), and
 * an end line with its outcome and duration. On a terminal outside CI (Host.statusLine) the heartbeat is instead one
 * line updated in place every second; CI logs and pipes get plain lines only. `deploy` and `version-update --env`
 * (operations/deployment-flow.ts) and `apply` (intent/apply-run.ts, one heartbeat for all its deployments) share it.
 */
import type { Host } from './host.js';

/** The longest wait between two heartbeats, and the default. */
export const HEARTBEAT_MS = 30_000;
/** How often the terminal's status line is redrawn (the elapsed time moves). */
export const LIVE_REFRESH_MS = 1000;
/** A heartbeat shows at most this much of an output line. */
export const MAX_NOTE_CHARS = 160;

/** The heartbeat period for this host: Host.heartbeatMs (tests shorten it), never more than 30 s. */
export function heartbeatPeriod(host: Host): number {
  const ms = host.heartbeatMs;
  return ms !== undefined && ms > 0 ? Math.min(ms, HEARTBEAT_MS) : HEARTBEAT_MS;
}

/** 1234 -> "1.2 s", 95000 -> "1m 35s". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

// Terminal escape sequences (CSI, OSC, two-byte) and runs of control characters: a log line's colours and cursor moves.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TERMINAL_ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * One output line as a heartbeat shows it: what a terminal would leave on screen (the text after the last carriage
 * return: a progress bar's latest state), without escape sequences or control characters, trimmed and cut to `max`
 * characters. The line is expected redacted already (the runner redacts every line; the Host redacts again).
 */
export function noteOf(line: string, max = MAX_NOTE_CHARS): string {
  const parts = line.split('\r').filter((p) => p.trim() !== '');
  const last = parts.length ? parts[parts.length - 1] : '';
  const plain = last.replace(TERMINAL_ESCAPES, '').replace(CONTROL_RUNS, ' ');
  const text = plain.replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

export interface Heartbeat {
  /**
   * Stops the timers and removes the status line; resolves once a beat already under way (its onBeat: apply's lease
   * renewal) has ended, so nothing of the heartbeat writes after its owner is done.
   */
  stop(): Promise<void>;
}

export interface HeartbeatOptions {
  /** The heartbeat's text now; undefined: nothing to say (no line, the status line removed). */
  text: () => string | undefined;
  /** Default heartbeatPeriod(host). */
  periodMs?: number;
  /** Runs at every heartbeat, one at a time (apply renews its leases there). */
  onBeat?: () => Promise<void> | void;
  /** Running in CI (OperationContext.ci().isCi): plain lines even when stderr is a terminal (a CI agent's pty). */
  isCi: boolean;
}

/**
 * Every period, prints `text()` as a line on stderr and runs `onBeat`. On a terminal outside CI the text is shown in
 * the status line instead, redrawn every second, and no heartbeat lines are printed.
 */
export function startHeartbeat(host: Host, opts: HeartbeatOptions): Heartbeat {
  const period = opts.periodMs ?? heartbeatPeriod(host);
  const live = !opts.isCi ? host.statusLine : undefined;
  let beating: Promise<void> | undefined;
  const beat = setInterval(() => {
    if (beating) return;
    beating = (async () => {
      if (!live) {
        const text = opts.text();
        if (text !== undefined) host.log.info(text);
      }
      await opts.onBeat?.();
    })()
      .catch((err: unknown) => host.log.debug(`heartbeat: ${String(err)}`))
      .finally(() => (beating = undefined));
  }, period);
  const refresh = live ? setInterval(() => live(opts.text()), Math.min(period, LIVE_REFRESH_MS)) : undefined;
  // Progress never keeps the process alive by itself (the work it reports on does, while it runs).
  beat.unref();
  refresh?.unref();
  return {
    async stop() {
      clearInterval(beat);
      if (refresh) clearInterval(refresh);
      live?.(undefined);
      await beating;
    },
  };
}

/** Where a deployment reports what it is doing while it runs. */
export interface ProgressSink {
  /** A line of the deployment's output (redacted). */
  line(line: string): void;
  /** The server's status of a deployment it runs itself. */
  status(status: string): void;
}

/** How a deployment ended, for its end line. */
export type DeployOutcome = 'succeeded' | 'failed' | 'timed out' | 'ended with an error';

export interface DeployProgress extends ProgressSink {
  /**
   * Prints the end line (`detail`: deployment id, exit code, ...) and returns the duration in whole ms: `ms` when given
   * (the command's own run time, without the recording after it), else the time since the start.
   */
  end(outcome: DeployOutcome, detail?: string, ms?: number): number;
}

/**
 * A deployment's progress lines: `deploy: <app version> to <env>: started (<what runs>)` now, a heartbeat while it
 * runs, `deploy: <app version> to <env>: <outcome> in <duration> (<detail>)` from end().
 */
export function startDeployProgress(
  host: Host,
  what: { appVersion: string; environment: string; runs: string; isCi: boolean },
): DeployProgress {
  const label = `deploy: ${what.appVersion} to ${what.environment}`;
  const t0 = host.now().getTime();
  let last: string | undefined;
  let status: string | undefined;
  host.log.info(`${label}: started (${what.runs})`);
  const heartbeat = startHeartbeat(host, {
    isCi: what.isCi,
    text: () => {
      const parts = [`${label}: running for ${formatDuration(host.now().getTime() - t0)}`];
      if (status) parts.push(`server status: ${status}`);
      if (last) parts.push(`last line: ${last}`);
      return parts.join('; ');
    },
  });
  let ended: number | undefined;
  return {
    line(l) {
      const note = noteOf(l);
      if (note) last = note;
    },
    status(s) {
      status = noteOf(s);
    },
    end(outcome, detail, ms) {
      if (ended !== undefined) return ended;
      void heartbeat.stop();
      ended = Math.max(0, Math.round(ms ?? host.now().getTime() - t0));
      const how = outcome === 'succeeded' || outcome === 'failed' ? 'in' : 'after';
      host.log.info(`${label}: ${outcome} ${how} ${formatDuration(ended)}${detail ? ` (${detail})` : ''}`);
      return ended;
    },
  };
}

/**
 * The progress of a deployment whose caller reports for it (apply: one heartbeat and its own start and end lines for
 * all its deployments): lines and status go to `sink`, nothing is printed; end() still measures the duration.
 */
export function forwardedProgress(host: Host, sink: ProgressSink): DeployProgress {
  const t0 = host.now().getTime();
  return {
    line: (l) => sink.line(l),
    status: (s) => sink.status(s),
    end: (_outcome, _detail, ms) => Math.max(0, Math.round(ms ?? host.now().getTime() - t0)),
  };
}
