/**
 * Renders a query's TableData (operations/render-table.ts) for stdout in the format asked for:
 * - `table` on a terminal: aligned, fitted to the terminal width (the widest columns are cut with an ellipsis;
 *   `--wide` shows every cell in full), header in bold when colour is on; group cells shown once;
 * - `table` piped (stdout not a terminal, --format not given): as the GitHub CLI does, one tab-separated line per
 *   row, no header, no padding, no colour, every cell filled, so `cut -f2` and `awk -F'\t'` work; an explicit
 *   `--format table` keeps the aligned layout when piped (not fitted: a pipe has no width);
 * - `tsv`: the same with a header line; `csv`: RFC 4180 with a header; `markdown`: a GitHub table.
 * With no rows, `table` prints nothing on stdout (the empty-state message goes to stderr); the other formats print
 * their header.
 */
import { stringify } from 'csv-stringify/sync';
import { displayedCells, truncate, width, type TableData } from '../operations/render-table.js';
import type { Palette } from './color.js';

/** Cutting a cell to a width lives beside the width measure (render-table.ts); progress lines use it too. */
export { truncate };

export type TableFormat = 'table' | 'markdown' | 'csv' | 'tsv';

export interface TableStyle {
  /** stdout is a terminal. */
  tty: boolean;
  /** Aligned columns (a terminal, or `--format table` given explicitly); otherwise piped rows. */
  aligned: boolean;
  /** Terminal width in columns (TTY only). */
  columns: number;
  wide: boolean;
  palette: Palette;
}

const GAP = 2;
/** A column is never cut below this many columns (or its header's width, when smaller). */
const MIN_WIDTH = 6;

export interface Rendered {
  /** The product, for stdout ('' when there is nothing). */
  stdout: string;
  /** The empty-state message, or the table's note, for stderr. */
  stderr: string;
}

export function formatTable(t: TableData, format: TableFormat, style: TableStyle): Rendered {
  switch (format) {
    case 'csv':
      return { stdout: stringify([t.columns.map((c) => c.header), ...t.rows], { record_delimiter: 'unix' }), stderr: '' };
    case 'tsv':
      return { stdout: tsvLines([t.columns.map((c) => c.header), ...t.rows]), stderr: '' };
    case 'markdown':
      return { stdout: markdown(t), stderr: '' };
    case 'table':
      if (t.rows.length === 0) return { stdout: '', stderr: `${t.empty}\n` };
      return { stdout: style.aligned ? aligned(t, style) : tsvLines(t.rows), stderr: t.note ? `${t.note}\n` : '' };
  }
}

function tsvLines(rows: string[][]): string {
  // flatCell already turned tabs and newlines into spaces
  return rows.map((r) => `${r.join('\t')}\n`).join('');
}

function markdown(t: TableData): string {
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const line = (cells: string[]) => `| ${cells.map(esc).join(' | ')} |\n`;
  const rule = `|${t.columns.map((c) => (c.right ? '---:' : '---')).join('|')}|\n`;
  return line(t.columns.map((c) => c.header)) + rule + t.rows.map(line).join('');
}

/** Natural column widths, shrunk (widest first) until the row fits `columns`, unless --wide. */
export function fitWidths(natural: number[], minimums: number[], columns: number, wide: boolean): number[] {
  const widths = [...natural];
  if (wide) return widths;
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  while (total() > columns) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i] > minimums[i] && (widest < 0 || widths[i] > widths[widest])) widest = i;
    if (widest < 0) break; // every column at its minimum: the terminal wraps
    widths[widest]--;
  }
  return widths;
}

function aligned(t: TableData, style: TableStyle): string {
  const cells = displayedCells(t);
  const natural = t.columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i]))));
  const minimums = t.columns.map((c, i) => Math.min(natural[i], Math.max(MIN_WIDTH, c.right ? natural[i] : 0)));
  const widths = fitWidths(natural, minimums, style.columns, style.wide);
  const line = (values: string[], paint: (s: string) => string = (s) => s) =>
    values
      .map((v, i) => {
        const cut = truncate(v, widths[i]);
        const fill = ' '.repeat(Math.max(0, widths[i] - width(cut)));
        if (t.columns[i].right) return fill + paint(cut);
        return i === values.length - 1 ? paint(cut) : paint(cut) + fill;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  const out = [
    line(
      t.columns.map((c) => c.header),
      style.palette.header,
    ),
  ];
  for (const row of cells) out.push(line(row));
  return out.join('\n') + '\n';
}
