import { type EnvscriptFormat } from '../envscript-format.js';
import type { CommandModule } from './command-module.js';
import type { OperationContext } from './context.js';
export interface EnvscriptRequest {
    /** component.toml path (relative to the working directory); default component.toml. */
    toml?: string;
    /** toml names a file other than the default: it must exist (exit 2), as for version-update. */
    tomlExplicit?: boolean;
    /** File to append to; undefined = stdout. */
    output?: string;
    format: EnvscriptFormat;
    /** Component whose latest version gives GIT_PREVIOUS_COMPONENT_COMMIT (default: Name/Variant of the TOML). */
    componentName?: string;
    componentVariant?: string;
    /** Print the text on stdout when there is no output file (or on a dry run). Default true; false under --json. */
    print?: boolean;
    /** Same as ctx.dryRun (either one makes it a dry run). */
    dryRun?: boolean;
}
export interface EnvscriptResult {
    ok: true;
    operation: 'envscript';
    /** Absolute path appended to, or null when printed. */
    file: string | null;
    format: string;
    variables: Record<string, string>;
    /** The text written (or that would be written on a dry run). */
    script?: string;
    dryRun?: boolean;
}
/**
 * Keys never written, whatever their value: the Ortelius connection settings and every name that is secret by
 * the rule the Redactor's registration uses too (secret-names.ts).
 */
export declare function isForbiddenKey(key: string): boolean;
export declare function envscript(ctx: OperationContext, req: EnvscriptRequest): Promise<EnvscriptResult>;
export declare const envscriptCommand: CommandModule<EnvscriptRequest, EnvscriptResult>;
