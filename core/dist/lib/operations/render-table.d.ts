/**
 * Plain-text tables for the human output of the queries (status, history, diff): columns padded to the
 * widest cell, a header and a dashed rule. Cells are flattened to one line so a hostile value (a name
 * with a newline or a control character) cannot break the layout.
 */
export interface Column<Row> {
    header: string;
    cell: (row: Row) => string | number | null | undefined;
    /** Right-align (numbers). */
    right?: boolean;
}
/** One line, no control characters; empty for null/undefined. */
export declare function flatCell(value: string | number | null | undefined): string;
/** Renders rows as an aligned table; without rows, only `empty` (e.g. "no deployments"). */
export declare function renderTable<Row>(columns: Column<Row>[], rows: readonly Row[], empty?: string): string;
/** `2026-11-22T08:01:02.345Z` -> `2026-11-22 08:01:02Z` (human tables only; JSON keeps ISO strings). */
export declare function shortTime(iso: string | null | undefined): string;
/** The part after the last `;` of a full versioned name (`GLOBAL.A.shop;1_0_2` -> `1_0_2`). */
export declare function versionPart(full: string | null | undefined): string;
