/** Exact URL encoding of names and query values (`;` -> %3B, space -> %20), as the server expects. */
/** Encodes a path segment or query value exactly (`;` -> %3B, space -> %20). */
export function enc(s) {
    return encodeURIComponent(String(s));
}
export function buildQuery(q) {
    if (!q)
        return '';
    const parts = Object.entries(q)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${enc(k)}=${enc(v)}`);
    return parts.length ? `?${parts.join('&')}` : '';
}
