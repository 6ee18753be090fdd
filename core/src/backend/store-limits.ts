/**
 * What bounds a store engine's conversation with its server (the git and postgres stores): the command's
 * deadline (`--timeout`, deadline.ts) and the response size limit (`--max-response-mib`, response-limit.ts), as
 * the HTTP clients have them. A store without them (a library caller) waits as its own retry limits allow.
 */
import type { ChildProcess } from 'node:child_process';
import type { Deadline } from '../deadline.js';

export interface StoreLimits {
  /** The command's deadline: no git process, statement or back-off outlives it. */
  deadline?: Deadline;
  /** The largest answer read from the server at once, in bytes (a git object or output, a statement's result). */
  maxResponseBytes?: number;
}

/** How long a process group asked to stop (SIGTERM, so git removes its lock and temporary files) may take before SIGKILL. */
export const STOP_GRACE_MS = 2_000;

/**
 * Stops a child that leads its own process group (spawned with `detached: true`) and everything it started (git's
 * remote helpers, ssh): SIGTERM to the group, SIGKILL to the group when it is still there after STOP_GRACE_MS.
 */
export function stopProcessGroup(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      // the group is gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), STOP_GRACE_MS);
  timer.unref();
  child.once('close', () => {
    // A grandchild may outlive the leader: the group gets its SIGKILL at once.
    clearTimeout(timer);
    signal('SIGKILL');
  });
}

/** A back-off wait that never runs past the deadline: TimeoutError (exit 5) when the wait would. */
export async function waitWithin(ms: number, deadline: Deadline | undefined, what: string): Promise<void> {
  if (deadline && ms >= deadline.remaining()) throw deadline.error(`${what} and no time is left to retry`);
  await new Promise((r) => setTimeout(r, ms));
}
