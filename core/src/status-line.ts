/**
 * The one line a terminal keeps updating under a command's output (progress.ts shows a running deployment there).
 * Every write to stderr clears the line first and draws it again once the written text ends a line, so output and
 * the status never mix on one row. Only a Host built for a terminal offers it (Host.statusLine: the CLI with stderr
 * on a TTY); progress.ts also leaves it unused in CI, so that CI logs and pipes only ever get plain lines.
 */
import { createColors } from 'picocolors';
import { truncate } from './operations/render-table.js';

/** Carriage return, then erase the whole line (ECMA-48 EL 2). */
export const CLEAR_LINE = '\r\x1b[2K';

/** What the Host knows about the terminal stderr writes to. */
export interface StatusTerminal {
  /** stderr's width; the line is cut to fit one row (default 80). */
  columns?: number;
  /** Dim the line (the CLI's colour rules: cli/color.ts). */
  color?: boolean;
}

const DEFAULT_COLUMNS = 80;

export interface StatusLine {
  /** Writes output above the line. */
  write(text: string): void;
  /** Shows `text` as the line (one row, cut to the terminal's width); undefined removes it. */
  set(text: string | undefined): void;
}

export function statusLine(out: (text: string) => void, term: StatusTerminal): StatusLine {
  const dim = createColors(term.color === true).dim;
  const columns = Math.max(10, term.columns && term.columns > 0 ? term.columns : DEFAULT_COLUMNS);
  let status: string | undefined;
  /** The line is on screen, the cursor at its end. */
  let shown = false;
  /** The last output did not end its line: the status waits for the newline. */
  let lineOpen = false;
  return {
    write(text) {
      if (text === '') return;
      let chunk = shown ? CLEAR_LINE : '';
      shown = false;
      chunk += text;
      lineOpen = !text.endsWith('\n');
      if (status !== undefined && !lineOpen) {
        chunk += status;
        shown = true;
      }
      out(chunk);
    },
    set(text) {
      // One row: a wider line would wrap, and the carriage return would then clear only its last row.
      // eslint-disable-next-line no-control-regex
      const next = text === undefined ? undefined : dim(truncate(text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' '), columns - 1));
      if (next === status) return;
      status = next;
      if (lineOpen) return;
      if (shown || next !== undefined) out(`${shown ? CLEAR_LINE : ''}${next ?? ''}`);
      shown = next !== undefined;
    },
  };
}
