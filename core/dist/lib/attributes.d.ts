import type { Env, Host } from './host.js';
import type { CiContext } from './model.js';
/**
 * Derived defaults from env (DOCKERREPO|IMAGE_REPO, DOCKERTAG|IMAGE_TAG, DOCKERSHA|DIGEST, BUILD_URL, ...),
 * the build variables (GIT_*, SHORT_SHA; env wins) and the CI context. Only non-empty values.
 */
export declare function derivedAttributes(opts: {
    env: Env;
    vars: Record<string, string>;
    ci: CiContext;
    now: Date;
}): Record<string, string>;
/**
 * `registry:5000/org/app:1.2@sha256:abc` -> repo `registry:5000/org/app`, tag `1.2`, digest `sha256:abc`.
 * A `:` only separates a tag when no `/` follows it (a registry port is not a tag).
 */
export declare function splitImage(ref: string | undefined): {
    repo?: string;
    tag?: string;
    digest?: string;
};
/**
 * `--attr` arguments: KEY=VALUE or KEY:VALUE (whichever separator comes first); VALUE `@path` reads the file
 * (relative to host.cwd, surrounding newlines trimmed); a value containing `@sha256:` keeps only the digest.
 * Every bad argument (no separator, bad KEY, unreadable @file) is named in one InvalidInputError.
 */
export declare function parseAttrArgs(host: Host, args: string[]): Promise<Record<string, string>>;
/** Section 5.2 step 6: files looked for in host.cwd when no attribute points elsewhere. */
export declare const DEFAULT_FILES: Readonly<Record<'readme' | 'license' | 'swagger', readonly string[]>>;
export interface ResolvedAttributes {
    attributes: Record<string, string>;
    files: {
        readme?: string;
        license?: string;
        swagger?: string;
        gradleLicense?: string;
    };
}
/**
 * Precedence flags > toml [Attributes] > derived; empty values dropped. Readme/License/Swagger/GradleLicense
 * keys (any case) are removed from the attributes and the files they point to (or the default README*,
 * LICENSE*, swagger/openapi files in host.cwd) are returned as text; a missing pointed-to file is a warning.
 */
export declare function resolveAttributes(host: Host, opts: {
    toml: Record<string, string>;
    derived: Record<string, string>;
    flags: Record<string, string>;
}): Promise<ResolvedAttributes>;
