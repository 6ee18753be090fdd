/**
 * How the CLI prints a command's result, from its flags and the terminal: the --format (`--json` is
 * `--format json`), the table layout (terminal or pipe, width, --wide) and colour (cli/color.ts).
 */
import type { Env } from '../host.js';
import type { StatusTerminal } from '../status-line.js';
import { palette, colorEnabled, type ColorMode, type Palette } from './color.js';
import type { TableFormat, TableStyle } from './table-format.js';

export type OutputFormat = TableFormat | 'json' | 'html';

/** What the CLI knows about its streams (main.ts reads them from the process; tests pass them). */
export interface Terminal {
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  /** stdout's width in columns when it is a terminal. */
  columns?: number;
  /** stderr's width in columns when it is a terminal (the progress status line). */
  stderrColumns?: number;
}

export interface OutputOptions {
  format: OutputFormat;
  table: TableStyle;
  /** Styles for stderr (its own terminal check). */
  stderr: Palette;
}

const FORMATS: readonly string[] = ['table', 'json', 'markdown', 'csv', 'tsv', 'html'];
/** The one table query that draws `--format html` (the release dashboard page). */
const HTML_QUERIES: readonly string[] = ['status'];
const COLOR_MODES: readonly string[] = ['auto', 'always', 'never'];
/** Width when stdout is a terminal that does not say (and COLUMNS is unset). */
const DEFAULT_COLUMNS = 80;

function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

/**
 * `--json` with a --format other than json is a contradiction (exit 2) for a table query; unknown values are left
 * to execute(). `tabular`: the command prints a table (envscript's own --format is the script's, not the CLI's).
 */
export function formatConflict(inputs: Record<string, unknown>, tabular: boolean, command = ''): string | undefined {
  const format = inputs.format;
  if (tabular && isTrue(inputs.json) && typeof format === 'string' && format !== '' && format !== 'json') {
    return `--json and --format ${format} contradict each other (--json is --format json)`;
  }
  if (tabular && format === 'html' && !HTML_QUERIES.includes(command)) {
    return `--format html is the release dashboard page: only status draws it (or shiplog report --html FILE)`;
  }
  return undefined;
}

function colorMode(inputs: Record<string, unknown>): ColorMode {
  return typeof inputs.color === 'string' && COLOR_MODES.includes(inputs.color) ? (inputs.color as ColorMode) : 'auto';
}

/**
 * stderr as a terminal that shows progress in one updating line (status-line.ts): a TTY that can redraw a line (not
 * TERM=dumb), dimmed under the colour rules (color.ts). Piped stderr gets plain lines; progress.ts also leaves CI out
 * (a CI agent may run the job on a pty).
 */
export function statusTerminal(inputs: Record<string, unknown>, env: Env, term: Terminal): StatusTerminal | undefined {
  if (term.stderrIsTTY !== true || env.TERM === 'dumb') return undefined;
  return { columns: term.stderrColumns, color: colorEnabled(colorMode(inputs), env, true) };
}

export function outputOptions(inputs: Record<string, unknown>, env: Env, term: Terminal, tabular: boolean): OutputOptions {
  const asked = tabular && typeof inputs.format === 'string' && FORMATS.includes(inputs.format) ? (inputs.format as OutputFormat) : 'table';
  const format = isTrue(inputs.json) ? 'json' : asked;
  const mode = colorMode(inputs);
  const tty = term.stdoutIsTTY === true;
  const envColumns = Number(env.COLUMNS);
  const columns =
    term.columns && term.columns > 0 ? term.columns : Number.isInteger(envColumns) && envColumns > 0 ? envColumns : DEFAULT_COLUMNS;
  return {
    format,
    table: {
      tty,
      // `--format table` given explicitly: aligned even when piped (`shiplog status --format table > status.txt`)
      aligned: tty || (tabular && inputs.format === 'table'),
      columns,
      // only a terminal has a width to fit
      wide: isTrue(inputs.wide) || !tty,
      palette: palette(colorEnabled(mode, env, tty)),
    },
    stderr: palette(colorEnabled(mode, env, term.stderrIsTTY === true)),
  };
}
