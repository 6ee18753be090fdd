/**
 * Plain-text tables for the human output of the queries (status, history, diff): columns padded to the
 * widest cell, a header and a dashed rule. Cells are flattened to one line so a hostile value (a name
 * with a newline or a control character) cannot break the layout.
 */
/** One line, no control characters; empty for null/undefined. */
export function flatCell(value) {
    if (value === null || value === undefined)
        return '';
    // eslint-disable-next-line no-control-regex
    return String(value).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}
/** Renders rows as an aligned table; without rows, only `empty` (e.g. "no deployments"). */
export function renderTable(columns, rows, empty = '(none)') {
    if (rows.length === 0)
        return empty;
    const cells = rows.map((r) => columns.map((c) => flatCell(c.cell(r))));
    const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((row) => width(row[i]))));
    const line = (values) => values
        .map((v, i) => (columns[i].right ? pad(v, widths[i], true) : i === values.length - 1 ? v : pad(v, widths[i], false)))
        .join('  ')
        .trimEnd();
    const out = [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w)))];
    for (const row of cells)
        out.push(line(row));
    return out.join('\n');
}
function width(s) {
    // Count code points, not UTF-16 units, so non-BMP characters do not skew the columns.
    return [...s].length;
}
function pad(s, w, right) {
    const fill = ' '.repeat(Math.max(0, w - width(s)));
    return right ? fill + s : s + fill;
}
/** `2026-11-22T08:01:02.345Z` -> `2026-11-22 08:01:02Z` (human tables only; JSON keeps ISO strings). */
export function shortTime(iso) {
    if (!iso)
        return '';
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
    return m ? `${m[1]} ${m[2]}Z` : iso;
}
/** The part after the last `;` of a full versioned name (`GLOBAL.A.shop;1_0_2` -> `1_0_2`). */
export function versionPart(full) {
    if (!full)
        return '';
    const i = full.lastIndexOf(';');
    return i < 0 ? full : full.slice(i + 1);
}
