/**
 * Answers of an Ortelius server and what they mean (shared/ortelius-api.md section 4): JSON parsing, the
 * refused-session and not-found texts, and the mapping of `success:false` errors onto the error catalogue.
 */
import { BackendError, type ShiplogError } from '../../errors.js';
export type Json = Record<string, unknown>;
export declare const AUTH_REFUSED: RegExp;
export declare const NOT_FOUND: RegExp;
export declare const NO_PERMISSION: RegExp;
export declare function businessError(msg: string, what: string): ShiplogError;
export declare function malformed(what: string, expected: string): BackendError;
export declare function tryParse(text: unknown): Json | Json[] | undefined;
export declare function tokenFromCookies(setCookie: string[] | string | undefined): string | undefined;
