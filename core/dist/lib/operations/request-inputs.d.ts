import type { ResolvedInputs } from './command-module.js';
/** A trimmed string input, or undefined when absent or blank (a repeated value keeps its last one). */
export declare function str(inputs: ResolvedInputs, name: string): string | undefined;
/** A boolean input: true/false values (booleans or the strings "true"/"false"); absent -> false. */
export declare function bool(inputs: ResolvedInputs, name: string): boolean;
/** A list input (repeatable flag): every non-blank value. */
export declare function list(inputs: ResolvedInputs, name: string): string[];
/** An integer input, or undefined when absent. */
export declare function int(inputs: ResolvedInputs, name: string): number | undefined;
/** The component.toml read when none is named (the input table's default for `toml`). */
export declare const DEFAULT_COMPONENT_TOML = "component.toml";
/**
 * The `toml` input: the path, and whether it names a file other than the default ./component.toml. Only the
 * default may be absent (the component is then named from the flags or git); a path named explicitly must
 * exist. Decided by value, not by where it came from: adapters pass the default as an ordinary input.
 */
export declare function tomlInput(inputs: ResolvedInputs): {
    path: string;
    explicit: boolean;
};
