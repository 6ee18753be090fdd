/** The value quoted on one line, every control character escaped (`"GLOBAL.A.c\nx"`). */
export declare function quoteName(value: string): string;
/**
 * What is wrong with one name input (component name, variant or version, application name or version,
 * environment), as one line naming it and the character, or undefined. `separators`: the value is a full
 * name whose `;` separate its parts (`GLOBAL.Acme.cart;main;v1`), so only control characters are refused.
 */
export declare function namePartProblem(value: string, what: string, opts?: {
    separators?: boolean;
}): string | undefined;
/** Throws InvalidInputError (exit 2) with namePartProblem's line. */
export declare function assertNamePart(value: string, what: string, opts?: {
    separators?: boolean;
}): void;
/** Cleans a version or application version: `.` and `-` -> `_`. Refuses `;` and control characters (exit 2). */
export declare function cleanVersion(v: string, what?: string): string;
/** Cleans a variant: `.`, `-` and `/` -> `_`. Refuses `;` and control characters (exit 2). */
export declare function cleanVariant(v: string, what?: string): string;
export interface DottedName {
    domain: string;
    short: string;
}
/**
 * Splits `GLOBAL.Acme.Store.hello-svc` into domain `GLOBAL.Acme.Store` and short `hello-svc`.
 * A `;` part (variant/version) must already be removed. Throws when there is no domain.
 */
export declare function splitDomain(name: string, what?: string): DottedName;
export interface ComponentNameParts {
    domain: string;
    short: string;
    variant?: string;
    version?: string;
}
/**
 * Builds cleaned component name parts from the raw Name/Variant/Version (section 8.1):
 * - a `;` inside Name splits off variant and version parts given there;
 * - no variant: the version is used alone (`short;version`);
 * - no variant and a version with `-v`/`-V`: the text before becomes the variant (section 5.2 step 1).
 */
export declare function componentParts(name: string, variant?: string, version?: string): ComponentNameParts;
/** `short;variant` or `short` */
export declare function componentBaseShort(p: ComponentNameParts): string;
/** `domain.short;variant` */
export declare function componentBaseName(p: ComponentNameParts): string;
/** `short;variant;version` (or `short;version`) */
export declare function componentVersionShort(p: ComponentNameParts & {
    version: string;
}): string;
/** `domain.short;variant;version` */
export declare function componentVersionName(p: ComponentNameParts & {
    version: string;
}): string;
/** Splits a full component version name back into parts (inverse of componentVersionName). */
export declare function parseComponentVersionName(full: string): ComponentNameParts & {
    version: string;
};
/**
 * True when the full component version name `cv` is one a component filter names (history --component-name):
 * a base `domain.short` names every variant and version, `domain.short;variant` every version of that variant
 * (and a variant-less version of that name), a full version name exactly that version.
 */
export declare function componentMatches(filter: string, cv: string): boolean;
/** Base of a full component version name: drops the last `;` part. */
export declare function baseOfComponentVersion(full: string): string;
export interface ApplicationNameParts {
    domain: string;
    short: string;
    version?: string;
}
/**
 * Application name parts: `GLOBAL.Acme.Store.shop[;1.0.0]` with an optional separate version.
 * As the reference: with no version given and a `;` in the name, its last part is the version.
 */
export declare function applicationParts(name: string, version?: string): ApplicationNameParts;
export declare function applicationBaseName(p: ApplicationNameParts): string;
export declare function applicationVersionName(p: ApplicationNameParts & {
    version: string;
}): string;
/**
 * The next version after `v` (sections 8.1 step 2 and 8.2 step 4, with the reference's bugs fixed):
 * the last `_` field +1 when numeric; all digits +1; trailing digits +1 (`v7` -> `v8`); else `_1` appended.
 */
export declare function bumpVersion(v: string): string;
/**
 * The documented auto-increment intent (ortelius-api.md 8.1): `v<schema>_<n>-g<sha>`, cleaned.
 * schema: the requested version with any `-g<sha>`/`_g<sha>` suffix and leading `v` removed (e.g. `1.5.1`);
 * n: the commit count when known, else one more than the highest n already used with this schema;
 * sha: the short commit sha when known.
 * Returns the cleaned version, e.g. `v1_5_1_145_g3d55a2`.
 */
export declare function autoIncrementVersion(opts: {
    requested?: string;
    existing: string[];
    commitCount?: number;
    sha?: string;
}): string;
