/**
 * Runs a deployment command: a string through `/bin/sh -c`, or an argv (the words after `--`) directly.
 * Each output line (stdout and stderr) is redacted and streamed to the host's stderr as it arrives, and kept
 * (the last `maxLines`) for the deployment record. The command runs in a process group of its own, and
 * stopping it (--timeout, a cancelled job) signals the whole group: its children and their children stop too,
 * instead of outliving shiplog.
 */
import { spawn } from 'node:child_process';
import type { Host } from '../host.js';

export const MAX_STORED_LOG_LINES = 5000;
/** After a cancelling signal, how long the command may take to end before it gets SIGKILL. */
export const INTERRUPT_GRACE_MS = 5000;

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
  /** The --timeout to name in the message when it differs from timeoutMs (what was left of it). */
  timeoutLabelMs?: number;
  /** Between the timeout's SIGTERM and its SIGKILL (default 10 s). */
  killGraceMs?: number;
  /** Variables set for the command on top of host.env (`undefined` removes one): deploy-variables.ts. */
  env?: Record<string, string | undefined>;
  /** Each output line, redacted, as it arrives (progress.ts: the heartbeat shows the last one). */
  onLine?: (line: string) => void;
}

export const DEFAULT_KILL_GRACE_MS = 10_000;

/** Keeps the last N lines, counting the dropped ones. */
export class LineTail {
  private lines: string[] = [];
  private dropped = 0;
  constructor(private readonly max: number) {}
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max * 2) this.trim();
  }
  private trim(): void {
    const extra = this.lines.length - this.max;
    if (extra > 0) {
      this.lines.splice(0, extra);
      this.dropped += extra;
    }
  }
  result(): string[] {
    this.trim();
    return this.dropped > 0 ? [`[shiplog: ${this.dropped} earlier lines not stored]`, ...this.lines] : [...this.lines];
  }
}

/** Splits a byte stream into lines, handing each complete line to `onLine`. */
function lineSplitter(onLine: (line: string) => void): { write: (chunk: Buffer) => void; end: () => void } {
  let rest = '';
  const decoder = new TextDecoder('utf-8');
  return {
    write(chunk) {
      rest += decoder.decode(chunk, { stream: true });
      let i: number;
      while ((i = rest.indexOf('\n')) >= 0) {
        onLine(rest.slice(0, i).replace(/\r$/, ''));
        rest = rest.slice(i + 1);
      }
    },
    end() {
      rest += decoder.decode();
      if (rest !== '') onLine(rest.replace(/\r$/, ''));
      rest = '';
    },
  };
}

export async function runDeploymentCommand(host: Host, spec: RunSpec): Promise<RunOutcome> {
  const startedAt = host.now().toISOString();
  const tail = new LineTail(spec.maxLines ?? MAX_STORED_LOG_LINES);
  const onLine = (line: string) => {
    const clean = host.redactor.redact(line);
    tail.push(clean);
    host.stderr(`${clean}\n`);
    spec.onLine?.(clean);
  };
  const [file, args] = spec.shell !== undefined ? ['/bin/sh', ['-c', spec.shell]] : [spec.argv![0], spec.argv!.slice(1)];
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(host.env)) if (v !== undefined) env[k] = v;
  for (const [k, v] of Object.entries(spec.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  let timedOut = false;
  const exitCode = await new Promise<number>((resolve) => {
    // detached: the command leads a new process group, so that one kill(-pid) reaches everything it started.
    const child = spawn(file, args, { cwd: host.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // the group is gone already (or never started): signal the child alone, if it is still there
        child.kill(signal);
      }
    };
    /** True while any process of the command's group is left (the command itself or what it started). */
    const groupAlive = () => {
      try {
        if (child.pid === undefined) return false;
        process.kill(-child.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const out = lineSplitter(onLine);
    const err = lineSplitter(onLine);
    child.stdout.on('data', (c: Buffer) => out.write(c));
    child.stderr.on('data', (c: Buffer) => err.write(c));
    let settled = false;
    const running = () => child.exitCode === null && child.signalCode === null;
    // Stopping the command, for a timeout or a cancelled job: `signal` now, SIGKILL if it is still running after
    // `graceMs` (a command that ignores the signal, or a shell waiting for a child the signal did not reach).
    let stopping = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (signal: NodeJS.Signals, graceMs: number) => {
      if (running()) signalGroup(signal);
      if (stopping) return;
      stopping = true;
      // Kept referenced: shiplog does not exit before what it started is gone.
      killTimer = setTimeout(() => {
        if (!groupAlive()) return;
        onLine(
          `shiplog: the deployment command${running() ? '' : "'s children"} did not stop within ${seconds(graceMs)} of ${signal}: sending SIGKILL to its process group`,
        );
        signalGroup('SIGKILL');
      }, graceMs);
    };
    // A cancelled CI job signals this process (and, usually, the command in the same process group): the signal
    // is passed on, and the caller records the deployment as failed instead of dying with nothing recorded.
    const unsubscribe = host.onInterrupt?.((signal) => {
      if (!stopping) onLine(`shiplog: ${signal} received: stopping the deployment command; it will be recorded as failed`);
      stop(signal, INTERRUPT_GRACE_MS);
    });
    child.on('close', () => unsubscribe?.());
    // --timeout: stop a command that runs too long (SIGTERM first, SIGKILL if it ignores it).
    const timeoutTimer =
      spec.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            if (!running() || stopping) return;
            timedOut = true;
            onLine(
              `shiplog: the deployment command is still running after the timeout (${seconds(spec.timeoutLabelMs ?? spec.timeoutMs!)}): stopping it and its process group; it will be recorded as failed`,
            );
            stop('SIGTERM', spec.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
          }, spec.timeoutMs);
    const stopTimers = () => {
      clearTimeout(timeoutTimer);
    };
    // A stopped command's own children may keep its output pipes open: once it has exited, stop reading them.
    child.on('exit', () => {
      stopTimers();
      // Children of a stopped command that are still there get the rest of the grace, then SIGKILL.
      if (!stopping || !groupAlive()) clearTimeout(killTimer);
      if (stopping) {
        child.stdout.destroy();
        child.stderr.destroy();
      }
    });
    child.on('close', stopTimers);
    child.on('error', (e: NodeJS.ErrnoException) => {
      unsubscribe?.();
      stopTimers();
      if (settled) return;
      settled = true;
      onLine(`shiplog: cannot run ${file}: ${e.code === 'ENOENT' ? 'command not found' : e.message}`);
      resolve(e.code === 'ENOENT' ? 127 : 126);
    });
    child.on('close', (code, signal) => {
      out.end();
      err.end();
      if (settled) return;
      settled = true;
      if (signal) onLine(`shiplog: deployment command killed by ${signal}`);
      resolve(code ?? 128 + signalNumber(signal));
    });
  });
  return { exitCode, log: tail.result(), startedAt, finishedAt: host.now().toISOString(), ...(timedOut ? { timedOut: true } : {}) };
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const table: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };
  return (signal && table[signal]) || 1;
}
