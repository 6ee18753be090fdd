export declare const ENVSCRIPT_FORMATS: readonly ["sh", "dotenv", "json", "github"];
export type EnvscriptFormat = (typeof ENVSCRIPT_FORMATS)[number];
/** Names a POSIX shell (and every other format here) accepts as a variable. */
export declare const VARIABLE_NAME: RegExp;
/** Byte-order comparison of keys (as the reference's sorted(), independent of locale). */
export declare function byteOrder(a: string, b: string): number;
export declare function shQuote(value: string): string;
export declare function dotenvQuote(value: string): string;
/** A heredoc delimiter that occurs nowhere in the value. */
export declare function githubDelimiter(value: string, random?: () => string): string;
/** Formats already-sorted, already-filtered variables. Ends with a newline unless empty (json: always `{}`). */
export declare function formatVariables(vars: ReadonlyArray<readonly [string, string]>, format: EnvscriptFormat, random?: () => string): string;
