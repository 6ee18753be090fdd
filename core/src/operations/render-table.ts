/**
 * Plain-text tables for the human output of the queries (status, history, diff): columns padded to the
 * widest cell (display width: CJK and emoji count two columns), a header and a dashed rule. Cells are
 * flattened to one line so a hostile value (a name with a newline or a control character) cannot break the
 * layout. A query also exposes its rows as TableData, which the CLI renders in every --format (cli/table-format.ts).
 */
import stringWidth from 'string-width';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => string | number | null | undefined;
  /** Right-align (numbers). */
  right?: boolean;
  /** Shown only on a group's first row in aligned tables (status: one entry over several component rows). */
  group?: boolean;
}

/** A query's rows as plain cells, before any layout: what every output format is rendered from. */
export interface TableData {
  columns: { header: string; right?: boolean; group?: boolean }[];
  /** One line each, no control characters (flatCell); every cell filled, group cells included. */
  rows: string[][];
  /** rows[i] starts a new group (aligned tables show group cells only there). */
  groupStarts: boolean[];
  /** The message for no rows (e.g. "no deployments"). */
  empty: string;
  /** A line about the rows that is not a row (diff: how many components are equal); stderr, `table` format only. */
  note?: string;
}

/** Builds TableData from column definitions; `startsGroup` says which rows open a group (default: every row). */
export function tableOf<Row>(
  columns: Column<Row>[],
  rows: readonly Row[],
  empty = '(none)',
  startsGroup: (row: Row, index: number) => boolean = () => true,
): TableData {
  return {
    columns: columns.map(({ header, right, group }) => ({ header, ...(right ? { right } : {}), ...(group ? { group } : {}) })),
    rows: rows.map((r) => columns.map((c) => flatCell(c.cell(r)))),
    groupStarts: rows.map((r, i) => startsGroup(r, i)),
    empty,
  };
}

/** The cells an aligned table shows: group cells blanked on the rows that continue a group. */
export function displayedCells(t: TableData): string[][] {
  return t.rows.map((row, i) => (t.groupStarts[i] ? row : row.map((c, j) => (t.columns[j].group ? '' : c))));
}

/** Renders TableData as an aligned table (see renderTable). */
export function renderAligned(t: TableData): string {
  if (t.rows.length === 0) return t.empty;
  const cells = displayedCells(t);
  const widths = t.columns.map((c, i) => Math.max(width(c.header), ...cells.map((row) => width(row[i]))));
  const line = (values: string[]) =>
    values
      .map((v, i) => (t.columns[i].right ? pad(v, widths[i], true) : i === values.length - 1 ? v : pad(v, widths[i], false)))
      .join('  ')
      .trimEnd();
  const out = [line(t.columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of cells) out.push(line(row));
  return out.join('\n');
}

/** One line, no control characters; empty for null/undefined. */
export function flatCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // eslint-disable-next-line no-control-regex
  return String(value).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/** Renders rows as an aligned table; without rows, only `empty` (e.g. "no deployments"). */
export function renderTable<Row>(columns: Column<Row>[], rows: readonly Row[], empty = '(none)'): string {
  return renderAligned(tableOf(columns, rows, empty));
}

/** Display width in terminal columns (East Asian wide characters and emoji count two). */
export function width(s: string): number {
  return stringWidth(s);
}

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cuts `s` to at most `w` display columns, ending in an ellipsis when cut (never splits a grapheme). */
export function truncate(s: string, w: number): string {
  if (width(s) <= w) return s;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(s)) {
    const cw = width(segment);
    if (used + cw > w - 1) break;
    out += segment;
    used += cw;
  }
  return out + ELLIPSIS;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

/** `2026-11-22T08:01:02.345Z` -> `2026-11-22 08:01:02Z` (human tables only; JSON keeps ISO strings). */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]}Z` : iso;
}

/** The part after the last `;` of a full versioned name (`GLOBAL.A.shop;1_0_2` -> `1_0_2`). */
export function versionPart(full: string | null | undefined): string {
  if (!full) return '';
  const i = full.lastIndexOf(';');
  return i < 0 ? full : full.slice(i + 1);
}
