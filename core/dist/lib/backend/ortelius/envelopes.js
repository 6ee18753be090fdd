/**
 * Answers of an Ortelius server and what they mean (shared/ortelius-api.md section 4): JSON parsing, the
 * refused-session and not-found texts, and the mapping of `success:false` errors onto the error catalogue.
 */
import { AuthError, BackendError, NotFoundError, OperationFailedError } from '../../errors.js';
export const AUTH_REFUSED = /login required|not logged in|invalid token|token (has )?expired|session (has )?expired|unauthori[sz]ed|authorization failed/i;
export const NOT_FOUND = /not found|no \w+( \w+)? found|does not exist|could not find|id invalid/i;
export const NO_PERMISSION = /permission|access denied|not allowed/i;
export function businessError(msg, what) {
    const text = `Ortelius: ${msg} (${what})`;
    if (AUTH_REFUSED.test(msg) || /login failed/i.test(msg))
        return new AuthError(text, { hint: 'check DHUSER/DHPASS' });
    if (NO_PERMISSION.test(msg))
        return new AuthError(text, { hint: 'the Ortelius user lacks a permission for this' });
    if (NOT_FOUND.test(msg))
        return new NotFoundError(text);
    return new OperationFailedError(text);
}
export function malformed(what, expected) {
    return new BackendError(`Ortelius answered ${what} without ${expected}`);
}
export function tryParse(text) {
    if (typeof text !== 'string' || text.trim() === '')
        return typeof text === 'object' && text !== null ? text : undefined;
    try {
        const v = JSON.parse(text);
        return v !== null && typeof v === 'object' ? v : undefined;
    }
    catch {
        return undefined;
    }
}
export function tokenFromCookies(setCookie) {
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const c of list) {
        const m = /^\s*token=([^;]+)/.exec(c);
        if (m)
            return m[1];
    }
    return undefined;
}
