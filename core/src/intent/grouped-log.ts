/**
 * One deployment's output of `shiplog apply` folded in its CI platform's log (kit/log-groups.ts says how).
 */
import type { Host } from '../host.js';
import type { LogGroups } from '../kit/log-groups.js';

export type Write = (text: string) => void;

/** Output a deployment holds back while others run beside it (more goes out as it comes, in its group all the same). */
const MAX_HELD_CHARS = 4 * 1024 * 1024;

/**
 * One deployment's output inside its platform's log group (none outside CI). One deployment at a time: written
 * as it comes. Several in parallel: held until the deployment ends (up to MAX_HELD_CHARS), so that one group is
 * not cut by another's lines; apply's own start, end and heartbeat lines still come as they happen.
 */
export function groupedLog(
  host: Host,
  groups: LogGroups | undefined,
  title: string,
  hold: boolean,
): { write: Write; end: (failed: boolean) => void } {
  if (!groups) return { write: (t) => host.stderr(t), end: () => {} };
  let opened = false;
  let held: string[] = [];
  let size = 0;
  const open = () => {
    if (opened) return;
    opened = true;
    host.stderr(groups.open(title));
    for (const t of held) host.stderr(t);
    held = [];
  };
  if (!hold) open();
  return {
    write: (t) => {
      if (!opened && size + t.length <= MAX_HELD_CHARS) {
        held.push(t);
        size += t.length;
      } else {
        open();
        host.stderr(t);
      }
    },
    end: (failed) => {
      open();
      host.stderr(groups.close(title, failed));
    },
  };
}
