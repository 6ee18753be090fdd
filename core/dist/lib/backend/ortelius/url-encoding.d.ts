/** Exact URL encoding of names and query values (`;` -> %3B, space -> %20), as the server expects. */
export type Query = Record<string, string | number | undefined>;
/** Encodes a path segment or query value exactly (`;` -> %3B, space -> %20). */
export declare function enc(s: string | number): string;
export declare function buildQuery(q: Query | undefined): string;
