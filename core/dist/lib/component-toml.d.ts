import type { GitFacts } from './git-facts.js';
import type { Host } from './host.js';
export interface ComponentToml {
    /** Absolute path of the file read. */
    file: string;
    /** Top-level string values (and integers/booleans as text), substituted. */
    values: Record<string, string>;
    /** [Attributes], substituted. */
    attributes: Record<string, string>;
    /** [Export], substituted (TOML values first, then the environment). */
    exports: Record<string, string>;
}
/** Top-level keys that must be strings when present. */
export declare const STRING_KEYS: readonly ["Name", "Variant", "Version", "Application", "Application_Version", "DeployEnv", "Kind"];
type Lookup = (name: string) => string | undefined;
/**
 * Replaces `$NAME` and `${NAME}` using lookup; unknown names, a lone `$` and malformed braces such as
 * `${GIT_TAG)` stay literal; `$$` becomes `$`. One pass: substituted text is never scanned again.
 */
export declare function substitute(text: string, lookup: Lookup): string;
/**
 * undefined when the file does not exist; ConfigError (exit 2) naming file and line for malformed TOML or
 * non-string values where strings are needed. `vars` = environment + derived build variables.
 * Lookup order for Name, Version, [Attributes], ...: vars, then the TOML's own values (top level, [Attributes]
 * overriding, resolved recursively), then [Export] keys. For [Export] values: the TOML's values first, then vars.
 */
export declare function readComponentToml(host: Host, opts: {
    path: string;
    vars: Record<string, string | undefined>;
}): Promise<ComponentToml | undefined>;
/** The pure part of readComponentToml (for callers that already hold the text). */
export declare function parseComponentToml(text: string, opts: {
    file: string;
    display?: string;
    vars: Record<string, string | undefined>;
}): ComponentToml;
/**
 * Missing component.toml: Name="GLOBAL.<org>.<repo>", Variant=<branch>, Version="v<commit count>" from git
 * (section 5 step 3), without writing a file. Only the parts git can tell are returned.
 */
export declare function componentFromGit(git: GitFacts): {
    Name?: string;
    Variant?: string;
    Version?: string;
};
export {};
