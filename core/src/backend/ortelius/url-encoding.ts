/** Exact URL encoding of names and query values (`;` -> %3B, space -> %20), as the server expects. */

export type Query = Record<string, string | number | undefined>;

/** Encodes a path segment or query value exactly (`;` -> %3B, space -> %20). */
export function enc(s: string | number): string {
  return encodeURIComponent(String(s));
}

export function buildQuery(q: Query | undefined): string {
  if (!q) return '';
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${enc(k)}=${enc(v as string | number)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
